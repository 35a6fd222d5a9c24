package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/minsheng/minsheng/asr"
	"github.com/minsheng/minsheng/synth"
)

func init() { register(section{Order: 40, Name: "speech", Run: evalSpeech}) }

// speechTiers: the clean 16 kHz a mini-program can record, and the 8 kHz
// compressed audio of a hotline.
var speechTiers = []struct{ format, label string }{
	{"wav16k", "16 kHz WAV"},
	{"amr", "8 kHz AMR-NB 12.2 kbit/s"},
	{"mp3", "8 kHz MP3 32 kbit/s"},
}

type speechTally struct {
	rates      []float64
	confidence float64
	silent     int
	audio      time.Duration
	wall       time.Duration
	failures   []failure
}

func evalSpeech(ctx context.Context, o options) (string, error) {
	var b strings.Builder
	b.WriteString("## Speech\n\n")
	dir, why := speechModel()
	if why != "" {
		fmt.Fprintf(&b, "Speech accuracy was not measured: %s. No Mandarin Vosk model can be downloaded on the machines this was built on; "+
			"set VOSK_MODEL to an unpacked `vosk-model-small-cn-0.22` (or `vosk-model-cn-0.22`) and run `make eval` again. "+
			"The tests still run the whole Vosk path on the test model, which hears loudness, not words.\n", why)
		return b.String(), nil
	}
	table, err := measureSpeech(ctx, o, dir)
	return b.String() + table, err
}

// measureSpeech transcribes o.N sentences per tier with the model in dir.
func measureSpeech(ctx context.Context, o options, dir string) (string, error) {
	var b strings.Builder
	engine, err := asr.Open(asr.Options{ModelDir: dir, Concurrency: workers})
	if err != nil {
		return "", err
	}
	defer engine.Close()

	// The same sentences in every tier, so the tiers differ only in audio.
	sentences := make([]string, o.N)
	for i := range sentences {
		sentences[i] = speechSentence(sampleRand(o.Seed, "speech", i))
	}
	tallies := map[string]*speechTally{}
	for _, tier := range speechTiers {
		t := &speechTally{}
		tallies[tier.format] = t
		var mu sync.Mutex
		err := forEach(ctx, o.N, workers, func(i int) error {
			audio, err := synth.Speech(ctx, sentences[i], tier.format)
			if err != nil {
				return err
			}
			start := time.Now()
			tr, err := engine.Transcribe(ctx, audio)
			if err != nil {
				return fmt.Errorf("%s sentence %d: %w", tier.format, i, err)
			}
			wall := time.Since(start)
			rate := charErrorRate(hanOnly(sentences[i]), hanOnly(tr.Text))
			mu.Lock()
			defer mu.Unlock()
			t.rates = append(t.rates, rate)
			t.confidence += tr.Confidence
			t.audio += tr.Duration
			t.wall += wall
			if tr.Silent {
				t.silent++
			}
			if rate > 0.3 {
				t.failures = append(t.failures, failure{i, fmt.Sprintf("sentence %d: CER %s: said %q, heard %q", i, percent(rate), sentences[i], tr.Text), false})
			}
			return nil
		})
		if err != nil {
			return "", err
		}
	}

	fmt.Fprintf(&b, "Model `%s`. Sentences from the synthetic letters (package synth), read by espeak-ng's Mandarin voice (`-v cmn`, a formant synthesiser: "+
		"robotic, so these figures say how the pipeline copes with format and bandwidth, not how it hears real callers), "+
		"encoded as below and transcribed through `asr.Engine`. CER over Chinese characters only (Vosk writes no punctuation). "+
		"n = %d sentences per tier, %d recognitions at a time; real-time factor = wall time per second of audio.\n\n", filepath.Base(dir), o.N, workers)
	b.WriteString("| tier | CER | sentences with CER ≤ 10% | silent | mean confidence | real-time factor |\n|---|---|---|---|---|---|\n")
	for _, tier := range speechTiers {
		t := tallies[tier.format]
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %.2f | %.2f |\n", tier.label, rateSummary(t.rates),
			share(countAtMost(t.rates, 0.10), len(t.rates)), t.silent, t.confidence/float64(len(t.rates)),
			t.wall.Seconds()/t.audio.Seconds())
	}
	for _, tier := range speechTiers {
		writeFailures(&b, "Sentences above 30% CER, "+tier.label, tallies[tier.format].failures)
	}
	return b.String(), nil
}

// speechSentence takes one or two sentences from the body of a synthetic
// letter. Sentences with digits or Latin letters are left out: a caller says
// "一三八" where the letter has "138", and the CER would count the writing,
// not the hearing.
func speechSentence(r *rand.Rand) string {
	for {
		_, text := synth.Letter(r)
		var picked []string
		for _, line := range strings.Split(text, "\n") {
			for _, s := range splitSentences(line) {
				if speakable(s) {
					picked = append(picked, s)
				}
			}
		}
		if len(picked) == 0 {
			continue
		}
		i := r.Intn(len(picked))
		if i+1 < len(picked) && r.Intn(2) == 0 {
			return picked[i] + picked[i+1]
		}
		return picked[i]
	}
}

// splitSentences cuts a line after 。！？, keeping the mark.
func splitSentences(line string) []string {
	var out []string
	start := 0
	for i, r := range line {
		if r == '。' || r == '！' || r == '？' {
			end := i + len(string(r))
			out = append(out, line[start:end])
			start = end
		}
	}
	return out
}

// speakable: a sentence of Chinese of a length a caller says in one go, with
// no digits or Latin letters.
func speakable(s string) bool {
	n := 0
	for _, r := range s {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.Is(unicode.Nd, r) {
			return false
		}
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n >= 6 && n <= 40
}

// hanOnly keeps the Chinese characters: what the recogniser can write.
func hanOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Han, r) {
			return r
		}
		return -1
	}, s)
}

// speechModel finds a Mandarin Vosk model: $VOSK_MODEL, else
// ../shared/models/vosk-model-small-cn-0.22 beside the repository. It
// returns why none can be used when it finds none.
func speechModel() (dir, why string) {
	dir = os.Getenv("VOSK_MODEL")
	if dir == "" {
		if root, err := repoRoot(); err == nil {
			shared := filepath.Join(root, "..", "shared", "models", "vosk-model-small-cn-0.22")
			if _, err := os.Stat(shared); err == nil {
				dir = shared
			}
		}
	}
	if dir == "" {
		return "", "VOSK_MODEL is not set"
	}
	if err := asr.CheckModel(dir); err != nil {
		return "", err.Error()
	}
	words, han, err := vocabulary(filepath.Join(dir, "graph", "words.txt"))
	if err != nil {
		return "", err.Error()
	}
	// vosk-model-small-cn-0.22 knows about 100 000 words; the test model two.
	if han < 1000 {
		return "", fmt.Sprintf("VOSK_MODEL (%s) is not a Mandarin model: its vocabulary has %d words, %d of them Chinese (the test model vosk-model-test-energy knows only 说话 and 大声)", dir, words, han)
	}
	return dir, ""
}

// vocabulary counts a model's words and those written in Chinese characters.
func vocabulary(path string) (words, han int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		word, _, _ := strings.Cut(s.Text(), " ")
		if word == "" || strings.HasPrefix(word, "<") || strings.HasPrefix(word, "#") || strings.HasPrefix(word, "[") {
			continue
		}
		words++
		if r := []rune(word)[0]; unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return words, han, s.Err()
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
		dir = parent
	}
}
