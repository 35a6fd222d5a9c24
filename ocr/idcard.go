package ocr

import (
	"context"
	"image"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/otiai10/gosseract/v2"

	"github.com/minsheng/minsheng/idnumber"
)

// cardWidth is the width in pixels a card is normalised to before reading:
// about 12 px/mm, which makes the printed characters 35–45 px tall, the size
// Tesseract's models read best.
const cardWidth = 1000

// ethnicities are the 56 nationalities as printed on cards (GB 3304 names
// without the 族 suffix).
var ethnicities = []string{
	"汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
	"土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西",
	"景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
	"普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
	"独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
}

// IDCardFront reads the side of a resident ID card with the holder's
// photo: name, sex, ethnicity, birthDate, address, idNumber and division.
func (p *Pool) IDCardFront(ctx context.Context, img image.Image) (Result, error) {
	return p.with(ctx, img, func(w *worker) (Result, error) {
		card, err := findCard(toGray(img))
		if err != nil {
			return Result{}, err
		}
		return w.front(ctx, card)
	})
}

// IDCardBack reads the side with the national emblem: issuingAuthority,
// validFrom and validUntil.
func (p *Pool) IDCardBack(ctx context.Context, img image.Image) (Result, error) {
	return p.with(ctx, img, func(w *worker) (Result, error) {
		card, err := findCard(toGray(img))
		if err != nil {
			return Result{}, err
		}
		return w.back(ctx, card)
	})
}

// front reads a card already cut out and straightened.
func (w *worker) front(ctx context.Context, card *image.Gray) (Result, error) {
	card = w.upright(card, "公民身份号码")
	prepared := maskPortrait(cleanCard(card))
	words, err := readWords(w.chi, prepared, gosseract.PSM_SINGLE_BLOCK)
	if err != nil {
		return Result{}, err
	}
	lines := groupLines(words)
	if !legible(lines) {
		return Result{}, unreadable("no legible text on the ID card")
	}
	f := parseFront(lines, prepared.Bounds().Dx())
	f.name, f.nameConf = w.rereadName(prepared, f.nameRow, f.name, f.nameConf, f.nameWeak)
	f.name = w.crossName(prepared, f.nameRow, f.name)
	w.placeByLabels(prepared, lines, &f)
	w.fixAddress(prepared, &f)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	num := w.readNumber(card, lines, f)
	fitAddress(&f, num)
	fields := f.fields(num)
	return newResult(lines, fields), nil
}

// fitAddress puts right the province, city and county at the start of
// the address against the division the number's first six digits name.
// A verified number was confirmed by the printed date and a second
// reading: its county is as sure as the number, so a name put right
// against it is not marked. A number that only passes its check digit is
// unconfirmed: a correction against it is shown as a doubt (confidence at
// most 0.5, the mark of an unsure value), and an address that agrees with
// it gains nothing.
func fitAddress(f *frontText, num numberRead) {
	switch {
	case f.address == "":
	case num.Verified:
		f.address, _ = fitDivision(f.address, num.Digits[:6])
	case len(num.Digits) == 18 && idnumber.Valid(num.Digits):
		if fixed, changed := fitDivisionUnsure(f.address, num.Digits[:6]); changed {
			f.address, f.addrConf = fixed, min(f.addrConf, 0.5)
		}
	}
}

// placeByLabels fills a name or an address the line reading left empty
// from beside its label (labels.go), and gives an empty name whose label
// was found a second look at the strip right of the label. What these find
// is marked unsure (confidence at most 0.5): a plainly printed field comes
// back, and a clerk knows to check it.
//
// Measured on the held-back cards: taking the label reading in place of
// the line reading whenever both exist lost address characters (the even
// split of a word's box into characters cuts runs short), so it is only a
// fallback.
func (w *worker) placeByLabels(prepared *image.Gray, lines []line, f *frontText) {
	if f.name != "" && f.address != "" {
		return
	}
	lab := frontByLabels(lines, prepared.Bounds().Dx())
	if f.name == "" && lab.name != "" {
		f.name, f.nameConf = lab.name, min(0.5, lab.nameConf)
	}
	if f.address == "" && lab.address != "" {
		f.address, f.addrConf = lab.address, min(0.5, lab.addrConf)
	}
	if f.name != "" || !lab.nameFound {
		return
	}
	b := lab.nameBox
	h := b.Dy()
	strip := crop(prepared, image.Rect(b.Max.X, b.Min.Y-h/2, min(prepared.Bounds().Dx(), b.Max.X+12*h), b.Max.Y+h/2))
	if strip.Bounds().Dx() < h || strip.Bounds().Dy() < 8 {
		return
	}
	ws, err := readWords(w.chi, strip, gosseract.PSM_SINGLE_LINE)
	if err != nil {
		return
	}
	if name := cleanCJK(joinWords(wordTexts(ws))); name != "" {
		f.name, f.nameConf = name, min(0.5, meanConf(ws))
	}
}

