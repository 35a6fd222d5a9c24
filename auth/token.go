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

// NewTokens signs tokens with secret; they expire after ttl.
func NewTokens(secret []byte, ttl time.Duration) (*Tokens, error) {
	if len(secret) < 32 {
		return nil, errors.New("auth: token secret must have at least 32 bytes")
	}
	return &Tokens{secret: secret, ttl: ttl, now: time.Now}, nil
}

const issuer = "minsheng"

// Subject kinds in the token's sub claim.
const (
	subUser     = "user"
	subOperator = "operator"
)

type claims struct {
	TenantID int `json:"tid,omitempty"`
	jwt.RegisteredClaims
}

// Issue signs a token for a user (tenantID > 0) or an operator (tenantID 0).
func (t *Tokens) Issue(kind string, id, tenantID int) (string, time.Time, error) {
	now := t.now()
	exp := now.Add(t.ttl)
	c := claims{
		TenantID: tenantID,
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
func (t *Tokens) parse(token string) (kind string, id, tenantID int, err error) {
	var c claims
	_, err = jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(t.now),
	)
	if err != nil {
		if errors.Is(err, jwt.ErrTokenExpired) {
			return "", 0, 0, errExpired
		}
		return "", 0, 0, errBadToken
	}
	kind, idText, ok := strings.Cut(c.Subject, ":")
	if !ok {
		return "", 0, 0, errBadToken
	}
	id, err = strconv.Atoi(idText)
	if err != nil || (kind != subUser && kind != subOperator) {
		return "", 0, 0, errBadToken
	}
	return kind, id, c.TenantID, nil
}

func (t *Tokens) String() string { return fmt.Sprintf("tokens(ttl %s)", t.ttl) }
