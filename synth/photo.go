package synth

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand"

	xdraw "golang.org/x/image/draw"
)

// Variant names a way a picture of a document goes wrong when a citizen or
// a clerk photographs it instead of scanning it.
type Variant string

const (
	Clean       Variant = "clean"       // the image as rendered
	Rotate      Variant = "rotate"      // a few degrees off, or turned by 90°, 180° or 270°
	Perspective Variant = "perspective" // shot at an angle: a quadrilateral, not a rectangle
	Blur        Variant = "blur"        // out of focus (Gaussian)
	JPEG        Variant = "jpeg"        // re-encoded at low JPEG quality, as chat apps do
	Uneven      Variant = "uneven"      // light falling off across the page
	LowRes      Variant = "lowres"      // a small picture: a third to a half of the size
	Glare       Variant = "glare"       // a bright reflection washing out part of the document
	Phone       Variant = "phone"       // a mix: on a table, not filling the frame, tilted, lit unevenly, noisy, compressed
)

// Variants lists every variant, Clean first.
var Variants = []Variant{Clean, Rotate, Perspective, Blur, JPEG, Uneven, LowRes, Glare, Phone}

// Photo returns img as it would look after the given mishap. The result is
// a new image; img is not changed. The same r state gives the same result.
func Photo(img image.Image, v Variant, r *rand.Rand) image.Image {
	src := toRGBA(img)
	switch v {
	case Clean:
		return src
	case Rotate:
		if r.Intn(4) == 0 {
			return rotateQuarter(src, 1+r.Intn(3))
		}
		deg := 1 + r.Float64()*7
		if r.Intn(2) == 0 {
			deg = -deg
		}
		return rotate(src, deg*math.Pi/180, paperGrey(r))
	case Perspective:
		return perspective(src, r, 0.1)
	case Blur:
		return gaussianBlur(src, 1.2+r.Float64()*1.3)
	case JPEG:
		return jpegRoundTrip(src, 8+r.Intn(23))
	case Uneven:
		return unevenLight(src, r, 0.35+r.Float64()*0.25)
	case LowRes:
		f := 0.33 + r.Float64()*0.17
		return scale(src, int(float64(src.Bounds().Dx())*f), int(float64(src.Bounds().Dy())*f))
	case Glare:
		return glare(src, r, 0.75+r.Float64()*0.25)
	case Phone:
		return phone(src, r)
	}
	panic("synth: unknown photo variant " + string(v))
}

func toRGBA(img image.Image) *image.RGBA {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	return dst
}

func paperGrey(r *rand.Rand) color.RGBA {
	g := uint8(200 + r.Intn(50))
	return color.RGBA{g, g, g - uint8(r.Intn(8)), 0xff}
}

// rotateQuarter turns the image by q quarter turns clockwise.
func rotateQuarter(src *image.RGBA, q int) *image.RGBA {
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	dw, dh := w, h
	if q%2 == 1 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch q % 4 {
			case 1:
				dx, dy = h-1-y, x
			case 2:
				dx, dy = w-1-x, h-1-y
			case 3:
				dx, dy = y, w-1-x
			default:
				dx, dy = x, y
			}
			copy(dst.Pix[dst.PixOffset(dx, dy):][:4], src.Pix[src.PixOffset(x, y):][:4])
		}
	}
	return dst
}

// rotate turns the image by angle radians about its centre, on a canvas
// large enough to hold all of it, filled with bg.
func rotate(src *image.RGBA, angle float64, bg color.RGBA) *image.RGBA {
	w, h := float64(src.Bounds().Dx()), float64(src.Bounds().Dy())
	c, s := math.Cos(angle), math.Sin(angle)
	dw := int(math.Ceil(math.Abs(w*c) + math.Abs(h*s)))
	dh := int(math.Ceil(math.Abs(w*s) + math.Abs(h*c)))
	// Destination → source: rotate back about the centres.
	m := homography{
		c, s, w/2 - c*float64(dw)/2 - s*float64(dh)/2,
		-s, c, h/2 + s*float64(dw)/2 - c*float64(dh)/2,
		0, 0, 1,
	}
	return warp(src, dw, dh, m, func(x, y int) color.RGBA { return bg })
}

