package second

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand"
	"strings"

	"github.com/minsheng/minsheng/synth"
)

// The card is 85.6 × 54 mm; this generator draws it at 9–12 pixels per
// millimetre (synth always uses 10), so the reader meets several scales.
const cardW, cardH = 85.6, 54.0

// cardStyle is what one card's printing varies.
type cardStyle struct {
	ppmm                 float64 // pixels per millimetre
	labelFace, valueFace typeface
	nameFace             typeface
	labelSize, valueSize float64 // mm
	nameSize             float64
	labelGap             float64 // mm between the two characters of a label
	labelX, valueX       float64 // mm from the left edge
	dy                   float64 // mm all rows move down (or up)
	jitter               [6]float64
	tint                 [3]float64 // the paper's RGB
	labelInk             color.RGBA
	valueInk             color.RGBA
}

func newCardStyle(r *rand.Rand) cardStyle {
	values := []typeface{serifRegular, sansRegular, serifBold, serifRegular, sansBold}
	s := cardStyle{
		ppmm:      9 + 3*r.Float64(),
		labelFace: []typeface{sansRegular, sansBold, sansRegular}[r.Intn(3)],
		valueFace: values[r.Intn(len(values))],
		nameFace:  []typeface{sansRegular, sansBold, serifBold, serifRegular}[r.Intn(4)],
		labelSize: 2.7 + 0.6*r.Float64(),
		valueSize: 3.0 + 0.8*r.Float64(),
		nameSize:  3.6 + 0.8*r.Float64(),
		labelGap:  0.2 + 1.6*r.Float64(),
		labelX:    4.5 + 2.5*r.Float64(),
		dy:        -1 + 2*r.Float64(),
		labelInk:  color.RGBA{uint8(20 + r.Intn(40)), uint8(90 + r.Intn(50)), uint8(160 + r.Intn(60)), 0xff},
		valueInk:  color.RGBA{uint8(r.Intn(40)), uint8(r.Intn(40)), uint8(r.Intn(50)), 0xff},
	}
	s.valueX = s.labelX + 9.5 + 2.5*r.Float64()
	for i := range s.jitter {
		s.jitter[i] = -0.5 + r.Float64()
	}
	tints := [][3]float64{{238, 244, 240}, {246, 238, 236}, {240, 240, 248}, {247, 244, 230}, {236, 242, 246}}
	t := tints[r.Intn(len(tints))]
	for i := range t {
		t[i] += -4 + 8*r.Float64()
	}
	s.tint = t
	return s
}

// numberFaces print the ID number: monospaced, as the card's OCR-B is.
var numberFaces = []typeface{dejaVuMono, sansMono}

