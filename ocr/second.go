package ocr

import (
	"image"
	"unicode"

	"github.com/minsheng/minsheng/lexicon"
	"github.com/otiai10/gosseract/v2"
)

// crossSure is the confidence the second model must give a character at
// both sizes before it replaces the first model's.
const crossSure = 0.97

// crossRead puts right a Chinese character of value (an address, a name,
// an issuing authority, a letter's line) that chi_sim misreads the same
// way at every size (碧 read 铂, 匠 or 怕; 泉 read 录; 翠 read 以), with
// the second model (w.second), trained apart from Debian's and wrong on
// other characters (幢 read 幡 or 幔, 旗 read 於). The caller gives the
// second model's reading of the value's rows at 1× (second, readSecond:
// an address's numbers are settled with it too); crossRead reads them at
// 1.5× where that one offers a character. A character is replaced only
// when both give the same other Chinese character, each with confidence
// crossSure or more, and the first model's own second reading of the rows
// (first, at 1.5×) does not confirm the character it replaces. Only
// substitutions are made: a character dropped or added is left to the
// callers' own checks.
//
// Chosen on the tuning split (synth/second seeds 7 and 8; 160 cards drawn
// for the study): at one size (1.5×) and confidence 0.95 the second model
// would have mended 7 characters and broken 6 (安 → 玄, 湖 → 翊, 号 → 已);
// at both sizes 7 and 2 (湖 → 翊 and 咸 → 哈, both 0.958); at both sizes
// and 0.97, 7 and none. The check against the first model's reading
// stops 旗 → 於 (0.984) and 幸 → 并. On the tuning cards of make eval
// (the same seeds, 160 other cards): 5 addresses, 4 names and 2
// authorities mended, nothing broken.
// See docs/accuracy.md, seventh round.
//
// Then mend, unless nil, may take more of the second model's reading at
// 1× (small), where the value's own rules say which is right: crossWords
// for a value made of words (an authority, a letter's line; not a name),
// crossAddress for an address.
func (w *worker) crossRead(prepared *image.Gray, rows []image.Rectangle, value, first string, second []word, mend func(rs []rune, small []symbolAt)) string {
	if value == "" || len(rows) == 0 {
		return value
	}
	rs := []rune(value)
	confirmed := alignRunes(rs, []rune(first))
	// The smaller size first: only where it offers a character is the
	// larger read at all, which spares most values the dearer reading.
	var offered []int
	small := alignSymbols(rs, second)
	for i, r := range rs {
		a := small[i]
		if unicode.Is(unicode.Han, r) && a.r != r && unicode.Is(unicode.Han, a.r) && a.conf >= crossSure && confirmed[i] != r {
			offered = append(offered, i)
		}
	}
	if len(offered) > 0 {
		large := alignSymbols(rs, w.readSecond(prepared, rows, 1.5))
		for _, i := range offered {
			if b := large[i]; b.r == small[i].r && b.conf >= crossSure {
				rs[i] = b.r
			}
		}
	}
	if mend != nil {
		mend(rs, small)
	}
	return string(rs)
}

// wordSure is the confidence the second model must give a character at 1×
// for crossWords to consider it.
const wordSure = 0.9

// crossWords replaces a Chinese character of rs that forms no word of two
// to four characters with its neighbours (lexicon.Covered) by the second
// model's character in its place (read at 1×, confidence wordSure or
// more) when that one does form a word: 匠水小区 becomes 碧水小区, 龙录镇
// 龙泉镇, 在此县请 在此恳请. Where the first model confirms its own
// misreading at 1.5× (so the sure rule above keeps it), the dictionary,
// trained on neither model's errors, decides. A name is not made of
// words (蔡军华 would become 荣军华, 荣军 being one), so crossName does
// not ask for it.
//
// Measured on the tuning split (synth/second seeds 7 and 8): 6 of the 160
// cards' addresses mended (碧水 ×4, 翠湖, 龙泉镇), none broken; 66 of 160
// letter pages better, none worse. Every change seen came from a second
// model's reading at 0.92 or more; the first model's readings, tried as
// candidates too, broke an address (定结县 → 定结村: misaligned) and were
// left out. See docs/accuracy.md, eighth round.
func (w *worker) crossWords(rs []rune, small []symbolAt) {
	for i, r := range rs {
		a := small[i]
		if !unicode.Is(unicode.Han, r) || a.r == r || !unicode.Is(unicode.Han, a.r) || a.conf < wordSure ||
			lexicon.Covered(w.words, rs, i) {
			continue
		}
		rs[i] = a.r
		if !lexicon.Covered(w.words, rs, i) {
			rs[i] = r
		}
	}
}

