package ocr

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/minsheng/minsheng/reading"

	"github.com/go-ego/gse"
	"github.com/minsheng/minsheng/lexicon"
	"github.com/otiai10/gosseract/v2"
)

// ErrUnreadable is wrapped by the error returned for an image in which no
// card or no legible text was found. The wrapping error says why in words a
// clerk can act on ("no ID card found in the photo").
var ErrUnreadable = errors.New("unreadable image")

func unreadable(reason string) error {
	return fmt.Errorf("%w: %s", ErrUnreadable, reason)
}

// Field is one value read from an image, as intake stores it. Confidence is
// in [0,1]. Verified is true only when the value passed an independent check
// (the ID number's check digit, birth date and sex; a date that is a real
// date).
type Field = reading.Field

// Result is what was read from one image. Text is everything legible in
// reading order; Confidence is the mean of the fields' confidences (of the
// text for a letter).
type Result struct {
	Text       string  `json:"text"`
	Fields     []Field `json:"fields"`
	Confidence float64 `json:"confidence"`
}

// Field returns the field with the given name.
func (r Result) Field(name string) (Field, bool) {
	for _, f := range r.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Options configures a Pool. Zero values give the defaults.
type Options struct {
	// Workers is the number of images read at the same time, each by its own
	// Tesseract clients. Default 2. Each worker holds its own copy of the
	// chi_sim, eng and second chi_sim models in memory.
	Workers int
	// TessdataPrefix is the folder holding chi_sim.traineddata and
	// eng.traineddata. Default: $TESSDATA_PREFIX, else Tesseract's own
	// default (Debian: /usr/share/tesseract-ocr/5/tessdata).
	TessdataPrefix string
	// SecondModel is the folder holding the second chi_sim model, the one
	// an ID card's address is read again with (see crossRead). Default:
	// $MINSHENG_TESSDATA_SECOND, else DefaultSecondModel, where
	// scripts/deps.sh installs it.
	SecondModel string
}

// DefaultSecondModel is where scripts/deps.sh installs the second chi_sim
// model: the LSTM of the tessdata 4.0.0 release, trained apart from
// Debian's tessdata_fast chi_sim, so the two misread different characters.
const DefaultSecondModel = "/usr/local/share/minsheng/tessdata"

// SecondModelEnv names the environment variable that overrides
// DefaultSecondModel.
const SecondModelEnv = "MINSHENG_TESSDATA_SECOND"

// Pool reads images with a fixed set of Tesseract clients. It is safe for
// concurrent use; a call waits for a free worker (or for its context).
type Pool struct {
	free    chan *worker
	workers []*worker

	mu     sync.Mutex
	closed bool
}

// worker holds the clients of one goroutine at a time. Tesseract loads a
// language when a client is initialised, which takes most of a second for
// chi_sim, so each language gets its own client, initialised once, instead
// of one client switching languages.
type worker struct {
	chi    *gosseract.Client // chi_sim (with eng for Latin letters and digits in text)
	digits *gosseract.Client // eng restricted to 0-9 and X, for ID numbers
	second *gosseract.Client // the second chi_sim model (Options.SecondModel)
	words  *gse.Segmenter    // lexicon's dictionary, shared by the workers
}

// ThreadLimitEnv must be "1" in the environment when the process starts.
// Debian's Tesseract is built with OpenMP, which spreads each recognition
// over every core and then spins its threads waiting for more work; with a
// pool of workers that only burns CPU (measured: 1040 ms per ID card photo
// without the limit, 375 ms with it). OpenMP reads the variable when the
// library is loaded, before any Go code runs, so setting it from Go is too
// late: see ReexecWithThreadLimit.
const ThreadLimitEnv = "OMP_THREAD_LIMIT"

// ReexecWithThreadLimit re-executes the running program with
// OMP_THREAD_LIMIT=1 added to its environment, unless it is set already.
// It returns only when that is not needed or not possible. Call it first
// thing in main (or TestMain) of a program that uses a Pool.
func ReexecWithThreadLimit() {
	if _, set := os.LookupEnv(ThreadLimitEnv); set {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	// On success Exec does not return; on failure the program carries on
	// unlimited, only slower.
	_ = syscall.Exec(exe, os.Args, append(os.Environ(), ThreadLimitEnv+"=1"))
}

// NewPool creates the clients and loads the models, so the first image is
// not slower than the others and a missing language fails here, not in a
// job.
func NewPool(o Options) (*Pool, error) {
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.TessdataPrefix == "" {
		o.TessdataPrefix = os.Getenv("TESSDATA_PREFIX")
	}
	if o.SecondModel == "" {
		o.SecondModel = cmp.Or(os.Getenv(SecondModelEnv), DefaultSecondModel)
	}
	words, err := lexicon.Load()
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	p := &Pool{free: make(chan *worker, o.Workers)}
	// Sequentially: gosseract's Init redirects the process's stderr while it
	// runs, which is not safe to do from two goroutines at once.
	for range o.Workers {
		w, err := newWorker(o.TessdataPrefix, o.SecondModel)
		if err != nil {
			p.closeWorkers()
			return nil, err
		}
		w.words = words
		p.workers = append(p.workers, w)
		p.free <- w
	}
	return p, nil
}

func newWorker(prefix, second string) (*worker, error) {
	w := &worker{chi: gosseract.NewClient(), digits: gosseract.NewClient(), second: gosseract.NewClient()}
	setup := func(c *gosseract.Client, prefix string, langs []string, vars map[string]string) error {
		if prefix != "" {
			if err := c.SetTessdataPrefix(prefix); err != nil {
				return err
			}
		}
		if err := c.SetLanguage(langs...); err != nil {
			return err
		}
		for k, v := range vars {
			if err := c.SetVariable(gosseract.SettableVariable(k), v); err != nil {
				return err
			}
		}
		// Reading a blank image initialises the client now: the model is
		// loaded and the variables applied once, and a missing language is
		// reported by NewPool.
		if err := c.SetImageFromBytes(encodePGM(image.NewGray(image.Rect(0, 0, 32, 32)))); err != nil {
			return err
		}
		if _, err := c.Text(); err != nil {
			return fmt.Errorf("ocr: loading Tesseract language %v: %w (is tesseract-ocr-chi-sim installed? see scripts/deps.sh)", langs, err)
		}
		return nil
	}
	common := map[string]string{
		// Preprocessed images carry no resolution; without this Tesseract
		// guesses 70 dpi and warns on stderr for every image.
		"user_defined_dpi": "300",
		"debug_file":       os.DevNull,
	}
	chiVars := map[string]string{
		// Keeps the gaps Tesseract sees between words, so Latin words and
		// numbers in a Chinese line stay apart; joinWords removes the gaps
		// between Chinese characters.
		"preserve_interword_spaces": "1",
	}
	for k, v := range common {
		chiVars[k] = v
	}
	digitVars := map[string]string{"tessedit_char_whitelist": "0123456789X"}
	for k, v := range common {
		digitVars[k] = v
	}
	if err := setup(w.chi, prefix, []string{"chi_sim"}, chiVars); err != nil {
		w.close()
		return nil, err
	}
	if err := setup(w.digits, prefix, []string{"eng"}, digitVars); err != nil {
		w.close()
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(second, "chi_sim.traineddata")); err != nil {
		w.close()
		return nil, fmt.Errorf("ocr: the second chi_sim model is missing: %w (scripts/deps.sh installs it in %s; $%s names another folder)", err, DefaultSecondModel, SecondModelEnv)
	}
	if err := setup(w.second, second, []string{"chi_sim"}, chiVars); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *worker) close() {
	w.chi.Close()
	w.digits.Close()
	w.second.Close()
}

// errClosed is returned by calls on a closed pool.
var errClosed = errors.New("ocr: pool is closed")

// acquire waits for a free worker or for ctx.
func (p *Pool) acquire(ctx context.Context) (*worker, error) {
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return nil, errClosed
	}
	select {
	case w, ok := <-p.free:
		if !ok {
			return nil, errClosed
		}
		return w, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (p *Pool) release(w *worker) { p.free <- w }

// Close waits for the images being read, then frees the clients. Calls
// after Close fail.
func (p *Pool) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	p.mu.Unlock()
	// Taking every worker back waits for the calls in progress.
	for range p.workers {
		<-p.free
	}
	close(p.free)
	p.closeWorkers()
	return nil
}

func (p *Pool) closeWorkers() {
	for _, w := range p.workers {
		w.close()
	}
}

// with runs fn on a worker, after checking the image and the context.
func (p *Pool) with(ctx context.Context, img image.Image, fn func(w *worker) (Result, error)) (Result, error) {
	if img == nil || img.Bounds().Dx() < 16 || img.Bounds().Dy() < 16 {
		return Result{}, unreadable("the image is empty or too small")
	}
	w, err := p.acquire(ctx)
	if err != nil {
		return Result{}, err
	}
	defer p.release(w)
	return fn(w)
}
