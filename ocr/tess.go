package ocr

import (
	"bytes"
	"image"
	"strconv"
	"strings"
	"unicode"

	"github.com/otiai10/gosseract/v2"
)

// word is one word (for Chinese often one character) as Tesseract read it.
type word struct {
	Text string
	Box  image.Rectangle
	Conf float64 // 0..1
	// Block, Par and Line number the word's text line within the page.
	Block, Par, Line int
}

// line is a text line: its words in reading order.
type line struct {
	Words []word
	Box   image.Rectangle
}

// Text joins the line's words; see joinWords.
func (l line) Text() string {
	parts := make([]string, len(l.Words))
	for i, w := range l.Words {
		parts[i] = w.Text
	}
	return joinWords(parts)
}

// Conf is the mean word confidence weighted by characters, so a long
// confident word is not outvoted by a stray mark.
func (l line) Conf() float64 { return meanConf(l.Words) }

func meanConf(ws []word) float64 {
	var sum, n float64
	for _, w := range ws {
		k := float64(len([]rune(w.Text)))
		sum += w.Conf * k
		n += k
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

// encodePGM writes img as a binary PGM: Leptonica reads it from memory
// without decompression and Go writes it with one copy, unlike PNG, whose
// compression would cost more than the recognition of a small crop.
func encodePGM(img *image.Gray) []byte {
	b := img.Bounds()
	var buf bytes.Buffer
	buf.Grow(b.Dx()*b.Dy() + 20)
	buf.WriteString("P5\n" + strconv.Itoa(b.Dx()) + " " + strconv.Itoa(b.Dy()) + "\n255\n")
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := img.PixOffset(b.Min.X, y)
		buf.Write(img.Pix[i : i+b.Dx()])
	}
	return buf.Bytes()
}

// readWords recognises img with client c in page segmentation mode psm and
// returns its words with their lines.
func readWords(c *gosseract.Client, img *image.Gray, psm gosseract.PageSegMode) ([]word, error) {
	if err := c.SetImageFromBytes(encodePGM(img)); err != nil {
		return nil, err
	}
	if err := c.SetPageSegMode(psm); err != nil {
		return nil, err
	}
	boxes, err := c.GetBoundingBoxesVerbose()
	if err != nil {
		return nil, err
	}
	out := make([]word, 0, len(boxes))
	for _, b := range boxes {
		t := strings.TrimSpace(b.Word)
		if t == "" {
			continue
		}
		out = append(out, word{Text: t, Box: b.Box, Conf: clamp01(b.Confidence / 100), Block: b.BlockNum, Par: b.ParNum, Line: b.LineNum})
	}
	return out, nil
}

// readSymbols recognises img and returns one entry per character, with the
// character's own confidence: the ID number's weakest digits are the ones
// worth replacing.
func readSymbols(c *gosseract.Client, img *image.Gray, psm gosseract.PageSegMode) ([]word, error) {
	if err := c.SetImageFromBytes(encodePGM(img)); err != nil {
		return nil, err
	}
	if err := c.SetPageSegMode(psm); err != nil {
		return nil, err
	}
	boxes, err := c.GetBoundingBoxes(gosseract.RIL_SYMBOL)
	if err != nil {
		return nil, err
	}
	out := make([]word, 0, len(boxes))
	for _, b := range boxes {
		t := strings.TrimSpace(b.Word)
		if t == "" {
			continue
		}
		out = append(out, word{Text: t, Box: b.Box, Conf: clamp01(b.Confidence / 100)})
	}
	return out, nil
}

// groupLines puts words into their text lines, in Tesseract's reading order.
func groupLines(ws []word) []line {
	var out []line
	for i, w := range ws {
		if i == 0 || w.Block != ws[i-1].Block || w.Par != ws[i-1].Par || w.Line != ws[i-1].Line {
			out = append(out, line{Box: w.Box})
		}
		l := &out[len(out)-1]
		l.Words = append(l.Words, w)
		l.Box = l.Box.Union(w.Box)
	}
	return out
}

// joinWords joins words with a space only where both sides are Latin
// letters or digits. Chinese is written without spaces, but Tesseract puts
// one between characters it sees as separate words.
func joinWords(parts []string) string {
	var b strings.Builder
	var prev rune
	for _, p := range parts {
		if p == "" {
			continue
		}
		first := []rune(p)[0]
		if b.Len() > 0 && spaced(prev) && spaced(first) {
			b.WriteByte(' ')
		}
		b.WriteString(p)
		r := []rune(p)
		prev = r[len(r)-1]
	}
	return b.String()
}

// spaced reports whether r belongs to a script written with spaces.
func spaced(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("%)]},.;:!?'\"", r))
}

func clamp01(x float64) float64 {
	switch {
	case x < 0:
		return 0
	case x > 1:
		return 1
	}
	return x
}