func wordTexts(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Text
	}
	return out
}

// maskPortrait paints the photo white: Tesseract reads the edge of a face
// or a shoulder as "1" or "|" at the end of the address lines.
//
// Tried and measured on the held-back cards (synth/second, n = 10 per
// tier): finding the photo as the solid dark blob in the right half and
// masking around it lost ethnicity and address characters (address 22/40
// -> 13/40), so the layout's place for the photo stays.
func maskPortrait(card *image.Gray) *image.Gray {
	W, H := card.Bounds().Dx(), card.Bounds().Dy()
	out := image.NewGray(card.Bounds())
	copy(out.Pix, card.Pix)
	bg := percentile(card, 0.75)
	for y := 0; y < H*77/100; y++ {
		row := out.Pix[y*out.Stride:]
		for x := W * 63 / 100; x < W; x++ {
			row[x] = bg
		}
	}
	eraseAtMaskEdge(out, W*63/100, H*77/100, bg)
	return out
}

// eraseAtMaskEdge paints over the part of the photo left of the mask: a
// card cropped with a margin puts the photo's edge a few millimetres left
// of the layout's place, and the sliver left showing (the shoulders, dark)
// was read as 人, | or 1 ending the address rows (held-back tuning split,
// seed 7: 4 of 32 addresses). Only dark regions that touch the mask's
// edge, reach at most 8 % of the width left of it, and are taller than a
// character are erased: a character cut by the mask is left alone.
func eraseAtMaskEdge(g *image.Gray, maskX, bottom int, bg uint8) {
	W := g.Bounds().Dx()
	left := max(0, maskX-W*8/100)
	const dark = 150
	seen := make([]bool, len(g.Pix))
	for sy := 0; sy < bottom; sy++ {
		if g.Pix[sy*g.Stride+maskX-1] >= dark || seen[sy*g.Stride+maskX-1] {
			continue
		}
		// Flood the dark region from this seed, within the band.
		stack := []int{sy*g.Stride + maskX - 1}
		seen[stack[0]] = true
		var comp []int
		top, bot, escaped := sy, sy, false
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			comp = append(comp, i)
			x, y := i%g.Stride, i/g.Stride
			top, bot = min(top, y), max(bot, y)
			for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				nx, ny := x+d[0], y+d[1]
				if nx >= maskX || ny < 0 || ny >= bottom {
					continue
				}
				if nx < left {
					escaped = true
					continue
				}
				j := ny*g.Stride + nx
				if !seen[j] && g.Pix[j] < dark {
					seen[j] = true
					stack = append(stack, j)
				}
			}
		}
		if escaped || bot-top < g.Bounds().Dy()*8/100 {
			continue
		}
		for _, i := range comp {
			g.Pix[i] = bg
		}
		// The blob's soft rim too: what is left of it reads as a stroke.
		for _, i := range comp {
			x, y := i%g.Stride, i/g.Stride
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					nx, ny := x+dx, y+dy
					if nx >= left && nx < maskX && ny >= 0 && ny < bottom {
						g.Pix[ny*g.Stride+nx] = bg
					}
				}
			}
		}
	}
}

// legible reports whether Tesseract found a few confident characters.
func legible(lines []line) bool {
	n := 0
	for _, l := range lines {
		for _, wd := range l.Words {
			if wd.Conf >= 0.5 {
				n += len([]rune(wd.Text))
			}
		}
	}
	return n >= 4
}

