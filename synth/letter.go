package synth

import (
	"fmt"
	"image"
	"image/color"
	"math/rand"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font"
)

// A4 at 150 dots per inch: 210 × 297 mm.
const (
	LetterWidth  = 1240
	LetterHeight = 1754
)

// problem is one kind of local trouble a petition letter is about; %[1]s
// in the sentences is the place.
type problem struct {
	what     string   // first paragraph, after the writer says who they are
	impact   []string // consequences, two are picked
	asked    string   // whom they already asked
	response string   // what came of it
	want     string   // what they ask the bureau to make happen
}

var problems = []problem{
	{
		what:     "我们小区%[1]s的电梯经常出现故障，最近一个月已经停运了五次，有一次还把一位老人困在里面将近一个小时。",
		impact:   []string{"楼里住着不少行动不便的老人，电梯一停只能走楼梯，上下楼非常困难。", "孩子上学放学也受到影响，大家都担心再次发生困人事故。", "电梯维保记录已经很久没有更新，居民对安全问题十分担忧。"},
		asked:    "物业公司和社区居委会",
		response: "物业只是派人简单修理，过几天又出同样的问题",
		want:     "督促物业公司尽快对电梯进行全面检修，必要时更换老旧部件，并公开维保情况",
	},
	{
		what:     "%[1]s附近新开了一家烧烤店，每天营业到凌晨两三点，噪音和油烟严重影响周边居民休息。",
		impact:   []string{"很多居民晚上无法入睡，第二天上班精神很差。", "油烟直接排到楼道里，窗户都不敢打开，衣服也不能晾在外面。", "店门口还经常有人喝酒吵闹，存在安全隐患。"},
		asked:    "街道办事处和城管部门",
		response: "他们来过几次，但店家只是收敛几天，很快又恢复原样",
		want:     "协调城管、环保等部门依法处理，规范营业时间，安装油烟净化设备",
	},
	{
		what:     "%[1]s一带的路灯已经坏了三个多月，晚上整条路漆黑一片，路面还有几处坑洼没有修补。",
		impact:   []string{"晚上下班回家的居民只能摸黑走路，已经有人摔伤。", "学生晚自习放学经过这里，家长都很担心安全问题。", "附近最近发生了两起电动车被盗的事情，大家心里很不踏实。"},
		asked:    "社区和市政维修热线",
		response: "对方答应会安排人员处理，但到现在一直没有人来修",
		want:     "协调有关部门尽快修复路灯并修补路面，保障居民夜间出行安全",
	},
	{
		what:     "%[1]s的污水管道堵塞，每逢下雨污水就从井盖里冒出来，流到小区道路和一楼住户门口。",
		impact:   []string{"污水气味很重，夏天蚊蝇很多，居民苦不堪言。", "一楼住户家里已经被淹过两次，家具和电器都有损坏。", "小区里的老人和孩子出门都要绕着走，非常不方便。"},
		asked:    "物业公司和水务部门",
		response: "双方互相推诿，都说不归自己管",
		want:     "明确管道维修责任，尽快疏通和改造排水管网，彻底解决污水外溢问题",
	},
	{
		what:     "%[1]s有住户在楼顶和绿地上违规搭建了彩钢房，占用了公共空间，还私自接电使用。",
		impact:   []string{"违建挡住了消防通道，一旦发生火灾后果不堪设想。", "私拉电线存在很大的安全隐患，雨天还经常跳闸。", "其他住户看到没人管，也开始效仿，小区环境越来越乱。"},
		asked:    "社区居委会和城管执法队",
		response: "他们登记了情况，但一直没有采取拆除措施",
		want:     "依法拆除违章建筑，恢复公共绿地和消防通道",
	},
	{
		what:     "%[1]s的垃圾清运很不及时，垃圾桶经常满了好几天也没有人来收，垃圾堆到了路边。",
		impact:   []string{"天气一热臭味熏天，路过的人都要捂着鼻子。", "垃圾堆引来大量老鼠和苍蝇，居民担心传播疾病。", "附近的小学门口也受到影响，孩子们每天都要经过这里。"},
		asked:    "环卫所和物业公司",
		response: "清运情况只改善了几天，之后又回到老样子",
		want:     "督促环卫部门按时清运垃圾，增加垃圾桶数量，建立长效管理机制",
	},
	{
		what:     "我在%[1]s附近的一个建筑工地打工，已经干了八个月，包工头至今拖欠我们十几名工人的工资没有发放。",
		impact:   []string{"家里老人看病和孩子上学都等着这笔钱，生活非常困难。", "我们多次讨要，对方总是以各种理由推脱。", "马上就要过年了，大家都很着急，不知道该怎么办。"},
		asked:    "施工单位和劳动监察部门",
		response: "施工单位说钱已经付给了包工头，包工头却一直联系不上",
		want:     "协调劳动监察部门督促施工单位依法支付拖欠的工资，维护我们的合法权益",
	},
	{
		what:     "%[1]s的冬季供暖一直不达标，室内温度只有十二三度，有时候暖气片几乎是凉的。",
		impact:   []string{"家里的老人和小孩都冻感冒了，只能开电暖器取暖。", "我们按时足额交了取暖费，却享受不到应有的服务。", "邻居们都有同样的情况，大家意见很大。"},
		asked:    "供热公司客服热线",
		response: "供热公司来测过温度，说管道老化，需要等明年改造",
		want:     "督促供热公司尽快排查维修，保证室内温度达到标准，并对不达标期间的费用给予说法",
	},
}