// perspective moves each corner inwards by up to amount of the size, as a
// document shot at an angle looks, on a canvas of the same size.
func perspective(src *image.RGBA, r *rand.Rand, amount float64) *image.RGBA {
	w, h := float64(src.Bounds().Dx()), float64(src.Bounds().Dy())
	j := func(n float64) float64 { return r.Float64() * amount * n }
	quad := [4][2]float64{
		{j(w), j(h)}, {w - j(w), j(h)}, {w - j(w), h - j(h)}, {j(w), h - j(h)},
	}
	m := quadToRect(quad, w, h)
	bg := paperGrey(r)
	return warp(src, int(w), int(h), m, func(x, y int) color.RGBA { return bg })
}

// homography maps a destination pixel to a source position:
// (x', y', w') = M·(x, y, 1).
type homography [9]float64

func (m homography) apply(x, y float64) (float64, float64) {
	d := m[6]*x + m[7]*y + m[8]
	return (m[0]*x + m[1]*y + m[2]) / d, (m[3]*x + m[4]*y + m[5]) / d
}

// quadToRect gives the homography from the destination quadrilateral
// (corners clockwise from the top left) to the source rectangle w × h.
func quadToRect(q [4][2]float64, w, h float64) homography {
	rect := [4][2]float64{{0, 0}, {w, 0}, {w, h}, {0, h}}
	// Solve the 8 unknowns of M (m8 = 1) from the four correspondences.
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y := q[i][0], q[i][1]
		u, v := rect[i][0], rect[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for col := 0; col < 8; col++ {
		pivot := col
		for row := col + 1; row < 8; row++ {
			if math.Abs(a[row][col]) > math.Abs(a[pivot][col]) {
				pivot = row
			}
		}
		a[col], a[pivot] = a[pivot], a[col]
		for row := 0; row < 8; row++ {
			if row == col || a[col][col] == 0 {
				continue
			}
			f := a[row][col] / a[col][col]
			for k := col; k < 9; k++ {
				a[row][k] -= f * a[col][k]
			}
		}
	}
	var m homography
	for i := 0; i < 8; i++ {
		m[i] = a[i][8] / a[i][i]
	}
	m[8] = 1
	return m
}

// warp fills a dw × dh image by sampling src (bilinear) at m(x, y), and
// bg(x, y) where that falls outside src. Edges are blended over a pixel so
// the document has no jagged border.
func warp(src *image.RGBA, dw, dh int, m homography, bg func(x, y int) color.RGBA) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			sx, sy := m.apply(float64(x)+0.5, float64(y)+0.5)
			sx, sy = sx-0.5, sy-0.5
			back := bg(x, y)
			if sx < -1 || sy < -1 || sx > float64(sw) || sy > float64(sh) {
				dst.SetRGBA(x, y, back)
				continue
			}
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			var acc [3]float64
			for k := 0; k < 4; k++ {
				px, py := x0+k%2, y0+k/2
				wgt := (1 - math.Abs(float64(k%2)-fx)) * (1 - math.Abs(float64(k/2)-fy))
				var c [3]float64
				if px < 0 || py < 0 || px >= sw || py >= sh {
					c = [3]float64{float64(back.R), float64(back.G), float64(back.B)}
				} else {
					o := src.PixOffset(px, py)
					c = [3]float64{float64(src.Pix[o]), float64(src.Pix[o+1]), float64(src.Pix[o+2])}
				}
				for i := range acc {
					acc[i] += wgt * c[i]
				}
			}
			dst.SetRGBA(x, y, color.RGBA{clamp8(acc[0]), clamp8(acc[1]), clamp8(acc[2]), 0xff})
		}
	}
	return dst
}

