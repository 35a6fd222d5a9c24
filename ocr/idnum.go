package ocr

import (
	"image"
	"strings"

	"github.com/otiai10/gosseract/v2"

	"github.com/minsheng/minsheng/idnumber"
)

// doubtfulBelow is the confidence under which a digit is treated as
// unread. The eng model gives 0.9 and more to digits it reads cleanly.
const doubtfulBelow = 0.75

// numberRead is the outcome for the ID number.
type numberRead struct {
	Digits     string // 18 characters when a number was read, else what was legible
	Confidence float64
	Verified   bool
}

// digitRead is one reading of the number: its characters and the
// confidence of each.
type digitRead struct {
	chars []byte
	confs []float64
}

func (d digitRead) String() string { return string(d.chars) }

func (d digitRead) minConf() float64 {
	m := 1.0
	for _, c := range d.confs {
		m = min(m, c)
	}
	return m
}

func (d digitRead) meanConf() float64 {
	if len(d.confs) == 0 {
		return 0
	}
	var s float64
	for _, c := range d.confs {
		s += c
	}
	return s / float64(len(d.confs))
}

// digitsBox is the part of a line holding digits: the line without its
// Chinese label.
func digitsBox(l line) image.Rectangle {
	var r image.Rectangle
	for _, w := range l.Words {
		if countDigits(w.Text) == 0 {
			continue
		}
		r = r.Union(w.Box)
	}
	if r.Empty() {
		return l.Box
	}
	return r
}

// numberRegions gives the places to look for the number, best first: where
// chi_sim saw it, and where the card's layout puts it.
func numberRegions(card *image.Gray, f frontText) []image.Rectangle {
	W, H := card.Bounds().Dx(), card.Bounds().Dy()
	var out []image.Rectangle
	if b := f.numberBox; !b.Empty() && b.Dy() > 8 {
		h := b.Dy()
		// To the card's right edge: the number ends its line, and chi_sim
		// often misses its last digits (measured: 4 of 50 phone photos
		// lost them with a crop ending one character after chi_sim's box).
		out = append(out, image.Rect(b.Min.X-h, b.Min.Y-h/3, W, b.Max.Y+h/3).Intersect(card.Bounds()))
	}
	// The layout of GB 19522 cards: the number starts at about a third of
	// the width, in the bottom sixth.
	out = append(out, image.Rect(W*30/100, H*80/100, W*98/100, H*96/100))
	return out
}

// readNumber reads the 18-digit number with the eng model restricted to
// digits and X, in a few renderings of its region, and picks the reading
// that the check digit and the printed birth date and sex confirm.
func (w *worker) readNumber(card *image.Gray, lines []line, f frontText) numberRead {
	var reads []digitRead
	if d := digitsOf(f.numberText); len(d) > 0 {
		// chi_sim's own reading is weak on digits but independent.
		reads = append(reads, digitRead{chars: []byte(d), confs: fill(len(d), 0.5)})
	}
	try := func(img *image.Gray) {
		syms, err := readSymbols(w.digits, img, gosseract.PSM_SINGLE_LINE)
		if err != nil {
			return
		}
		var d digitRead
		for _, s := range syms {
			for _, c := range []byte(s.Text) {
				if c >= '0' && c <= '9' || c == 'X' {
					d.chars = append(d.chars, c)
					d.confs = append(d.confs, s.Conf)
				}
			}
		}
		if len(d.chars) > 0 {
			reads = append(reads, d)
		}
	}
	for _, region := range numberRegions(card, f) {
		if region.Dx() < 20 || region.Dy() < 8 {
			continue
		}
		c := crop(card, region)
		// About 60 px per character line: big enough for the eng model,
		// small enough to keep the crop quick to read.
		scaled := scaleTo(c, max(1, c.Bounds().Dx()*64/c.Bounds().Dy()))
		try(scaled)
		if n, ok := decide(reads, f); ok && n.Verified {
			return n
		}
		try(binarize(scaled))
		if n, ok := decide(reads, f); ok && n.Verified {
			return n
		}
	}
	n, _ := decide(reads, f)
	return n
}

func fill(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// digitsOf keeps the digits and X of s.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'X' || r == 'x' || r == '×':
			b.WriteByte('X')
		}
	}
	return b.String()
}