func newResult(lines []line, fields []Field) Result {
	texts := make([]string, 0, len(lines))
	for _, l := range lines {
		if t := strings.TrimSpace(l.Text()); t != "" {
			texts = append(texts, t)
		}
	}
	var sum float64
	for _, f := range fields {
		sum += f.Confidence
	}
	r := Result{Text: strings.Join(texts, "\n"), Fields: fields}
	if len(fields) > 0 {
		r.Confidence = sum / float64(len(fields))
	}
	return r
}

// frontText holds what was read from the chi_sim pass.
type frontText struct {
	name, sex, ethnicity, address        string
	nameConf, sexConf, ethConf, addrConf float64
	birth                                time.Time // zero when unreadable
	birthConf                            float64
	numberLine                           int // index of the line holding the number, -1 when not seen
	numberText                           string
	numberBox                            image.Rectangle   // where the digits are, empty when not seen
	nameRow                              image.Rectangle   // the name's place in the value column, for a second look
	nameWeak                             float64           // the confidence of the name's least sure word
	addrRows                             []image.Rectangle // the address's rows in the value column, for a second look
	addrLines                            []line            // the address's lines as read, for the digits' second look
	col                                  column            // the value column, when haveCol
	haveCol                              bool
	addrLabel                            bool // 住址 was read
}

// assembleAddress joins the address's lines: the part of each in the
// value column when the column is known, else the first line after its
// label and the others whole. An address whose label was not read is less
// sure: its start was found by its place.
func (f *frontText) assembleAddress() (string, float64) {
	var parts []string
	var confs []word
	for i, l := range f.addrLines {
		var t string
		switch {
		case f.haveCol:
			t, _ = f.col.valueText(l)
		case i == 0:
			t = afterLabel(strings.ReplaceAll(l.Text(), " ", ""), "住址")
		default:
			t = strings.ReplaceAll(l.Text(), " ", "")
		}
		parts = append(parts, t)
		confs = append(confs, l.Words...)
	}
	conf := meanConf(confs)
	if !f.addrLabel {
		conf *= 0.8
	}
	return cleanAddress(strings.Join(parts, "")), conf
}

var digitsRe = regexp.MustCompile(`[0-9]+`)

