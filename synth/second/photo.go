package second

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand"
)

// Tier is how a document reaches the bureau.
type Tier string

const (
	Clean       Tier = "clean"        // scanned: the document straight, with a margin around it
	Mild        Tier = "mild"         // a careful photo: slightly turned, a little soft, compressed
	PhonePhoto  Tier = "phone"        // a phone photo on a table: turned, at an angle, uneven light, noise, JPEG
	PhoneLowRes Tier = "phone-lowres" // the same taken or sent small (640 px wide cards, 800 px pages)
)

// Tiers lists the tiers from best to worst.
var Tiers = []Tier{Clean, Mild, PhonePhoto, PhoneLowRes}

// CardPhoto returns the card as it arrives in tier t: never the bare card,
// always a crop with margins around it, sometimes with a table edge in it.
func CardPhoto(card image.Image, t Tier, r *rand.Rand) image.Image {
	return shoot(card, t, r, true)
}

// LetterPhoto returns the letter page as it arrives in tier t; a clean
// page is the page as printed.
func LetterPhoto(page image.Image, t Tier, r *rand.Rand) image.Image {
	if t == Clean {
		return page
	}
	return shoot(page, t, r, false)
}

func shoot(doc image.Image, t Tier, r *rand.Rand, card bool) image.Image {
	b := doc.Bounds()
	dw, dh := float64(b.Dx()), float64(b.Dy())
	var (
		frameW, frameH int
		fill           float64 // share of the frame's width the document takes
		turn, skew     float64 // degrees; share of the size a corner moves
		blur, noiseSD  float64
		quality        int
		light          float64 // how much darker the darkest corner is
	)
	switch t {
	case Clean:
		fill = 0.8 + 0.12*r.Float64()
		frameW = int(dw / fill)
		frameH = int(dh + (dw/fill-dw)*(0.5+r.Float64()))
		quality = 95
	case Mild:
		fill = 0.75 + 0.15*r.Float64()
		frameW = int(dw / fill)
		frameH = int(dh + (dw/fill-dw)*(0.6+r.Float64()))
		turn = -2.5 + 5*r.Float64()
		skew = 0.01 * r.Float64()
		blur = 0.4 + 0.4*r.Float64()
		noiseSD = 2
		quality = 75 + r.Intn(16)
		light = 0.1 * r.Float64()
	case PhonePhoto, PhoneLowRes:
		frameW, frameH = 1280, 960
		if !card {
			frameW, frameH = 1200, 1600
		}
		fill = 0.55 + 0.3*r.Float64()
		if !card {
			fill = 0.75 + 0.17*r.Float64()
		}
		turn = -7 + 14*r.Float64()
		skew = 0.035 * r.Float64()
		blur = 0.6 + 0.7*r.Float64()
		noiseSD = 3 + 4*r.Float64()
		quality = 60 + r.Intn(26)
		light = 0.15 + 0.3*r.Float64()
	}
	frame := image.NewRGBA(image.Rect(0, 0, frameW, frameH))
	surface(frame, t, r)

	// Where the document's corners land: scaled to fill, centred with some
	// play, turned, then each corner nudged (perspective).
	s := float64(frameW) * fill / dw
	cx := float64(frameW)/2 + (r.Float64()-0.5)*float64(frameW)*(1-fill)*0.6
	cy := float64(frameH)/2 + (r.Float64()-0.5)*math.Max(0, float64(frameH)-dh*s)*0.6
	a := turn * math.Pi / 180
	var dst [4][2]float64
	for i, c := range [4][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}} {
		x, y := c[0]*dw*s/2, c[1]*dh*s/2
		x += (r.Float64()*2 - 1) * skew * dw * s
		y += (r.Float64()*2 - 1) * skew * dh * s
		dst[i] = [2]float64{cx + x*math.Cos(a) - y*math.Sin(a), cy + x*math.Sin(a) + y*math.Cos(a)}
	}
	paste(frame, doc, dst)
	if light > 0 {
		shade(frame, r, light)
	}
	var out *image.RGBA = frame
	if blur > 0 {
		out = soften(out, blur)
	}
	if t == PhoneLowRes {
		w := 640
		if !card {
			w = 800
		}
		out = shrink(out, w, out.Bounds().Dy()*w/out.Bounds().Dx())
	}
	if noiseSD > 0 {
		grain(out, r, noiseSD)
	}
	return compress(out, quality)
}