// gaussianBlur blurs with a separable Gaussian kernel of the given sigma.
func gaussianBlur(src *image.RGBA, sigma float64) *image.RGBA {
	radius := int(math.Ceil(sigma * 3))
	kernel := make([]float64, 2*radius+1)
	sum := 0.0
	for i := range kernel {
		d := float64(i - radius)
		kernel[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += kernel[i]
	}
	for i := range kernel {
		kernel[i] /= sum
	}
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	pass := func(in *image.RGBA, horizontal bool) *image.RGBA {
		out := image.NewRGBA(in.Bounds())
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				var acc [3]float64
				for i, k := range kernel {
					px, py := x, y
					if horizontal {
						px = min(max(x+i-radius, 0), w-1)
					} else {
						py = min(max(y+i-radius, 0), h-1)
					}
					o := in.PixOffset(px, py)
					acc[0] += k * float64(in.Pix[o])
					acc[1] += k * float64(in.Pix[o+1])
					acc[2] += k * float64(in.Pix[o+2])
				}
				o := out.PixOffset(x, y)
				out.Pix[o], out.Pix[o+1], out.Pix[o+2], out.Pix[o+3] = clamp8(acc[0]), clamp8(acc[1]), clamp8(acc[2]), 0xff
			}
		}
		return out
	}
	return pass(pass(src, true), false)
}

func jpegRoundTrip(src *image.RGBA, quality int) *image.RGBA {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: quality}); err != nil {
		panic("synth: " + err.Error()) // encoding to memory does not fail
	}
	img, err := jpeg.Decode(&buf)
	if err != nil {
		panic("synth: " + err.Error())
	}
	return toRGBA(img)
}

// unevenLight darkens the image along a random direction down to low
// (0 black, 1 unchanged) at the far side, with a slightly warm cast, as a
// desk lamp or a window does.
func unevenLight(src *image.RGBA, r *rand.Rand, low float64) *image.RGBA {
	w, h := float64(src.Bounds().Dx()), float64(src.Bounds().Dy())
	a := r.Float64() * 2 * math.Pi
	dx, dy := math.Cos(a), math.Sin(a)
	// Project the corners to find the range of the gradient.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range [][2]float64{{0, 0}, {w, 0}, {0, h}, {w, h}} {
		p := c[0]*dx + c[1]*dy
		lo, hi = math.Min(lo, p), math.Max(hi, p)
	}
	dst := image.NewRGBA(src.Bounds())
	for y := 0; y < int(h); y++ {
		for x := 0; x < int(w); x++ {
			t := (float64(x)*dx + float64(y)*dy - lo) / (hi - lo)
			f := 1 - (1-low)*t*t
			o := src.PixOffset(x, y)
			dst.Pix[o] = clamp8(float64(src.Pix[o]) * f)
			dst.Pix[o+1] = clamp8(float64(src.Pix[o+1]) * f * 0.97)
			dst.Pix[o+2] = clamp8(float64(src.Pix[o+2]) * f * 0.9)
			dst.Pix[o+3] = 0xff
		}
	}
	return dst
}

func scale(src *image.RGBA, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
	return dst
}

// glare adds a bright elliptical reflection of peak strength s (1 = white
// at the centre) somewhere over the middle of the image.
func glare(src *image.RGBA, r *rand.Rand, s float64) *image.RGBA {
	w, h := float64(src.Bounds().Dx()), float64(src.Bounds().Dy())
	cx := w * (0.2 + 0.6*r.Float64())
	cy := h * (0.2 + 0.6*r.Float64())
	rx := w * (0.08 + 0.12*r.Float64())
	ry := rx * (0.5 + 0.7*r.Float64())
	dst := image.NewRGBA(src.Bounds())
	copy(dst.Pix, src.Pix)
	for y := 0; y < int(h); y++ {
		for x := 0; x < int(w); x++ {
			d := sq((float64(x)-cx)/rx) + sq((float64(y)-cy)/ry)
			if d > 9 {
				continue
			}
			// A flat saturated core with a Gaussian halo.
			k := s * math.Min(1, 1.4*math.Exp(-d/2))
			o := dst.PixOffset(x, y)
			for i := 0; i < 3; i++ {
				dst.Pix[o+i] = clamp8(float64(dst.Pix[o+i])*(1-k) + 255*k)
			}
		}
	}
	return dst
}