var closings = []string{"以上情况属实，恳请领导重视。", "希望有关部门能够尽快调查处理。", "感谢领导在百忙之中阅读此信。"}

// Letter renders a petition letter on an A4 page and returns it with its
// text: the salutation, two to four paragraphs about a local problem, the
// closing, the signature, a phone number and the date, one paragraph per
// line of text (separated by "\n"; the page wraps them).
func Letter(r *rand.Rand) (image.Image, string) {
	text := letterText(r)
	return renderLetter(r, text), text
}

func letterText(r *rand.Rand) string {
	list := allDivisions()
	var district division
	for {
		district = list[r.Intn(len(list))]
		if strings.HasSuffix(district.county, "区") {
			break
		}
	}
	place := estates[r.Intn(len(estates))] + []string{"小区", "花园", "家园", "新村"}[r.Intn(4)]
	p := problems[r.Intn(len(problems))]
	name := personName(r, r.Intn(2) == 0)

	var paras []string
	paras = append(paras, fmt.Sprintf("尊敬的%s信访局领导：", district.county))
	building := fmt.Sprintf("%d栋", 1+r.Intn(20))
	paras = append(paras, fmt.Sprintf("您好！我叫%s，是%s%s的居民。", name, place, building)+fmt.Sprintf(p.what, place))
	i := r.Intn(len(p.impact))
	j := (i + 1 + r.Intn(len(p.impact)-1)) % len(p.impact)
	n := 2 + r.Intn(3) // paragraphs in the body
	if n >= 3 {
		paras = append(paras, p.impact[i]+p.impact[j])
	} else {
		paras[1] += p.impact[i]
	}
	if n >= 4 {
		paras = append(paras, fmt.Sprintf("我们曾经多次向%s反映这个问题，%s。", p.asked, p.response))
	}
	paras = append(paras, fmt.Sprintf("恳请贵局%s。%s", p.want, closings[r.Intn(len(closings))]))
	paras = append(paras, "此致", "敬礼！")
	paras = append(paras, "信访人："+name)
	paras = append(paras, "联系电话："+phoneNumber(r))
	day := Today.AddDate(0, 0, -r.Intn(365))
	paras = append(paras, fmt.Sprintf("%d年%d月%d日", day.Year(), int(day.Month()), day.Day()))
	return strings.Join(paras, "\n")
}

func phoneNumber(r *rand.Rand) string {
	prefixes := []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159", "166", "177", "180", "181", "186", "187", "188", "189", "199"}
	return fmt.Sprintf("%s%08d", prefixes[r.Intn(len(prefixes))], r.Intn(100000000))
}

// renderLetter lays the paragraphs out as a printed letter: the salutation
// and "敬礼！" flush left, body paragraphs and "此致" indented by two
// characters, signature, phone and date right-aligned, on off-white paper,
// sometimes ruled like letter paper.
func renderLetter(r *rand.Rand, text string) image.Image {
	f := loadFonts()
	img := image.NewRGBA(image.Rect(0, 0, LetterWidth, LetterHeight))
	paper := color.RGBA{uint8(246 + r.Intn(8)), uint8(244 + r.Intn(8)), uint8(236 + r.Intn(10)), 0xff}
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = paper.R, paper.G, paper.B, 0xff
	}
	fnt := f.serif
	if r.Intn(2) == 0 {
		fnt = f.sans
	}
	size := 34.0 + float64(r.Intn(7))
	spacing := 1.6 + r.Float64()*0.3
	ruled := r.Intn(2) == 0
	const left, right, top, bottom = 130.0, LetterWidth - 130.0, 170.0, LetterHeight - 110.0

	// A long letter gets a smaller face so it stays on one page.
	var lines []placed
	for {
		lines = layout(face(fnt, size), size, size*spacing, text, left, right, top)
		if lines[len(lines)-1].y <= bottom || size <= 24 {
			break
		}
		size -= 2
	}
	if ruled {
		rule := color.RGBA{0xe0, 0xb8, 0xb8, 0xff}
		for ly := top + size*0.3; ly < LetterHeight-80; ly += size * spacing {
			for x := int(left) - 20; x < int(right)+20; x++ {
				img.SetRGBA(x, int(ly), rule)
			}
		}
	}
	fc := face(fnt, size)
	ink := color.RGBA{0x18, 0x18, 0x20, 0xff}
	for _, l := range lines {
		drawText(img, fc, ink, l.x, l.y, 0, l.text)
	}
	return img
}

type placed struct {
	x, y float64
	text string
}

func layout(fc font.Face, size, lineHeight float64, text string, left, right, top float64) []placed {
	var out []placed
	paras := strings.Split(text, "\n")
	y := top
	for i, para := range paras {
		x := left
		switch {
		case i == 0 || para == "敬礼！":
		case i >= len(paras)-3: // signature, phone, date
			x = right - width(fc, 0, para)
		default:
			x = left + 2*size
		}
		for para != "" {
			n, w := 0, 0.0
			for _, c := range para {
				adv, _ := fc.GlyphAdvance(c)
				if w+float64(adv)/64 > right-x {
					break
				}
				w += float64(adv) / 64
				n += utf8.RuneLen(c)
			}
			line := para[:n]
			para = para[n:]
			// Chinese typesetting keeps closing punctuation off the start
			// of a line: it hangs in the margin instead.
			if c, size := utf8.DecodeRuneInString(para); para != "" && strings.ContainsRune("，。！？；：、）", c) {
				line += para[:size]
				para = para[size:]
			}
			out = append(out, placed{x, y, line})
			y += lineHeight
			x = left
		}
	}
	return out
}
