package auth

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/minsheng/minsheng"
)

// MinPasswordLength is the shortest password accepted, counted in
// characters without leading and trailing spaces.
const MinPasswordLength = 10

//go:embed common-passwords.txt
var commonText string

// common holds the passwords refused as too common, lower-case.
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonText, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = true
		}
	}
	return m
}()

// CheckPassword applies the password policy: at least MinPasswordLength
// characters besides surrounding spaces, at most 72 bytes (bcrypt reads no
// further), not one character repeated, some letters, and not a common
// password, also not with digits or signs added at the end ("woaini1314!").
func CheckPassword(password string) error {
	if len(password) > 72 {
		return minsheng.Errorf(minsheng.EINVALID, "password must have at most 72 bytes")
	}
	trimmed := strings.TrimSpace(password)
	if utf8.RuneCountInString(trimmed) < MinPasswordLength {
		return minsheng.Errorf(minsheng.EINVALID, "password must have at least %d characters besides spaces", MinPasswordLength)
	}
	lower := strings.ToLower(trimmed)
	first, _ := utf8.DecodeRuneInString(lower)
	if strings.Trim(lower, string(first)) == "" {
		return minsheng.Errorf(minsheng.EINVALID, "password must not repeat one character")
	}
	stem := strings.TrimRightFunc(lower, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) })
	if stem == "" {
		return minsheng.Errorf(minsheng.EINVALID, "password must have letters, not only digits and signs")
	}
	if common[lower] || common[stem] {
		return minsheng.Errorf(minsheng.EINVALID, "password is too common: choose one that is hard to guess")
	}
	return nil
}

// HashPassword returns the bcrypt hash of a password, refusing one the
// policy does not accept (CheckPassword).
func HashPassword(password string) (string, error) {
	if err := CheckPassword(password); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(h), err
}

// dummyHash is compared against when the user does not exist, so an unknown
// user costs the same bcrypt work as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not-a-real-password"), bcrypt.DefaultCost)

// passwordMatches compares with bcrypt through compare; an empty hash (no
// such user) is compared against dummyHash and never matches.
func passwordMatches(compare func(hash, password []byte) error, hash, password string) bool {
	if hash == "" {
		_ = compare(dummyHash, []byte(password))
		return false
	}
	return compare([]byte(hash), []byte(password)) == nil
}
