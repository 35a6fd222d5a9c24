package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/apikey"
	"github.com/minsheng/minsheng/ent/operator"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/viewer"
)

// PlatformTenant is the tenant code platform operators sign in with.
const PlatformTenant = "platform"

var (
	// errLogin is the one answer to a wrong tenant, user or password, so a
	// caller cannot tell which existed.
	errLogin    = minsheng.Errorf(minsheng.EUNAUTHENTICATED, "wrong tenant, username or password")
	errExpired  = minsheng.Errorf(minsheng.EUNAUTHENTICATED, "token expired: sign in again")
	errBadToken = minsheng.Errorf(minsheng.EUNAUTHENTICATED, "invalid token")
	errBadKey   = minsheng.Errorf(minsheng.EUNAUTHENTICATED, "invalid or revoked API key")
	errRevoked  = minsheng.Errorf(minsheng.EUNAUTHENTICATED, "token revoked by a password change or deactivation: sign in again")
)

// Service signs people in and recognises callers.
type Service struct {
	client   *ent.Client
	authz    *authz.Enforcer
	tokens   *Tokens
	throttle *throttle
	compare  func(hash, password []byte) error // bcrypt; tests count the calls
}

// New returns the authentication service.
func New(client *ent.Client, enforcer *authz.Enforcer, tokens *Tokens) *Service {
	return &Service{client: client, authz: enforcer, tokens: tokens, throttle: newThrottle(), compare: bcrypt.CompareHashAndPassword}
}

// The login limits. An attacker at one address gets a few guesses at one
// account (perPair) and then waits longer and longer, without touching
// the same account's counter at another address: a stranger failing on
// purpose cannot lock the real user out. Guesses at one account from many
// addresses meet perAccount, which is high (no one person reaches it) and
// whose waits stay short, so a crowd of addresses can slow the real user
// by seconds at most, never lock them out for long. An address that tries
// many accounts meets perClient, high because a whole hotline centre may
// sign in from one address.
var (
	perPair    = limit{free: 5, base: time.Second, ceiling: 15 * time.Minute}
	perAccount = limit{free: 100, base: time.Second, ceiling: 30 * time.Second}
	perClient  = limit{free: 50, base: time.Second, ceiling: 5 * time.Minute}
)

// Session is the result of a login.
type Session struct {
	Token     string
	ExpiresAt time.Time
	User      *ent.User // nil for an operator
}

// Login checks a password and returns a token. Unknown tenant, unknown user,
// inactive user and wrong password all answer the same UNAUTHENTICATED
// after the same bcrypt work; the attempt is counted before the password
// is checked, and a caller over a limit is refused with RATE_LIMITED
// without a check.
func (s *Service) Login(ctx context.Context, tenantCode, username, password, client string) (*Session, error) {
	account := tenantCode + "/" + username
	pair := key{"p:" + account + "@" + client, perPair}
	acct := key{"a:" + account, perAccount}
	addr := key{"c:" + client, perClient}
	if d := s.throttle.take(pair, acct, addr); d > 0 {
		return nil, minsheng.Errorf(minsheng.ERATELIMITED, "too many failed logins: try again in %d s", int(d.Seconds())+1)
	}
	sess, err := s.login(viewer.SystemContext(ctx), tenantCode, username, password)
	switch {
	case err == nil:
		s.throttle.succeed(pair, acct)
		s.throttle.refund(addr)
	case !errors.Is(err, errLogin):
		s.throttle.refund(pair, acct, addr) // not a guess: the server failed
	}
	return sess, err
}

func (s *Service) login(ctx context.Context, tenantCode, username, password string) (*Session, error) {
	if tenantCode == PlatformTenant {
		op, err := s.client.Operator.Query().Where(operator.Username(username), operator.Active(true)).Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return nil, err
		}
		hash := ""
		if op != nil {
			hash = op.PasswordHash
		}
		if !passwordMatches(s.compare, hash, password) {
			return nil, errLogin
		}
		token, exp, err := s.tokens.Issue(subOperator, op.ID, 0, op.TokenVersion)
		return &Session{Token: token, ExpiresAt: exp}, err
	}
	u, err := s.client.User.Query().
		Where(user.Username(username), user.Active(true),
			user.HasTenantWith(tenant.Code(tenantCode), tenant.Active(true))).
		Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	hash := ""
	if u != nil {
		hash = u.PasswordHash
	}
	if !passwordMatches(s.compare, hash, password) {
		return nil, errLogin
	}
	token, exp, err := s.tokens.Issue(subUser, u.ID, u.TenantID, u.TokenVersion)
	if err != nil {
		return nil, err
	}
	return &Session{Token: token, ExpiresAt: exp, User: u}, nil
}

// Authenticate turns the value of an Authorization header into the viewer
// of the request. An empty header is an anonymous viewer; a header that is
// present but wrong, expired or revoked is an error, never anonymous.
func (s *Service) Authenticate(ctx context.Context, header string) (viewer.Viewer, error) {
	v, _, err := s.AuthenticateTTL(ctx, header)
	return v, err
}

