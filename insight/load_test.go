package insight

import (
	"runtime"
	"testing"
)

// BenchmarkLoad measures what NewClassifier costs the first time: loading
// and indexing the dictionary, and the heap it keeps.
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	var keep *Classifier
	for b.Loop() {
		keep = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		c, err := load()
		if err != nil {
			b.Fatal(err)
		}
		keep = c
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "MB-heap")
	runtime.KeepAlive(keep)
}
