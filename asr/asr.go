// Package asr owns speech-to-text with Vosk: one model per process, loaded
// once and shared, and one recognizer per job. Uploaded audio in any accepted
// format is decoded by ffmpeg to 16 kHz mono PCM, fed to the recognizer, and
// returned as text with word timings and confidences. It knows nothing of
// tickets or tenants.
//
// libvosk comes from the npm package vosk@0.3.39 (scripts/deps.sh) and the Go
// binding github.com/alphacep/vosk-api/go is pinned at v0.3.45, whose cgo
// preamble needs the header in asr/include (the Makefile sets CGO_CFLAGS).
package asr

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	vosk "github.com/alphacep/vosk-api/go"
)

// ErrBadAudio is wrapped by every error that is the recording's fault: empty,
// not audio, undecodable, or longer than Options.MaxDuration. The wrapping
// error carries a reason a clerk can read.
var ErrBadAudio = errors.New("bad audio")

// ErrClosed is returned by Transcribe after Close.
var ErrClosed = errors.New("asr: engine is closed")

// DefaultMaxDuration is the longest recording accepted when Options leaves it zero.
const DefaultMaxDuration = 10 * time.Minute

// SampleRate is what every recording is converted to before recognition: the
// rate Vosk's Mandarin models are trained on.
const SampleRate = 16000

// Options configure an Engine.
type Options struct {
	// ModelDir is the unpacked Vosk model folder (VOSK_MODEL).
	ModelDir string
	// MaxDuration is the longest recording accepted; zero means DefaultMaxDuration.
	MaxDuration time.Duration
	// Concurrency bounds the recognitions running at once; zero means one per
	// CPU (GOMAXPROCS). Each recognition keeps one core busy.
	Concurrency int
}

// Word is one recognised word; Start and End are seconds from the start of
// the recording, Confidence is in [0,1].
type Word struct {
	Text       string  `json:"text"`
	Start      float64 `json:"start"`
	End        float64 `json:"end"`
	Confidence float64 `json:"confidence"`
}

// Transcript is the result of one recording.
type Transcript struct {
	// Text is the words joined as Chinese is written: no spaces between
	// Chinese words, one space between Latin words.
	Text  string `json:"text"`
	Words []Word `json:"words"`
	// Confidence is the mean word confidence; 0 when Silent.
	Confidence float64 `json:"confidence"`
	// Silent is true when nothing was recognised (silence or noise).
	Silent bool `json:"silent"`
	// Duration is the length of the decoded recording (seconds in JSON).
	Duration time.Duration `json:"duration"`
}

// Engine holds the loaded model. It is safe for concurrent use.
type Engine struct {
	model       *vosk.VoskModel
	maxDuration time.Duration
	ffmpeg      string
	sem         chan struct{}

	// mu is held shared by every recognition and exclusively by Close, so the
	// model is never freed under a running recognizer.
	mu     sync.RWMutex
	closed bool

	// running and peak count recognitions in progress; tests read them to
	// check the concurrency bound.
	running, peak atomic.Int32
}

var quietOnce sync.Once

// Open checks the model folder, loads the model once and finds ffmpeg. A
// missing or broken model gives an error naming the folder and what is wrong;
// it never crashes the process.
func Open(o Options) (*Engine, error) {
	if err := CheckModel(o.ModelDir); err != nil {
		return nil, err
	}
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		return nil, fmt.Errorf("asr: ffmpeg is needed to decode audio and was not found (make deps installs it): %w", err)
	}
	// Kaldi logs every loading step on stderr; errors still get through.
	quietOnce.Do(func() { vosk.SetLogLevel(-1) })
	model, err := vosk.NewModel(o.ModelDir)
	if err != nil {
		return nil, fmt.Errorf("asr: load model %s: %w", o.ModelDir, err)
	}
	// The v0.3.45 binding reports no error when libvosk fails to load a model:
	// it wraps a NULL pointer that crashes the first recognizer. Its struct has
	// that C pointer as its only field, so read it to refuse the model here.
	if *(*unsafe.Pointer)(unsafe.Pointer(model)) == nil {
		return nil, fmt.Errorf("asr: libvosk could not load the model in %s (files present but unreadable or corrupt)", o.ModelDir)
	}
	e := &Engine{model: model, maxDuration: o.MaxDuration, ffmpeg: ffmpeg}
	if e.maxDuration <= 0 {
		e.maxDuration = DefaultMaxDuration
	}
	n := o.Concurrency
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	e.sem = make(chan struct{}, n)
	return e, nil
}

// Close waits for running recognitions and frees the model. Later calls to
// Transcribe return ErrClosed.
func (e *Engine) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return
	}
	e.closed = true
	e.model.Free()
}

// MaxDuration is the longest recording this engine accepts.
func (e *Engine) MaxDuration() time.Duration { return e.maxDuration }

// Transcribe decodes one recording (WAV, MP3, AAC, M4A or AMR, recognised by
// content) and recognises it. It waits for a free slot when Concurrency
// recognitions are already running. Errors that are the recording's fault wrap
// ErrBadAudio; a cancelled ctx returns ctx.Err().
func (e *Engine) Transcribe(ctx context.Context, audio []byte) (Transcript, error) {
	format, err := Check(audio, e.maxDuration)
	if err != nil {
		return Transcript{}, err
	}
	select {
	case e.sem <- struct{}{}:
	case <-ctx.Done():
		return Transcript{}, ctx.Err()
	}
	defer func() { <-e.sem }()

	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return Transcript{}, ErrClosed
	}
	n := e.running.Add(1)
	defer e.running.Add(-1)
	for p := e.peak.Load(); n > p && !e.peak.CompareAndSwap(p, n); p = e.peak.Load() {
	}
	return e.recognize(ctx, format, audio)
}

// recognize runs ffmpeg and one recognizer over its output.
func (e *Engine) recognize(ctx context.Context, format string, audio []byte) (Transcript, error) {
	rec, err := vosk.NewRecognizer(e.model, SampleRate)
	if err != nil || *(*unsafe.Pointer)(unsafe.Pointer(rec)) == nil {
		return Transcript{}, errors.New("asr: libvosk could not create a recognizer")
	}
	defer rec.Free()
	rec.SetWords(1)

	var words []Word
	collect := func(result string) error {
		w, err := parseResult(result)
		words = append(words, w...)
		return err
	}
	samples, err := e.decode(ctx, format, audio, func(pcm []byte) error {
		// At an endpoint (a pause after speech) take the utterance's result
		// now: lattices stay small on long recordings, and timings still
		// count from the start of the stream.
		if rec.AcceptWaveform(pcm) == 1 {
			return collect(rec.Result())
		}
		return nil
	})
	if err != nil {
		return Transcript{}, err
	}
	if err := collect(rec.FinalResult()); err != nil {
		return Transcript{}, err
	}
	return transcript(words, time.Duration(samples)*time.Second/SampleRate), nil
}
