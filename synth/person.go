package synth

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	divisions "github.com/guanguans/id-validator/data"

	"github.com/minsheng/minsheng/idnumber"
)

// Person is what a resident ID card says about its holder, spelled as the
// card prints it (ethnicity "汉", not "汉族"; dates of validity "2016.03.01").
type Person struct {
	Name, Sex, Ethnicity string
	Birth                time.Time
	Address, IDNumber    string
	Authority            string
	ValidFrom            string // "2020.01.02"
	ValidUntil           string // "2030.01.02" or "长期"
}

// Today is the date people are generated against (ages, issue dates). It is
// fixed rather than read from the clock so a seed gives the same people on
// any day.
var Today = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// Common surnames, roughly in order of frequency; the first ones are picked
// more often, as in a real population.
var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "慕容"}

var maleGiven = []rune("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志文东海峰成军永德兴家庆春晓新")
var femaleGiven = []rune("芳娜敏静丽艳娟霞燕玲桂秀英华慧巧美淑惠珍雪琳晶婷倩颖洁萍红梅兰凤云琴莉玉佳欣怡雨")

// Minority ethnicities as printed on cards, with the larger groups listed
// more than once so they come up more often.
var minorities = []string{"回", "回", "满", "满", "壮", "壮", "维吾尔", "苗", "彝", "土家", "藏", "蒙古", "侗", "布依", "瑶", "白", "朝鲜", "哈尼", "黎", "哈萨克", "傣"}

var roads = []string{"中山路", "人民路", "解放路", "建设路", "和平路", "新华路", "长江路", "胜利路", "文化路", "幸福路", "光明路", "青年路", "东风路", "朝阳路", "北京路", "民主路", "团结路", "健康路", "工农路", "迎宾大道", "滨河路", "学府路", "春晖街", "育才街", "花园街"}
var estates = []string{"阳光", "金桥", "翠湖", "锦绣", "幸福", "华府", "东方", "绿城", "碧水", "和谐", "丽景", "康居", "明珠", "怡园", "紫金"}
var towns = []string{"城关镇", "新华镇", "太平镇", "永安镇", "长安镇", "东风镇", "白马镇", "清河镇", "石桥镇", "龙泉镇", "桃源乡", "红星乡"}
var villages = []string{"王庄", "李家", "张湾", "河东", "新村", "柳树", "前进", "红旗", "杨柳", "大桥", "黄土", "双河"}

// division is a county-level code from the Ministry of Civil Affairs table
// that github.com/guanguans/id-validator ships, with the names an address
// and an issuing authority are made of.
type division struct {
	code     string
	province string // "江苏省"; "北京市" for a municipality
	city     string // "南京市"; "" for a municipality's district or a directly administered county
	county   string // "玄武区"
}

var (
	divisionsOnce sync.Once
	divisionList  []division
)

func allDivisions() []division {
	divisionsOnce.Do(func() {
		table := divisions.AddressCode()
		for code, name := range table {
			if code%100 == 0 || code/10000 >= 71 {
				// Provinces and cities are not county-level; Taiwan, Hong Kong
				// and Macao have no county rows in the table.
				continue
			}
			if name == "市辖区" || name == "县" {
				continue
			}
			d := division{code: fmt.Sprintf("%06d", code), county: name}
			d.province = table[code/10000*10000]
			if city, ok := table[code/100*100]; ok && !strings.Contains(city, "直辖") && city != "县" && city != "市辖区" {
				d.city = city
			}
			if d.province == "" {
				continue
			}
			divisionList = append(divisionList, d)
		}
		// Map iteration order is random; sort so a seed picks the same code.
		sort.Slice(divisionList, func(i, j int) bool { return divisionList[i].code < divisionList[j].code })
	})
	return divisionList
}

// NewPerson makes a person whose ID number is valid (GB 11643 check digit,
// birth date and sex encoded as on a real number, a real county division
// code) and whose address and issuing authority belong to that county.
func NewPerson(r *rand.Rand) Person {
	var p Person
	male := r.Intn(2) == 0
	p.Sex = "女"
	if male {
		p.Sex = "男"
	}
	p.Name = personName(r, male)
	p.Ethnicity = "汉"
	if r.Intn(100) < 9 { // about the minority share of the population
		p.Ethnicity = minorities[r.Intn(len(minorities))]
	}
	// Adults of 18 to 85: those who come to a petition bureau.
	age := 18 + r.Intn(68)
	p.Birth = Today.AddDate(-age, 0, -r.Intn(365))

	list := allDivisions()
	d := list[r.Intn(len(list))]
	p.Address = address(r, d)
	p.Authority = authority(d)

	// Sequence code: the last of its three digits is odd for men, even for women.
	seq := r.Intn(500)*2 + 1
	if !male {
		seq--
	}
	first17 := d.code + p.Birth.Format("20060102") + fmt.Sprintf("%03d", seq)
	check, err := idnumber.CheckDigit(first17)
	if err != nil {
		panic("synth: " + err.Error()) // first17 is built from digits only
	}
	p.IDNumber = first17 + string(check)

	p.ValidFrom, p.ValidUntil = validity(r, p.Birth)
	return p
}