// surface is what the document lies on: a scanner lid (clean), or a table
// whose edge may cross the frame, with a floor or another surface beyond.
func surface(img *image.RGBA, t Tier, r *rand.Rand) {
	b := img.Bounds()
	base := [3]float64{235 + 15*r.Float64(), 235 + 15*r.Float64(), 232 + 15*r.Float64()}
	if t != Clean {
		tables := [][3]float64{{150, 110, 75}, {90, 90, 95}, {190, 180, 160}, {60, 45, 35}, {120, 135, 120}}
		base = tables[r.Intn(len(tables))]
	}
	edge := -1.0 // row where the table ends, as a slanted line
	slope := (r.Float64() - 0.5) * 0.2
	if t != Clean && r.Intn(2) == 0 || t == Clean && r.Intn(3) == 0 {
		edge = float64(b.Dy()) * (0.03 + 0.1*r.Float64())
	}
	beyond := [3]float64{40 + 40*r.Float64(), 40 + 30*r.Float64(), 40 + 30*r.Float64()}
	grainF := 0.02 + 0.05*r.Float64()
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			c := base
			v := 6 * math.Sin(float64(y)*grainF+3*math.Sin(float64(x)*0.01))
			if t == Clean {
				v = 0
			}
			if edge >= 0 && float64(y) < edge+slope*float64(x) {
				c = beyond
				v = 0
			}
			img.SetRGBA(x, y, color.RGBA{c8(c[0] + v), c8(c[1] + v), c8(c[2] + v), 0xff})
		}
	}
}

// paste draws doc into the quadrilateral q (corners clockwise from top
// left) by mapping each frame pixel back into doc, bilinearly.
func paste(frame *image.RGBA, doc image.Image, q [4][2]float64) {
	src := image.NewRGBA(doc.Bounds().Sub(doc.Bounds().Min))
	draw.Draw(src, src.Bounds(), doc, doc.Bounds().Min, draw.Src)
	sw, sh := float64(src.Bounds().Dx()), float64(src.Bounds().Dy())
	h := rectToQuad(sw, sh, q).inverse()
	minX, minY, maxX, maxY := q[0][0], q[0][1], q[0][0], q[0][1]
	for _, p := range q {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	fb := frame.Bounds()
	for y := max(int(minY), 0); y <= min(int(maxY)+1, fb.Dy()-1); y++ {
		for x := max(int(minX), 0); x <= min(int(maxX)+1, fb.Dx()-1); x++ {
			u, v := h.apply(float64(x)+0.5, float64(y)+0.5)
			u, v = u-0.5, v-0.5
			if u < -0.5 || v < -0.5 || u > sw-0.5 || v > sh-0.5 {
				continue
			}
			frame.SetRGBA(x, y, bilinear(src, u, v))
		}
	}
}

func bilinear(src *image.RGBA, u, v float64) color.RGBA {
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	x0, y0 := int(math.Floor(u)), int(math.Floor(v))
	fx, fy := u-float64(x0), v-float64(y0)
	at := func(x, y int) []uint8 {
		x, y = min(max(x, 0), w-1), min(max(y, 0), h-1)
		i := y*src.Stride + x*4
		return src.Pix[i : i+4]
	}
	a, b, c, d := at(x0, y0), at(x0+1, y0), at(x0, y0+1), at(x0+1, y0+1)
	var out [3]uint8
	for k := 0; k < 3; k++ {
		top := float64(a[k])*(1-fx) + float64(b[k])*fx
		bot := float64(c[k])*(1-fx) + float64(d[k])*fx
		out[k] = c8(top*(1-fy) + bot*fy)
	}
	return color.RGBA{out[0], out[1], out[2], 0xff}
}

// proj is a 3×3 projective map, row-major, last element 1.
type proj [9]float64

func (m proj) apply(x, y float64) (float64, float64) {
	w := m[6]*x + m[7]*y + m[8]
	return (m[0]*x + m[1]*y + m[2]) / w, (m[3]*x + m[4]*y + m[5]) / w
}

func (m proj) inverse() proj {
	a, b, c, d, e, f, g, h, i := m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]
	A, B, C := e*i-f*h, -(d*i - f*g), d*h-e*g
	det := a*A + b*B + c*C
	inv := proj{A, -(b*i - c*h), b*f - c*e, B, a*i - c*g, -(a*f - c*d), C, -(a*h - b*g), a*e - b*d}
	for k := range inv {
		inv[k] /= det
	}
	return inv
}

