package ocr

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"math/rand"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/minsheng/minsheng/synth"
)

// peakHeap runs fn and returns the most heap (live objects and garbage
// not yet collected: what the process must hold) it reached above where it
// started, sampled every millisecond.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	peak := base
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		probe := []metrics.Sample{{Name: s[0].Name}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(probe)
			peak = max(peak, probe[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak - base
}

// bigPhoto is a phone photo of an ID card blown up to w×h, as a camera at
// full resolution takes it.
func bigPhoto(w, h int) *image.RGBA {
	small := synth.Photo(synth.IDCardFront(synth.NewPerson(rand.New(rand.NewSource(3)))), synth.Phone, rand.New(rand.NewSource(4)))
	sb := small.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			out.Set(x, y, small.At(sb.Min.X+x*sb.Dx()/w, sb.Min.Y+y*sb.Dy()/h))
		}
	}
	return out
}

// BenchmarkWorkerPeakMemory is what one intake worker holds while it reads
// the largest photo an upload may be (24 MP, --max-pixels): decoding and
// reading the card, as peak-MB above the worker's idle heap. Before Decode
// turned the picture grey in the decoder's memory and shrank it to the
// working size, a 49 MP PNG took a worker from 376 MB to over 1 GB.
func BenchmarkWorkerPeakMemory(b *testing.B) {
	photo := bigPhoto(6000, 4000)
	var pngData, jpgData bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&pngData, photo); err != nil {
		b.Fatal(err)
	}
	if err := jpeg.Encode(&jpgData, photo, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	photo = nil
	p, err := NewPool(Options{Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	for _, c := range []struct {
		name string
		data []byte
	}{{"PNG-24MP", pngData.Bytes()}, {"JPEG-24MP", jpgData.Bytes()}} {
		b.Run(c.name, func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				peak = max(peak, peakHeap(func() {
					img, err := Decode(c.data)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := p.IDCardFront(context.Background(), img); err != nil {
						b.Logf("read: %v", err) // the memory is what is measured
					}
				}))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}