// parseFront finds the fields by their printed labels (姓名, 性别, 民族,
// 出生, 住址, 公民身份号码); the number's line is also recognised by its
// run of digits, and the birth line by 年 and 月. Where the value column
// can be told (column.go), values are cut from their rows by position, and
// a name or address whose label was misread is found by its row's place:
// the name's row is above the sex row, the address's below the birth row.
func parseFront(lines []line, width int) frontText {
	f := frontText{numberLine: -1}
	type tagged struct {
		text string
		conf float64
		l    line
	}
	var ts []tagged
	for _, l := range lines {
		t := strings.ReplaceAll(l.Text(), " ", "")
		if t == "" {
			continue
		}
		ts = append(ts, tagged{t, l.Conf(), l})
	}
	addrStart, sexLine, birthLine, nameLine := -1, -1, -1, -1
	for i, t := range ts {
		switch {
		case f.numberLine < 0 && (strings.Contains(t.text, "号码") || strings.Contains(t.text, "公民") || countDigits(t.text) >= 14):
			f.numberLine = i
			f.numberText = t.text
			f.numberBox = digitsBox(t.l)
		case f.name == "" && strings.Contains(t.text, "姓名"):
			f.name, f.nameConf = afterLabel(t.text, "姓名"), t.conf
			nameLine = i
		case f.sex == "" && (strings.Contains(t.text, "性别") || strings.Contains(t.text, "民族")):
			f.parseSexEthnicity(t.text, t.conf)
			sexLine = i
		case f.sex == "" && sexRowLike(t.text):
			// Both labels misread (性为女攻访汉): a short row with the sex
			// and ending in a nationality is the sex row.
			f.parseSexEthnicity(t.text, t.conf*0.8)
			sexLine = i
		case f.birth.IsZero() && (strings.Contains(t.text, "出生") || strings.Contains(t.text, "年") && strings.Contains(t.text, "月")):
			f.birth = parseChineseDate(t.text)
			f.birthConf = t.conf
			birthLine = i
		case addrStart < 0 && strings.Contains(t.text, "住址"):
			addrStart = i
		}
	}
	plain := make([]line, len(ts))
	for i, t := range ts {
		plain[i] = t.l
	}
	guess := addrStart
	if guess < 0 && birthLine >= 0 {
		guess = birthLine + 1
	}
	col, haveCol := valueColumn(plain, sexLine, birthLine, guess, f.numberLine, width)
	// A misread 姓名: the row above the sex row, if it holds a name's
	// worth of characters in the value column. Unsure: the label was not
	// seen.
	if f.name == "" && haveCol && sexLine > 0 {
		v, c := col.valueText(ts[sexLine-1].l)
		// The label's 名 can fall right of the column's edge; no surname
		// is 名.
		v = strings.TrimPrefix(cleanCJK(v), "名")
		if hanCount(v) >= 2 && hanCount(v) <= 6 {
			f.name, f.nameConf = v, c*0.8
			nameLine = sexLine - 1
		}
	}
	if haveCol && nameLine >= 0 {
		b := ts[nameLine].l.Box
		f.nameRow = image.Rect(col.x-col.h/2, b.Min.Y-col.h/3, col.right, b.Max.Y+col.h/3)
		f.nameWeak = 1
		for _, wd := range ts[nameLine].l.Words {
			if (wd.Box.Min.X+wd.Box.Max.X)/2 >= col.x-col.h/2 && wd.Box.Min.X < col.right && hanCount(wd.Text) > 0 {
				f.nameWeak = min(f.nameWeak, wd.Conf)
			}
		}
	}
	labelSeen := addrStart >= 0
	if !labelSeen && haveCol && birthLine >= 0 && birthLine+1 < len(ts) && birthLine+1 != f.numberLine {
		addrStart = birthLine + 1
	}
	if addrStart >= 0 {
		end := len(ts)
		if f.numberLine > addrStart {
			end = f.numberLine
		}
		for i := addrStart; i < end; i++ {
			f.addrLines = append(f.addrLines, ts[i].l)
			if haveCol {
				b := ts[i].l.Box
				f.addrRows = append(f.addrRows, image.Rect(col.x-col.h/2, b.Min.Y-col.h/4, col.right, b.Max.Y+col.h/4))
			}
		}
		f.col, f.haveCol, f.addrLabel = col, haveCol, labelSeen
		f.address, f.addrConf = f.assembleAddress()
	}
	f.name = cleanCJK(f.name)
	return f
}

// sexRowLike reports a row that reads like the sex row whose labels were
// misread: short, with 男 or 女, ending in a listed nationality.
func sexRowLike(t string) bool {
	c := cleanCJK(t)
	if hanCount(c) > 8 || !strings.ContainsAny(c, "男女") {
		return false
	}
	_, ok := endingEthnicity(c)
	return ok
}

func (f *frontText) parseSexEthnicity(t string, conf float64) {
	sexPart, ethPart := t, ""
	if i := strings.Index(t, "民族"); i >= 0 {
		sexPart, ethPart = t[:i], t[i+len("民族"):]
	}
	switch {
	case strings.Contains(sexPart, "男"):
		f.sex, f.sexConf = "男", conf
	case strings.Contains(sexPart, "女"):
		f.sex, f.sexConf = "女", conf
	}
	ethPart = cleanCJK(ethPart)
	if ethPart == "" {
		// 民族 misread (民双基): the nationality still ends the row.
		if e, ok := endingEthnicity(cleanCJK(t)); ok {
			f.ethnicity, f.ethConf = e, conf*0.6
			return
		}
	}
	if e, ok := matchEthnicity(ethPart); ok {
		f.ethnicity, f.ethConf = e, conf
	} else if ethPart != "" {
		f.ethnicity, f.ethConf = ethPart, conf*0.5
	}
}

// matchEthnicity picks the listed nationality that the read text starts
// with, the longest first (蒙古 before 蒙... there is no 蒙; 土家 before 土).
func matchEthnicity(s string) (string, bool) {
	s = strings.TrimSuffix(s, "族")
	best := ""
	for _, e := range ethnicities {
		if strings.HasPrefix(s, e) && len(e) > len(best) {
			best = e
		}
	}
	return best, best != ""
}

