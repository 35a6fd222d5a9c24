package main

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// charErrorRate is the character error rate of got against truth: the edit
// distance between their characters with all whitespace removed, divided by
// the number of characters of truth. Whitespace is ignored because Chinese
// has no spaces between words and line breaks depend on the page, not on
// what was written. It can exceed 1 when got holds much more than truth.
func charErrorRate(truth, got string) float64 {
	t, g := []rune(dropSpace(truth)), []rune(dropSpace(got))
	if len(t) == 0 {
		if len(g) == 0 {
			return 0
		}
		return 1
	}
	return float64(editDistance(t, g)) / float64(len(t))
}

func dropSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// editDistance is the Levenshtein distance: insertions, deletions and
// substitutions of one character each cost 1.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// rateSummary describes a list of error rates as "mean 2.1%, median 1.5%,
// worst 9.0%".
func rateSummary(rates []float64) string {
	if len(rates) == 0 {
		return "no samples"
	}
	s := append([]float64(nil), rates...)
	sort.Float64s(s)
	sum := 0.0
	for _, r := range s {
		sum += r
	}
	return fmt.Sprintf("mean %s, median %s, worst %s", percent(sum/float64(len(s))), percent(s[len(s)/2]), percent(s[len(s)-1]))
}

// percent prints a share as a percentage with one decimal.
func percent(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

// share prints k of n as "97/100 (97.0%)".
func share(k, n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d (%s)", k, n, percent(float64(k)/float64(n)))
}
