package ocr

import (
	"image"
	"math"
	"sort"
	"strings"

	"github.com/otiai10/gosseract/v2"
)

// cardAspect is width over height of an ID-1 card (85.6 × 54 mm).
const cardAspect = 85.6 / 54

// findCard cuts the card out of a photo and returns it straightened,
// cardWidth wide and landscape. It may still be upside down; upright
// decides that by reading.
func findCard(g *image.Gray) (*image.Gray, error) {
	if blank(g) {
		return nil, unreadable("the image is blank: no ID card found")
	}
	if q, ok := findQuad(g, 1.25, 2.0); ok {
		return warpQuad(g, q, cardWidth, int(math.Round(cardWidth/cardAspect))), nil
	}
	// No card outline: the card fills the picture (a scan, a crop) or lies
	// on a background too like it. Straighten the text instead.
	return scaleTo(landscape(deskew(g)), cardWidth), nil
}

// upright turns a straightened card the right way up: it reads the
// printed labels in the bottom left (公民身份号码 on the front, 签发机关 and
// 有效期限 on the back) both ways and keeps the way that finds them.
func (w *worker) upright(card *image.Gray, labels string) *image.Gray {
	score := func(c *image.Gray) float64 {
		W, H := c.Bounds().Dx(), c.Bounds().Dy()
		band := crop(c, image.Rect(W*3/100, H*66/100, W*40/100, H*99/100))
		words, err := readWords(w.chi, band, gosseract.PSM_SINGLE_BLOCK)
		if err != nil {
			return 0
		}
		var s float64
		for _, wd := range words {
			for _, r := range wd.Text {
				if strings.ContainsRune(labels, r) {
					s += 0.5 + wd.Conf/2
				}
			}
		}
		return s
	}
	s0 := score(card)
	if s0 >= float64(len([]rune(labels)))*0.8 {
		return card
	}
	flipped := rotate90(card, 2)
	if score(flipped) > s0 {
		return flipped
	}
	return card
}

// cleanCard prepares a straightened card for chi_sim.
func cleanCard(card *image.Gray) *image.Gray {
	// Measured on synthetic phone photos: evening the light helps every
	// tier; a global threshold after it (binarising) loses more than it
	// gains (phone-photo addresses 7/12 -> 4/12), so chi_sim gets grey.
	return flatten(card)
}

// flatten evens out the light: each pixel is divided by the brightness of
// the paper around it (the brightest values of its neighbourhood, smoothed),
// so a page lit from one side has the same white and the same black
// everywhere and one threshold fits all of it.
func flatten(g *image.Gray) *image.Gray {
	W, H := g.Bounds().Dx(), g.Bounds().Dy()
	// The neighbourhood is larger than a character, so a character's
	// strokes do not darken their own background.
	const cell = 24
	cw, ch := (W+cell-1)/cell, (H+cell-1)/cell
	bg := image.NewGray(image.Rect(0, 0, cw, ch))
	var hist [256]int
	for cy := 0; cy < ch; cy++ {
		for cx := 0; cx < cw; cx++ {
			hist = [256]int{}
			n := 0
			for y := cy * cell; y < min(H, (cy+1)*cell); y++ {
				for x := cx * cell; x < min(W, (cx+1)*cell); x++ {
					hist[g.Pix[y*g.Stride+x]]++
					n++
				}
			}
			// The 90th percentile: paper, not ink, not a speck of glare.
			want, acc, v := n*9/10, 0, 255
			for i, c := range hist {
				acc += c
				if acc > want {
					v = i
					break
				}
			}
			bg.Pix[cy*bg.Stride+cx] = uint8(v)
		}
	}
	// A cell full of ink (a heading, the photo) is darker than paper: take
	// the brighter of each cell and its neighbours, then smooth.
	bg = boxBlur(maxFilter(bg))
	out := image.NewGray(g.Bounds())
	for y := 0; y < H; y++ {
		fy := (float64(y)+0.5)/cell - 0.5
		for x := 0; x < W; x++ {
			b := float64(sample(bg, (float64(x)+0.5)/cell-0.5, fy))
			if b < 16 {
				b = 16
			}
			v := float64(g.Pix[y*g.Stride+x]) * 235 / b
			if v > 255 {
				v = 255
			}
			out.Pix[y*out.Stride+x] = uint8(v)
		}
	}
	return out
}

// maxFilter takes the maximum of each 3×3 neighbourhood.
func maxFilter(g *image.Gray) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m := uint8(0)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					if xx >= 0 && yy >= 0 && xx < w && yy < h && g.Pix[yy*g.Stride+xx] > m {
						m = g.Pix[yy*g.Stride+xx]
					}
				}
			}
			out.Pix[y*out.Stride+x] = m
		}
	}
	return out
}

