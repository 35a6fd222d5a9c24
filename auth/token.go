// Package auth owns authentication: passwords, login with throttling of
// repeated failures, signed bearer tokens, integrator API keys, and turning
// an Authorization header into a viewer. What a viewer may do is authz's.
package auth

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Tokens issues and checks the bearer tokens handed out at login.
type Tokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time
}

// NewTokens signs tokens with secret; they expire after ttl on the clock
// now (nil: time.Now).
func NewTokens(secret []byte, ttl time.Duration, now func() time.Time) (*Tokens, error) {
	if len(secret) < 32 {
		return nil, errors.New("auth: token secret must have at least 32 bytes")
	}
	if now == nil {
		now = time.Now
	}
	return &Tokens{secret: secret, ttl: ttl, now: now}, nil
}

const issuer = "minsheng"

// Subject kinds in the token's sub claim.
const (
	subUser     = "user"
	subOperator = "operator"
)

type claims struct {
	TenantID int `json:"tid,omitempty"`
	// Version is the user's token version when the token was signed; a
	// password change or deactivation bumps the user's, revoking the token.
	Version int `json:"ver,omitempty"`
	jwt.RegisteredClaims
}

// token is what a checked token says.
type token struct {
	kind         string
	id, tenantID int
	version      int
	expires      time.Time
}

// Issue signs a token for a user (tenantID > 0) or an operator (tenantID 0)
// at the user's token version.
func (t *Tokens) Issue(kind string, id, tenantID, version int) (string, time.Time, error) {
	now := t.now()
	exp := now.Add(t.ttl)
	c := claims{
		TenantID: tenantID,
		Version:  version,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Subject:   kind + ":" + strconv.Itoa(id),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
		},
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(t.secret)
	return s, exp, err
}

// parse checks a token's signature, algorithm, issuer and expiry.
func (t *Tokens) parse(s string) (token, error) {
	var c claims
	_, err := jwt.ParseWithClaims(s, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(t.now),
	)
	if err != nil {
		if errors.Is(err, jwt.ErrTokenExpired) {
			return token{}, errExpired
		}
		return token{}, errBadToken
	}
	kind, idText, ok := strings.Cut(c.Subject, ":")
	if !ok {
		return token{}, errBadToken
	}
	id, err := strconv.Atoi(idText)
	if err != nil || (kind != subUser && kind != subOperator) {
		return token{}, errBadToken
	}
	return token{kind: kind, id: id, tenantID: c.TenantID, version: c.Version, expires: c.ExpiresAt.Time}, nil
}

func (t *Tokens) String() string { return fmt.Sprintf("tokens(ttl %s)", t.ttl) }
