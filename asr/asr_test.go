package asr

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minsheng/minsheng/synth"
)

// sentence is a citizen's sentence with two pauses, so speech comes in
// several words (the test model makes one word of each stretch of speech).
const sentence = "我要投诉，小区垃圾无人清运。已经三天了！"

func TestSilenceIsEmptyAndFlagged(t *testing.T) {
	e := open(t, Options{})
	ctx := context.Background()
	for name, audio := range map[string][]byte{
		"16 kHz digital silence": wav16(16000, pcm(16000, segment{2, 0})),
		"8 kHz 8-bit silence":    wavFile(8000, 1, 8, bytes.Repeat([]byte{0x80}, 16000)),
	} {
		tr, err := e.Transcribe(ctx, audio)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !tr.Silent || tr.Text != "" || len(tr.Words) != 0 || tr.Confidence != 0 {
			t.Errorf("%s: got %+v, want an empty transcript flagged silent", name, tr)
		}
		if tr.Duration != 2*time.Second {
			t.Errorf("%s: duration %s, want 2s", name, tr.Duration)
		}
	}
}

// TestSpeechInEveryFormat runs espeak-ng speech in every format a hotline or
// a mini-program sends through the real decoder and recognizer.
func TestSpeechInEveryFormat(t *testing.T) {
	e := open(t, Options{})
	ctx := context.Background()
	want := map[string]string{"wav16k": "wav", "wav8k": "wav", "wav44stereo": "wav", "wav8bit": "wav",
		"mp3": "mp3", "amr": "amr", "m4a": "m4a", "aac": "aac"}
	for _, format := range synth.SpeechFormats {
		audio, err := synth.Speech(ctx, sentence, format)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := Sniff(audio); !ok || got != want[format] {
			t.Errorf("%s: Sniff = %q, %v; want %q", format, got, ok, want[format])
		}
		tr, err := e.Transcribe(ctx, audio)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		// espeak-ng reads the sentence in about 7.1 s; encoders pad a little.
		if tr.Duration < 6500*time.Millisecond || tr.Duration > 7500*time.Millisecond {
			t.Errorf("%s: duration %s, want about 7.1 s", format, tr.Duration)
		}
		if tr.Silent || tr.Text == "" || len(tr.Words) == 0 {
			t.Errorf("%s: speech gave %+v", format, tr)
			continue
		}
		if strings.Contains(tr.Text, " ") {
			t.Errorf("%s: text %q has spaces between Chinese words", format, tr.Text)
		}
		sum, end := 0.0, tr.Duration.Seconds()+0.05
		prev := 0.0
		for _, w := range tr.Words {
			if w.Start < prev-0.05 || w.End <= w.Start || w.End > end {
				t.Errorf("%s: word %+v is not inside the recording (%.2f s) after the previous one", format, w, tr.Duration.Seconds())
			}
			if w.Confidence < 0 || w.Confidence > 1 {
				t.Errorf("%s: word %+v confidence outside [0,1]", format, w)
			}
			prev = w.End
			sum += w.Confidence
		}
		if mean := sum / float64(len(tr.Words)); math.Abs(tr.Confidence-mean) > 1e-9 {
			t.Errorf("%s: confidence %v, want the mean word confidence %v", format, tr.Confidence, mean)
		}
	}
}

// TestWordsAndTimings uses the test model's loudness classes to check the
// exact words and times that come back: a quiet tone is 说话, a loud one 大声,
// and the text joins them without the space Vosk puts between words.
func TestWordsAndTimings(t *testing.T) {
	e := open(t, Options{ModelDir: energyModel(t)})
	audio := wav16(16000, pcm(16000, segment{0.5, 0}, segment{0.5, 3000}, segment{0.5, 0}, segment{0.5, 30000}, segment{0.5, 0}))
	tr, err := e.Transcribe(context.Background(), audio)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Text != "说话大声" || tr.Silent || tr.Duration != 2500*time.Millisecond {
		t.Fatalf("got %+v, want 说话大声 over 2.5 s", tr)
	}
	want := []Word{{"说话", 0.5, 1.0, 1}, {"大声", 1.5, 2.0, 1}}
	for i, w := range tr.Words {
		if w.Text != want[i].Text || math.Abs(w.Start-want[i].Start) > 0.05 || math.Abs(w.End-want[i].End) > 0.05 || w.Confidence < 0.9 {
			t.Errorf("word %d: got %+v, want about %+v", i, w, want[i])
		}
	}
	// Endpoints: an utterance ends after 0.5 s of silence and its result is
	// taken then; the words that follow keep times from the start of the file.
	audio = wav16(16000, pcm(16000, segment{1, 3000}, segment{1.5, 0}, segment{1, 3000}, segment{0.3, 0}))
	tr, err = e.Transcribe(context.Background(), audio)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Words) != 2 || math.Abs(tr.Words[1].Start-2.5) > 0.05 || math.Abs(tr.Words[1].End-3.5) > 0.05 {
		t.Errorf("two utterances: got %+v, want the second word at 2.5-3.5 s", tr.Words)
	}
}

