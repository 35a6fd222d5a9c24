package auth

import (
	"golang.org/x/crypto/bcrypt"

	"github.com/minsheng/minsheng"
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 8

// HashPassword returns the bcrypt hash of a password, refusing short ones.
func HashPassword(password string) (string, error) {
	if len([]rune(password)) < MinPasswordLength {
		return "", minsheng.Errorf(minsheng.EINVALID, "password must have at least %d characters", MinPasswordLength)
	}
	if len(password) > 72 {
		return "", minsheng.Errorf(minsheng.EINVALID, "password must have at most 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(h), err
}

// dummyHash is compared against when the user does not exist, so an unknown
// user takes as long to refuse as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not-a-real-password"), bcrypt.DefaultCost)

func passwordMatches(hash, password string) bool {
	if hash == "" {
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}
