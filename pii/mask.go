package pii

import "strings"

// MaskIDNumber hides the birth date and sequence of an ID number, keeping
// the issuing division (first 6) and the last 4, which clerks use to tell
// people apart on a list: 320102********1234. Anything that is not 18
// characters keeps only its last 2 (nothing, if it is that short): a
// malformed value is no less personal than a valid one.
func MaskIDNumber(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 18 {
		return keep(r, 6, 4)
	}
	return keep(r, 0, 2)
}

// MaskPhone hides the middle of a phone number: 138****5678 for a mobile,
// 025-****3456 for a landline (the area code says only the city). Input
// that NormalizePhone accepts is masked in its normal form, so the same
// number always looks the same; anything else keeps only its last 4.
func MaskPhone(s string) string {
	norm, err := NormalizePhone(s)
	if err != nil {
		return keep([]rune(s), 0, 4)
	}
	if area, local, ok := strings.Cut(norm, "-"); ok {
		return area + "-" + keep([]rune(local), 0, 4)
	}
	return keep([]rune(norm), 3, 4)
}

// keep shows the first head and last tail runes of r and stars in between.
// When r is too short to hide anything that way, it is starred whole: the
// masks must never hand a value back in the clear.
func keep(r []rune, head, tail int) string {
	if len(r) <= head+tail {
		if len(r) == 0 {
			return ""
		}
		head, tail = 0, 0
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}
