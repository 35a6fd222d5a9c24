package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

// KeyPrefix starts every API key, so keys are recognisable in logs and by
// secret scanners.
const KeyPrefix = "msk_"

var keyEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newAPIKey returns a key for a tenant: msk_<tenant code>_<32 random bytes>.
// The tenant code lets the key be looked up inside its tenant, keeping
// tenant_id first in every index.
func newAPIKey(tenantCode string) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return KeyPrefix + tenantCode + "_" + strings.ToLower(keyEncoding.EncodeToString(b))
}

// splitAPIKey returns the tenant code of a key, or false if it is not one.
func splitAPIKey(key string) (tenantCode string, ok bool) {
	rest, ok := strings.CutPrefix(key, KeyPrefix)
	if !ok {
		return "", false
	}
	i := strings.LastIndexByte(rest, '_')
	if i <= 0 || len(rest)-i-1 < 40 {
		return "", false
	}
	return rest[:i], true
}

// hashAPIKey is a plain SHA-256: a key has 256 random bits, so a slow hash
// would add cost without adding safety.
func hashAPIKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// keyDisplayPrefix is the part of a key shown in lists: the tenant code and
// the first six characters of the secret.
func keyDisplayPrefix(key string) string {
	i := strings.LastIndexByte(key, '_')
	return key[:i+7]
}
