package ocr

import (
	"image"
	"sort"
	"strings"
)

// Field location by label. A card's values are found next to their printed
// labels (姓名 … 住址), wherever the labels are: cards differ in where the
// printer put each row, in label spacing and in size, and a photo crops
// them with margins, so no fixed layout holds. The words Tesseract returns
// carry boxes; a word is cut into its characters (evenly: CJK characters
// are square) so a label run together with its value ("姓名王晶") is still
// found.

// glyph is one character with the box and confidence of the word it came
// from.
type glyph struct {
	r    rune
	box  image.Rectangle
	conf float64
	row  int // the index of its line in the reading
}

func glyphsOf(lines []line) []glyph {
	var out []glyph
	for i, l := range lines {
		for _, w := range l.Words {
			rs := []rune(w.Text)
			if len(rs) == 0 {
				continue
			}
			step := float64(w.Box.Dx()) / float64(len(rs))
			for k, r := range rs {
				x0 := w.Box.Min.X + int(float64(k)*step)
				x1 := w.Box.Min.X + int(float64(k+1)*step)
				out = append(out, glyph{r, image.Rect(x0, w.Box.Min.Y, max(x1, x0+1), w.Box.Max.Y), w.Conf, i})
			}
		}
	}
	return out
}

// findLabel returns the box of label in the glyphs: its characters in
// order on one line; for a label of four or more characters, its first
// two or its last two are enough (公民身份号码 is often half misread).
func findLabel(gs []glyph, label string) (image.Rectangle, bool) {
	want := []rune(label)
	try := func(part []rune) (image.Rectangle, bool) {
		for i := 0; i+len(part) <= len(gs); i++ {
			ok := true
			var box image.Rectangle
			for k, r := range part {
				g := gs[i+k]
				if g.r != r || g.row != gs[i].row {
					ok = false
					break
				}
				box = box.Union(g.box)
			}
			if ok {
				return box, true
			}
		}
		return image.Rectangle{}, false
	}
	if b, ok := try(want); ok {
		return b, true
	}
	if len(want) >= 4 {
		if b, ok := try(want[:2]); ok {
			return b, true
		}
		if b, ok := try(want[len(want)-2:]); ok {
			return b, true
		}
	}
	return image.Rectangle{}, false
}

// valueRight returns the characters right of a label box on the label's
// row band, left to right, up to the first gap wider than three character
// heights (beyond it is the portrait's edge or the background, which
// Tesseract reads as "1", "|" or "h"), and their mean confidence.
func valueRight(gs []glyph, label image.Rectangle, stopX int) (string, float64) {
	h := label.Dy()
	mid := (label.Min.Y + label.Max.Y) / 2
	var row []glyph
	for _, g := range gs {
		c := (g.box.Min.Y + g.box.Max.Y) / 2
		if g.box.Min.X >= label.Max.X-h/4 && abs(c-mid) <= h*2/3 && g.box.Min.X < stopX {
			row = append(row, g)
		}
	}
	return joinRun(row, h)
}

// joinRun keeps a row's glyphs, in Tesseract's reading order (the even
// split of a word's box is too rough to sort by), up to the first wide gap.
func joinRun(row []glyph, h int) (string, float64) {
	end := len(row)
	for i := 1; i < len(row); i++ {
		if row[i].box.Min.X-row[i-1].box.Max.X > 3*h {
			end = i
			break
		}
	}
	return spell(row[:end])
}

// spell joins glyphs into their text and gives their mean confidence
// (each glyph counts once, so a long word does not outvote its row).
func spell(gs []glyph) (string, float64) {
	if len(gs) == 0 {
		return "", 0
	}
	var b strings.Builder
	var sum float64
	for _, g := range gs {
		b.WriteRune(g.r)
		sum += g.conf
	}
	return b.String(), sum / float64(len(gs))
}

// frontByLabels reads name, and address rows, by their labels. ok is false
// for a field whose label was not found: the caller keeps what the line
// reading gave.
type labelled struct {
	name, address         string
	nameConf, addrConf    float64
	nameFound, addrFound  bool
	nameBox               image.Rectangle // the name label, for a second look
	numberTop, rightLimit int
}

func frontByLabels(lines []line, width int) labelled {
	gs := glyphsOf(lines)
	var out labelled
	out.numberTop = -1
	out.rightLimit = width
	if b, ok := findLabel(gs, "公民身份号码"); ok {
		out.numberTop = b.Min.Y
	}
	if b, ok := findLabel(gs, "姓名"); ok {
		out.nameFound, out.nameBox = true, b
		out.name, out.nameConf = valueRight(gs, b, width)
		out.name = cleanCJK(out.name)
	}
	if b, ok := findLabel(gs, "住址"); ok {
		out.addrFound = true
		h := b.Dy()
		bottom := out.numberTop
		if bottom < 0 {
			bottom = b.Max.Y + 4*h
		}
		// Rows from the label's down to the number's label: each row's run
		// right of the label's left edge, cut at its first wide gap.
		rows := map[int][]glyph{}
		var order []int
		for _, g := range gs {
			c := (g.box.Min.Y + g.box.Max.Y) / 2
			if c < b.Min.Y-h/3 || c >= bottom-h/3 || g.box.Min.X < b.Max.X-h/4 {
				continue
			}
			if _, seen := rows[g.row]; !seen {
				order = append(order, g.row)
			}
			rows[g.row] = append(rows[g.row], g)
		}
		sort.Ints(order)
		var parts []string
		var sum float64
		for _, k := range order {
			t, c := joinRun(rows[k], h)
			if t == "" {
				continue
			}
			parts = append(parts, t)
			sum += c * float64(len([]rune(t)))
		}
		all := strings.Join(parts, "")
		out.address = repairPlaces(dropLowerLatin(cleanCJK(all)))
		if n := len([]rune(all)); n > 0 {
			out.addrConf = sum / float64(n)
		}
	}
	return out
}

// dropLowerLatin removes lower-case Latin letters: addresses write building
// letters in capitals (A座), and a lone "h" or "l" is the photo's edge or a
// speck read as a letter.
func dropLowerLatin(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return -1
		}
		return r
	}, s)
}
