package pii

import (
	"strings"
	"unicode"

	"github.com/minsheng/minsheng"
)

// NormalizePhone returns the one form of a phone number that is stored,
// hashed and compared: 11 digits for a mainland mobile, area code, dash and
// local number ("025-83123456", "0571-8712345") for a landline. Spaces and
// dashes are ignored, and so is the country code (+86, 0086, or a bare 86
// before a mobile). Errors are BAD_USER_INPUT with a message a clerk can
// read out to the caller; they never repeat the number, because errors end
// up in logs.
func NormalizePhone(s string) (string, error) {
	digits := strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if digits == "" {
		return "", minsheng.Errorf(minsheng.EINVALID, "phone number is empty")
	}

	international := false
	switch {
	case strings.HasPrefix(digits, "+86"):
		digits, international = digits[3:], true
	case strings.HasPrefix(digits, "0086"):
		digits, international = digits[4:], true
	case strings.HasPrefix(digits, "86") && len(digits) == 13 && isMobile(digits[2:]):
		// Only for a mobile: a bare 86 in front of anything else is more
		// likely part of a mistyped number than a country code.
		digits = digits[2:]
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return "", minsheng.Errorf(minsheng.EINVALID, "phone number may contain only digits, spaces, dashes and +86, found %q", r)
		}
	}
	if isMobile(digits) {
		return digits, nil
	}
	if international && !strings.HasPrefix(digits, "0") {
		// Written internationally a landline drops its trunk 0: +86 25 ….
		digits = "0" + digits
	}
	if strings.HasPrefix(digits, "0") {
		if area, local, ok := splitLandline(digits); ok {
			return area + "-" + local, nil
		}
		return "", minsheng.Errorf(minsheng.EINVALID, "landline number should be an area code (like 025 or 0571) and 7 or 8 digits")
	}
	if strings.HasPrefix(digits, "1") {
		return "", minsheng.Errorf(minsheng.EINVALID, "mobile number should have 11 digits starting with 13 to 19")
	}
	return "", minsheng.Errorf(minsheng.EINVALID, "phone number is neither a mobile (11 digits starting with 1) nor a landline with area code (starting with 0)")
}

// isMobile reports whether s is a mainland mobile number: 11 digits, 1[3-9].
func isMobile(s string) bool {
	if len(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9' {
		return false
	}
	for i := 2; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// splitLandline splits digits starting with 0 into area code and local
// number. The split follows the numbering plan, not where the caller put a
// dash: 010 and 020–029 are the only short area codes, every other is 0
// plus three digits. That is what makes "025 8312 3456" and
// "025-83123456" the same stored value.
func splitLandline(digits string) (area, local string, ok bool) {
	if len(digits) < 2 {
		return "", "", false
	}
	n := 4
	if digits[1] == '1' || digits[1] == '2' {
		n = 3
	}
	if l := len(digits) - n; l < 7 || l > 8 {
		return "", "", false
	}
	return digits[:n], digits[n:], true
}
