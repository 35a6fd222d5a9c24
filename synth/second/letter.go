package second

import (
	"fmt"
	"image"
	"image/color"
	"math/rand"
	"strings"
	"unicode/utf8"

	"github.com/minsheng/minsheng/synth"
)

// Page: A4 at 150 dpi, as synth, so the tiers compare.
const pageW, pageH = 1240, 1754

// matters are this generator's own complaints, worded apart from synth's.
var matters = []struct{ title, what, more, ask string }{
	{"关于小区停车难问题的反映", "小区内车位严重不足，很多车辆只能停在消防通道和绿化带上，每天早晚高峰进出都要排队二十多分钟。", "上周一辆救护车因为通道被堵，耽误了十几分钟才开进来，居民们都很后怕。", "请有关部门协调规划新的停车位，并对占用消防通道的行为进行整治"},
	{"关于楼道墙面渗水的情况反映", "我家所在单元的楼道墙面长期渗水，墙皮大面积脱落，电表箱附近也有积水。", "雨季一到渗水更加严重，已经有邻居在楼道里滑倒受伤。", "请督促开发商和物业单位尽快查明渗水原因，及时维修，消除安全隐患"},
	{"关于学校周边交通安全的建议", "学校门口的路段没有设置减速带和人行横道，上下学时间车流很大，孩子们过马路非常危险。", "家长们自发在路口维持秩序，但毕竟不是长久之计。", "请交通管理部门在学校周边增设信号灯和减速带，并安排人员在高峰时段疏导交通"},
	{"关于农贸市场占道经营的反映", "农贸市场外面的人行道被摊贩全部占用，行人只能走到机动车道上。", "市场散场后地面垃圾和污水很多，气味难闻，周边商户也有意见。", "请市场监管和城管部门规范摊位管理，恢复人行道通行"},
	{"关于自来水水质问题的反映", "最近一个多月我们这一片的自来水经常发黄，烧开以后还有沉淀物，大家都不敢直接饮用。", "有的家庭只好买桶装水做饭，给生活增加了不少负担。", "请供水部门对管网进行检测和冲洗，公布水质检测结果"},
	{"关于养老金发放问题的求助", "我父亲今年七十六岁，从今年三月起养老金一直没有按时到账，我们多次到社保窗口询问也没有结果。", "老人平时看病吃药全靠这笔钱，现在家里生活很困难。", "请社保部门尽快核查原因，把拖欠的养老金补发到位"},
}

var openings = []string{"尊敬的领导：", "尊敬的信访局领导：", "各位领导：", "尊敬的12345热线工作人员："}

// Letter renders a petition letter with a layout drawn from r and returns
// it with its text, one line of text per paragraph.
func Letter(r *rand.Rand) (image.Image, string) {
	p := synth.NewPerson(r)
	m := matters[r.Intn(len(matters))]
	day := synth.Today.AddDate(0, 0, -r.Intn(300))
	phone := fmt.Sprintf("1%d%d%08d", 3+r.Intn(6), r.Intn(10), r.Intn(100000000))
	var paras []para
	if r.Intn(3) > 0 {
		paras = append(paras, para{m.title, title})
	}
	paras = append(paras,
		para{openings[r.Intn(len(openings))], flush},
		para{fmt.Sprintf("我是%s，家住%s。%s", p.Name, p.Address, m.what), indent},
		para{m.more + "我们也找过相关单位，但问题一直没有得到解决。", indent},
		para{fmt.Sprintf("在此恳%s。如需了解情况，请拨打我的电话%s。", m.ask, phone), indent},
		para{"此致", indent},
		para{"敬礼！", flush},
		para{"反映人：" + p.Name, right},
		para{fmt.Sprintf("%d年%d月%d日", day.Year(), int(day.Month()), day.Day()), right},
	)
	texts := make([]string, len(paras))
	for i, q := range paras {
		texts[i] = q.text
	}
	return drawLetter(r, paras), strings.Join(texts, "\n")
}

type align int

const (
	flush align = iota
	indent
	right
	title
)

type para struct {
	text string
	how  align
}

func drawLetter(r *rand.Rand, paras []para) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, pageW, pageH))
	tints := [][3]uint8{{255, 255, 255}, {250, 248, 240}, {246, 246, 242}, {252, 247, 235}, {244, 248, 250}}
	t := tints[r.Intn(len(tints))]
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = t[0], t[1], t[2], 0xff
	}
	faces := []typeface{serifRegular, sansRegular, serifBold, sansBold, serifRegular}
	body := faces[r.Intn(len(faces))]
	size := 28 + float64(r.Intn(11))
	lead := 1.35 + 0.65*r.Float64()
	left := 90 + 110*r.Float64()
	rightX := float64(pageW) - (90 + 90*r.Float64())
	top := 120 + 140*r.Float64()
	ink := color.RGBA{uint8(r.Intn(40)), uint8(r.Intn(40)), uint8(r.Intn(60)), 0xff}

	for {
		p := pen{img, newFace(body, size), ink, 0}
		if end := place(p, nil, paras, size, lead, left, rightX, top, r.Int63()); end < pageH-100 || size <= 22 {
			break
		}
		size -= 2
	}
	p := pen{img, newFace(body, size), ink, 0}
	tp := pen{img, newFace([]typeface{sansBold, serifBold}[r.Intn(2)], size*1.3), ink, 0}
	place(p, &tp, paras, size, lead, left, rightX, top, r.Int63())
	return img
}

// place lays the paragraphs out (drawing them when tp is not nil) and
// returns the last baseline. seed only varies the gap under the title.
func place(p pen, tp *pen, paras []para, size, lead, left, rightX, y float64, seed int64) float64 {
	draw := tp != nil
	for _, q := range paras {
		pp := p
		if q.how == title {
			if tp != nil {
				pp = *tp
			}
			x := (left + rightX - pp.measure(q.text)) / 2
			if draw {
				pp.write(x, y, q.text)
			}
			y += size * lead * (1.6 + float64(seed%5)/10)
			continue
		}
		if q.how == right {
			y += size * 0.3
		}
		x := left
		switch q.how {
		case indent:
			x = left + 2*size
		case right:
			x = rightX - p.measure(q.text) - size
		}
		s := q.text
		for s != "" {
			n, w := 0, 0.0
			for _, c := range s {
				a := p.measure(string(c))
				if w+a > rightX-x {
					break
				}
				w += a
				n += utf8.RuneLen(c)
			}
			if n == 0 {
				_, n = utf8.DecodeRuneInString(s)
			}
			line := s[:n]
			s = s[n:]
			if c, k := utf8.DecodeRuneInString(s); s != "" && strings.ContainsRune("，。！？；：、）", c) {
				line += s[:k]
				s = s[k:]
			}
			if draw {
				p.write(x, y, line)
			}
			y += size * lead
			x = left
		}
	}
	return y
}
