package main

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math/rand"
	"sort"
	"strings"
	"sync"

	"github.com/minsheng/minsheng/ocr"
	"github.com/minsheng/minsheng/synth"
)

func init() {
	register(section{Order: 20, Name: "letters", Run: func(ctx context.Context, o options) (string, error) {
		return evalLetters(ctx, o, tuningLetters)
	}})
}

// letterTier is one way letters reach the reader: draw makes a page as it
// arrives and its text.
type letterTier struct {
	name string
	draw func(r *rand.Rand) (image.Image, string)
}

// letterSet is a generator's letters in its tiers, with the report's heading.
type letterSet struct {
	key, heading, about string
	tiers               []letterTier
}

// tuningLetters are package synth's letters, the set the reader is tuned on.
var tuningLetters = letterSet{
	key:     "letter",
	heading: "Letters",
	about: "Synthetic petition letters (package synth: salutation, two to four paragraphs about a local problem, signature, phone number, date; " +
		"printed in Noto Serif or Sans CJK on an A4 page at 150 dpi, sometimes ruled), read by the pool's Letter. " +
		"Character error rate (CER) = edit distance over characters, whitespace ignored and full-width ASCII forms folded to half-width, divided by the length of the truth; " +
		"an unreadable letter counts as CER 100%%. n = %d letters per tier; *phone* = the page photographed on a table.",
	tiers: []letterTier{synthLetterTier(synth.Clean), synthLetterTier(synth.Phone)},
}

func synthLetterTier(v synth.Variant) letterTier {
	return letterTier{string(v), func(r *rand.Rand) (image.Image, string) {
		page, truth := synth.Letter(r)
		return synth.Photo(page, v, r), truth
	}}
}

type letterTally struct {
	pool, cli   []float64 // character error rate per letter
	pages       []pageRate
	unreadable  int
	phoneFound  int // letters whose phone number comes out intact
	failures    []failure
	cliMeasured bool
}

func evalLetters(ctx context.Context, o options, set letterSet) (string, error) {
	pool, err := ocr.NewPool(ocr.Options{Workers: workers})
	if err != nil {
		return "", fmt.Errorf("OCR pool: %w", err)
	}
	defer pool.Close()
	noCLI := haveTesseractCLI()

	tallies := map[string]*letterTally{}
	for _, tier := range set.tiers {
		t := &letterTally{cliMeasured: noCLI == ""}
		tallies[tier.name] = t
		var mu sync.Mutex
		err := forEach(ctx, o.N, workers, func(i int) error {
			r := sampleRand(o.Seed, set.key+"/"+tier.name, i)
			img, truth := tier.draw(r)
			res, err := pool.Letter(ctx, img)
			if err != nil && !errors.Is(err, ocr.ErrUnreadable) {
				return fmt.Errorf("%s letter %d: %w", tier.name, i, err)
			}
			var cli string
			if noCLI == "" {
				if cli, err = tesseractCLI(ctx, img); err != nil {
					return err
				}
			}
			mu.Lock()
			defer mu.Unlock()
			rate := 1.0 // an unreadable letter lost every character
			if err != nil {
				t.unreadable++
				t.failures = append(t.failures, failure{i, fmt.Sprintf("letter %d: unreadable: %v", i, err), false})
			} else {
				rate = charErrorRate(foldWidth(truth), foldWidth(res.Text))
				if rate > 0.08 {
					t.failures = append(t.failures, failure{i, fmt.Sprintf("letter %d: CER %s, read %q", i, percent(rate), clip(res.Text, 60)), false})
				}
				if phone := phoneOf(truth); phone != "" && strings.Contains(dropSpace(res.Text), phone) {
					t.phoneFound++
				}
			}
			t.pool = append(t.pool, rate)
			page := pageRate{i: i, pool: rate, cli: -1}
			if noCLI == "" {
				page.cli = charErrorRate(foldWidth(truth), foldWidth(cli))
				t.cli = append(t.cli, page.cli)
			}
			t.pages = append(t.pages, page)
			return nil
		})
		if err != nil {
			return "", err
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", set.heading)
	fmt.Fprintf(&b, set.about+"\n\n", o.N)
	b.WriteString("| tier | pool CER | letters with CER ≤ 3% | ≤ 8% | phone number read intact | unreadable |")
	if noCLI == "" {
		b.WriteString(" `tesseract " + tesseractArgs + "` CER |")
	}
	b.WriteString("\n|---|---|---|---|---|---|")
	if noCLI == "" {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, tier := range set.tiers {
		t := tallies[tier.name]
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d |", tier.name, rateSummary(t.pool),
			share(countAtMost(t.pool, 0.03), len(t.pool)), share(countAtMost(t.pool, 0.08), len(t.pool)),
			share(t.phoneFound, len(t.pool)), t.unreadable)
		if noCLI == "" {
			fmt.Fprintf(&b, " %s |", rateSummary(t.cli))
		}
		b.WriteString("\n")
	}
	if noCLI != "" {
		fmt.Fprintf(&b, "\nThe tesseract command line was not measured: %s.\n", noCLI)
	}
	for _, tier := range set.tiers {
		writeFailures(&b, "Letters above 8% CER or unreadable, "+tier.name, tallies[tier.name].failures)
	}
	b.WriteString("\nEvery page's CER, pool (command line):\n\n")
	for _, tier := range set.tiers {
		fmt.Fprintf(&b, "- %s: %s\n", tier.name, pageList(tallies[tier.name].pages))
	}
	return b.String(), nil
}

// pageRate is one letter's CER, by the pool and by the command line (-1
// when not measured), listed so a tier's mean cannot hide one bad page.
type pageRate struct {
	i         int
	pool, cli float64
}

// pageList writes the pages in sample order (workers finish out of order).
func pageList(pages []pageRate) string {
	sort.Slice(pages, func(a, b int) bool { return pages[a].i < pages[b].i })
	parts := make([]string, len(pages))
	for k, p := range pages {
		parts[k] = fmt.Sprintf("%d: %s", p.i, percent(p.pool))
		if p.cli >= 0 {
			parts[k] += " (" + percent(p.cli) + ")"
		}
	}
	return strings.Join(parts, ", ")
}

func countAtMost(rates []float64, limit float64) int {
	n := 0
	for _, r := range rates {
		if r <= limit {
			n++
		}
	}
	return n
}

// foldWidth maps full-width ASCII forms (U+FF01–U+FF5E: "：", "！", "１")
// to their half-width twins: Tesseract prints ":" where the letter has "：",
// which a reader does not count as a wrong character.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFF01 + '!'
		}
		return r
	}, s)
}

// phoneOf finds the phone number in a letter's truth.
func phoneOf(truth string) string {
	for _, line := range strings.Split(truth, "\n") {
		if p, ok := strings.CutPrefix(line, "联系电话："); ok {
			return p
		}
		if m := heldBackPhone.FindStringSubmatch(line); m != nil {
			return m[1]
		}
	}
	return ""
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
