package pii

// Free text — a letter, a transcript, a reply, a note — carries ID numbers
// and phone numbers written the way people write them: grouped by spaces
// or dashes, in full-width digits, after +86, or dictated in Chinese digits.
// MaskText finds them by their shape, not by validity: a mistyped or
// misread ID number is no less personal than a valid one.

import "strings"

// minLongRun is the number of digits from which a stretch that is neither
// an ID number nor a phone number is masked anyway: it may be an ID number
// with a wrong digit, or two numbers run together. Case codes
// (MS-20261123-0001, 12 digits) and dates stay below it.
const minLongRun = 15

// minSpokenRun is the shortest run of Chinese digits (一三八幺…) taken for a
// number, as package intake/extract reads a dictated one: shorter runs are
// words (一直, 三五).
const minSpokenRun = 7

// maxGroups is how many groups one written number may be split into
// (6-8-4, 3-4-4, 4-4-4-4-2, +86 1 38…).
const maxGroups = 8

// maxGap is how many separator characters may stand between two groups of
// one number: "138 - 1234", "(025) 8312…".
const maxGap = 3

// MaskText returns s with every ID number and phone number in it masked as
// MaskIDNumber and MaskPhone mask them (320102********1234, 138****5678,
// 025-****3456), and whether it found any. Separators stay where they
// were and each masked digit becomes one '*', so the result has as many
// runes as s. A group-aligned stretch of 15 or more digits that is neither
// is masked too, keeping only its last 2. Masking is idempotent: a masked
// text has nothing left to find. It runs in time linear in len(s).
func MaskText(s string) (string, bool) {
	if !hasDigit(s) {
		return s, false
	}
	rs := []rune(s)
	found := false
	for _, r := range scanRuns(rs) {
		if maskRun(rs, r) {
			found = true
		}
	}
	if !found {
		return s, false
	}
	return string(rs), true
}

// hasDigit is the fast path: most text (titles, short notes) has no digit.
func hasDigit(s string) bool {
	for _, r := range s {
		if digitValue(r) >= 0 {
			return true
		}
	}
	return false
}

// group is a maximal stretch of digits of one script; pos holds the index
// in the text of each of its characters, digits its value ('0'-'9', 'X').
type group struct {
	pos    []int
	digits []byte
}

// run is a sequence of groups separated only by short separators, with
// plus set when a '+' stood right before its first group.
type run struct {
	groups []group
	plus   bool
}

// digitValue gives the ASCII digit of r (ASCII, full-width or Chinese),
// or -1.
func digitValue(r rune) rune {
	switch {
	case r >= '0' && r <= '9':
		return r
	case r >= '０' && r <= '９':
		return '0' + r - '０'
	}
	if r < '〇' {
		return -1 // below every Chinese digit: most text ends here
	}
	return spokenDigit(r)
}

func isSpoken(r rune) bool { return r >= '〇' && spokenDigit(r) >= 0 }

// spokenDigit gives the digit a Chinese numeral stands for, or -1.
func spokenDigit(r rune) rune {
	switch r {
	case '零', '〇':
		return '0'
	case '幺', '一':
		return '1'
	case '二', '两':
		return '2'
	case '三':
		return '3'
	case '四':
		return '4'
	case '五':
		return '5'
	case '六':
		return '6'
	case '七':
		return '7'
	case '八':
		return '8'
	case '九':
		return '9'
	}
	return -1
}

// isSeparator reports what may stand between the groups of one number.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u3000', '-', '‐', '‑', '‒', '–', '—', '－', '(', ')', '（', '）', '.', '·':
		return true
	}
	return false
}