// blank reports an image without contrast: nothing can be printed on it.
func blank(g *image.Gray) bool {
	return int(percentile(g, 0.99))-int(percentile(g, 0.01)) < 24
}

// binarize thresholds g with Otsu's method: black text on white.
func binarize(g *image.Gray) *image.Gray {
	t := otsu(g)
	out := image.NewGray(g.Bounds())
	for i, v := range g.Pix {
		if v > t {
			out.Pix[i] = 255
		}
	}
	return out
}

type pt struct{ X, Y float64 }

// findQuad looks for the card's outline: the region that cannot be reached
// from the picture's border without crossing an edge. It returns the four
// corners clockwise from the top left, in g's coordinates.
func findQuad(g *image.Gray, minRatio, maxRatio float64) ([4]pt, bool) {
	const side = 480
	W, H := g.Bounds().Dx(), g.Bounds().Dy()
	k := float64(side) / float64(max(W, H))
	if k > 1 {
		k = 1
	}
	small := resize(g, max(1, int(float64(W)*k)), max(1, int(float64(H)*k)))
	small = boxBlur(boxBlur(small))
	w, h := small.Bounds().Dx(), small.Bounds().Dy()
	// Edges: Sobel magnitude above a threshold low enough for a white card
	// on a grey desk in dim light, high enough for wood grain and noise.
	edge := make([]bool, w*h)
	p := small.Pix
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			i := y*w + x
			gx := int(p[i-w+1]) + 2*int(p[i+1]) + int(p[i+w+1]) - int(p[i-w-1]) - 2*int(p[i-1]) - int(p[i+w-1])
			gy := int(p[i+w-1]) + 2*int(p[i+w]) + int(p[i+w+1]) - int(p[i-w-1]) - 2*int(p[i-w]) - int(p[i-w+1])
			if abs(gx)+abs(gy) > 8*10 {
				edge[i] = true
			}
		}
	}
	// Flood the background from the border.
	outside := make([]bool, w*h)
	var stack []int
	push := func(i int) {
		if !outside[i] && !edge[i] {
			outside[i] = true
			stack = append(stack, i)
		}
	}
	for x := 0; x < w; x++ {
		push(x)
		push((h-1)*w + x)
	}
	for y := 0; y < h; y++ {
		push(y * w)
		push(y*w + w - 1)
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		x, y := i%w, i/w
		if x > 0 {
			push(i - 1)
		}
		if x < w-1 {
			push(i + 1)
		}
		if y > 0 {
			push(i - w)
		}
		if y < h-1 {
			push(i + w)
		}
	}
	// The card: the largest region not reached.
	label := make([]int32, w*h)
	bestLabel, bestSize := int32(0), 0
	next := int32(0)
	for i := range outside {
		if outside[i] || label[i] != 0 {
			continue
		}
		next++
		size := 0
		stack = append(stack[:0], i)
		label[i] = next
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			size++
			x, y := j%w, j/w
			for _, n := range [4]int{j - 1, j + 1, j - w, j + w} {
				if n < 0 || n >= w*h || (n == j-1 && x == 0) || (n == j+1 && x == w-1) || (n == j-w && y == 0) || (n == j+w && y == h-1) {
					continue
				}
				if !outside[n] && label[n] == 0 {
					label[n] = next
					stack = append(stack, n)
				}
			}
		}
		if size > bestSize {
			bestLabel, bestSize = next, size
		}
	}
	if bestSize < w*h/12 || bestSize > w*h*92/100 {
		return [4]pt{}, false
	}
	// Its outline: the leftmost and rightmost pixel of each row.
	var pts []pt
	for y := 0; y < h; y++ {
		l, r := -1, -1
		for x := 0; x < w; x++ {
			if label[y*w+x] == bestLabel {
				if l < 0 {
					l = x
				}
				r = x
			}
		}
		if l >= 0 {
			pts = append(pts, pt{float64(l), float64(y)}, pt{float64(r + 1), float64(y)})
		}
	}
	hull := convexHull(pts)
	if len(hull) < 4 {
		return [4]pt{}, false
	}
	hullArea := polyArea(hull)
	if float64(bestSize) < 0.85*hullArea {
		return [4]pt{}, false // not a filled convex shape: not a card
	}
	q := quadFromHull(hull)
	if a := polyArea(q[:]); a < 0.9*hullArea || a > 1.1*hullArea {
		return [4]pt{}, false
	}
	// A card is 1.59:1, a page 1.41:1; perspective changes that a little.
	top, left := dist(q[0], q[1])+dist(q[3], q[2]), dist(q[0], q[3])+dist(q[1], q[2])
	ratio := math.Max(top, left) / math.Min(top, left)
	if ratio < minRatio || ratio > maxRatio {
		return [4]pt{}, false
	}
	// The long side becomes the top edge (a card is read in landscape; the
	// caller turns a page back to portrait).
	if left > top {
		q = [4]pt{q[3], q[0], q[1], q[2]}
	}
	for i := range q {
		q[i].X /= k
		q[i].Y /= k
	}
	return q, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func dist(a, b pt) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// boxBlur averages 3×3 neighbourhoods.
