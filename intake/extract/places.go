package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A place is a run of address parts ("atoms"), each a name followed by a
// place word: 玄武区 / 珠江路 / 88号, 阳光小区 / 3栋 / 2单元, 乌衣村 / 王庄组.
// Named parts need a name of at least two characters, which keeps out
// everyday words that end in a place word (超市, 城市, 道路, 夜市, 学区).
// Numbered parts (88号, 3栋, 三组) need a number or letter in front.
//
// Names may not contain the function words in stop: without that, 我家住在
// would be read as the start of 我家住在玄武区.
const (
	stop     = `在住于到的是从我你他她它们这那该个把被对了也都还就又很向给去来离有或及与和让叫说要想能会没不请帮问年月日`
	nameChar = `[^` + stop + `0-9\p{P}\p{S}\p{Z}\p{C}]`
	numChar  = `[0-9A-Za-z一二三四五六七八九十百零〇两\-]`
)

// Longer place words first: the regexp takes the first alternative that
// fits, and 菜市场 must win over 市场.
var (
	namedWords = []string{
		"特别行政区", "自治区", "自治州", "街道办", "街道", "社区", "小区", "新村", "花园", "家园", "公寓", "大厦",
		"广场", "公园", "学校", "小学", "中学", "大学", "幼儿园", "医院", "卫生院", "卫生服务中心",
		"菜市场", "农贸市场", "菜场", "市场", "商场", "超市", "地铁站", "公交站", "车站",
		"十字路口", "交叉口", "路口", "大道", "大街", "胡同", "路", "街", "巷", "弄",
		"省", "市", "区", "县", "镇", "乡", "村", "组", "苑", "桥",
	}
	numberedWords = []string{"号楼", "号院", "单元", "号", "栋", "幢", "座", "室", "楼", "层", "组", "期", "排"}

	// strong words make a place on their own; a lone 玄武区 or 88号 does not.
	strong = map[string]bool{
		"社区": true, "小区": true, "新村": true, "花园": true, "家园": true, "公寓": true, "大厦": true,
		"广场": true, "公园": true, "学校": true, "小学": true, "中学": true, "大学": true, "幼儿园": true,
		"医院": true, "卫生院": true, "卫生服务中心": true, "菜市场": true, "农贸市场": true, "菜场": true,
		"市场": true, "商场": true, "超市": true, "地铁站": true, "公交站": true, "车站": true,
		"十字路口": true, "交叉口": true, "路口": true, "大道": true, "大街": true, "胡同": true,
		"路": true, "街": true, "巷": true, "弄": true, "街道": true, "街道办": true, "村": true, "苑": true, "桥": true,
	}

	// notPlaces end in a place word but name no place.
	notPlaces = map[string]bool{
		"道路": true, "马路": true, "公路": true, "线路": true, "思路": true, "出路": true, "走路": true, "一路": true, "半路": true,
		"网路": true, "电路": true, "水路": true, "门路": true, "套路": true, "老路": true, "大路": true, "小路": true, "上路": true,
		"城市": true, "超市": true, "夜市": true, "门市": true, "菜市": true, "上市": true,
		"小区": true, "社区": true, "街道": true, "地区": true, "市区": true, "城区": true, "郊区": true, "辖区": true, "学区": true,
		"景区": true, "园区": true, "片区": true, "新区": true, "老小区": true, "整个小区": true,
		"农村": true, "新村": true, "山村": true, "乡村": true,
		"医院": true, "学校": true, "公园": true, "广场": true, "市场": true, "菜场": true, "路口": true, "车站": true,
		"大桥": true, "过街": true, "上街": true, "逛街": true, "沿街": true, "临街": true,
	}

	// bareWords may follow another part without a name of their own:
	// 锁金村 / 街道, 珠江路 / 交叉口.
	bareWords = []string{"街道办", "街道", "社区", "小区", "十字路口", "交叉口", "路口"}

	// leadWords are verbs and nouns that often come right before a place
	// and would otherwise be read as part of its name.
	leadWords = []string{"反映", "投诉", "举报", "位于", "户籍地址", "家庭住址", "现住址", "户籍地", "居住地", "地址", "住址", "地点", "家住", "居住", "本人", "我们", "咨询",
		"附近", "旁边", "对面", "门口", "楼下", "隔壁", "目前", "现在", "今天", "昨天", "最近", "一直", "经常",
		"这里", "那里", "哪里", "以及", "还有", "另外", "其中", "所在", "位置", "就在", "路过", "经过", "前往", "去往"}
)

var placeRE = func() *regexp.Regexp {
	atom := `(?:` + nameChar + `{2,10}?(?:` + strings.Join(namedWords, "|") + `)|` +
		numChar + `{1,6}(?:` + strings.Join(numberedWords, "|") + `))`
	part := `(?:` + strings.Join(bareWords, "|") + `|` + atom + `)`
	return regexp.MustCompile(atom + part + `*(?:[与和跟同至到]` + atom + part + `*)*`)
}()

var atomRE = func() *regexp.Regexp {
	named := `(` + nameChar + `{2,10}?)(` + strings.Join(namedWords, "|") + `)`
	numbered := `(` + numChar + `{1,6})(` + strings.Join(numberedWords, "|") + `)`
	return regexp.MustCompile(named + `|` + numbered)
}()

// Places finds address-like spans in s: 玄武区珠江路88号, 锁金村街道锁金新村社区,
// 阳光小区3栋2单元, 乌衣村王庄组, 中山路与珠江路交叉口, 鼓楼医院. Spans inside a
// longer span are dropped, and each span appears once.
func Places(s string) []string {
	var spans []string
	for _, m := range placeRE.FindAllString(s, -1) {
		m = trimLead(m)
		if isPlace(m) {
			spans = append(spans, m)
		}
	}
	var out []string
	for i, a := range spans {
		keep := true
		for j, b := range spans {
			if i != j && (len(b) > len(a) && strings.Contains(b, a) || b == a && j < i) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, a)
		}
	}
	return out
}

// trimLead removes verbs and nouns that ran into the front of a place name,
// as long as what is left still reads as a place.
func trimLead(m string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range leadWords {
			i := strings.Index(m, w)
			if i < 0 {
				continue
			}
			if rest := m[i+len(w):]; rest != "" && placeRE.FindString(rest) == rest {
				m, changed = rest, true
			}
		}
	}
	return m
}

// isPlace says whether a span is specific enough to be worth filling in:
// two or more parts with at least one named part, or one named part whose
// place word is strong (a road, an estate, a landmark). Everyday words like
// 道路 and 城市 are not places.
func isPlace(m string) bool {
	if notPlaces[m] {
		return false
	}
	atoms := atomRE.FindAllStringSubmatch(m, -1)
	named, strongOne := 0, false
	for _, a := range atoms {
		if a[1] != "" {
			named++
			if strong[a[2]] && !notPlaces[a[0]] && utf8.RuneCountInString(a[1]) >= 2 {
				strongOne = true
			}
		}
	}
	if named == 0 {
		return false
	}
	return len(atoms) >= 2 || strongOne
}