// isCheck reports the check character X as people type it.
func isCheck(r rune) bool { return r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' }

// scanRuns splits rs into runs of groups in one pass.
func scanRuns(rs []rune) []run {
	var runs []run
	var cur run
	flush := func() {
		if len(cur.groups) > 0 {
			runs = append(runs, cur)
		}
		cur = run{}
	}
	i := 0
	for i < len(rs) {
		if digitValue(rs[i]) < 0 {
			// Separators continue a run only when a group follows soon.
			j := i
			for j < len(rs) && j-i <= maxGap && isSeparator(rs[j]) {
				j++
			}
			if j > i && j-i <= maxGap && j < len(rs) && digitValue(rs[j]) >= 0 && len(cur.groups) > 0 {
				i = j
				continue
			}
			flush()
			if rs[i] == '+' && i+1 < len(rs) && digitValue(rs[i+1]) >= 0 {
				cur.plus = true
			}
			i = max(j, i+1)
			continue
		}
		spoken := isSpoken(rs[i])
		var g group
		j := i
		for j < len(rs) && digitValue(rs[j]) >= 0 && isSpoken(rs[j]) == spoken {
			g.pos = append(g.pos, j)
			g.digits = append(g.digits, byte(digitValue(rs[j])))
			j++
		}
		if !spoken && j < len(rs) && isCheck(rs[j]) {
			g.pos = append(g.pos, j)
			g.digits = append(g.digits, 'X')
			j++
		}
		if spoken && len(g.digits) < minSpokenRun {
			// A word such as 一直 ends any run and is not part of one.
			flush()
			i = j
			continue
		}
		cur.groups = append(cur.groups, g)
		if g.digits[len(g.digits)-1] == 'X' {
			// Nothing continues a number after its check character.
			flush()
		}
		i = j
	}
	flush()
	return runs
}

// minMatch is the fewest digits any number MaskText masks has (a mobile,
// or a landline with its trunk 0); minMatchPlus the fewest after a '+',
// where the trunk 0 is left out (+10 8765 4321).
const (
	minMatch     = 11
	minMatchPlus = 10
)

// Digit states while a run is masked.
const (
	untouched byte = iota // in no number
	kept                  // shown by a number's mask
	starred
)

// maskRun finds the numbers of one run, from the left, each as the longest
// window of whole groups that reads as an ID number or a phone number;
// stretches of unmatched groups of minLongRun digits or more are masked
// too. It writes the stars into rs and reports whether it masked.
func maskRun(rs []rune, r run) bool {
	var pos []int   // the run's digits, in order
	var start []int // index in pos of each group's first digit
	for _, g := range r.groups {
		start = append(start, len(pos))
		pos = append(pos, g.pos...)
	}
	start = append(start, len(pos))
	state := make([]byte, len(pos))
	found := false
	unmatched := 0 // first group of the current unmatched stretch
	flushLong := func(end int) {
		if from, to := start[unmatched], start[end]; to-from >= minLongRun {
			mask(state[from:to], 0, 2)
			found = true
		}
	}
	for i := 0; i < len(r.groups); {
		n, head, tail := 0, 0, 0
		var buf []byte
		for j := i; j < len(r.groups) && j < i+maxGroups; j++ {
			buf = append(buf, r.groups[j].digits...)
			if len(buf) > 22 {
				break
			}
			// The longest window wins: 6-8-4 is also 6-8 and 4.
			if h, t, ok := numberMask(buf, r.plus && i == 0); ok {
				n, head, tail = j-i+1, h, t
			}
		}
		if n == 0 {
			i++
			continue
		}
		flushLong(i)
		mask(state[start[i]:start[i+n]], head, tail)
		found = true
		i += n
		unmatched = i
	}
	flushLong(len(r.groups))
	if !found {
		return false
	}
	// Digits a mask keeps must not, with their unstarred neighbours, read as
	// a number of their own, or masking the result again would find it:
	// where a stretch between stars has enough digits for one, its kept
	// digits are starred too.
	for i := 0; i < len(state); {
		j, digits := i, 0
		for j < len(state) && state[j] != starred {
			j++
			digits++
		}
		least := minMatch
		if i == 0 && r.plus {
			least = minMatchPlus // the run's '+' reaches this stretch
		}
		if digits >= least {
			for k := i; k < j; k++ {
				if state[k] == kept {
					state[k] = starred
				}
			}
		}
		i = j + 1
	}
	for k, st := range state {
		if st == starred {
			rs[pos[k]] = '*'
		}
	}
	return true
}

// mask marks digits shown and hidden by a mask keeping head and tail.
func mask(state []byte, head, tail int) {
	for k := range state {
		if k < head || k >= len(state)-tail {
			state[k] = kept
		} else {
			state[k] = starred
		}
	}
}

// numberMask says how an ID number or phone number of these digits is
// masked: the digits kept at the head and at the tail.
func numberMask(d []byte, plus bool) (head, tail int, ok bool) {
	if x := strings.IndexByte(string(d), 'X'); x >= 0 && x != len(d)-1 {
		return 0, 0, false
	}
	if len(d) == 18 {
		return 6, 4, true // MaskIDNumber
	}
	if d[len(d)-1] == 'X' {
		// An X after a phone number is a letter, not a check character; it
		// stays as it is.
		if head, tail, ok := phoneMask(d[:len(d)-1], plus); ok {
			return head, tail + 1, true
		}
		return 0, 0, false
	}
	if head, tail, ok := phoneMask(d, plus); ok {
		return head, tail, true
	}
	if len(d) == 15 {
		return 0, 2, true // a first-generation number, as MaskIDNumber masks it
	}
	return 0, 0, false
}

// phoneMask says how a phone number of these digits is masked.
func phoneMask(d []byte, plus bool) (head, tail int, ok bool) {
	// The country code stays, and so does the trunk 0 or area code.
	prefix := 0
	s := string(d)
	intl := plus
	switch {
	case strings.HasPrefix(s, "0086"):
		prefix, intl = 4, true
	case strings.HasPrefix(s, "86") && (plus || len(s) >= 12):
		prefix, intl = 2, true
	}
	rest := s[prefix:]
	if isMobile(rest) {
		return prefix + 3, 4, true
	}
	if intl && rest != "" && rest[0] != '0' {
		if area, ok := landlineArea("0" + rest); ok {
			return prefix + area - 1, 4, true
		}
		return 0, 0, false
	}
	if area, ok := landlineArea(rest); ok {
		return prefix + area, 4, true
	}
	return 0, 0, false
}

// landlineArea gives the length of the area code of a landline number with
// its trunk 0: 010 and 02x take 8 local digits, other area codes 7 or 8.
// A local number never starts with 0 or 1.
func landlineArea(s string) (int, bool) {
	if len(s) < 2 || s[0] != '0' || s[1] == '0' {
		return 0, false
	}
	area := 4
	if s[1] == '1' || s[1] == '2' {
		area = 3
	}
	if len(s) <= area || s[area] < '2' {
		return 0, false
	}
	switch local := len(s) - area; {
	case area == 3 && local == 8, area == 4 && (local == 7 || local == 8):
		return area, true
	}
	return 0, false
}