// CardFront draws the portrait side of p's card with a style drawn from r.
func CardFront(p synth.Person, r *rand.Rand) image.Image {
	s := newCardStyle(r)
	img := blankCard(s, r)
	mm := s.ppmm
	label := pen{img, newFace(s.labelFace, s.labelSize*mm), s.labelInk, s.labelGap * mm}
	value := pen{img, newFace(s.valueFace, s.valueSize*mm), s.valueInk, 0}
	name := pen{img, newFace(s.nameFace, s.nameSize*mm), s.valueInk, 0.2 * mm * r.Float64()}
	row := func(i int, base float64) float64 { return (base + s.dy + s.jitter[i]) * mm }

	label.write(s.labelX*mm, row(0, 10), "姓名")
	name.write(s.valueX*mm, row(0, 10), p.Name)

	y := row(1, 17)
	label.write(s.labelX*mm, y, "性别")
	x := value.write(s.valueX*mm, y, p.Sex)
	ethLabel := x + (7+3*r.Float64())*mm
	x = label.write(ethLabel, y, "民族")
	value.write(x+(2+1.5*r.Float64())*mm, y, p.Ethnicity)

	y = row(2, 24)
	label.write(s.labelX*mm, y, "出生")
	sep := (0.6 + 1.2*r.Float64()) * mm
	x = s.valueX * mm
	for i, part := range []string{fmt.Sprint(p.Birth.Year()), "年", fmt.Sprint(int(p.Birth.Month())), "月", fmt.Sprint(p.Birth.Day()), "日"} {
		if i > 0 {
			x += sep
		}
		x = value.write(x, y, part)
	}

	y = row(3, 31)
	label.write(s.labelX*mm, y, "住址")
	lineH := (s.valueSize + 1.0 + 0.6*r.Float64()) * mm
	for i, l := range breakLines(value, p.Address, (52-s.valueX)*mm) {
		value.write(s.valueX*mm, y+float64(i)*lineH, l)
	}

	y = row(4, 49.5)
	numLabel := pen{img, label.face, s.labelInk, (0.1 + 0.4*r.Float64()) * mm}
	x = numLabel.write(s.labelX*mm, y, "公民身份号码")
	numFace := numberFaces[r.Intn(len(numberFaces))]
	// The number keeps to the card: a wide face or wide spacing is
	// narrowed until it ends 2 mm before the edge.
	nx := x + (2.5+2*r.Float64())*mm
	num := pen{img, newFace(numFace, (3.6+0.6*r.Float64())*mm), s.valueInk, (0.2 + 0.3*r.Float64()) * mm}
	for nx+num.measure(p.IDNumber) > (cardW-2)*mm && num.gap > 0 {
		num.gap = max(0, num.gap-0.05*mm)
	}
	for size := 3.6; nx+num.measure(p.IDNumber) > (cardW-2)*mm && size > 2.6; size -= 0.1 {
		num.face = newFace(numFace, size*mm)
	}
	num.write(nx, y+0.2*mm, p.IDNumber)

	photo(img, image.Rect(int((55+r.Float64())*mm), int((5+r.Float64())*mm), int(81*mm), int((39+r.Float64())*mm)), r)
	return img
}

// CardBack draws the emblem side: title, issuing authority and validity.
func CardBack(p synth.Person, r *rand.Rand) image.Image {
	s := newCardStyle(r)
	img := blankCard(s, r)
	mm := s.ppmm
	seal(img, (14+2*r.Float64())*mm, (14+2*r.Float64())*mm, (8.5+1.5*r.Float64())*mm)
	black := color.RGBA{0x15, 0x15, 0x15, 0xff}
	tx := (30 + 3*r.Float64()) * mm
	pen{img, newFace(sansBold, (4.2+0.6*r.Float64())*mm), black, (1.2 + 0.6*r.Float64()) * mm}.write(tx, (13+r.Float64())*mm, "中华人民共和国")
	pen{img, newFace(sansBold, (6.5+1.0*r.Float64())*mm), black, (1.6 + 0.8*r.Float64()) * mm}.write(tx, (26+r.Float64())*mm, "居民身份证")

	lx := (12 + 3*r.Float64()) * mm
	vx := lx + (15+3*r.Float64())*mm
	label := pen{img, newFace(s.labelFace, s.labelSize*mm), s.labelInk, (0.1 + 0.5*r.Float64()) * mm}
	y1 := (44 + s.dy + s.jitter[0]) * mm
	y2 := (51.5 + s.dy*0.5 + s.jitter[1]*0.5) * mm
	label.write(lx, y1, "签发机关")
	label.write(lx, y2, "有效期限")
	size := s.valueSize
	for size > 2.2 && (pen{img, newFace(s.valueFace, size*mm), s.valueInk, 0}).measure(p.Authority) > cardW*mm-vx-3*mm {
		size -= 0.1
	}
	pen{img, newFace(s.valueFace, size*mm), s.valueInk, 0}.write(vx, y1, p.Authority)
	dash := []string{"-", "-", "—"}[r.Intn(3)]
	pen{img, newFace(s.valueFace, s.valueSize*mm), s.valueInk, 0}.write(vx, y2, p.ValidFrom+dash+p.ValidUntil)
	return img
}

