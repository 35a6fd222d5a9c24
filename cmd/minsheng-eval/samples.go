package main

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"image"
	"image/png"
	"math/rand"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
)

// sampleRand gives sample i of a named set its own generator, so a sample
// is the same whatever order the workers take them in and whatever -n is.
func sampleRand(seed int64, set string, i int) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s/%d", seed, set, i)
	return rand.New(rand.NewSource(int64(h.Sum64())))
}

// forEach runs fn(0..n-1) on workers goroutines and returns the first error;
// after an error or a cancelled context the remaining samples are skipped.
func forEach(ctx context.Context, n, workers int, fn func(i int) error) error {
	var (
		mu       sync.Mutex
		next     int
		firstErr error
		wg       sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if firstErr == nil && ctx.Err() != nil {
					firstErr = ctx.Err()
				}
				if firstErr != nil || next >= n {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				if err := fn(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// workers is how many samples are read at once. The machines have two
// cores; Tesseract is CPU-bound.
const workers = 2

// tesseractCLI is the reference point: the `tesseract` command line as it
// is, without preprocessing, one thread (OMP_THREAD_LIMIT=1) so two can run
// side by side without oversubscribing the cores.
const tesseractArgs = "-l chi_sim+eng"

func tesseractCLI(ctx context.Context, img image.Image) (string, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	f, err := os.CreateTemp("", "minsheng-eval-*.png")
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	args := append([]string{f.Name(), "stdout"}, strings.Fields(tesseractArgs)...)
	cmd := exec.CommandContext(ctx, "tesseract", args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("tesseract: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// haveTesseractCLI says why the command-line reference cannot be measured,
// or "" when it can.
func haveTesseractCLI() string {
	if _, err := exec.LookPath("tesseract"); err != nil {
		return "the tesseract command is not on PATH (Debian package tesseract-ocr)"
	}
	return ""
}

// failure is one wrong reading, listed under a section's table so the
// figures can be checked by eye.
type failure struct {
	sample int
	text   string
	always bool // listed even past maxFailures (a wrong number marked verified)
}

// At most this many failures are listed per tier; the counts cover all.
var maxFailures = 12 // flag -failures

// writeFailures lists the failures in sample order (workers finish out of
// order), the first maxFailures and every one marked always.
func writeFailures(b *strings.Builder, title string, failures []failure) {
	if len(failures) == 0 {
		return
	}
	sort.SliceStable(failures, func(i, j int) bool { return failures[i].sample < failures[j].sample })
	fmt.Fprintf(b, "\n%s (%d; %s):\n\n", title, len(failures), listed(len(failures)))
	for i, f := range failures {
		if i < maxFailures || f.always {
			fmt.Fprintf(b, "- %s\n", f.text)
		}
	}
}

func listed(n int) string {
	if n <= maxFailures {
		return "all listed"
	}
	return fmt.Sprintf("the first %d", maxFailures)
}
