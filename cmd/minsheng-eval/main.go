// Command minsheng-eval measures how well Minsheng reads what citizens hand
// in (ID cards, letters, speech) and how well it suggests categories, on
// synthetic inputs whose truth is known (package synth). It prints Markdown
// tables, failures included, so docs/accuracy.md can quote them as measured.
//
// Run it with `make eval`. Each section lives in its own file and registers
// itself in init, so the helpers who own a section never edit this file.
package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/minsheng/minsheng/ocr"
	"os"
	"os/signal"
	"sort"
	"strings"
	"time"
)

// options are shared by every section.
type options struct {
	N     int   // samples per tier (flag -n)
	Seed  int64 // seed for the synthetic inputs, so two runs measure the same set
	Quick bool  // a smaller, faster run for a smoke check; sections decide what to drop
}

// section is one part of the report. Run returns Markdown (a heading and
// tables); an error is printed in place of the section and makes the command
// exit non-zero, but the other sections still run, so one broken dependency
// does not hide every other figure.
type section struct {
	Order int
	Name  string
	Run   func(ctx context.Context, o options) (markdown string, err error)
}

var sections []section

// register is called from init functions in the section files.
func register(s section) {
	for _, have := range sections {
		if have.Name == s.Name {
			panic("minsheng-eval: section " + s.Name + " registered twice")
		}
	}
	sections = append(sections, s)
}

func main() {
	// Tesseract's OpenMP threads fight over two cores: one per reader is
	// about 3× faster, and it must be set before the process starts.
	ocr.ReexecWithThreadLimit()
	var o options
	only := flag.String("only", "", "run only the sections with these names (comma-separated)")
	flag.IntVar(&o.N, "n", 50, "samples per tier")
	flag.Int64Var(&o.Seed, "seed", 1, "seed for the synthetic inputs")
	flag.IntVar(&maxFailures, "failures", maxFailures, "failures listed per tier (the counts cover all)")
	flag.BoolVar(&o.Quick, "quick", false, "a small run for a smoke check (sets -n to 5 unless -n is given)")
	flag.Parse()

	nGiven := false
	flag.Visit(func(f *flag.Flag) { nGiven = nGiven || f.Name == "n" })
	if o.Quick && !nGiven {
		o.N = 5
	}
	if o.N < 1 {
		fmt.Fprintln(os.Stderr, "minsheng-eval: -n must be at least 1")
		os.Exit(2)
	}

	want := map[string]bool{}
	for _, name := range strings.Split(*only, ",") {
		if name = strings.TrimSpace(name); name != "" {
			want[name] = true
		}
	}
	sort.SliceStable(sections, func(i, j int) bool { return sections[i].Order < sections[j].Order })
	var known []string
	for _, s := range sections {
		known = append(known, s.Name)
	}
	for name := range want {
		if !hasName(known, name) {
			fmt.Fprintf(os.Stderr, "minsheng-eval: no section %q (have: %s)\n", name, strings.Join(known, ", "))
			os.Exit(2)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	fmt.Printf("# Minsheng accuracy\n\nMeasured %s on synthetic inputs: seed %d, n = %d per tier%s.\n\n",
		time.Now().Format("2006-01-02"), o.Seed, o.N, map[bool]string{true: " (quick run)", false: ""}[o.Quick])
	failed := 0
	for _, s := range sections {
		if len(want) > 0 && !want[s.Name] {
			continue
		}
		start := time.Now()
		fmt.Fprintf(os.Stderr, "minsheng-eval: %s...\n", s.Name)
		md, err := s.Run(ctx, o)
		if err != nil {
			failed++
			fmt.Printf("## %s\n\nNot measured: %v\n\n", s.Name, err)
			fmt.Fprintf(os.Stderr, "minsheng-eval: %s failed: %v\n", s.Name, err)
			continue
		}
		fmt.Print(strings.TrimRight(md, "\n") + "\n\n")
		fmt.Fprintf(os.Stderr, "minsheng-eval: %s done in %s\n", s.Name, time.Since(start).Round(time.Second))
	}
	if failed > 0 {
		os.Exit(1)
	}
}

func hasName(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
