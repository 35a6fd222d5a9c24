package extract

import (
	"strings"
	"unicode"
)

const (
	// maxTitle is the longest title Title returns, in characters. Ticket
	// lists show about this much on one line.
	maxTitle = 40
	// speechTitle is the title length for text with no punctuation at
	// all, which is what speech recognition gives: there is no first
	// sentence to find, and a short title reads better than a long run-on.
	speechTitle = 20
	// minClause is the shortest cut Title makes at a comma when the first
	// sentence is too long; a shorter clause says too little.
	minClause = 12
)

// greetings open letters and calls but say nothing about the complaint.
// Longer forms come first so 领导您好 is removed whole.
var greetings = []string{
	"尊敬的各位领导", "尊敬的领导", "各位领导", "领导您好", "领导你好",
	"您好", "你好", "喂喂", "喂",
}

// Title gives the first sentence of s, trimmed, at most 40 characters; for
// text without punctuation (speech transcripts) the first 20 characters.
// A salutation line such as 尊敬的区长： and greetings such as 您好 are
// skipped, because they would make every title the same. Long sentences
// are cut at a comma when one falls in the second half, else at 40
// characters; nothing is added.
func Title(s string) string {
	s = strings.TrimSpace(s)
	punctuated := strings.ContainsFunc(s, unicode.IsPunct)
	sentence := ""
	for first := true; s != ""; first = false {
		end := strings.IndexAny(s, "。！？!?\n\r")
		piece, rest := s, ""
		if end >= 0 {
			piece, rest = s[:end], s[end:]
			rest = strings.TrimLeft(rest, "。！？!?\n\r \t")
		}
		if first {
			piece = dropSalutation(piece)
		}
		piece = trimGreetings(piece)
		if piece != "" {
			sentence = piece
			break
		}
		s = rest
	}
	r := []rune(strings.Join(strings.Fields(sentence), " "))
	switch {
	case !punctuated && len(r) > speechTitle:
		r = r[:speechTitle]
	case len(r) > maxTitle:
		cut := maxTitle
		for i := maxTitle - 1; i >= minClause; i-- {
			if strings.ContainsRune("，,；;：:、", r[i]) {
				cut = i
				break
			}
		}
		r = r[:cut]
	}
	return strings.TrimRightFunc(string(r), func(c rune) bool { return unicode.IsPunct(c) || unicode.IsSpace(c) })
}

// dropSalutation removes a leading 尊敬的区长： or 领导: — a short piece
// ending in a colon at the very start of a letter.
func dropSalutation(s string) string {
	i := strings.IndexAny(s, "：:")
	if i < 0 || len([]rune(s[:i])) > 15 {
		return s
	}
	head := s[:i]
	if strings.HasPrefix(head, "尊敬") || strings.Contains(head, "领导") || strings.HasSuffix(head, "长") ||
		strings.Contains(head, "好") || strings.HasPrefix(head, "致") {
		return strings.TrimSpace(strings.TrimLeft(s[i:], "：:"))
	}
	return s
}

// trimGreetings removes greetings and the punctuation after them from the
// start of s, as often as they repeat (喂，你好，…).
func trimGreetings(s string) string {
	for {
		s = strings.TrimLeftFunc(s, func(c rune) bool { return unicode.IsPunct(c) || unicode.IsSpace(c) })
		found := false
		for _, g := range greetings {
			if strings.HasPrefix(s, g) {
				s, found = s[len(g):], true
				break
			}
		}
		if !found {
			return s
		}
	}
}
