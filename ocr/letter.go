package ocr

import (
	"context"
	"image"
	"sort"
	"strings"
	"unicode"

	"github.com/otiai10/gosseract/v2"
)

// Letter reads a photographed letter or notice: its text in reading order,
// lines joined into paragraphs (one per line of Result.Text), without the
// spaces Tesseract puts between Chinese characters. The one field is text.
func (p *Pool) Letter(ctx context.Context, img image.Image) (Result, error) {
	return p.with(ctx, img, func(w *worker) (Result, error) {
		page, err := findPage(toGray(img))
		if err != nil {
			return Result{}, err
		}
		return w.letter(ctx, page)
	})
}

func (w *worker) letter(ctx context.Context, page *image.Gray) (Result, error) {
	kept, prepared, err := w.readLetter(ctx, page)
	if err != nil {
		return Result{}, err
	}
	// A page the right way up reads with confidence. Otherwise try it
	// upside down (a photo turned by 180°, or by 90° the wrong way) and
	// keep the better reading: cheaper than checking every page first.
	if c := linesConf(kept); !legible(kept) || c < 0.8 {
		flipped, fprep, err := w.readLetter(ctx, rotate90(page, 2))
		if err != nil {
			return Result{}, err
		}
		if hanScore(flipped) > hanScore(kept) {
			kept, prepared = flipped, fprep
		}
	}
	if kept, err = w.secondOpinion(ctx, prepared, kept); err != nil {
		return Result{}, err
	}
	if !legible(kept) {
		return Result{}, unreadable("no legible text in the image")
	}
	paras := paragraphs(kept)
	for i := range paras {
		paras[i] = fullWidth(paras[i])
	}
	text := strings.Join(paras, "\n")
	var all []word
	for _, l := range kept {
		all = append(all, l.Words...)
	}
	c := clamp01(meanConf(all))
	fields := []Field{{Name: "text", Value: text, Confidence: c}}
	// Lines Tesseract is unsure of stay in the text (dropping them lost
	// titles, 此致 and 敬礼 on pages the reader was not tuned on) and are
	// named here, each with its own low confidence, for a clerk to check.
	for _, l := range kept {
		if lc := l.Conf(); lc < doubtfulLine {
			fields = append(fields, Field{Name: "doubtfulLine", Value: fullWidth(strings.TrimSpace(l.Text())), Confidence: clamp01(lc)})
		}
	}
	return Result{Text: text, Fields: fields, Confidence: c}, nil
}

// secondOpinion reads again, alone, each line Tesseract was unsure of on the
// page, and keeps the new reading when it is surer and not shorter by more
// than a tenth. Read with the rest of the page, a line can share its
// errors with its neighbours' layout: a digit run read as one unsure word
// (电话1 / 6262120739 read 62602120739, which lost the phone number), a
// character misread (黄士村 for 黄土村) that the line alone reads right.
// Read alone, the line is one row of text for the model. Measured on the
// tuning split (synth/second seeds 7 and 8, synth seed 7; 50 clean pages):
// mean CER 1.31% -> 0.99%, pages worse than the tesseract command line 5 ->
// 3, phone numbers lost 1 -> 0; 25 pages better, 5 worse by one character.
// Re-reading every line instead of the unsure ones gained nothing more
// (1.02%) for half again the time; chi_sim+eng for the re-read (1.03%) the
// same. A line's order, and every line, stay as they are.
func (w *worker) secondOpinion(ctx context.Context, prepared *image.Gray, ls []line) ([]line, error) {
	const (
		unsureLine = 0.9 // line confidence under which the line is read again
		unsureWord = 0.5 // ... or a word's confidence
		pad        = 0.3 // margin above and below, in line heights
	)
	out := append([]line(nil), ls...)
	for i, l := range ls {
		lowest := 1.0
		for _, wd := range l.Words {
			lowest = min(lowest, wd.Conf)
		}
		if l.Conf() >= unsureLine && lowest >= unsureWord {
			continue
		}
		// The line's band from its words' median top and bottom: one
		// word's box can reach into the next line (the split 致 above).
		var tops, bottoms []int
		for _, wd := range l.Words {
			tops = append(tops, wd.Box.Min.Y)
			bottoms = append(bottoms, wd.Box.Max.Y)
		}
		top, bottom := medianInt(tops), medianInt(bottoms)
		h := bottom - top
		m := int(pad * float64(h))
		r := image.Rect(l.Box.Min.X-h/2, top-m, l.Box.Max.X+h/2, bottom+m).Intersect(prepared.Bounds())
		if r.Dx() < 8 || r.Dy() < 8 {
			continue
		}
		ws, err := readWords(w.chi, crop(prepared, r), gosseract.PSM_SINGLE_LINE)
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(ws) == 0 {
			continue
		}
		alt := line{Box: ws[0].Box.Add(r.Min)}
		for _, wd := range ws {
			wd.Box = wd.Box.Add(r.Min)
			alt.Words = append(alt.Words, wd)
			alt.Box = alt.Box.Union(wd.Box)
		}
		got, had := []rune(strings.TrimSpace(alt.Text())), []rune(strings.TrimSpace(l.Text()))
		if hasText(string(got)) && alt.Conf() > l.Conf() && 10*len(got) >= 9*len(had) {
			out[i] = alt
		}
		out[i] = w.crossLine(prepared, r, out[i], alt.Text())
	}
	return out, nil
}

