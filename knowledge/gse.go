package knowledge

import (
	"log/slog"
	"sync"

	"github.com/minsheng/minsheng/insight"
)

// GSE is the process's gse segmenter (insight's dictionary, loaded on the
// first use and shared with the category suggester). Should the dictionary
// fail to load, text is cut into single characters, which the index still
// pairs into searchable words.
func GSE() Segmenter { return gseSegmenter{} }

type gseSegmenter struct{}

var warnOnce sync.Once

func (gseSegmenter) Tokens(text string) []string {
	c, err := insight.NewClassifier()
	if err != nil {
		warnOnce.Do(func() { slog.Warn("knowledge: no segmenter dictionary; searching by characters", "err", err) })
		return characters(text)
	}
	return c.Tokens(text)
}

// characters is the fallback: runs of Han characters as one token each
// (Terms pairs them), other runes one by one.
func characters(text string) []string {
	var out []string
	var run []rune
	flush := func() {
		if len(run) > 0 {
			out = append(out, string(run))
			run = run[:0]
		}
	}
	for _, r := range text {
		if isHan(r) {
			run = append(run, r)
			continue
		}
		flush()
		out = append(out, string(r))
	}
	flush()
	return out
}
