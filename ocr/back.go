package ocr

import (
	"context"
	"image"
	"regexp"
	"strings"
	"time"

	"github.com/otiai10/gosseract/v2"
)

// back reads the emblem side of a card already cut out and straightened.
func (w *worker) back(ctx context.Context, card *image.Gray) (Result, error) {
	card = w.upright(card, "签发机关有效期限")
	// Only the bottom half holds fields; the title and the emblem above
	// them make Tesseract drop a line of the block.
	W, H := card.Bounds().Dx(), card.Bounds().Dy()
	prepared := cleanCard(crop(card, image.Rect(W*5/100, H*55/100, W, H)))
	words, err := readWords(w.chi, prepared, gosseract.PSM_SINGLE_BLOCK)
	if err != nil {
		return Result{}, err
	}
	lines := groupLines(words)
	if !legible(lines) {
		return Result{}, unreadable("no legible text on the ID card")
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	fields := parseBack(lines)
	if !knownAuthority(fields[0].Value) {
		fields = w.rereadAuthority(prepared, lines, fields)
	}
	fields = w.crossAuthority(prepared, lines, fields)
	return newResult(lines, fields), nil
}

// rereadAuthority reads the authority's line again, larger and smaller,
// when the name read is not a place in the code table: a rare character
// (阆, 郯) is often read right at another size, or by the second model
// (柘 read 本 by the first at every size). The first reading whose place
// and branch are in the table is taken, else the first whose place is.
func (w *worker) rereadAuthority(prepared *image.Gray, lines []line, fields []Field) []Field {
	i := authorityLine(lines)
	if i < 0 {
		return fields
	}
	l := lines[i]
	c := crop(prepared, authorityBand(l))
	best := authorityRank(fields[0].Value)
	for _, r := range []struct {
		c *gosseract.Client
		f float64
	}{{w.chi, 1.5}, {w.chi, 0.75}, {w.second, 1}, {w.second, 1.5}} {
		scaled := scaleTo(c, int(float64(c.Bounds().Dx())*r.f))
		words, err := readWords(r.c, scaled, gosseract.PSM_SINGLE_LINE)
		if err != nil || len(words) == 0 {
			continue
		}
		again := append([]line(nil), lines...)
		again[i] = line{Words: words, Box: l.Box}
		f2 := parseBack(again)
		if rank := authorityRank(f2[0].Value); rank > best {
			fields[0], best = f2[0], rank
			if best == 2 {
				break
			}
		}
	}
	return fields
}

// authorityRank orders readings of an authority: 2 when it is known
// (place and branch), 1 when only its place is, 0 otherwise.
func authorityRank(s string) int {
	switch {
	case knownAuthority(s):
		return 2
	case knownPlace(s):
		return 1
	}
	return 0
}

// authorityField makes the issuingAuthority field of a name read with
// confidence conf. A police authority is named after its county or city:
// a name whose place is in the division table and that ends in 公安局 or
// 分局 is very unlikely to be misread; anything else may be.
func authorityField(authority string, conf float64) Field {
	f := Field{Name: "issuingAuthority", Value: authority, Confidence: conf}
	if knownAuthority(authority) && (strings.HasSuffix(authority, "公安局") || strings.HasSuffix(authority, "分局")) {
		f.Verified = true
	} else if authority != "" {
		f.Confidence *= 0.6
	}
	return f
}

// crossAuthority gives the authority to the second model (crossRead),
// with the first model's reading of its line at 1.5× as the check. A
// name whose place (or branch) is in the division table is not turned
// into one whose place (or branch) is not, and 公安局 and 分局 are kept.
// The field is made again from the new name with the line's confidence.
func (w *worker) crossAuthority(prepared *image.Gray, lines []line, fields []Field) []Field {
	i := authorityLine(lines)
	if i < 0 || fields[0].Value == "" {
		return fields
	}
	l := lines[i]
	region := authorityBand(l)
	first, ok := w.firstReading(prepared, region)
	if !ok {
		return fields
	}
	// The line starts with its label: given with the name, the label's
	// characters line up with the label the second model reads, not with
	// the name.
	old := fields[0].Value
	rows := []image.Rectangle{region}
	v := w.crossRead(prepared, rows, authorityLabel+old, first, w.readSecond(prepared, rows, 1), w.crossWords)
	v = string([]rune(v)[len([]rune(authorityLabel)):])
	if v == old || authorityRank(v) < authorityRank(old) || !sameSuffix(old, v) {
		return fields
	}
	fields[0] = authorityField(v, l.Conf())
	return fields
}

// authorityLabel is printed before the authority's name.
const authorityLabel = "签发机关"

// sameSuffix reports whether b keeps the 公安局 or 分局 that a has: the
// office's kind is printed on every card, so a change there is a misread.
func sameSuffix(a, b string) bool {
	for _, s := range []string{"公安局", "分局"} {
		if strings.Contains(a, s) && !strings.Contains(b, s) {
			return false
		}
	}
	return true
}

// authorityBand is the authority's line with half a line height around it.
func authorityBand(l line) image.Rectangle {
	h := l.Box.Dy()
	return image.Rect(l.Box.Min.X-h/2, l.Box.Min.Y-h/2, l.Box.Max.X+h/2, l.Box.Max.Y+h/2)
}

// authorityLine finds the line of the issuing authority, or -1.
func authorityLine(lines []line) int {
	for i, l := range lines {
		t := strings.ReplaceAll(l.Text(), " ", "")
		if strings.Contains(t, "签发") || strings.Contains(t, "机关") || strings.Contains(t, "公安") {
			return i
		}
	}
	return -1
}

// knownAuthority reports whether the place in an authority's name is in
// the division table (knownPlace) and a city's branch is one of its
// districts (knownBranch).
func knownAuthority(s string) bool {
	if city, branch, ok := branchOf(s); ok && !knownBranch(city, branch) {
		return false
	}
	return knownPlace(s)
}

// knownPlace reports whether the place before 公安局 in an authority's
// name (a county or city) is in the division table.
func knownPlace(s string) bool {
	loadTree()
	i := strings.Index(s, "公安局")
	if i <= 0 {
		return false
	}
	head := s[:i]
	for _, n := range allNames {
		if n == head {
			return true
		}
	}
	return false
}

var dateRe = regexp.MustCompile(`(\d{4})\D{0,2}(\d{2})\D{0,2}(\d{2})`)

// parseBack finds 签发机关 and 有效期限 by their labels, else by position
// (the last two lines of text on the card).
func parseBack(lines []line) []Field {
	var authority, period string
	var authConf, periodConf float64
	var texts []string
	var confs []float64
	for _, l := range lines {
		t := strings.ReplaceAll(l.Text(), " ", "")
		if t == "" {
			continue
		}
		texts = append(texts, t)
		confs = append(confs, l.Conf())
	}
	for i, t := range texts {
		switch {
		case authority == "" && (strings.Contains(t, "签发") || strings.Contains(t, "机关")):
			authority, authConf = afterAny(t, "签发机关", "机关", "签发"), confs[i]
		case period == "" && (strings.Contains(t, "有效") || strings.Contains(t, "期限") || len(dateRe.FindAllString(t, -1)) > 0):
			period, periodConf = afterAny(t, "有效期限", "期限", "有效"), confs[i]
		}
	}
	fields := []Field{authorityField(repairAuthority(cleanCJK(authority)), authConf)}
	from, until := Field{Name: "validFrom", Confidence: periodConf}, Field{Name: "validUntil", Confidence: periodConf}
	dates := dateRe.FindAllStringSubmatch(period, -1)
	var fromT, untilT time.Time
	if len(dates) > 0 {
		fromT = parseYMD(dates[0][1], dates[0][2], dates[0][3])
		if !fromT.IsZero() {
			from.Value = fromT.Format("2006-01-02")
		}
	}
	switch {
	case strings.Contains(period, "长期") || strings.Contains(period, "长") && len(dates) == 1:
		until.Value = "长期"
	case len(dates) > 1:
		untilT = parseYMD(dates[1][1], dates[1][2], dates[1][3])
		if !untilT.IsZero() {
			until.Value = untilT.Format("2006-01-02")
		}
	}
	// Cards are valid for 5, 10 or 20 years to the day, or for life (长期):
	// a period that fits is very unlikely to be misread.
	if !fromT.IsZero() && !untilT.IsZero() && untilT.Month() == fromT.Month() && untilT.Day() == fromT.Day() {
		switch untilT.Year() - fromT.Year() {
		case 5, 10, 20:
			from.Verified, until.Verified = true, true
		}
	}
	if !fromT.IsZero() && until.Value == "长期" {
		from.Verified, until.Verified = true, true
	}
	for _, f := range []*Field{&from, &until} {
		if f.Value == "" {
			f.Confidence = 0
		} else if !f.Verified {
			f.Confidence *= 0.6
		}
	}
	fields = append(fields, from, until)
	for i := range fields {
		if fields[i].Value == "" {
			fields[i].Confidence = 0
		}
		fields[i].Confidence = clamp01(fields[i].Confidence)
	}
	return fields
}

// afterAny returns what follows the first label found in s.
func afterAny(s string, labels ...string) string {
	for _, l := range labels {
		if i := strings.Index(s, l); i >= 0 {
			return s[i+len(l):]
		}
	}
	return s
}