// crossLine gives an unsure line to the second model (crossRead), with
// the line read alone by the first model (first) as its check. A line it
// changes becomes one word of the new text, with the line's place and
// confidence: the words' own boxes no longer match their characters.
func (w *worker) crossLine(prepared *image.Gray, band image.Rectangle, l line, first string) line {
	text := l.Text()
	if text == "" {
		return l
	}
	rows := []image.Rectangle{band}
	fixed := w.crossRead(prepared, rows, text, first, w.readSecond(prepared, rows, 1), w.crossWords)
	if fixed == text {
		return l
	}
	wd := l.Words[0]
	wd.Text, wd.Box, wd.Conf = fixed, l.Box, l.Conf()
	return line{Words: []word{wd}, Box: l.Box}
}

// doubtfulLine is the line confidence under which a letter's line is
// reported as doubtful (kept in the text, listed as a field).
const doubtfulLine = 0.5

// hasText reports whether a line holds a letter or digit: a line of only
// marks (|, -, ~) is what Tesseract makes of specks and folds, not text.
func hasText(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// paragraphs joins lines into paragraphs. A paragraph starts where a line
// is indented (Chinese paragraphs begin two characters in), follows a line
// that stopped short of the right margin, or follows a wider gap than the
// usual line spacing.
func paragraphs(lines []line) []string {
	if len(lines) == 0 {
		return nil
	}
	var heights, lefts, rights, gaps []float64
	for i, l := range lines {
		heights = append(heights, float64(l.Box.Dy()))
		lefts = append(lefts, float64(l.Box.Min.X))
		rights = append(rights, float64(l.Box.Max.X))
		if i > 0 && l.Box.Min.Y > lines[i-1].Box.Max.Y {
			gaps = append(gaps, float64(l.Box.Min.Y-lines[i-1].Box.Max.Y))
		}
	}
	h := median(heights)
	sort.Float64s(lefts)
	sort.Float64s(rights)
	left := lefts[len(lefts)/10]
	right := rights[len(rights)*9/10]
	gap := median(gaps)
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, joinWords(cur))
			cur = nil
		}
	}
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			indented := float64(l.Box.Min.X)-left > 1.2*h
			short := right-float64(prev.Box.Max.X) > 2.5*h
			apart := gap > 0 && float64(l.Box.Min.Y-prev.Box.Max.Y) > 1.8*gap+0.3*h
			if indented || short || apart {
				flush()
			}
		}
		cur = append(cur, strings.TrimSpace(l.Text()))
	}
	flush()
	return out
}

// pageWidth is the width a page is read at: A4 at 150 dpi, which makes
// body text 30–45 px tall.
const pageWidth = 1240

