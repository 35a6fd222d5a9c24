package ocr

import (
	"image"
	"image/color"
	"math"
	"sort"
)

// toGray converts any image to 8-bit luminance. JPEG photos decode to
// YCbCr, whose Y plane is the luminance already.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.YCbCr:
		for y := 0; y < b.Dy(); y++ {
			copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], src.Y[src.YOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.RGBA:
		for y := 0; y < b.Dy(); y++ {
			i := src.PixOffset(b.Min.X, b.Min.Y+y)
			row := out.Pix[y*out.Stride:]
			for x := 0; x < b.Dx(); x++ {
				p := src.Pix[i+4*x : i+4*x+3 : i+4*x+3]
				row[x] = uint8((19595*uint32(p[0]) + 38470*uint32(p[1]) + 7471*uint32(p[2]) + 1<<15) >> 16)
			}
		}
	case *image.NRGBA:
		for y := 0; y < b.Dy(); y++ {
			i := src.PixOffset(b.Min.X, b.Min.Y+y)
			row := out.Pix[y*out.Stride:]
			for x := 0; x < b.Dx(); x++ {
				p := src.Pix[i+4*x : i+4*x+4 : i+4*x+4]
				// Transparent pixels are shown on white, as a viewer would.
				a := uint32(p[3])
				l := (19595*uint32(p[0]) + 38470*uint32(p[1]) + 7471*uint32(p[2]) + 1<<15) >> 16
				row[x] = uint8((l*a + 255*(255-a)) / 255)
			}
		}
	default:
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				out.Pix[y*out.Stride+x] = color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
			}
		}
	}
	return out
}

// resize scales g to w×h: bilinear when enlarging, area average when
// shrinking (bilinear alone would alias thin strokes away).
func resize(g *image.Gray, w, h int) *image.Gray {
	sw, sh := g.Bounds().Dx(), g.Bounds().Dy()
	for sw >= 2*w && sh >= 2*h {
		g = halve(g)
		sw, sh = g.Bounds().Dx(), g.Bounds().Dy()
	}
	if sw == w && sh == h {
		return g
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	fx := float64(sw) / float64(w)
	fy := float64(sh) / float64(h)
	for y := 0; y < h; y++ {
		sy := (float64(y)+0.5)*fy - 0.5
		for x := 0; x < w; x++ {
			sx := (float64(x)+0.5)*fx - 0.5
			out.Pix[y*out.Stride+x] = sample(g, sx, sy)
		}
	}
	return out
}

// halve averages 2×2 blocks.
func halve(g *image.Gray) *image.Gray {
	w, h := g.Bounds().Dx()/2, g.Bounds().Dy()/2
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		r0 := g.Pix[(2*y)*g.Stride:]
		r1 := g.Pix[(2*y+1)*g.Stride:]
		for x := 0; x < w; x++ {
			s := int(r0[2*x]) + int(r0[2*x+1]) + int(r1[2*x]) + int(r1[2*x+1])
			out.Pix[y*out.Stride+x] = uint8((s + 2) / 4)
		}
	}
	return out
}

// sample reads g at a fractional position, bilinearly, clamping at the
// edges.
func sample(g *image.Gray, x, y float64) uint8 {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if x < 0 {
		x = 0
	}
	if y < 0 {
		y = 0
	}
	if x > float64(w-1) {
		x = float64(w - 1)
	}
	if y > float64(h-1) {
		y = float64(h - 1)
	}
	x0, y0 := int(x), int(y)
	x1, y1 := min(x0+1, w-1), min(y0+1, h-1)
	ax, ay := x-float64(x0), y-float64(y0)
	p := g.Pix
	s := g.Stride
	v := (1-ay)*((1-ax)*float64(p[y0*s+x0])+ax*float64(p[y0*s+x1])) +
		ay*((1-ax)*float64(p[y1*s+x0])+ax*float64(p[y1*s+x1]))
	return uint8(v + 0.5)
}

// crop copies r (clipped to g) into a new image at the origin.
func crop(g *image.Gray, r image.Rectangle) *image.Gray {
	r = r.Intersect(g.Bounds())
	out := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		copy(out.Pix[y*out.Stride:y*out.Stride+r.Dx()], g.Pix[g.PixOffset(r.Min.X, r.Min.Y+y):])
	}
	return out
}

// scaleTo resizes g so its width is w, keeping the aspect ratio.
func scaleTo(g *image.Gray, w int) *image.Gray {
	sw, sh := g.Bounds().Dx(), g.Bounds().Dy()
	h := int(math.Round(float64(sh) * float64(w) / float64(sw)))
	return resize(g, w, max(h, 1))
}

// rotate90 turns g by k quarter turns clockwise.
func rotate90(g *image.Gray, k int) *image.Gray {
	k = ((k % 4) + 4) % 4
	if k == 0 {
		return g
	}
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	var out *image.Gray
	if k == 2 {
		out = image.NewGray(image.Rect(0, 0, w, h))
	} else {
		out = image.NewGray(image.Rect(0, 0, h, w))
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := g.Pix[y*g.Stride+x]
			switch k {
			case 1:
				out.Pix[x*out.Stride+(h-1-y)] = v
			case 2:
				out.Pix[(h-1-y)*out.Stride+(w-1-x)] = v
			case 3:
				out.Pix[(w-1-x)*out.Stride+y] = v
			}
		}
	}
	return out
}

// otsu returns the threshold that best separates the histogram of g into
// two classes.
func otsu(g *image.Gray) uint8 {
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
	total := len(g.Pix)
	var sum float64
	for i, n := range hist {
		sum += float64(i * n)
	}
	var sumB, wB float64
	best, bestVar := 0, -1.0
	for t := 0; t < 256; t++ {
		wB += float64(hist[t])
		if wB == 0 {
			continue
		}
		wF := float64(total) - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * hist[t])
		mB := sumB / wB
		mF := (sum - sumB) / wF
		v := wB * wF * (mB - mF) * (mB - mF)
		if v > bestVar {
			bestVar, best = v, t
		}
	}
	return uint8(best)
}

// percentile returns the value below which the fraction q of pixels lies.
func percentile(g *image.Gray, q float64) uint8 {
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
	want := int(q * float64(len(g.Pix)))
	n := 0
	for i, c := range hist {
		n += c
		if n > want {
			return uint8(i)
		}
	}
	return 255
}

// median of a small slice (sorted in place).
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	return v[len(v)/2]
}