// firstReading is the first model's reading of one row at 1.5×, cleaned
// as a value is: the check crossRead is given for a name or an
// authority. ok is false for a row too small to read or a failed reading.
func (w *worker) firstReading(prepared *image.Gray, row image.Rectangle) (string, bool) {
	row = row.Intersect(prepared.Bounds())
	if row.Dx() < 8 || row.Dy() < 8 {
		return "", false
	}
	c := crop(prepared, row)
	ws, err := readWords(w.chi, scaleTo(c, c.Bounds().Dx()*3/2), gosseract.PSM_SINGLE_LINE)
	if err != nil {
		return "", false
	}
	return cleanCJK(joinWords(wordTexts(ws))), true
}

// readSecond reads rows with the second model, scaled by f, as symbols;
// nil when a reading fails (nothing is then changed).
func (w *worker) readSecond(prepared *image.Gray, rows []image.Rectangle, f float64) []word {
	var out []word
	for _, r := range rows {
		c := crop(prepared, r.Intersect(prepared.Bounds()))
		if c.Bounds().Dx() < 8 || c.Bounds().Dy() < 8 {
			continue
		}
		ws, err := readSymbols(w.second, scaleTo(c, int(float64(c.Bounds().Dx())*f)), gosseract.PSM_SINGLE_LINE)
		if err != nil {
			return nil
		}
		out = append(out, ws...)
	}
	return out
}

// symbolAt is the character another reading has at one position of a
// value, with its confidence.
type symbolAt struct {
	r    rune
	conf float64
}

// alignSymbols gives, for each character of value, the symbol of ws that
// stands in its place (kept or substituted), or the zero symbolAt where
// that reading dropped or added something there. Symbols other than one
// Chinese character, digit or capital letter (marks, noise) are left out
// first, as cleanAddress leaves them out of an address.
func alignSymbols(value []rune, ws []word) []symbolAt {
	var rs []rune
	var confs []float64
	for _, w := range ws {
		t := []rune(w.Text)
		if len(t) != 1 || !(unicode.Is(unicode.Han, t[0]) || t[0] >= '0' && t[0] <= '9' || t[0] >= 'A' && t[0] <= 'Z') {
			continue
		}
		rs, confs = append(rs, t[0]), append(confs, w.Conf)
	}
	at := make([]symbolAt, len(value))
	for i, j := range alignment(value, rs) {
		if j >= 0 {
			at[i] = symbolAt{rs[j], confs[j]}
		}
	}
	return at
}

// alignRunes gives, for each character of a, the character of b in its
// place, or 0.
func alignRunes(a, b []rune) []rune {
	out := make([]rune, len(a))
	for i, j := range alignment(a, b) {
		if j >= 0 {
			out[i] = b[j]
		}
	}
	return out
}

// alignment lines b up with a at the least edit distance and gives, for
// each position of a, the position of b kept or substituted there, or -1
// where b has nothing in its place.
func alignment(a, b []rune) []int {
	n, m := len(a), len(b)
	d := make([][]int, n+1)
	for i := range d {
		d[i] = make([]int, m+1)
		d[i][0] = i
	}
	for j := 0; j <= m; j++ {
		d[0][j] = j
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			sub := d[i-1][j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			d[i][j] = min(sub, d[i-1][j]+1, d[i][j-1]+1)
		}
	}
	out := make([]int, n)
	for i, j := n, m; i > 0; {
		switch {
		case j > 0 && d[i][j] == d[i-1][j-1]+btoi(a[i-1] != b[j-1]):
			out[i-1] = j - 1
			i, j = i-1, j-1
		case d[i][j] == d[i-1][j]+1:
			out[i-1] = -1
			i--
		default:
			j--
		}
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