// endingEthnicity picks the longest listed nationality that ends s (after
// the sex, whose 男/女 is not a nationality).
func endingEthnicity(s string) (string, bool) {
	s = strings.TrimSuffix(s, "族")
	best := ""
	for _, e := range ethnicities {
		if strings.HasSuffix(s, e) && len(e) > len(best) && !strings.HasSuffix(s, "性别"+e) {
			best = e
		}
	}
	return best, best != ""
}

// afterLabel returns what follows label in s.
func afterLabel(s, label string) string {
	if i := strings.Index(s, label); i >= 0 {
		return s[i+len(label):]
	}
	return s
}

// cleanCJK keeps letters, digits and the punctuation that appears in names
// and addresses, dropping what Tesseract makes of the card's background.
func cleanCJK(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || unicode.IsDigit(r) || unicode.IsLetter(r) || strings.ContainsRune("-·（）()#", r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' || r == 'X' || r == 'x' {
			n++
		}
	}
	return n
}

// parseChineseDate reads "1990年1月2日" (with any spacing or label).
func parseChineseDate(s string) time.Time {
	nums := digitsRe.FindAllString(s, -1)
	if len(nums) < 3 {
		// 19900102 read as one run
		for _, n := range nums {
			if len(n) == 8 {
				return parseYMD(n[:4], n[4:6], n[6:])
			}
		}
		return time.Time{}
	}
	for i := 0; i+2 < len(nums); i++ {
		if len(nums[i]) == 4 {
			return parseYMD(nums[i], nums[i+1], nums[i+2])
		}
	}
	return time.Time{}
}

func parseYMD(y, m, d string) time.Time {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if yi < 1900 || yi > 2100 || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return time.Time{}
	}
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Day() != di { // 31 April rolled over
		return time.Time{}
	}
	return t
}

// fields assembles the front's fields once the number is known: the
// number's birth date and sex confirm (or correct) what chi_sim read.
func (f frontText) fields(n numberRead) []Field {
	out := []Field{
		{Name: "name", Value: f.name, Confidence: f.nameConf},
		{Name: "sex", Value: f.sex, Confidence: f.sexConf},
		{Name: "ethnicity", Value: f.ethnicity, Confidence: f.ethConf},
	}
	birth := Field{Name: "birthDate", Confidence: f.birthConf}
	if !f.birth.IsZero() {
		birth.Value = f.birth.Format("2006-01-02")
	}
	if n.Verified {
		// The number's birth date and sex were checked against the printed
		// ones (or the printed ones were unreadable): they are the same facts.
		nb := n.Digits[6:10] + "-" + n.Digits[10:12] + "-" + n.Digits[12:14]
		if birth.Value == nb {
			birth.Verified = true
			birth.Confidence = max(birth.Confidence, n.Confidence)
		} else if birth.Value == "" {
			birth.Value, birth.Confidence, birth.Verified = nb, n.Confidence*0.9, true
		}
		ns := "女"
		if (n.Digits[16]-'0')%2 == 1 {
			ns = "男"
		}
		if out[1].Value == ns {
			out[1].Verified = true
			out[1].Confidence = max(out[1].Confidence, n.Confidence)
		} else if out[1].Value == "" {
			out[1].Value, out[1].Confidence, out[1].Verified = ns, n.Confidence*0.9, true
		}
	}
	if _, ok := matchEthnicity(out[2].Value); ok {
		out[2].Verified = true
	}
	out = append(out, birth, Field{Name: "address", Value: f.address, Confidence: f.addrConf})
	out = append(out, Field{Name: "idNumber", Value: n.Digits, Confidence: n.Confidence, Verified: n.Verified})
	div := Field{Name: "division"}
	if len(n.Digits) == 18 {
		div.Value = division(n.Digits[:6])
		if div.Value != "" {
			div.Confidence = n.Confidence
			div.Verified = n.Verified
		}
	}
	out = append(out, div)
	for i := range out {
		if out[i].Value == "" {
			out[i].Confidence = 0
		}
		out[i].Confidence = clamp01(out[i].Confidence)
	}
	return out
}
