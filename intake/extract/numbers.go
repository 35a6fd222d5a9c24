package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/minsheng/minsheng/idnumber"
)

// spokenDigitRun is the shortest run of Chinese digit characters taken for
// a spoken number. Phone numbers have 11 digits (7 for a local landline);
// shorter runs are ordinary words such as 一二三 or 三五.
const spokenDigitRun = 7

var chineseDigit = map[rune]rune{
	'零': '0', '〇': '0', '幺': '1', '一': '1', '二': '2', '三': '3', '四': '4',
	'五': '5', '六': '6', '七': '7', '八': '8', '九': '9',
}

// spokenDigits turns full-width digits (common in OCR output) and runs of
// at least seven Chinese digit characters (how speech recognition writes a
// dictated phone number: 一三八幺二三四…) into ASCII digits. Everything else
// is left as it is.
func spokenDigits(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		c := rs[i]
		if c >= '０' && c <= '９' {
			b.WriteRune('0' + c - '０')
			i++
			continue
		}
		j := i
		for j < len(rs) && chineseDigit[rs[j]] != 0 {
			j++
		}
		if j-i >= spokenDigitRun {
			for _, d := range rs[i:j] {
				b.WriteRune(chineseDigit[d])
			}
			i = j
			continue
		}
		b.WriteRune(c)
		i++
	}
	return b.String()
}

// separators may stand between the digit groups of one written number:
// 138 1234 5678, 025-84412345, (025)84412345, +86 138….
const separators = " -–—()（）\u00a0\u3000"

// units after a number mean it is an amount, a date or a measure, not a
// phone: 15900000000元 is money even though it looks like a mobile number.
const units = "元块万亿%％年月日号点时分秒米平方斤公个次岁度"

// numbers finds the ID numbers and phone numbers in s. Digits are read in
// runs of groups (a written number may be grouped by spaces or dashes);
// each run is parsed from the left, taking the longest run of groups that
// forms an ID number, else a phone number. A number must use whole groups,
// so a phone-like stretch inside a longer digit string (an ID number, a bank
// card, an order number) is never taken for a phone.
func numbers(s string) (ids, phones []string) {
	seenID, seenPhone := map[string]bool{}, map[string]bool{}
	for _, run := range digitRuns(s) {
		for i := 0; i < len(run); {
			n := 0
			for j := min(len(run), i+6); j > i; j-- {
				joined := strings.Join(run[i:j], "")
				if id, ok := parseID(joined); ok {
					if !seenID[id] {
						seenID[id] = true
						ids = append(ids, id)
					}
					n = j - i
					break
				}
				if p, ok := phone(joined); ok {
					if !seenPhone[p] {
						seenPhone[p] = true
						phones = append(phones, p)
					}
					n = j - i
					break
				}
			}
			i += max(n, 1)
		}
	}
	return ids, phones
}

// digitRuns splits s into runs of digit groups. A group is a maximal
// stretch of ASCII digits, with a trailing X when it follows digits (the
// check character of an ID number). Groups in one run are separated by at
// most three separator characters. A leading + is kept on the first group
// so +86 is recognised. A group followed by a unit character ends its run
// and is dropped, being an amount or a date.
func digitRuns(s string) [][]string {
	var runs [][]string
	var run []string
	flush := func() {
		if len(run) > 0 {
			runs = append(runs, run)
		}
		run = nil
	}
	for i := 0; i < len(s); {
		c := s[i]
		if !isDigit(c) {
			if c == '+' && i+1 < len(s) && isDigit(s[i+1]) {
				flush()
				j := i + 1
				for j < len(s) && isDigit(s[j]) {
					j++
				}
				run = append(run, s[i:j])
				i = j
				continue
			}
			// A separator keeps the run going only when digits follow soon.
			j := i
			for j < len(s) && j-i < 3*utf8.UTFMax {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !strings.ContainsRune(separators, r) {
					break
				}
				j += size
			}
			if j == i || j >= len(s) || !isDigit(s[j]) || len([]rune(s[i:j])) > 3 {
				flush()
				_, size := utf8.DecodeRuneInString(s[i:])
				i += max(size, j-i)
				continue
			}
			i = j
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j < len(s) && (s[j] == 'X' || s[j] == 'x') {
			j++
		}
		group := s[i:j]
		if r, _ := utf8.DecodeRuneInString(s[j:]); j < len(s) && strings.ContainsRune(units, r) {
			flush()
		} else if j < len(s) && (s[j] == '.' || s[j] == ',') && j+1 < len(s) && isDigit(s[j+1]) {
			// 1.5 or 13,800: a decimal or grouped amount, never a phone.
			for j < len(s) && (isDigit(s[j]) || s[j] == '.' || s[j] == ',') {
				j++
			}
			flush()
		} else {
			run = append(run, group)
		}
		i = j
	}
	flush()
	return runs
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseID accepts 18 characters that idnumber accepts: check digit, a real
// birth date and a province prefix.
func parseID(s string) (string, bool) {
	if len(s) != idnumber.Length {
		return "", false
	}
	n, err := idnumber.Parse(s)
	if err != nil {
		return "", false
	}
	return n.Digits, true
}

// phone recognises a mainland mobile number (1[3-9] and 9 digits) or a
// landline with its area code (010 and 02x take 8-digit local numbers,
// other area codes 7 or 8), optionally after +86, 0086 or 86. It returns
// the digits only. Short service numbers such as 12345 and 110, and local
// numbers without an area code, are not phones here: they cannot be
// called back reliably.
func phone(s string) (string, bool) {
	if strings.ContainsAny(s, "Xx") {
		return "", false
	}
	intl := false
	switch {
	case strings.HasPrefix(s, "+86"):
		s, intl = s[3:], true
	case strings.HasPrefix(s, "0086"):
		s, intl = s[4:], true
	case strings.HasPrefix(s, "86") && len(s) >= 12:
		s, intl = s[2:], true
	case strings.HasPrefix(s, "+"):
		return "", false
	}
	if mobile(s) {
		return s, true
	}
	if intl && !strings.HasPrefix(s, "0") {
		// +86 25 84412345: the area code loses its 0 abroad.
		s = "0" + s
	}
	if landline(s) {
		return s, true
	}
	return "", false
}

func mobile(s string) bool {
	return len(s) == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9'
}

func landline(s string) bool {
	if len(s) < 2 || s[0] != '0' || s[1] == '0' {
		return false
	}
	area := 4
	if s[1] == '1' || s[1] == '2' {
		area = 3 // 010 Beijing, 02x the big cities
	}
	if len(s) <= area {
		return false
	}
	local := s[area:]
	if local[0] < '2' {
		return false
	}
	if area == 3 {
		return len(local) == 8
	}
	return len(local) == 7 || len(local) == 8
}
