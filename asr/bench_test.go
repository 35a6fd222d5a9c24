package asr

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/minsheng/minsheng/synth"
)

// letter is about half a minute of espeak-ng speech: a complaint as a caller
// would read it down the line.
const letter = "你好，我是幸福小区三号楼的住户。我要投诉小区的垃圾已经三天没有人清运了，" +
	"楼道里味道很大，老人和孩子都受不了。物业说是环卫公司的问题，环卫公司又说是物业没有付钱。" +
	"我们打了好几次电话都没有人管。希望政府尽快派人来处理，谢谢。我的电话是一三八零零一三八零零零。"

// BenchmarkTranscribe measures the real-time factor on one core: one
// recognition at a time (Concurrency 1), wall time and CPU time (this
// process and ffmpeg's) per second of audio. Aim: rtf < 0.3. It also
// reports the process's peak resident memory (VmHWM), which counts libvosk's
// C allocations that Go's own memory statistics do not see.
func BenchmarkTranscribe(b *testing.B) {
	ctx := context.Background()
	for _, format := range []string{"wav16k", "mp3", "amr"} {
		audio, err := synth.Speech(ctx, letter, format)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(format, func(b *testing.B) {
			e := open(b, Options{Concurrency: 1})
			tr, err := e.Transcribe(ctx, audio) // warm the page cache and check it works
			if err != nil {
				b.Fatal(err)
			}
			seconds := tr.Duration.Seconds()
			cpu0 := cpuTime()
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				if _, err := e.Transcribe(ctx, audio); err != nil {
					b.Fatal(err)
				}
			}
			wall := time.Since(start).Seconds()
			cpu := (cpuTime() - cpu0).Seconds()
			b.ReportMetric(wall/(seconds*float64(b.N)), "rtf")
			b.ReportMetric(cpu/(seconds*float64(b.N)), "cpu-rtf")
			b.ReportMetric(seconds, "audio-s")
			b.ReportMetric(float64(peakRSS(b))/1024, "VmHWM-MB")
		})
	}
}

// BenchmarkModelLoad measures loading the model (CheckModel included) and
// the resident memory the loaded model adds.
func BenchmarkModelLoad(b *testing.B) {
	dir := modelDir(b)
	before := currentRSS(b)
	grown := 0
	for b.Loop() {
		e, err := Open(Options{ModelDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		grown = max(grown, currentRSS(b)-before)
		e.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
	b.ReportMetric(float64(grown)/1024, "model-RSS-MB")
}

// cpuTime is the CPU time used so far by this process and its waited-for
// children (ffmpeg).
func cpuTime() time.Duration {
	var self, children syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
	tv := func(t syscall.Timeval) time.Duration { return time.Duration(t.Nano()) }
	return tv(self.Utime) + tv(self.Stime) + tv(children.Utime) + tv(children.Stime)
}

func peakRSS(b *testing.B) int    { return procStatus(b, "VmHWM:") }
func currentRSS(b *testing.B) int { return procStatus(b, "VmRSS:") }

// procStatus reads a kB figure from /proc/self/status.
func procStatus(b *testing.B, field string) int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), field); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				b.Fatal(err)
			}
			return kb
		}
	}
	b.Fatalf("no %s in /proc/self/status", field)
	return 0
}
