package synth

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"

	"golang.org/x/image/font"
)

// Card size: the second-generation card is 85.6 × 54 mm (ISO/IEC 7810
// ID-1), drawn at 10 pixels per millimetre.
const (
	CardWidth  = 856
	CardHeight = 540
	mm         = 10.0
)

var (
	labelColour = color.RGBA{0x1f, 0x78, 0xb4, 0xff} // the blue of the printed labels
	valueColour = color.RGBA{0x10, 0x10, 0x10, 0xff}
)

// IDCardFront draws the side with the portrait (人像面): name, sex,
// ethnicity, birth date, address and the ID number, laid out as on the
// real card, on a light patterned background, with a placeholder where the
// photo is.
func IDCardFront(p Person) image.Image {
	f := loadFonts()
	img := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	cardBackground(img, 0)

	label := face(f.sans, 3.0*mm)
	value := face(f.sans, 3.4*mm)
	name := face(f.sans, 4.0*mm)
	number := face(f.number, 4.0*mm)

	const lx, vx = 6.5 * mm, 17 * mm
	drawText(img, label, labelColour, lx, 10*mm, 4, "姓名")
	drawText(img, name, valueColour, vx, 10.3*mm, 2, p.Name)

	drawText(img, label, labelColour, lx, 17.5*mm, 4, "性别")
	drawText(img, value, valueColour, vx, 17.5*mm, 0, p.Sex)
	drawText(img, label, labelColour, 29*mm, 17.5*mm, 4, "民族")
	drawText(img, value, valueColour, 39*mm, 17.5*mm, 0, p.Ethnicity)

	drawText(img, label, labelColour, lx, 25*mm, 4, "出生")
	x := drawText(img, value, valueColour, vx, 25*mm, 0, fmt.Sprintf("%d", p.Birth.Year()))
	x = drawText(img, value, valueColour, x+1.5*mm, 25*mm, 0, "年")
	x = drawText(img, value, valueColour, x+1.5*mm, 25*mm, 0, fmt.Sprintf("%d", int(p.Birth.Month())))
	x = drawText(img, value, valueColour, x+1.5*mm, 25*mm, 0, "月")
	x = drawText(img, value, valueColour, x+1.5*mm, 25*mm, 0, fmt.Sprintf("%d", p.Birth.Day()))
	drawText(img, value, valueColour, x+1.5*mm, 25*mm, 0, "日")

	drawText(img, label, labelColour, lx, 32.5*mm, 4, "住址")
	for i, line := range wrap(value, p.Address, 37*mm) {
		drawText(img, value, valueColour, vx, 32.5*mm+float64(i)*4.6*mm, 0, line)
	}

	drawText(img, label, labelColour, lx, 49.5*mm, 2, "公民身份号码")
	drawText(img, number, valueColour, 30*mm, 49.8*mm, 0.35*mm, p.IDNumber)

	portrait(img, image.Rect(int(56*mm), int(6*mm), int(81*mm), int(39*mm)))
	return img
}

// IDCardBack draws the side with the national emblem (国徽面): the title,
// the issuing authority and the validity period.
func IDCardBack(p Person) image.Image {
	f := loadFonts()
	img := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	cardBackground(img, 1)
	emblem(img, 16*mm, 15*mm, 9.5*mm)

	title := face(f.sansBold, 4.6*mm)
	drawText(img, title, valueColour, 32*mm, 14*mm, 1.6*mm, "中华人民共和国")
	big := face(f.sansBold, 7.2*mm)
	drawText(img, big, valueColour, 32*mm, 27*mm, 2.2*mm, "居民身份证")

	label := face(f.sans, 3.0*mm)
	drawText(img, label, labelColour, 14*mm, 44*mm, 2, "签发机关")
	drawText(img, label, labelColour, 14*mm, 51.5*mm, 2, "有效期限")

	// Long authority names get a smaller face so they stay on the card, as
	// the card printer does.
	size := 3.4 * mm
	for size > 2.2*mm && width(face(f.sans, size), 0, p.Authority) > 50*mm {
		size -= 0.1 * mm
	}
	drawText(img, face(f.sans, size), valueColour, 30*mm, 44*mm, 0, p.Authority)
	drawText(img, face(f.sans, 3.4*mm), valueColour, 30*mm, 51.5*mm, 0, p.ValidFrom+"-"+p.ValidUntil)
	return img
}

