package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

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
)

// Service signs people in and recognises callers.
type Service struct {
	client   *ent.Client
	authz    *authz.Enforcer
	tokens   *Tokens
	accounts *throttle // failures per tenant and username
	clients  *throttle // failures per client address
}

// New returns the authentication service.
func New(client *ent.Client, enforcer *authz.Enforcer, tokens *Tokens) *Service {
	// A whole hotline centre may sign in from one address, so an address
	// gets far more failures before it is slowed than one account does.
	return &Service{client: client, authz: enforcer, tokens: tokens, accounts: newThrottle(5), clients: newThrottle(50)}
}

// Session is the result of a login.
type Session struct {
	Token     string
	ExpiresAt time.Time
	User      *ent.User // nil for an operator
}

// Login checks a password and returns a token. Unknown tenant, unknown user,
// inactive user and wrong password all answer the same UNAUTHENTICATED;
// repeated failures for one account or one client are refused for a while
// with RATE_LIMITED.
func (s *Service) Login(ctx context.Context, tenantCode, username, password, client string) (*Session, error) {
	account := tenantCode + "/" + username
	if d := max(s.accounts.wait(account), s.clients.wait(client)); d > 0 {
		return nil, minsheng.Errorf(minsheng.ERATELIMITED, "too many failed logins: try again in %d s", int(d.Seconds())+1)
	}
	sess, err := s.login(viewer.SystemContext(ctx), tenantCode, username, password)
	if err != nil {
		if errors.Is(err, errLogin) {
			s.accounts.fail(account)
			s.clients.fail(client)
		}
		return nil, err
	}
	s.accounts.succeed(account)
	return sess, nil
}

func (s *Service) login(ctx context.Context, tenantCode, username, password string) (*Session, error) {
	if tenantCode == PlatformTenant {
		op, err := s.client.Operator.Query().Where(operator.Username(username), operator.Active(true)).Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return nil, err
		}
		if op == nil || !passwordMatches(op.PasswordHash, password) {
			return nil, errLogin
		}
		token, exp, err := s.tokens.Issue(subOperator, op.ID, 0)
		return &Session{Token: token, ExpiresAt: exp}, err
	}
	u, err := s.client.User.Query().
		Where(user.Username(username), user.Active(true),
			user.HasTenantWith(tenant.Code(tenantCode), tenant.Active(true))).
		Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	if u == nil || !passwordMatches(u.PasswordHash, password) {
		return nil, errLogin
	}
	token, exp, err := s.tokens.Issue(subUser, u.ID, u.TenantID)
	if err != nil {
		return nil, err
	}
	return &Session{Token: token, ExpiresAt: exp, User: u}, nil
}

// Authenticate turns the value of an Authorization header into the viewer
// of the request. An empty header is an anonymous viewer; a header that is
// present but wrong, expired or revoked is an error, never anonymous.
func (s *Service) Authenticate(ctx context.Context, header string) (viewer.Viewer, error) {
	if header == "" {
		return viewer.Viewer{}, nil
	}
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return viewer.Viewer{}, minsheng.Errorf(minsheng.EUNAUTHENTICATED, "Authorization must be `Bearer <token>`")
	}
	token = strings.TrimSpace(token)
	sys := viewer.SystemContext(ctx)
	if strings.HasPrefix(token, KeyPrefix) {
		return s.apiKeyViewer(sys, token)
	}
	kind, id, tenantID, err := s.tokens.parse(token)
	if err != nil {
		return viewer.Viewer{}, err
	}
	if kind == subOperator {
		op, err := s.client.Operator.Query().Where(operator.ID(id), operator.Active(true)).Only(sys)
		if err != nil {
			return viewer.Viewer{}, errBadToken
		}
		return viewer.Viewer{Kind: viewer.Operator, UserID: op.ID, Name: op.Username, Roles: []string{authz.Operator}}, nil
	}
	u, err := s.client.User.Query().
		Where(user.ID(id), user.TenantID(tenantID), user.Active(true), user.HasTenantWith(tenant.Active(true))).
		Only(sys)
	if err != nil {
		return viewer.Viewer{}, errBadToken
	}
	return s.UserViewer(u), nil
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