func boxBlur(g *image.Gray) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s, n := 0, 0
			for dy := -1; dy <= 1; dy++ {
				yy := y + dy
				if yy < 0 || yy >= h {
					continue
				}
				for dx := -1; dx <= 1; dx++ {
					xx := x + dx
					if xx < 0 || xx >= w {
						continue
					}
					s += int(g.Pix[yy*g.Stride+xx])
					n++
				}
			}
			out.Pix[y*out.Stride+x] = uint8(s / n)
		}
	}
	return out
}

// convexHull by Andrew's monotone chain, counter-clockwise in image
// coordinates (y down), i.e. clockwise as seen.
func convexHull(pts []pt) []pt {
	sort.Slice(pts, func(i, j int) bool {
		if pts[i].X != pts[j].X {
			return pts[i].X < pts[j].X
		}
		return pts[i].Y < pts[j].Y
	})
	cross := func(o, a, b pt) float64 { return (a.X-o.X)*(b.Y-o.Y) - (a.Y-o.Y)*(b.X-o.X) }
	var lower, upper []pt
	for _, p := range pts {
		for len(lower) >= 2 && cross(lower[len(lower)-2], lower[len(lower)-1], p) <= 0 {
			lower = lower[:len(lower)-1]
		}
		lower = append(lower, p)
	}
	for i := len(pts) - 1; i >= 0; i-- {
		p := pts[i]
		for len(upper) >= 2 && cross(upper[len(upper)-2], upper[len(upper)-1], p) <= 0 {
			upper = upper[:len(upper)-1]
		}
		upper = append(upper, p)
	}
	return append(lower[:len(lower)-1], upper[:len(upper)-1]...)
}

func polyArea(p []pt) float64 {
	var a float64
	for i := range p {
		j := (i + 1) % len(p)
		a += p[i].X*p[j].Y - p[j].X*p[i].Y
	}
	return math.Abs(a) / 2
}

// quadFromHull picks the four hull points that best stand for the corners:
// the smallest-area rectangle around the hull gives the card's direction;
// the hull point nearest each of its corners is that corner. They come back
// clockwise from the top left.
func quadFromHull(hull []pt) [4]pt {
	bestArea := math.Inf(1)
	var bestRect [4]pt
	for i := range hull {
		a, b := hull[i], hull[(i+1)%len(hull)]
		ex, ey := b.X-a.X, b.Y-a.Y
		l := math.Hypot(ex, ey)
		if l == 0 {
			continue
		}
		ex, ey = ex/l, ey/l
		nx, ny := -ey, ex
		minU, maxU, minV, maxV := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, p := range hull {
			u := p.X*ex + p.Y*ey
			v := p.X*nx + p.Y*ny
			minU, maxU = math.Min(minU, u), math.Max(maxU, u)
			minV, maxV = math.Min(minV, v), math.Max(maxV, v)
		}
		if area := (maxU - minU) * (maxV - minV); area < bestArea {
			bestArea = area
			at := func(u, v float64) pt { return pt{u*ex + v*nx, u*ey + v*ny} }
			bestRect = [4]pt{at(minU, minV), at(maxU, minV), at(maxU, maxV), at(minU, maxV)}
		}
	}
	var q [4]pt
	for i, c := range bestRect {
		best := math.Inf(1)
		for _, p := range hull {
			if d := dist(p, c); d < best {
				best, q[i] = d, p
			}
		}
	}
	return orderClockwise(q)
}

// orderClockwise sorts four corners clockwise as seen (y down), starting
// with the one nearest the top left.
func orderClockwise(q [4]pt) [4]pt {
	var cx, cy float64
	for _, p := range q {
		cx += p.X / 4
		cy += p.Y / 4
	}
	s := q[:]
	sort.Slice(s, func(i, j int) bool {
		return math.Atan2(s[i].Y-cy, s[i].X-cx) < math.Atan2(s[j].Y-cy, s[j].X-cx)
	})
	// atan2 order with y down is clockwise as seen, starting near the left.
	start := 0
	for i := range s {
		if s[i].X+s[i].Y < s[start].X+s[start].Y {
			start = i
		}
	}
	var out [4]pt
	for i := range out {
		out[i] = s[(start+i)%4]
	}
	return out
}