// wrap breaks s into lines no wider than max, as the card printer does
// with long addresses (about eleven characters a line).
func wrap(fc font.Face, s string, max float64) []string {
	var lines []string
	var line strings.Builder
	w := 0.0
	for _, r := range s {
		adv, _ := fc.GlyphAdvance(r)
		a := float64(adv) / 64
		if w+a > max && line.Len() > 0 {
			lines = append(lines, line.String())
			line.Reset()
			w = 0
		}
		line.WriteRune(r)
		w += a
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// cardBackground paints the pale tint of the card with a fine wavy
// pattern, lighter than the text, like the security print on a real card.
// side varies the pattern between front and back.
func cardBackground(img *image.RGBA, side int) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			fx, fy := float64(x), float64(y)
			// Base: a soft diagonal gradient from pale blue-green to pale cream.
			t := (fx/float64(b.Dx()) + fy/float64(b.Dy())) / 2
			r := 236 + 12*t
			g := 243 + 4*t
			bl := 244 - 6*t
			// Guilloche-like lines: thin where the phase is near a multiple of 2π.
			phase := fx*0.045 + 7*math.Sin(fy*0.018+float64(side)) + 3*math.Sin(fx*0.011)
			if d := math.Abs(math.Sin(phase)); d < 0.08 {
				k := (0.08 - d) / 0.08 * 14
				r, g, bl = r-k*1.3, g-k*0.7, bl-k*0.4
			}
			phase2 := fy*0.06 + 5*math.Sin(fx*0.02+1.7*float64(side))
			if d := math.Abs(math.Sin(phase2)); d < 0.06 {
				k := (0.06 - d) / 0.06 * 10
				r, g, bl = r-k*0.5, g-k*1.0, bl-k*0.6
			}
			img.SetRGBA(x, y, color.RGBA{clamp8(r), clamp8(g), clamp8(bl), 0xff})
		}
	}
}

// portrait draws the placeholder for the holder's photo: a pale box with a
// grey head-and-shoulders silhouette, so an OCR cannot read text from it
// but sees a large dark blob where a real photo would be.
func portrait(img *image.RGBA, box image.Rectangle) {
	bg := color.RGBA{0xf2, 0xf4, 0xf6, 0xff}
	fg := color.RGBA{0x9a, 0xa4, 0xae, 0xff}
	cx := float64(box.Min.X+box.Max.X) / 2
	w, h := float64(box.Dx()), float64(box.Dy())
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			fx, fy := float64(x), float64(y-box.Min.Y)
			c := bg
			head := sq((fx-cx)/(w*0.22)) + sq((fy-h*0.36)/(h*0.22))
			shoulders := sq((fx-cx)/(w*0.48)) + sq((fy-h*1.02)/(h*0.38))
			if head <= 1 || shoulders <= 1 {
				c = fg
			}
			img.SetRGBA(x, y, c)
		}
	}
}

// emblem stands in for the national emblem: a red disc in a gold ring with
// five gold stars, at the top left of the back.
func emblem(img *image.RGBA, cx, cy, radius float64) {
	red := color.RGBA{0xd8, 0x1e, 0x1e, 0xff}
	gold := color.RGBA{0xe8, 0xb8, 0x2a, 0xff}
	stars := [][3]float64{{-0.35, -0.3, 0.28}, {0.1, -0.55, 0.12}, {0.28, -0.35, 0.12}, {0.3, -0.08, 0.12}, {0.12, 0.12, 0.12}}
	for y := int(cy - radius); y <= int(cy+radius); y++ {
		for x := int(cx - radius); x <= int(cx+radius); x++ {
			dx, dy := (float64(x)-cx)/radius, (float64(y)-cy)/radius
			d := math.Hypot(dx, dy)
			switch {
			case d > 1:
				continue
			case d > 0.86:
				img.SetRGBA(x, y, gold)
			default:
				img.SetRGBA(x, y, red)
				for _, s := range stars {
					if inStar(dx-s[0], dy-s[1], s[2]) {
						img.SetRGBA(x, y, gold)
					}
				}
			}
		}
	}
}

// inStar reports whether (x, y) is inside a five-pointed star of outer
// radius r centred at the origin, one point up.
func inStar(x, y, r float64) bool {
	d := math.Hypot(x, y)
	if d > r {
		return false
	}
	a := math.Atan2(x, -y) // angle from the upward point
	sector := math.Mod(a+2*math.Pi, 2*math.Pi/5) - math.Pi/5
	// The boundary runs from the point (radius r) to the notch (0.38 r).
	inner := r * 0.38
	t := math.Abs(sector) / (math.Pi / 5)
	edge := r*(1-t) + inner*t
	return d <= edge
}

func sq(x float64) float64 { return x * x }

func clamp8(v float64) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v + 0.5)
}
