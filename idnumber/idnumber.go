// Package idnumber owns the Chinese resident ID number (居民身份证号码,
// GB 11643-1999): its syntax, check digit, birth date, sex and the province
// prefix of its division code.
//
// It must not store, log, mask or encrypt numbers (package pii does that),
// and it must not claim a number belongs to a real person: a valid number is
// only well-formed. It does not know the full list of county division codes;
// only the province prefix is checked, because county codes change every
// year and a stale list would turn away real petitioners.
package idnumber

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Length is the number of characters of a second-generation ID number. The
// 15-digit first-generation numbers expired in 2013 and are not accepted.
const Length = 18

// Sex is read from the 17th digit (the sequence code): odd for men, even for
// women. The zero value is Female because the standard has no third value.
type Sex int

const (
	Female Sex = iota
	Male
)

// String gives the spelling used by the GraphQL enum, so resolvers need no
// mapping table.
func (s Sex) String() string {
	if s == Male {
		return "MALE"
	}
	return "FEMALE"
}

// Number is a parsed, valid ID number.
type Number struct {
	Digits   string    // normalized: 18 characters, check character X upper-case
	Division string    // first 6 digits: the division where it was issued
	Birth    time.Time // UTC midnight of the birth date
	Sex      Sex
}

// Error says why a string is not a valid ID number. Reason is written for a
// clerk at the counter, so it can be shown as is.
type Error struct {
	Reason string
}

func (e Error) Error() string { return e.Reason }

func errorf(format string, args ...any) error {
	return Error{Reason: fmt.Sprintf(format, args...)}
}

var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const checkChars = "10X98765432"

// CheckDigit computes the 18th character for the first 17 digits.
func CheckDigit(first17 string) (byte, error) {
	if n := utf8.RuneCountInString(first17); n != 17 {
		return 0, errorf("ID number check digit needs 17 digits, got %d characters", n)
	}
	sum, pos := 0, 0
	for _, c := range first17 {
		if c < '0' || c > '9' {
			return 0, errorf("ID number may contain only digits and a final X, found %q at position %d", c, pos+1)
		}
		sum += int(c-'0') * weights[pos]
		pos++
	}
	return checkChars[sum%11], nil
}

// provinces holds the valid first two digits. Hong Kong (81) and Macao (82)
// appear on residence permits for their residents; Taiwan (71) is in the
// standard's table.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true,
}

// china is Beijing time. A fixed zone, not time.LoadLocation, because China
// has had no daylight saving since 1991 and the binary should not depend on
// tzdata being installed.
var china = time.FixedZone("CST", 8*60*60)

var earliest = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// Parse checks s and returns the number it holds. Spaces anywhere are
// ignored (clerks group the digits as 6-8-4) and a lower-case x is accepted,
// because both are what people type.
func Parse(s string) (Number, error) {
	return parseAt(s, time.Now())
}

// Valid reports whether s parses.
func Valid(s string) bool {
	_, err := Parse(s)
	return err == nil
}

// parseAt takes the current time as an argument so tests can pin "today".
func parseAt(s string, now time.Time) (Number, error) {
	s = strings.Join(strings.Fields(s), "")
	// Only the check character is upper-cased, so an error about any other
	// character quotes it as the clerk typed it.
	if strings.HasSuffix(s, "x") {
		s = s[:len(s)-1] + "X"
	}
	if n := utf8.RuneCountInString(s); n != Length {
		return Number{}, errorf("ID number must have %d characters, got %d", Length, n)
	}
	pos := 0
	for _, c := range s {
		pos++
		if c >= '0' && c <= '9' || c == 'X' && pos == Length {
			continue
		}
		if c == 'X' || c == 'x' {
			return Number{}, errorf("ID number may have X only as its last character, found X at position %d", pos)
		}
		return Number{}, errorf("ID number may contain only digits and a final X, found %q at position %d", c, pos)
	}
	// From here on s is 18 ASCII bytes, so byte indexing is safe.

	// Province and date come before the check digit: a typo there usually
	// breaks the check digit too, and naming the field helps the clerk more.
	if !provinces[s[:2]] {
		return Number{}, errorf("ID number starts with %s, which is not a province code", s[:2])
	}
	birth, err := birthDate(s[6:14], now)
	if err != nil {
		return Number{}, err
	}
	want, _ := CheckDigit(s[:17]) // s[:17] is known to be digits
	if got := s[17]; got != want {
		return Number{}, errorf("ID number check digit is %c, expected %c", got, want)
	}

	sex := Female
	if (s[16]-'0')%2 == 1 {
		sex = Male
	}
	return Number{Digits: s, Division: s[:6], Birth: birth, Sex: sex}, nil
}

func birthDate(ymd string, now time.Time) (time.Time, error) {
	// time.Parse checks the day against the month's length, leap years
	// included, so 30 February and 29 February 2023 fail here.
	t, err := time.Parse("20060102", ymd)
	if err != nil {
		return time.Time{}, errorf("ID number birth date %s is not a real date", ymd)
	}
	if t.Before(earliest) {
		return time.Time{}, errorf("ID number birth date %s is before 1900", ymd)
	}
	// "Today" is the date in China: a baby registered at 07:00 Beijing time
	// is still born "tomorrow" by the server's UTC clock.
	y, m, d := now.In(china).Date()
	if t.After(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}, errorf("ID number birth date %s is in the future", ymd)
	}
	return t, nil
}

// Age gives the age in completed years on the date of at in Beijing time.
// Someone born on 29 February turns a year older on 1 March in common
// years. Note that Chinese criminal law counts an age as reached only from
// the day after the birthday; callers deciding criminal responsibility must
// add that day themselves.
func (n Number) Age(at time.Time) int {
	y, m, d := at.In(china).Date()
	by, bm, bd := n.Birth.Date()
	age := y - by
	if m < bm || m == bm && d < bd {
		age--
	}
	if age < 0 {
		return 0
	}
	return age
}