// findPage returns the page of a letter, straightened and scaled so that
// its characters are large enough for Tesseract. It may be upside down.
func findPage(g *image.Gray) (*image.Gray, error) {
	if blank(g) {
		return nil, unreadable("the image is blank: no text found")
	}
	if q, ok := findQuad(g, 1.2, 1.75); ok {
		// findQuad puts a long side on top; a page is read in portrait.
		q = [4]pt{q[1], q[2], q[3], q[0]}
		return warpQuad(g, q, pageWidth, int(pageWidth*297/210)), nil
	}
	g = deskew(g)
	if g.Bounds().Dx() > g.Bounds().Dy() {
		g = rotate90(g, 1)
	}
	if g.Bounds().Dx() < pageWidth {
		g = scaleTo(g, pageWidth)
	}
	return g, nil
}

// readLetter reads a straightened page and keeps every line with text.
func (w *worker) readLetter(ctx context.Context, page *image.Gray) ([]line, *image.Gray, error) {
	prepared := removeRules(cleanCard(page))
	// A letter is one column (measured: CER 2.1% -> 1.5% on clean pages
	// against automatic layout, which drops short lines such as 此致). When
	// the page was not found, the table around it can hide the column from
	// Tesseract entirely; automatic layout then still finds the text.
	var kept []line
	for _, psm := range []gosseract.PageSegMode{gosseract.PSM_SINGLE_COLUMN, gosseract.PSM_AUTO} {
		words, err := readWords(w.chi, prepared, psm)
		if err != nil {
			return nil, nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		// Every line with a letter or digit is kept, however unsure: a
		// confidence filter (0.3) removed whole real lines on pages printed
		// in other faces. Only lines of bare marks and very unsure single
		// characters (specks, the page edge) go.
		kept = kept[:0]
		for _, l := range groupLines(words) {
			t := strings.TrimSpace(l.Text())
			if !hasText(t) || len([]rune(t)) <= 1 && l.Conf() < 0.3 {
				continue
			}
			kept = append(kept, l)
		}
		if legible(kept) {
			break
		}
	}
	return kept, prepared, nil
}

func linesConf(ls []line) float64 {
	var all []word
	for _, l := range ls {
		all = append(all, l.Words...)
	}
	return meanConf(all)
}

// hanScore sums the confidence of the Chinese characters read.
func hanScore(ls []line) float64 {
	var s float64
	for _, l := range ls {
		for _, wd := range l.Words {
			for _, r := range wd.Text {
				if unicode.Is(unicode.Han, r) {
					s += wd.Conf
				}
			}
		}
	}
	return s
}

// removeRules erases the rules of letter paper: long, thin horizontal runs
// lighter than ink. Tesseract takes a short line of text sitting on a rule
// for a picture and drops it (此致, 敬礼！).
func removeRules(g *image.Gray) *image.Gray {
	const (
		dark    = 215 // darker than paper
		minRun  = 150 // longer than any character stroke at pageWidth
		maxBand = 4   // rules are a few pixels thick
	)
	W, H := g.Bounds().Dx(), g.Bounds().Dy()
	out := image.NewGray(g.Bounds())
	copy(out.Pix, g.Pix)
	at := func(x, y int) uint8 { return g.Pix[y*g.Stride+x] }
	for y := 0; y < H; y++ {
		x := 0
		for x < W {
			if at(x, y) >= dark {
				x++
				continue
			}
			start := x
			for x < W && at(x, y) < dark {
				x++
			}
			if x-start < minRun {
				continue
			}
			for xx := start; xx < x; xx++ {
				// Thin here: not part of a character crossing the rule.
				top, bottom := y, y
				for top > 0 && y-top < maxBand+1 && at(xx, top-1) < dark {
					top--
				}
				for bottom < H-1 && bottom-y < maxBand+1 && at(xx, bottom+1) < dark {
					bottom++
				}
				if bottom-top+1 <= maxBand {
					out.Pix[y*out.Stride+xx] = 240
				}
			}
		}
	}
	return out
}

// fullWidth writes the punctuation Tesseract reads as ASCII after a Chinese
// character the way Chinese is printed (：！，；？（）), and drops the space
// it leaves after it.
func fullWidth(s string) string {
	repl := map[rune]rune{':': '：', '!': '！', ',': '，', ';': '；', '?': '？', '(': '（', ')': '）'}
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if f, ok := repl[r]; ok && i > 0 && !spaced(rs[i-1]) {
			b.WriteRune(f)
			for i+1 < len(rs) && rs[i+1] == ' ' {
				i++
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