func TestTextJoining(t *testing.T) {
	words := []Word{{"我", 0, 1, 1}, {"的", 1, 2, 0.5}, {"wi", 2, 3, 1}, {"fi", 3, 4, 1}, {"密码", 4, 5, 1}, {"APP", 5, 6, 1}, {"坏了", 6, 7, 0.5}, {"3", 7, 8, 1}, {"天", 8, 9, 1}}
	tr := transcript(words, 9*time.Second)
	if tr.Text != "我的wi fi密码APP坏了3天" {
		t.Errorf("text %q", tr.Text)
	}
	if math.Abs(tr.Confidence-8.0/9) > 1e-9 {
		t.Errorf("confidence %v, want the mean 8/9", tr.Confidence)
	}
}

// TestTooLong: a recording over MaxDuration is refused as bad audio, by its
// WAV header without decoding, or after at most MaxDuration + 1 s of
// decoding for formats without one.
func TestTooLong(t *testing.T) {
	ctx := context.Background()
	e := open(t, Options{})

	// Two hours of 8 kHz 8-bit mono, as an old call-centre system saves it:
	// 57.6 MB, refused by the default ten-minute limit from its header.
	twoHours := wavFile(8000, 1, 8, bytes.Repeat([]byte{0x80}, 2*3600*8000))
	_, err := e.Transcribe(ctx, twoHours)
	if !errors.Is(err, ErrBadAudio) || !strings.Contains(err.Error(), "2h0m0s") || !strings.Contains(err.Error(), "10m0s") {
		t.Errorf("2-hour WAV: got %v, want ErrBadAudio naming 2h0m0s and the 10m0s limit", err)
	}

	short := open(t, Options{MaxDuration: 3 * time.Second})
	for _, format := range []string{"wav16k", "mp3", "m4a", "amr"} {
		audio, err := synth.Speech(ctx, sentence, format) // about 7 s
		if err != nil {
			t.Fatal(err)
		}
		_, err = short.Transcribe(ctx, audio)
		if !errors.Is(err, ErrBadAudio) || !strings.Contains(err.Error(), "3s") {
			t.Errorf("%s of 7 s with a 3 s limit: got %v, want ErrBadAudio naming the limit", format, err)
		}
	}
	// Just under the limit is fine.
	if _, err := short.Transcribe(ctx, wav16(16000, pcm(16000, segment{2.9, 3000}))); err != nil {
		t.Errorf("2.9 s with a 3 s limit: %v", err)
	}
}