// phone is what a hurried photo with a phone gives: the document lies on a
// table, fills half to most of the frame, is turned and seen at a slight
// angle, lit unevenly, sometimes with a reflection, a little soft, with
// sensor noise, saved as a JPEG.
func phone(src *image.RGBA, r *rand.Rand) *image.RGBA {
	w, h := float64(src.Bounds().Dx()), float64(src.Bounds().Dy())
	fw, fh := 1280, 960
	fill := 0.45 + r.Float64()*0.3 // share of the frame width the card takes
	if h > w {
		// A letter: photographed upright, and people get closer to a page.
		fw, fh = 1200, 1600
		fill = 0.72 + r.Float64()*0.2
	}
	k := fill * float64(fw) / w
	if h*k > 0.92*float64(fh) {
		k = 0.92 * float64(fh) / h
	}
	angle := (r.Float64()*2 - 1) * 10 * math.Pi / 180
	c, s := math.Cos(angle), math.Sin(angle)
	cx := float64(fw)/2 + (r.Float64()*2-1)*0.08*float64(fw)
	cy := float64(fh)/2 + (r.Float64()*2-1)*0.08*float64(fh)
	var quad [4][2]float64
	for i, p := range [4][2]float64{{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}} {
		x, y := p[0]*k, p[1]*k
		// Perspective: each corner moves a little on its own.
		x += (r.Float64()*2 - 1) * 0.04 * w * k
		y += (r.Float64()*2 - 1) * 0.04 * h * k
		quad[i] = [2]float64{cx + x*c - y*s, cy + x*s + y*c}
	}
	table := tableTexture(r, fw, fh)
	out := warp(src, fw, fh, quadToRect(quad, w, h), func(x, y int) color.RGBA { return table.RGBAAt(x, y) })
	out = unevenLight(out, r, 0.55+r.Float64()*0.3)
	if r.Intn(3) == 0 {
		out = glare(out, r, 0.5+r.Float64()*0.4)
	}
	out = gaussianBlur(out, 0.5+r.Float64()*0.9)
	noise(out, r, 2+r.Float64()*4)
	return jpegRoundTrip(out, 55+r.Intn(31))
}

// tableTexture draws a surface to lay the document on: wood grain, a grey
// desk or a dark cloth.
func tableTexture(r *rand.Rand, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	kind := r.Intn(3)
	phase := r.Float64() * 10
	freq := 0.02 + r.Float64()*0.03
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x), float64(y)
			var cr, cg, cb float64
			switch kind {
			case 0: // wood: warm brown with wavy grain along x
				g := math.Sin(fy*freq+3*math.Sin(fx*0.004+phase)+phase) * 0.5
				g += math.Sin(fy*freq*4.3+phase) * 0.2
				cr, cg, cb = 150+30*g, 100+22*g, 60+14*g
			case 1: // grey laminate desk with a faint speckle
				g := math.Sin(fx*0.7+fy*1.3) * math.Sin(fx*0.31-fy*0.57)
				cr, cg, cb = 175+6*g, 176+6*g, 172+6*g
			default: // dark cloth: a woven cross pattern
				g := math.Sin(fx*1.1) * math.Sin(fy*1.1)
				cr, cg, cb = 55+10*g, 62+10*g, 80+10*g
			}
			img.SetRGBA(x, y, color.RGBA{clamp8(cr), clamp8(cg), clamp8(cb), 0xff})
		}
	}
	return img
}

// noise adds Gaussian sensor noise of the given standard deviation.
func noise(img *image.RGBA, r *rand.Rand, sigma float64) {
	for i := 0; i < len(img.Pix); i += 4 {
		n := r.NormFloat64() * sigma
		for c := 0; c < 3; c++ {
			img.Pix[i+c] = clamp8(float64(img.Pix[i+c]) + n)
		}
	}
}
