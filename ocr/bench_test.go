package ocr

import (
	"context"
	"image"
	"image/png"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/minsheng/minsheng/synth"
	"github.com/minsheng/minsheng/synth/second"
)

// benchImages are phone photos of ID card fronts and of letters, what the
// product receives, written once as PNG for the command line.
type benchImages struct {
	cards, letters         []image.Image
	cardFiles, letterFiles []string
	heldBack               []image.Image // phone photos of synth/second card fronts
}

func newBenchImages(b *testing.B) benchImages {
	b.Helper()
	r := rand.New(rand.NewSource(42))
	dir := b.TempDir()
	var bi benchImages
	save := func(img image.Image, name string) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			b.Fatal(err)
		}
		f.Close()
		return path
	}
	for i := range 4 {
		card := synth.Photo(synth.IDCardFront(synth.NewPerson(r)), synth.Phone, r)
		bi.cards = append(bi.cards, card)
		bi.cardFiles = append(bi.cardFiles, save(card, "card"+string(rune('0'+i))+".png"))
		page, _ := synth.Letter(r)
		letter := synth.Photo(page, synth.Phone, r)
		bi.letters = append(bi.letters, letter)
		bi.letterFiles = append(bi.letterFiles, save(letter, "letter"+string(rune('0'+i))+".png"))
		p := synth.NewPerson(r)
		bi.heldBack = append(bi.heldBack, second.CardPhoto(second.CardFront(p, r), second.PhonePhoto, r))
	}
	return bi
}

// cliEnv is the environment of the `tesseract` runs: as a user would have
// it, without the one-thread limit NewPool sets for its own process.
func cliEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "OMP_THREAD_LIMIT=") {
			env = append(env, e)
		}
	}
	return env
}

func runCLI(b *testing.B, file, psm string) {
	cmd := exec.Command("tesseract", file, "stdout", "-l", "chi_sim", "--psm", psm)
	cmd.Env = cliEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("tesseract: %v: %s", err, out)
	}
}

// BenchmarkPerImage compares, image by image on one worker, the pool
// (preprocessing and every read included) with the `tesseract` command
// line reading the same photo as it is (one process per image, loading
// chi_sim each time, no preprocessing).
func BenchmarkPerImage(b *testing.B) {
	bi := newBenchImages(b)
	p, err := NewPool(Options{Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	b.Run("IDCard/pool", func(b *testing.B) {
		for i := range b.N {
			if _, err := p.IDCardFront(ctx, bi.cards[i%len(bi.cards)]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/image")
	})
	b.Run("IDCard/pool-heldback", func(b *testing.B) {
		for i := range b.N {
			if _, err := p.IDCardFront(ctx, bi.heldBack[i%len(bi.heldBack)]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/image")
	})
	b.Run("IDCard/cli", func(b *testing.B) {
		for i := range b.N {
			runCLI(b, bi.cardFiles[i%len(bi.cardFiles)], "6")
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/image")
	})
	b.Run("Letter/pool", func(b *testing.B) {
		for i := range b.N {
			if _, err := p.Letter(ctx, bi.letters[i%len(bi.letters)]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/image")
	})
	b.Run("Letter/cli", func(b *testing.B) {
		for i := range b.N {
			runCLI(b, bi.letterFiles[i%len(bi.letterFiles)], "3")
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/image")
	})
}

// BenchmarkThroughput reads ID card photos from as many goroutines as the
// pool has workers: images per second with 1 and with 2 workers.
func BenchmarkThroughput(b *testing.B) {
	bi := newBenchImages(b)
	for _, workers := range []int{1, 2} {
		name := "IDCard/workers=" + string(rune('0'+workers))
		p, err := NewPool(Options{Workers: workers})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			var next sync.Mutex
			i := 0
			var wg sync.WaitGroup
			for range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						next.Lock()
						if i >= b.N {
							next.Unlock()
							return
						}
						img := bi.cards[i%len(bi.cards)]
						i++
						next.Unlock()
						if _, err := p.IDCardFront(context.Background(), img); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "images/s")
		})
		p.Close()
	}
}