// AuthenticateTTL is Authenticate that also says how long the credential
// stays valid: the time a login token has left, 0 for an API key or no
// credential. Everything is read afresh: the user or key must still be
// active, the token's version must be the user's current one, and the
// roles are the current ones.
func (s *Service) AuthenticateTTL(ctx context.Context, header string) (viewer.Viewer, time.Duration, error) {
	if header == "" {
		return viewer.Viewer{}, 0, nil
	}
	raw, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return viewer.Viewer{}, 0, minsheng.Errorf(minsheng.EUNAUTHENTICATED, "Authorization must be `Bearer <token>`")
	}
	raw = strings.TrimSpace(raw)
	sys := viewer.SystemContext(ctx)
	if strings.HasPrefix(raw, KeyPrefix) {
		v, err := s.apiKeyViewer(sys, raw)
		return v, 0, err
	}
	tok, err := s.tokens.parse(raw)
	if err != nil {
		return viewer.Viewer{}, 0, err
	}
	if tok.kind == subOperator {
		op, err := s.client.Operator.Query().Where(operator.ID(tok.id), operator.Active(true)).Only(sys)
		if err != nil {
			return viewer.Viewer{}, 0, errBadToken
		}
		if op.TokenVersion != tok.version {
			return viewer.Viewer{}, 0, errRevoked
		}
		return viewer.Viewer{Kind: viewer.Operator, UserID: op.ID, Name: op.Username, Roles: []string{authz.Operator}}, tok.expires.Sub(s.tokens.now()), nil
	}
	u, err := s.client.User.Query().
		Where(user.ID(tok.id), user.TenantID(tok.tenantID), user.Active(true), user.HasTenantWith(tenant.Active(true))).
		Only(sys)
	if err != nil {
		return viewer.Viewer{}, 0, errBadToken
	}
	if u.TokenVersion != tok.version {
		return viewer.Viewer{}, 0, errRevoked
	}
	return s.UserViewer(u), tok.expires.Sub(s.tokens.now()), nil
}

// UserViewer is the viewer of a signed-in user.
func (s *Service) UserViewer(u *ent.User) viewer.Viewer {
	roles := s.authz.Roles(u.ID, u.TenantID)
	v := viewer.Viewer{
		Kind: viewer.User, TenantID: u.TenantID, UserID: u.ID, Name: u.Username,
		Roles: roles, TicketScope: s.authz.TicketScope(roles, u.TenantID),
	}
	if u.DepartmentID != nil {
		v.DepartmentID = *u.DepartmentID
	}
	return v
}

func (s *Service) apiKeyViewer(ctx context.Context, key string) (viewer.Viewer, error) {
	code, ok := splitAPIKey(key)
	if !ok {
		return viewer.Viewer{}, errBadKey
	}
	t, err := s.client.Tenant.Query().Where(tenant.Code(code), tenant.Active(true)).Only(ctx)
	if err != nil {
		return viewer.Viewer{}, errBadKey
	}
	k, err := s.client.APIKey.Query().
		Where(apikey.TenantID(t.ID), apikey.SecretHash(hashAPIKey(key)), apikey.RevokedAtIsNil()).
		Only(ctx)
	if err != nil {
		return viewer.Viewer{}, errBadKey
	}
	if k.LastUsedAt == nil || time.Since(*k.LastUsedAt) > time.Minute {
		// Recorded at most once a minute: a busy integrator must not turn
		// every read into a write.
		_ = s.client.APIKey.UpdateOneID(k.ID).SetLastUsedAt(time.Now()).Exec(ctx)
	}
	roles := []string{k.Role}
	return viewer.Viewer{
		Kind: viewer.APIKey, TenantID: t.ID, UserID: k.ID, Name: "apikey:" + k.Name,
		Roles: roles, TicketScope: s.authz.TicketScope(roles, t.ID),
	}, nil
}

// CreateAPIKey makes a key for the caller's tenant. The key is returned here
// only; the database keeps its hash.
func (s *Service) CreateAPIKey(ctx context.Context, name, role string) (string, *ent.APIKey, error) {
	if role == "" {
		role = authz.Integrator
	}
	if !authz.IsRole(role) || role == authz.Operator || role == authz.TenantAdmin {
		return "", nil, minsheng.Errorf(minsheng.EINVALID, "an API key cannot have role %q", role)
	}
	v := viewer.FromContext(ctx)
	t, err := s.client.Tenant.Get(ctx, v.TenantID)
	if err != nil {
		return "", nil, fmt.Errorf("auth: tenant of caller: %w", err)
	}
	key := newAPIKey(t.Code)
	k, err := s.client.APIKey.Create().
		SetName(name).SetRole(role).SetPrefix(keyDisplayPrefix(key)).SetSecretHash(hashAPIKey(key)).
		Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return key, k, nil
}

// RevokeAPIKey refuses a key from now on.
func (s *Service) RevokeAPIKey(ctx context.Context, id int) (*ent.APIKey, error) {
	k, err := s.client.APIKey.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if k.RevokedAt != nil {
		return k, nil
	}
	return k.Update().SetRevokedAt(time.Now()).Save(ctx)
}