func personName(r *rand.Rand, male bool) string {
	var b strings.Builder
	if r.Intn(100) == 0 {
		b.WriteString(compoundSurnames[r.Intn(len(compoundSurnames))])
	} else {
		// Squaring skews the pick toward the front of the list.
		f := r.Float64()
		b.WriteRune(surnames[int(f*f*float64(len(surnames)))])
	}
	pool := femaleGiven
	if male {
		pool = maleGiven
	}
	n := 2
	if r.Intn(4) == 0 {
		n = 1
	}
	for i := 0; i < n; i++ {
		b.WriteRune(pool[r.Intn(len(pool))])
	}
	return b.String()
}

func address(r *rand.Rand, d division) string {
	var b strings.Builder
	b.WriteString(d.province)
	b.WriteString(d.city)
	b.WriteString(d.county)
	if strings.HasSuffix(d.county, "县") || strings.HasSuffix(d.county, "旗") || r.Intn(5) == 0 {
		fmt.Fprintf(&b, "%s%s村%d组%d号", towns[r.Intn(len(towns))], villages[r.Intn(len(villages))], 1+r.Intn(12), 1+r.Intn(80))
		return b.String()
	}
	b.WriteString(roads[r.Intn(len(roads))])
	fmt.Fprintf(&b, "%d号", 1+r.Intn(300))
	// The card has three lines of about eleven characters for the address;
	// long division names leave no room for the estate.
	if r.Intn(3) > 0 && utf8.RuneCountInString(b.String()) <= 20 {
		fmt.Fprintf(&b, "%s小区%d幢%d单元%d室", estates[r.Intn(len(estates))], 1+r.Intn(30), 1+r.Intn(4), (1+r.Intn(18))*100+1+r.Intn(4))
	}
	return b.String()
}

// authority is the public security bureau that issues cards in the county:
// a city district's branch ("南京市公安局玄武分局"), otherwise the county's
// or county-level city's own bureau ("沛县公安局").
func authority(d division) string {
	city := d.city
	if city == "" && strings.HasSuffix(d.province, "市") {
		city = d.province // a municipality's district
	}
	short := []rune(d.county)
	if city != "" && strings.HasSuffix(d.county, "区") && len(short) > 2 {
		return city + "公安局" + string(short[:len(short)-1]) + "分局"
	}
	if city != "" && strings.HasSuffix(d.county, "区") {
		return city + "公安局" + d.county + "分局"
	}
	return d.county + "公安局"
}

// validity picks the most recent issue date at or before Today and the
// term the Resident Identity Card Law (art. 5) sets by age at issue: 16–25
// ten years, 26–45 twenty years, 46 and over long-term ("长期"); under 16
// five years.
func validity(r *rand.Rand, birth time.Time) (from, until string) {
	issued := birth.AddDate(16, 0, r.Intn(365))
	for {
		years := termYears(ageAt(birth, issued))
		if years == 0 {
			break
		}
		next := issued.AddDate(years, 0, 0)
		if next.After(Today) {
			break
		}
		// Renewed within a few months of expiry.
		issued = next.AddDate(0, 0, -r.Intn(90))
	}
	from = issued.Format("2006.01.02")
	years := termYears(ageAt(birth, issued))
	if years == 0 {
		return from, "长期"
	}
	return from, issued.AddDate(years, 0, 0).Format("2006.01.02")
}

func termYears(age int) int {
	switch {
	case age < 16:
		return 5
	case age <= 25:
		return 10
	case age <= 45:
		return 20
	default:
		return 0
	}
}

func ageAt(birth, at time.Time) int {
	age := at.Year() - birth.Year()
	if at.Month() < birth.Month() || at.Month() == birth.Month() && at.Day() < birth.Day() {
		age--
	}
	return age
}
