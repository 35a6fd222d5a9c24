package asr

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// voskResult is the JSON libvosk returns with words enabled.
type voskResult struct {
	Text   string `json:"text"`
	Result []struct {
		Word  string  `json:"word"`
		Start float64 `json:"start"`
		End   float64 `json:"end"`
		Conf  float64 `json:"conf"`
	} `json:"result"`
}

func parseResult(s string) ([]Word, error) {
	var r voskResult
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return nil, fmt.Errorf("asr: unexpected result from libvosk: %w", err)
	}
	words := make([]Word, 0, len(r.Result))
	for _, w := range r.Result {
		if strings.TrimSpace(w.Word) == "" {
			continue
		}
		words = append(words, Word{Text: w.Word, Start: w.Start, End: w.End, Confidence: clamp01(w.Conf)})
	}
	return words, nil
}

// clamp01 guards the [0,1] promise: MBR posteriors can come out a hair above
// 1 from rounding.
func clamp01(x float64) float64 {
	return max(0, min(1, x))
}

func transcript(words []Word, d time.Duration) Transcript {
	t := Transcript{Words: words, Duration: d, Silent: len(words) == 0}
	if t.Silent {
		t.Words = []Word{}
		return t
	}
	var b strings.Builder
	sum := 0.0
	for i, w := range words {
		if i > 0 && needsSpace(words[i-1].Text, w.Text) {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
		sum += w.Confidence
	}
	t.Text = b.String()
	t.Confidence = sum / float64(len(words))
	return t
}

// needsSpace says whether two recognised words are written with a space
// between them: Vosk separates every word by a space, but Chinese is written
// without, and so is Chinese next to Latin letters or digits ("APP坏了").
// Only two Latin words ("wi fi") keep theirs.
func needsSpace(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	return !wide(last) && !wide(first)
}

// wide reports the scripts written without spaces between words.
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// transcriptJSON is Transcript as JSON: the duration in seconds, as the word
// times are, rather than Go's nanoseconds.
type transcriptJSON struct {
	Text       string  `json:"text"`
	Words      []Word  `json:"words"`
	Confidence float64 `json:"confidence"`
	Silent     bool    `json:"silent"`
	Duration   float64 `json:"duration"`
}

// MarshalJSON writes Duration in seconds.
func (t Transcript) MarshalJSON() ([]byte, error) {
	words := t.Words
	if words == nil {
		words = []Word{}
	}
	return json.Marshal(transcriptJSON{t.Text, words, t.Confidence, t.Silent, t.Duration.Seconds()})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (t *Transcript) UnmarshalJSON(b []byte) error {
	var j transcriptJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*t = Transcript{Text: j.Text, Words: j.Words, Confidence: j.Confidence, Silent: j.Silent,
		Duration: time.Duration(math.Round(j.Duration * float64(time.Second)))}
	return nil
}
