package ocr

import (
	"sort"
	"strings"
	"unicode"
)

// The value column. On a card front every value starts at one x: right of
// the labels 姓名, 性别, 出生, 住址, and where the address's second and
// third rows begin. Finding that x from what was read lets a value be cut
// from its row by position, so a misread label (迁名, 住让) no longer hides
// its value, and marks left of the column (a speck read as 本 before an
// address row) or right of the photo's edge do not join it.

// column is the x where values start and the height of a character.
type column struct {
	x, h  int
	right int // values end before this x (the photo's mask)
}

var frontLabels = []string{"姓名", "性别", "出生", "住址"}

// valueColumn estimates the column from the rows whose label was read,
// the sex (男/女) and the birth year (its first digit), and the address's
// continuation rows (lines after the address's first, before the number).
// ok is false with fewer than two estimates that agree.
func valueColumn(ls []line, sexLine, birthLine, addrStart, numberLine, width int) (column, bool) {
	var xs, hs []int
	for i, l := range ls {
		if i == sexLine || i == birthLine {
			for _, g := range glyphsOf([]line{l}) {
				if i == sexLine && (g.r == '男' || g.r == '女') || i == birthLine && unicode.IsDigit(g.r) {
					xs = append(xs, g.box.Min.X)
					hs = append(hs, g.box.Dy())
					break
				}
			}
		}
		gs := glyphsOf([]line{l})
		rs := make([]rune, len(gs))
		for k, g := range gs {
			rs[k] = g.r
		}
		text := string(rs)
		for _, lab := range frontLabels {
			k := strings.Index(text, lab)
			if k < 0 {
				continue
			}
			at := len([]rune(text[:k])) + 2
			hs = append(hs, gs[at-1].box.Dy(), gs[at-2].box.Dy())
			for _, g := range gs[at:] {
				if valueRune(g.r) {
					xs = append(xs, g.box.Min.X)
					break
				}
			}
			break
		}
		if addrStart >= 0 && i > addrStart && (numberLine < 0 || i < numberLine) {
			for _, g := range gs {
				if valueRune(g.r) {
					xs = append(xs, g.box.Min.X)
					break
				}
			}
		}
	}
	if len(xs) < 2 || len(hs) == 0 {
		return column{}, false
	}
	x, h := medianInt(xs), medianInt(hs)
	agree := 0
	for _, v := range xs {
		if abs(v-x) <= h/2 {
			agree++
		}
	}
	if agree < 2 {
		return column{}, false
	}
	return column{x: x, h: h, right: width * 63 / 100}, true
}

// valueRune reports a character a value can start with (not a quote or a
// bar that a speck was read as).
func valueRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.IsDigit(r) || unicode.IsUpper(r)
}

// valueText is what l holds in the column: the characters whose centre is
// right of the column's start (less half a character) and that begin left
// of the photo, with their mean confidence.
func (c column) valueText(l line) (string, float64) {
	var in []glyph
	for _, g := range glyphsOf([]line{l}) {
		mid := (g.box.Min.X + g.box.Max.X) / 2
		if mid >= c.x-c.h/2 && g.box.Min.X < c.right {
			in = append(in, g)
		}
	}
	return spell(in)
}

func medianInt(v []int) int {
	s := append([]int(nil), v...)
	sort.Ints(s)
	return s[len(s)/2]
}

// hanCount counts Chinese characters.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}
