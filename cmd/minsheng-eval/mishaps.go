package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/minsheng/minsheng/ocr"
	"github.com/minsheng/minsheng/synth"
)

func init() { register(section{Order: 15, Name: "mishaps", Run: evalMishaps}) }

// evalMishaps reads card fronts spoiled in one way at a time, so a low
// figure on phone photos can be traced to what causes it.
func evalMishaps(ctx context.Context, o options) (string, error) {
	pool, err := ocr.NewPool(ocr.Options{Workers: workers})
	if err != nil {
		return "", fmt.Errorf("OCR pool: %w", err)
	}
	defer pool.Close()
	n := max(o.N/4, 3)

	var b strings.Builder
	b.WriteString("## ID card fronts, one mishap at a time\n\n")
	fmt.Fprintf(&b, "n = %d card fronts per variant (a quarter of -n). Exact match; *verified wrong* counts ID numbers read wrong but marked verified.\n\n", n)
	b.WriteString("| variant | idNumber | name | address | birthDate | verified wrong | unreadable |\n|---|---|---|---|---|---|---|\n")
	for _, v := range synth.Variants {
		if v == synth.Clean || v == synth.Phone {
			continue // measured in the idcard section
		}
		var mu sync.Mutex
		right := map[string]int{}
		wrongVerified, unreadable := 0, 0
		err := forEach(ctx, n, workers, func(i int) error {
			r := sampleRand(o.Seed, "mishap/"+string(v), i)
			p := synth.NewPerson(r)
			res, err := pool.IDCardFront(ctx, synth.Photo(synth.IDCardFront(p), v, r))
			if err != nil && !errors.Is(err, ocr.ErrUnreadable) {
				return fmt.Errorf("%s card %d: %w", v, i, err)
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				unreadable++
				return nil
			}
			truth := frontTruth(p)
			for _, f := range res.Fields {
				if want, ok := truth[f.Name]; ok && strings.TrimSpace(f.Value) == want {
					right[f.Name]++
				}
				if f.Name == "idNumber" && f.Verified && f.Value != p.IDNumber {
					wrongVerified++
				}
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %d |\n", v,
			share(right["idNumber"], n), share(right["name"], n), share(right["address"], n), share(right["birthDate"], n), wrongVerified, unreadable)
	}
	return b.String(), nil
}