// decide picks the number from the readings. A number is Verified only
// when it passes GB 11643 (check digit, province, real birth date), agrees
// with the birth date and sex printed on the card where those were read,
// and was read as such, or with a single low-confidence digit replaced by
// the only value the check digit allows.
func decide(reads []digitRead, f frontText) (numberRead, bool) {
	if len(reads) == 0 {
		return numberRead{}, false
	}
	consistent := func(s string) bool {
		n, err := idnumber.Parse(s)
		if err != nil {
			return false
		}
		if !f.birth.IsZero() && !n.Birth.Equal(f.birth) {
			return false
		}
		if f.sex == "男" && n.Sex != idnumber.Male || f.sex == "女" && n.Sex != idnumber.Female {
			return false
		}
		return true
	}
	// Two readings must agree before a number is trusted, and the printed
	// birth date, where it was read, must confirm its eight date digits:
	// the check digit alone passes one random double misread in eleven
	// (measured: 51 read as 35 on a rotated photo passed it, with the
	// printed date matching).
	printed := !f.birth.IsZero()
	// 1. A reading that passes as read.
	var best numberRead
	found := false
	for _, r := range reads {
		s := r.String()
		agree := countAgree(reads, s)
		if len(s) == idnumber.Length && consistent(s) && agree > 1 {
			c := r.meanConf()
			if agree > 1 {
				c = min(1, c+0.1*float64(agree-1))
			}
			if !found || c > best.Confidence {
				best, found = numberRead{Digits: s, Confidence: c, Verified: true}, true
			}
		}
	}
	if found {
		return best, true
	}
	// 2. The per-position vote of the 18-character readings, then one
	// uncertain digit replaced by what the check digit requires.
	var full []digitRead
	for _, r := range reads {
		if len(r.chars) == idnumber.Length {
			full = append(full, r)
		}
	}
	if len(full) == 0 {
		// Nothing with the right length: return the longest reading as is.
		longest := reads[0]
		for _, r := range reads[1:] {
			if absDiff(len(r.chars), idnumber.Length) < absDiff(len(longest.chars), idnumber.Length) {
				longest = r
			}
		}
		return numberRead{Digits: longest.String(), Confidence: longest.meanConf() * 0.3}, true
	}
	voted, conf := vote(full)
	if consistent(string(voted)) && countAgree(full, string(voted)) > 1 {
		return numberRead{Digits: string(voted), Confidence: meanOf(conf), Verified: true}, true
	}
	// Which positions are in doubt: the ones read with low confidence and
	// the ones the readings disagree on. A wrong digit read confidently is
	// not guessed at: with no doubtful position nothing is repaired.
	doubt := map[int]bool{}
	for i := range voted {
		if conf[i] < doubtfulBelow {
			doubt[i] = true
		}
		for _, r := range full {
			if r.chars[i] != voted[i] {
				doubt[i] = true
			}
		}
	}
	// The printed birth date settles positions 7–14 without guessing.
	// Repairs need two full readings that agree on every digit not in
	// doubt, and the printed date.
	outsideDate := false
	for i := range doubt {
		if i < 6 || i > 13 {
			outsideDate = true
		}
	}
	if printed && len(full) > 1 && !outsideDate {
		ymd := f.birth.Format("20060102")
		fixed := append([]byte(nil), voted...)
		copy(fixed[6:14], ymd)
		if consistent(string(fixed)) && diffCount(fixed, voted) <= 2 {
			return numberRead{Digits: string(fixed), Confidence: meanOf(conf) * 0.9, Verified: true}, true
		}
	}
	if len(doubt) == 1 && printed && len(full) > 1 {
		for i := range doubt {
			var hits []string
			for _, c := range []byte("0123456789X") {
				if c == 'X' && i != idnumber.Length-1 {
					continue
				}
				cand := append([]byte(nil), voted...)
				cand[i] = c
				if consistent(string(cand)) {
					hits = append(hits, string(cand))
				}
			}
			if len(hits) == 1 {
				return numberRead{Digits: hits[0], Confidence: meanOf(conf) * 0.8, Verified: true}, true
			}
		}
	}
	// Not validated: returned for a person to check, never as verified.
	return numberRead{Digits: string(voted), Confidence: meanOf(conf) * 0.4}, true
}

// vote takes, position by position, the character with the highest summed
// confidence.
func vote(reads []digitRead) ([]byte, []float64) {
	out := make([]byte, idnumber.Length)
	conf := make([]float64, idnumber.Length)
	for i := range out {
		score := map[byte]float64{}
		var total float64
		for _, r := range reads {
			score[r.chars[i]] += r.confs[i]
			total += r.confs[i]
		}
		var bestC byte
		bestS := -1.0
		for c, s := range score {
			if s > bestS || s == bestS && c < bestC {
				bestC, bestS = c, s
			}
		}
		out[i] = bestC
		if total > 0 {
			conf[i] = bestS / total * maxConfAt(reads, i, bestC)
		}
	}
	return out, conf
}

func maxConfAt(reads []digitRead, i int, c byte) float64 {
	m := 0.0
	for _, r := range reads {
		if r.chars[i] == c {
			m = max(m, r.confs[i])
		}
	}
	return m
}

func countAgree(reads []digitRead, s string) int {
	n := 0
	for _, r := range reads {
		if r.String() == s {
			n++
		}
	}
	return n
}

func diffCount(a, b []byte) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

func meanOf(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}