// TestBadAudio: nothing a client can upload crashes the engine or comes back
// as anything but ErrBadAudio with a reason; the engine keeps working after.
func TestBadAudio(t *testing.T) {
	ctx := context.Background()
	e := open(t, Options{})
	speech := map[string][]byte{}
	for _, f := range []string{"mp3", "m4a", "aac", "amr", "wav16k"} {
		b, err := synth.Speech(ctx, sentence, f)
		if err != nil {
			t.Fatal(err)
		}
		speech[f] = b
	}
	garbage := bytes.Repeat([]byte("\x13\x37\xC0\xDE\xFF\x00"), 2000)
	ftyp := func(brand string, rest []byte) []byte {
		return append([]byte("\x00\x00\x00\x14ftyp"+brand+"\x00\x00\x00\x00"+brand), rest...)
	}
	cases := map[string]struct {
		audio  []byte
		reason string
	}{
		"empty":                      {nil, "empty"},
		"text":                       {[]byte("我要投诉小区垃圾无人清运"), "not a recording"},
		"PNG named .wav":             {append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), garbage...), "not a recording"},
		"JPEG named .mp3":            {append([]byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), garbage...), "not a recording"},
		"HEIC photo in MP4 box":      {ftyp("heic", garbage), "not a recording"},
		"WAV header without data":    {speech["wav16k"][:44], "no sound"},
		"WAV without a format chunk": {append([]byte("RIFF\x00\x00\x00\x00WAVEdata\x10\x00\x00\x00"), garbage...), "format chunk"},
		"WAV with zero data rate":    {wavFile(0, 1, 16, garbage), "data rate"},
		"MP3 cut after 200 bytes":    {speech["mp3"][:200], "cannot be decoded"},
		"AAC cut after 50 bytes":     {speech["aac"][:50], "cannot be decoded"},
		"M4A cut in half":            {speech["m4a"][:len(speech["m4a"])/2], "moov atom not found"},
		"M4A box around garbage":     {ftyp("M4A ", garbage), "cannot be decoded"},
		"AMR header alone":           {[]byte("#!AMR\n"), "no sound"},
		"MP3 frame header then junk": {append([]byte{0xFF, 0xFB, 0x90, 0x64}, garbage...), "cannot be decoded"},
		"ADTS header then junk":      {append([]byte{0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC}, garbage...), "cannot be decoded"},
	}
	for name, c := range cases {
		_, err := e.Transcribe(ctx, c.audio)
		if !errors.Is(err, ErrBadAudio) || !strings.Contains(err.Error(), c.reason) {
			t.Errorf("%s: got %v, want ErrBadAudio saying %q", name, err, c.reason)
		}
		if err != nil && strings.Contains(err.Error(), " @ 0x") {
			t.Errorf("%s: reason %q shows ffmpeg's internal addresses", name, err)
		}
	}
	// AMR has no checksums: garbage after its header decodes as noise.
	// What matters is that it returns, with a result or a reason.
	if _, err := e.Transcribe(ctx, append([]byte("#!AMR\n"), garbage...)); err != nil && !errors.Is(err, ErrBadAudio) {
		t.Errorf("AMR header then garbage: %v", err)
	}
	// A recording cut short still gives what it holds.
	tr, err := e.Transcribe(ctx, speech["mp3"][:len(speech["mp3"])/2])
	if err != nil || tr.Silent || tr.Duration > 4*time.Second {
		t.Errorf("half an MP3: got %+v, %v; want the first half transcribed", tr, err)
	}
	if tr, err := e.Transcribe(ctx, speech["amr"]); err != nil || tr.Silent {
		t.Errorf("after bad input the engine no longer works: %+v, %v", tr, err)
	}
}

func TestSniff(t *testing.T) {
	id3 := append([]byte("ID3\x04\x00\x00\x00\x00\x00\x05hello"), 0xFF, 0xFB, 0x90, 0x64)
	for name, c := range map[string]struct {
		data   []byte
		format string
	}{
		"MP3 behind an ID3 tag": {id3, "mp3"},
		"AMR-WB":                {[]byte("#!AMR-WB\n\x00"), "amr"},
		"3GP recording":         {[]byte("\x00\x00\x00\x18ftyp3gp4\x00\x00\x00\x00"), "m4a"},
		"MPEG layer II":         {[]byte{0xFF, 0xFD, 0x90, 0x64}, ""},
		"WebP":                  {[]byte("RIFF\x00\x00\x00\x00WEBPVP8 "), ""},
		"AVIF":                  {[]byte("\x00\x00\x00\x18ftypavif\x00\x00\x00\x00"), ""},
		"three bytes":           {[]byte("RIF"), ""},
	} {
		got, ok := Sniff(c.data)
		if got != c.format || ok != (c.format != "") {
			t.Errorf("%s: Sniff = %q, %v; want %q", name, got, ok, c.format)
		}
	}
}

