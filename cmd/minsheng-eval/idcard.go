package main

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math/rand"
	"strings"
	"sync"

	"github.com/minsheng/minsheng/ocr"
	"github.com/minsheng/minsheng/synth"
)

func init() {
	register(section{Order: 10, Name: "idcard", Run: func(ctx context.Context, o options) (string, error) {
		return evalCards(ctx, o, tuningCards)
	}})
}

var (
	frontFields = []string{"name", "sex", "ethnicity", "birthDate", "address", "idNumber"}
	backFields  = []string{"issuingAuthority", "validFrom", "validUntil"}
)

// cardTier is one way cards reach the reader: draw makes the front and the
// back of p as they arrive.
type cardTier struct {
	name string
	draw func(p synth.Person, r *rand.Rand) (front, back image.Image)
}

// cardSet is a generator's cards in its tiers, with the report's heading.
type cardSet struct {
	key, heading, about string // key seeds the samples
	tiers               []cardTier
}

// tuningCards are package synth's cards, the set the reader is tuned on.
var tuningCards = cardSet{
	key:     "idcard",
	heading: "ID cards",
	about: "Synthetic second-generation cards (package synth), front and back of the same person, read by the in-process pool (package ocr, %d workers). " +
		"Exact match of each field after trimming spaces; n = %d cards per tier. Tier *clean* is the card as rendered (856×540); *phone* is the card photographed on a table " +
		"(tilted, at an angle, uneven light, sometimes glare, soft, noisy, JPEG).",
	tiers: []cardTier{synthTier(synth.Clean), synthTier(synth.Phone)},
}

func synthTier(v synth.Variant) cardTier {
	return cardTier{string(v), func(p synth.Person, r *rand.Rand) (image.Image, image.Image) {
		return synth.Photo(synth.IDCardFront(p), v, r), synth.Photo(synth.IDCardBack(p), v, r)
	}}
}

// cardTally counts, for one tier, what was read right.
type cardTally struct {
	n              int
	right          map[string]int
	wrongVerified  int // an ID number read wrong but marked verified: the failure that must not happen
	verified       int // ID numbers marked verified
	unreadable     int // sides refused with ocr.ErrUnreadable
	cliNumber      int // cards whose number appears in the tesseract CLI output
	cliRun         int
	failures       []failure
	verifiedFields map[string]int
}

func evalCards(ctx context.Context, o options, set cardSet) (string, error) {
	pool, err := ocr.NewPool(ocr.Options{Workers: workers})
	if err != nil {
		return "", fmt.Errorf("OCR pool: %w", err)
	}
	defer pool.Close()
	noCLI := haveTesseractCLI()

	tallies := map[string]*cardTally{}
	for _, tier := range set.tiers {
		t := &cardTally{right: map[string]int{}, verifiedFields: map[string]int{}}
		tallies[tier.name] = t
		var mu sync.Mutex
		err := forEach(ctx, o.N, workers, func(i int) error {
			r := sampleRand(o.Seed, set.key+"/"+tier.name, i)
			p := synth.NewPerson(r)
			front, back := tier.draw(p, r)

			fr, ferr := pool.IDCardFront(ctx, front)
			br, berr := pool.IDCardBack(ctx, back)
			for _, err := range []error{ferr, berr} {
				if err != nil && !errors.Is(err, ocr.ErrUnreadable) {
					return fmt.Errorf("%s card %d: %w", tier.name, i, err)
				}
			}
			var cli string
			if noCLI == "" {
				var err error
				if cli, err = tesseractCLI(ctx, front); err != nil {
					return err
				}
			}

			mu.Lock()
			defer mu.Unlock()
			t.n++
			if noCLI == "" {
				t.cliRun++
				if strings.Contains(strings.ToUpper(dropSpace(cli)), p.IDNumber) {
					t.cliNumber++
				}
			}
			t.score(i, "front", fr, ferr, frontFields, frontTruth(p))
			t.score(i, "back", br, berr, backFields, backTruth(p))
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return idCardReport(o, set, tallies, noCLI), nil
}

func frontTruth(p synth.Person) map[string]string {
	return map[string]string{
		"name":      p.Name,
		"sex":       p.Sex,
		"ethnicity": p.Ethnicity,
		"birthDate": p.Birth.Format("2006-01-02"),
		"address":   p.Address,
		"idNumber":  p.IDNumber,
	}
}

func backTruth(p synth.Person) map[string]string {
	return map[string]string{
		"issuingAuthority": p.Authority,
		"validFrom":        strings.ReplaceAll(p.ValidFrom, ".", "-"),
		"validUntil":       strings.ReplaceAll(p.ValidUntil, ".", "-"),
	}
}

func (t *cardTally) score(i int, side string, res ocr.Result, err error, fields []string, truth map[string]string) {
	if err != nil {
		t.unreadable++
		t.fail(i, "card %d %s: unreadable: %v", i, side, err)
		return
	}
	got := map[string]ocr.Field{}
	for _, f := range res.Fields {
		got[f.Name] = f
	}
	for _, name := range fields {
		want, f := truth[name], got[name]
		if strings.TrimSpace(f.Value) == want {
			t.right[name]++
		} else {
			// The confidence shows whether a clerk was told to check it
			// (0.5 and under: unsure) or it was silently wrong.
			t.fail(i, "card %d %s: %s want %q, got %q (confidence %.2f)", i, side, name, want, f.Value, f.Confidence)
		}
		if f.Verified {
			t.verifiedFields[name]++
		}
	}
	if n := got["idNumber"]; n.Verified {
		t.verified++
		if n.Value != truth["idNumber"] {
			t.wrongVerified++
			t.fail(i, "card %d: WRONG ID NUMBER MARKED VERIFIED: want %s, got %s", i, truth["idNumber"], n.Value)
		}
	}
}

func (t *cardTally) fail(sample int, format string, args ...any) {
	t.failures = append(t.failures, failure{sample, fmt.Sprintf(format, args...), strings.Contains(format, "VERIFIED")})
}

func idCardReport(o options, set cardSet, tallies map[string]*cardTally, noCLI string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", set.heading)
	fmt.Fprintf(&b, set.about+"\n\n", workers, o.N)
	b.WriteString("| field |")
	for _, tier := range set.tiers {
		fmt.Fprintf(&b, " %s |", tier.name)
	}
	b.WriteString("\n|---|")
	for range set.tiers {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	row := func(label string, cell func(t *cardTally) string) {
		fmt.Fprintf(&b, "| %s |", label)
		for _, tier := range set.tiers {
			fmt.Fprintf(&b, " %s |", cell(tallies[tier.name]))
		}
		b.WriteString("\n")
	}
	for _, f := range append(append([]string{}, frontFields...), backFields...) {
		row(f, func(t *cardTally) string { return share(t.right[f], t.n) })
	}
	row("ID number marked verified", func(t *cardTally) string { return share(t.verified, t.n) })
	row("**wrong ID number marked verified**", func(t *cardTally) string { return fmt.Sprintf("**%d**", t.wrongVerified) })
	row("sides refused as unreadable", func(t *cardTally) string { return share(t.unreadable, 2*t.n) })
	if noCLI == "" {
		row("`tesseract "+tesseractArgs+"`: right number in output (front)", func(t *cardTally) string { return share(t.cliNumber, t.cliRun) })
	} else {
		fmt.Fprintf(&b, "\nThe tesseract command line was not measured: %s.\n", noCLI)
	}
	for _, tier := range set.tiers {
		writeFailures(&b, "Failures, "+tier.name, tallies[tier.name].failures)
	}
	return b.String()
}