// breakLines wraps s at max pixels, as the card printer wraps addresses.
func breakLines(p pen, s string, max float64) []string {
	var out []string
	var b strings.Builder
	w := 0.0
	for _, c := range s {
		a := p.measure(string(c))
		if w+a > max && b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
			w = 0
		}
		b.WriteRune(c)
		w += a
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// blankCard is the card's paper with a guilloche rosette: families of
// curves around a centre, radius modulated by the angle, each a thin line.
func blankCard(s cardStyle, r *rand.Rand) *image.RGBA {
	w, h := int(cardW*s.ppmm+0.5), int(cardH*s.ppmm+0.5)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy := float64(w)*(0.3+0.4*r.Float64()), float64(h)*(0.3+0.4*r.Float64())
	petals := float64(5 + r.Intn(8))
	freq := (0.10 + 0.08*r.Float64()) / s.ppmm * 10
	amp := 8 + 10*r.Float64()
	depth := 10 + 14*r.Float64()
	lc := [3]float64{0.8 + 0.6*r.Float64(), 0.6 + 0.6*r.Float64(), 0.3 + 0.6*r.Float64()}
	waveF := (0.03 + 0.03*r.Float64()) / s.ppmm * 10
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			rad := math.Hypot(dx, dy)
			th := math.Atan2(dy, dx)
			px := s.tint
			k := 0.0
			if d := math.Abs(math.Sin(freq*rad + amp*0.1*math.Sin(petals*th))); d < 0.09 {
				k = (0.09 - d) / 0.09 * depth
			}
			if d := math.Abs(math.Sin(waveF*float64(x) + 2.5*math.Sin(float64(y)*waveF*0.7))); d < 0.05 {
				k += (0.05 - d) / 0.05 * depth * 0.5
			}
			img.SetRGBA(x, y, color.RGBA{c8(px[0] - k*lc[0]), c8(px[1] - k*lc[1]), c8(px[2] - k*lc[2]), 0xff})
		}
	}
	return img
}

// photo stands in for the holder's picture: a toned oval head on a
// shoulders shape over a pale ground, never text-like.
func photo(img *image.RGBA, box image.Rectangle, r *rand.Rand) {
	ground := color.RGBA{uint8(225 + r.Intn(25)), uint8(228 + r.Intn(25)), uint8(232 + r.Intn(20)), 0xff}
	tone := uint8(110 + r.Intn(70))
	fg := color.RGBA{tone, tone - 10, tone - 20, 0xff}
	hair := color.RGBA{0x30, 0x2a, 0x28, 0xff}
	cx := float64(box.Min.X+box.Max.X) / 2
	w, h := float64(box.Dx()), float64(box.Dy())
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			fx, fy := (float64(x)-cx)/w, float64(y-box.Min.Y)/h
			c := ground
			switch {
			case fx*fx/0.04+(fy-0.33)*(fy-0.33)/0.05 <= 1 && fy < 0.22:
				c = hair
			case fx*fx/0.035+(fy-0.38)*(fy-0.38)/0.045 <= 1:
				c = fg
			case fx*fx/0.22+(fy-1.05)*(fy-1.05)/0.17 <= 1:
				c = color.RGBA{0x40, 0x48, 0x58, 0xff}
			}
			img.SetRGBA(x, y, c)
		}
	}
}

// seal stands in for the national emblem: a red disc, gold ring, a gold
// gate shape in the middle.
func seal(img *image.RGBA, cx, cy, rad float64) {
	red := color.RGBA{0xc8, 0x20, 0x20, 0xff}
	gold := color.RGBA{0xf0, 0xc0, 0x30, 0xff}
	for y := int(cy - rad); y <= int(cy+rad); y++ {
		for x := int(cx - rad); x <= int(cx+rad); x++ {
			dx, dy := (float64(x)-cx)/rad, (float64(y)-cy)/rad
			d := math.Hypot(dx, dy)
			switch {
			case d > 1:
			case d > 0.82:
				img.SetRGBA(x, y, gold)
			case math.Abs(dx) < 0.45 && dy > 0 && dy < 0.35 && (math.Abs(dx) > 0.3 || dy < 0.12):
				img.SetRGBA(x, y, gold)
			default:
				img.SetRGBA(x, y, red)
			}
		}
	}
}

func c8(v float64) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v + 0.5)
}