// TestBadModel: a missing or broken model is one clear error from CheckModel
// or Open, never a crash.
func TestBadModel(t *testing.T) {
	src := energyModel(t)
	files := []string{"am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "graph/HCLG.fst", "graph/words.txt", "graph/phones/word_boundary.int"}
	// copyModel copies the test model, letting change alter or drop (nil) a file.
	copyModel := func(change func(rel string, b []byte) []byte) string {
		dir := t.TempDir()
		for _, rel := range files {
			b, err := os.ReadFile(filepath.Join(src, rel))
			if err != nil {
				t.Fatal(err)
			}
			if b = change(rel, b); b == nil {
				continue
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, rel), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	unchanged := func(_ string, b []byte) []byte { return b }
	if err := CheckModel(copyModel(unchanged)); err != nil {
		t.Fatalf("a copy of the test model: %v", err)
	}
	zip := filepath.Join(t.TempDir(), "vosk-model-small-cn-0.22.zip")
	if err := os.WriteFile(zip, []byte("PK\x03\x04"), 0o644); err != nil {
		t.Fatal(err)
	}

	for name, c := range map[string]struct {
		dir  string
		want []string
	}{
		"not set":        {"", []string{"VOSK_MODEL"}},
		"no such folder": {filepath.Join(t.TempDir(), "nope"), []string{"no such file"}},
		"the zip itself": {zip, []string{"not a folder", "zip"}},
		"empty folder":   {t.TempDir(), []string{"am/final.mdl: missing", "graph/HCLG.fst: missing", "graph/words.txt: missing"}},
		"no words": {copyModel(func(rel string, b []byte) []byte {
			if rel == "graph/words.txt" {
				return nil
			}
			return b
		}), []string{"graph/words.txt: missing"}},
		"empty graph": {copyModel(func(rel string, b []byte) []byte {
			if rel == "graph/HCLG.fst" {
				return []byte{}
			}
			return b
		}), []string{"graph/HCLG.fst: empty"}},
		"HTML saved as the model": {copyModel(func(rel string, b []byte) []byte {
			if rel == "am/final.mdl" {
				return []byte("<html><body>404 Not Found</body></html>")
			}
			return b
		}), []string{"am/final.mdl: not a Kaldi acoustic model"}},
	} {
		err := CheckModel(c.dir)
		if err == nil {
			t.Errorf("%s: CheckModel accepted it", name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", name, err, w)
			}
		}
		if _, err := Open(Options{ModelDir: c.dir}); err == nil {
			t.Errorf("%s: Open accepted it", name)
		}
	}

	// Every file in place and well begun, but the acoustic model cut in
	// half: only libvosk can tell, and Open reports it instead of crashing.
	dir := copyModel(func(rel string, b []byte) []byte {
		if rel == "am/final.mdl" {
			return b[:len(b)/2]
		}
		return b
	})
	if err := CheckModel(dir); err != nil {
		t.Fatalf("CheckModel cannot see a truncated model, yet said: %v", err)
	}
	_, err := Open(Options{ModelDir: dir})
	if err == nil || !strings.Contains(err.Error(), "could not load the model") {
		t.Errorf("truncated model: Open gave %v", err)
	}
}

// TestConcurrency: more jobs than slots all get their own correct result,
// never more than Concurrency run at once, and a job waiting for a slot
// leaves when its context ends.
func TestConcurrency(t *testing.T) {
	ctx := context.Background()
	e := open(t, Options{Concurrency: 2})
	speech, err := synth.Speech(ctx, sentence, "amr")
	if err != nil {
		t.Fatal(err)
	}
	silence := wav16(16000, pcm(16000, segment{3, 0}))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			audio, wantSilent := speech, false
			if i%2 == 1 {
				audio, wantSilent = silence, true
			}
			tr, err := e.Transcribe(ctx, audio)
			if err == nil && tr.Silent != wantSilent {
				err = errors.New("a job got another job's result: " + tr.Text)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if p := e.peak.Load(); p < 1 || p > 2 {
		t.Errorf("%d recognitions ran at once with Concurrency 2", p)
	}

	// Both slots taken: a job waits, and gives up with its context.
	e.sem <- struct{}{}
	e.sem <- struct{}{}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := e.Transcribe(short, speech); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting for a slot: got %v, want the context's deadline", err)
	}
	<-e.sem
	<-e.sem

	// A context cancelled during recognition stops it with the context's error.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.Transcribe(cancelled, speech); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
}

func TestClose(t *testing.T) {
	e, err := Open(Options{ModelDir: modelDir(t)})
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	e.Close()
	if _, err := e.Transcribe(context.Background(), wav16(16000, pcm(16000, segment{1, 0}))); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}

func TestTranscriptJSON(t *testing.T) {
	tr := transcript([]Word{{"说话", 0.51, 0.99, 1}}, 2500*time.Millisecond)
	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"text":"说话","words":[{"text":"说话","start":0.51,"end":0.99,"confidence":1}],"confidence":1,"silent":false,"duration":2.5}`
	if string(b) != want {
		t.Errorf("JSON %s\nwant %s", b, want)
	}
	var back Transcript
	if err := json.Unmarshal(b, &back); err != nil || back.Duration != tr.Duration || back.Text != tr.Text || len(back.Words) != 1 {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	if b, _ := json.Marshal(transcript(nil, time.Second)); !strings.Contains(string(b), `"words":[]`) {
		t.Errorf("silence: %s, want an empty list of words", b)
	}
}
