package ocr

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/minsheng/minsheng/idnumber"
)

// person is a made-up card holder for images rendered by the tests.
type person struct {
	Name, Sex, Ethnicity string
	Birth                time.Time
	Address, IDNumber    string
	Authority            string
	ValidFrom, Until     string
}

var (
	fontOnce sync.Once
	cjkFont  *opentype.Font
	fontErr  error
)

func loadFont(t testing.TB) *opentype.Font {
	fontOnce.Do(func() {
		b, err := os.ReadFile("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
		if err != nil {
			fontErr = err
			return
		}
		c, err := opentype.ParseCollection(b)
		if err != nil {
			fontErr = err
			return
		}
		cjkFont, fontErr = c.Font(2) // Noto Sans CJK SC
	})
	if fontErr != nil {
		t.Fatalf("font: %v (fonts-noto-cjk)", fontErr)
	}
	return cjkFont
}

func face(t testing.TB, size float64) font.Face {
	f, err := opentype.NewFace(loadFont(t), &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func drawText(dst draw.Image, f font.Face, c color.Color, x, y int, s string) {
	d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

var testNames = []string{"王秀英", "李建国", "张伟", "刘芳", "陈志强", "杨丽娟", "赵敏", "黄晓明", "周杰", "吴桂兰", "欧阳春华", "马超"}
var testEthnic = []string{"汉", "汉", "汉", "回", "满", "蒙古", "壮", "维吾尔", "土家", "苗"}
var testAddr = []string{"江苏省南京市玄武区梅园新村街道长江路292号3栋2单元501室", "四川省成都市武侯区望江路1号", "北京市东城区东华门街道南池子大街12号院4号楼", "广东省广州市天河区林和西路169号1801房"}
var testDiv = []string{"320102", "510107", "110101", "440106", "330106", "420111"}

func newTestPerson(r *rand.Rand) person {
	birth := time.Date(1940+r.IntN(65), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	seq := fmt.Sprintf("%03d", r.IntN(1000))
	first17 := testDiv[r.IntN(len(testDiv))] + birth.Format("20060102") + seq
	c, _ := idnumber.CheckDigit(first17)
	sex := "女"
	if (seq[2]-'0')%2 == 1 {
		sex = "男"
	}
	from := time.Date(2010+r.IntN(14), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	until := from.AddDate(20, 0, 0).Format("2006.01.02")
	if r.IntN(3) == 0 {
		until = "长期"
	}
	return person{
		Name: testNames[r.IntN(len(testNames))], Sex: sex, Ethnicity: testEthnic[r.IntN(len(testEthnic))],
		Birth: birth, Address: testAddr[r.IntN(len(testAddr))], IDNumber: first17 + string(c),
		Authority: "南京市公安局玄武分局", ValidFrom: from.Format("2006.01.02"), Until: until,
	}
}

// renderFront draws a card front with the real layout at 10 px/mm.
func renderFront(t testing.TB, p person) *image.RGBA {
	const W, H = 856, 540
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{242, 240, 232, 255}), image.Point{}, draw.Src)
	label := color.RGBA{40, 110, 170, 255}
	ink := color.RGBA{20, 20, 20, 255}
	lf, vf, nf := face(t, 26), face(t, 32), face(t, 36)
	drawText(img, lf, label, 50, 95, "姓 名")
	drawText(img, vf, ink, 150, 95, p.Name)
	drawText(img, lf, label, 50, 160, "性 别")
	drawText(img, vf, ink, 150, 160, p.Sex)
	drawText(img, lf, label, 260, 160, "民 族")
	drawText(img, vf, ink, 350, 160, p.Ethnicity)
	drawText(img, lf, label, 50, 225, "出 生")
	y, m, d := p.Birth.Date()
	drawText(img, vf, ink, 150, 225, fmt.Sprintf("%d", y))
	drawText(img, lf, label, 240, 225, "年")
	drawText(img, vf, ink, 285, 225, fmt.Sprintf("%d", m))
	drawText(img, lf, label, 330, 225, "月")
	drawText(img, vf, ink, 375, 225, fmt.Sprintf("%d", d))
	drawText(img, lf, label, 420, 225, "日")
	drawText(img, lf, label, 50, 290, "住 址")
	addr := []rune(p.Address)
	for i := 0; len(addr) > 0; i++ {
		n := min(11, len(addr))
		drawText(img, vf, ink, 150, 290+i*48, string(addr[:n]))
		addr = addr[n:]
	}
	drawText(img, lf, label, 50, 470, "公民身份号码")
	drawText(img, nf, ink, 280, 472, p.IDNumber)
	draw.Draw(img, image.Rect(560, 60, 810, 380), image.NewUniform(color.RGBA{200, 205, 210, 255}), image.Point{}, draw.Src)
	return img
}

// renderBack draws a card back.
func renderBack(t testing.TB, p person) *image.RGBA {
	const W, H = 856, 540
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{242, 240, 232, 255}), image.Point{}, draw.Src)
	label := color.RGBA{40, 110, 170, 255}
	ink := color.RGBA{20, 20, 20, 255}
	drawText(img, face(t, 40), ink, 260, 130, "中华人民共和国")
	drawText(img, face(t, 56), ink, 240, 240, "居民身份证")
	lf, vf := face(t, 26), face(t, 30)
	drawText(img, lf, label, 160, 400, "签发机关")
	drawText(img, vf, ink, 300, 400, p.Authority)
	drawText(img, lf, label, 160, 470, "有效期限")
	drawText(img, vf, ink, 300, 470, p.ValidFrom+"-"+p.Until)
	return img
}