// rectToQuad maps the w×h rectangle's corners onto q (the unit-square
// construction: square to quad, composed with rectangle to square).
func rectToQuad(w, h float64, q [4][2]float64) proj {
	x0, y0, x1, y1, x2, y2, x3, y3 := q[0][0], q[0][1], q[1][0], q[1][1], q[2][0], q[2][1], q[3][0], q[3][1]
	dx1, dx2, dx3 := x1-x2, x3-x2, x0-x1+x2-x3
	dy1, dy2, dy3 := y1-y2, y3-y2, y0-y1+y2-y3
	var g, hh float64
	if den := dx1*dy2 - dx2*dy1; den != 0 {
		g = (dx3*dy2 - dx2*dy3) / den
		hh = (dx1*dy3 - dx3*dy1) / den
	}
	sq := proj{x1 - x0 + g*x1, x3 - x0 + hh*x3, x0, y1 - y0 + g*y1, y3 - y0 + hh*y3, y0, g, hh, 1}
	// Compose with (x, y) -> (x/w, y/h).
	return proj{sq[0] / w, sq[1] / h, sq[2], sq[3] / w, sq[4] / h, sq[5], sq[6] / w, sq[7] / h, sq[8]}
}

// shade darkens the frame towards a random side, as light from a window.
func shade(img *image.RGBA, r *rand.Rand, amount float64) {
	b := img.Bounds()
	a := r.Float64() * 2 * math.Pi
	ux, uy := math.Cos(a), math.Sin(a)
	diag := math.Hypot(float64(b.Dx()), float64(b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			t := ((float64(x)-float64(b.Dx())/2)*ux + (float64(y)-float64(b.Dy())/2)*uy) / diag
			k := 1 - amount*(t+0.5)
			i := y*img.Stride + x*4
			for c := 0; c < 3; c++ {
				img.Pix[i+c] = c8(float64(img.Pix[i+c]) * k)
			}
		}
	}
}

// soften blurs with repeated 3×3 box passes: n passes are close to a
// Gaussian of sigma √(2n/3), so sigma picks n.
func soften(src *image.RGBA, sigma float64) *image.RGBA {
	passes := max(1, int(math.Round(sigma*sigma*1.5)))
	out := image.NewRGBA(src.Bounds())
	copy(out.Pix, src.Pix)
	tmp := make([]uint8, len(out.Pix))
	w, h := out.Bounds().Dx(), out.Bounds().Dy()
	for pass := 0; pass < passes; pass++ {
		for _, horizontal := range []bool{true, false} {
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					i := y*out.Stride + x*4
					for c := 0; c < 3; c++ {
						sum := 0
						for k := -1; k <= 1; k++ {
							xx, yy := x, y
							if horizontal {
								xx = min(max(x+k, 0), w-1)
							} else {
								yy = min(max(y+k, 0), h-1)
							}
							sum += int(out.Pix[yy*out.Stride+xx*4+c])
						}
						tmp[i+c] = uint8((sum + 1) / 3)
					}
					tmp[i+3] = 0xff
				}
			}
			out.Pix, tmp = tmp, out.Pix
		}
	}
	return out
}

// shrink scales down by averaging the source pixels under each target.
func shrink(src *image.RGBA, w, h int) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	for y := 0; y < h; y++ {
		y0, y1 := y*sh/h, max((y+1)*sh/h, y*sh/h+1)
		for x := 0; x < w; x++ {
			x0, x1 := x*sw/w, max((x+1)*sw/w, x*sw/w+1)
			var sum [3]int
			for yy := y0; yy < y1; yy++ {
				for xx := x0; xx < x1; xx++ {
					i := yy*src.Stride + xx*4
					sum[0] += int(src.Pix[i])
					sum[1] += int(src.Pix[i+1])
					sum[2] += int(src.Pix[i+2])
				}
			}
			n := (y1 - y0) * (x1 - x0)
			out.SetRGBA(x, y, color.RGBA{uint8(sum[0] / n), uint8(sum[1] / n), uint8(sum[2] / n), 0xff})
		}
	}
	return out
}

// grain adds sensor noise, the same to all three channels.
func grain(img *image.RGBA, r *rand.Rand, sd float64) {
	for i := 0; i < len(img.Pix); i += 4 {
		n := r.NormFloat64() * sd
		for c := 0; c < 3; c++ {
			img.Pix[i+c] = c8(float64(img.Pix[i+c]) + n)
		}
	}
}

func compress(img *image.RGBA, quality int) image.Image {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		panic("synth/second: " + err.Error())
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		panic("synth/second: " + err.Error())
	}
	return out
}