// warpQuad maps the quadrilateral q of g onto a w×h rectangle.
func warpQuad(g *image.Gray, q [4]pt, w, h int) *image.Gray {
	m := homography([4]pt{{0, 0}, {float64(w), 0}, {float64(w), float64(h)}, {0, float64(h)}}, q)
	out := image.NewGray(image.Rect(0, 0, w, h))
	// Shrinking a large photo first keeps the sampling from aliasing.
	scale := dist(q[0], q[1]) / float64(w)
	src := g
	f := 1.0
	for scale/f >= 2 {
		src = halve(src)
		f *= 2
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sx, sy := m.apply(float64(x)+0.5, float64(y)+0.5)
			out.Pix[y*out.Stride+x] = sample(src, sx/f-0.5, sy/f-0.5)
		}
	}
	return out
}

type hmat [9]float64

func (m hmat) apply(x, y float64) (float64, float64) {
	d := m[6]*x + m[7]*y + m[8]
	return (m[0]*x + m[1]*y + m[2]) / d, (m[3]*x + m[4]*y + m[5]) / d
}

// homography solves for the projective map taking from[i] to to[i].
func homography(from, to [4]pt) hmat {
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y := from[i].X, from[i].Y
		u, v := to[i].X, to[i].Y
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
		if a[col][col] == 0 {
			continue
		}
		for row := 0; row < 8; row++ {
			if row == col {
				continue
			}
			f := a[row][col] / a[col][col]
			for k := col; k < 9; k++ {
				a[row][k] -= f * a[col][k]
			}
		}
	}
	var m hmat
	for i := 0; i < 8; i++ {
		if a[i][i] != 0 {
			m[i] = a[i][8] / a[i][i]
		}
	}
	m[8] = 1
	return m
}

// deskew straightens text that is a few degrees off: the angle at which
// the dark pixels' row profile is most peaked is the one where the text
// lines run horizontally.
func deskew(g *image.Gray) *image.Gray {
	angle := skewAngle(g)
	if math.Abs(angle) < 0.3 {
		return g
	}
	return rotateBy(g, angle)
}

func skewAngle(g *image.Gray) float64 {
	W, H := g.Bounds().Dx(), g.Bounds().Dy()
	k := 600 / float64(max(W, H))
	small := g
	if k < 1 {
		small = resize(g, max(1, int(float64(W)*k)), max(1, int(float64(H)*k)))
	}
	// The middle of the picture: the document, not the table's pattern
	// around it, whose stripes have their own slope.
	sb := small.Bounds()
	small = crop(small, image.Rect(sb.Dx()/5, sb.Dy()/5, sb.Dx()*4/5, sb.Dy()*4/5))
	w, h := small.Bounds().Dx(), small.Bounds().Dy()
	// Ink, not the table around a page: flattened, the table is as white
	// as the paper.
	small = flatten(small)
	t := min(otsu(small), 150)
	var xs, ys []float64
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if small.Pix[y*small.Stride+x] < t {
				xs = append(xs, float64(x-w/2))
				ys = append(ys, float64(y-h/2))
			}
		}
	}
	if len(xs) == 0 {
		return 0
	}
	n := w + h
	bins := make([]float64, 2*n)
	score := func(deg float64) float64 {
		s, c := math.Sincos(deg * math.Pi / 180)
		for i := range bins {
			bins[i] = 0
		}
		for i := range xs {
			// Row of the point once the image is turned by -deg.
			r := int(ys[i]*c-xs[i]*s) + n
			if r >= 0 && r < len(bins) {
				bins[r]++
			}
		}
		var v float64
		for _, b := range bins {
			v += b * b
		}
		return v
	}
	best, bestS := 0.0, score(0)
	for d := -15.0; d <= 15; d += 1 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	for d := best - 0.75; d <= best+0.75; d += 0.25 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	return best
}

// rotateBy turns g by deg degrees (clockwise as seen, undoing a text slope
// of deg) about its centre, filling the corners with the page's colour.
func rotateBy(g *image.Gray, deg float64) *image.Gray {
	W, H := g.Bounds().Dx(), g.Bounds().Dy()
	s, c := math.Sincos(deg * math.Pi / 180)
	bg := percentile(g, 0.9)
	out := image.NewGray(image.Rect(0, 0, W, H))
	cx, cy := float64(W)/2, float64(H)/2
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
			sx := dx*c - dy*s + cx - 0.5
			sy := dx*s + dy*c + cy - 0.5
			if sx < -0.5 || sy < -0.5 || sx > float64(W)-0.5 || sy > float64(H)-0.5 {
				out.Pix[y*out.Stride+x] = bg
				continue
			}
			out.Pix[y*out.Stride+x] = sample(g, sx, sy)
		}
	}
	return out
}

// landscape turns a portrait picture of a card a quarter turn; upright
// settles whether that left it upside down.
func landscape(g *image.Gray) *image.Gray {
	if g.Bounds().Dy() > g.Bounds().Dx() {
		return rotate90(g, 1)
	}
	return g
}
