package lexicon

import (
	"runtime"
	"testing"

	"github.com/go-ego/gse"
)

// BenchmarkLoad measures what the first Load costs: loading and indexing
// the dictionary, and the heap it keeps.
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	var keep *gse.Segmenter
	for b.Loop() {
		keep = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		seg, err := load()
		if err != nil {
			b.Fatal(err)
		}
		keep = seg
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "MB-heap")
	runtime.KeepAlive(keep)
}
