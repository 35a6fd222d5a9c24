package graph

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/ratelimit"
	"github.com/minsheng/minsheng/viewer"
)

// Defaults of the socket limits when Limits leaves them 0.
const (
	defaultSubscriptions = 20
	defaultSocketRecheck = 30 * time.Second
)

// socket is one WebSocket connection. A connection lives for hours, so
// the credential it was opened with is checked again before every
// operation, before every event a subscription delivers, and every
// recheck in between: a user deactivated, a password changed or a token
// expired ends the connection, and each operation runs with the roles the
// user holds now.
type socket struct {
	auth    *auth.Service
	limiter *ratelimit.Limiter // nil: operations are not counted
	header  string
	addr    string             // the client's address
	close   context.CancelFunc // closes the connection

	mu      sync.Mutex
	subs    int // running subscriptions
	maxSubs int
}

type socketKey struct{}

// openSocket signs in a WebSocket connection from its connection_init
// payload ({"Authorization": "Bearer …"}): browsers cannot set headers on
// a WebSocket. A header on the upgrade request, already checked by the
// server, is taken when the payload has none.
func (r *Resolver) openSocket(limits Limits) transport.WebsocketInitFunc {
	maxSubs := cmp.Or(limits.Subscriptions, defaultSubscriptions)
	every := cmp.Or(limits.SocketRecheck, defaultSocketRecheck)
	return func(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		header := p.Authorization()
		if header == "" {
			header = auth.Credential(ctx)
		}
		v, ttl, err := r.Auth.AuthenticateTTL(ctx, header)
		if err != nil {
			return ctx, nil, err
		}
		// Cancelling the context the transport keeps closes the connection
		// and stops its subscriptions.
		ctx, cancel := context.WithCancel(ctx)
		s := &socket{auth: r.Auth, limiter: r.Limiter, header: header, addr: auth.ClientAddr(ctx), close: cancel, maxSubs: maxSubs}
		go s.watch(ctx, ttl, every)
		return context.WithValue(viewer.NewContext(ctx, v), socketKey{}, s), nil, nil
	}
}

// watch closes the connection when its token expires, or when a periodic
// check finds the credential no longer holds (revoked in another process,
// or while no event flowed).
func (s *socket) watch(ctx context.Context, ttl, every time.Duration) {
	var expiry <-chan time.Time
	if ttl > 0 {
		t := time.NewTimer(ttl)
		defer t.Stop()
		expiry = t.C
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-expiry:
			s.close()
			return
		case <-tick.C:
			if _, err := s.check(ctx); err != nil {
				s.close()
				return
			}
		}
	}
}

// check authenticates the connection's credential afresh.
func (s *socket) check(ctx context.Context) (viewer.Viewer, error) {
	v, _, err := s.auth.AuthenticateTTL(ctx, s.header)
	return v, err
}

// allow counts an operation against the caller's rate limit, the one its
// HTTP requests count against.
func (s *socket) allow(v viewer.Viewer) bool {
	if s.limiter == nil {
		return true
	}
	key := v.Principal()
	if key == "" {
		key = "addr:" + s.addr
	}
	return s.limiter.Allow(key)
}

// acquire counts one more running subscription, or refuses it over the cap.
func (s *socket) acquire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.subs >= s.maxSubs {
		return false
	}
	s.subs++
	return true
}

func (s *socket) release() {
	s.mu.Lock()
	s.subs--
	s.mu.Unlock()
}

// recheckSocket runs each operation of a WebSocket as the viewer its
// credential gives now, refusing it and closing the connection when the
// credential no longer holds, and counts it against the caller's rate
// limit. A subscription is held to the cap of the
// connection and checked again before each event it delivers: once the
// credential fails the connection closes without the event; once the
// viewer's roles or department change the subscription ends with an error,
// because its events were read with the old ones. Requests over HTTP were
// authenticated by the server and pass through.
func recheckSocket(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	s, _ := ctx.Value(socketKey{}).(*socket)
	if s == nil {
		return next(ctx)
	}
	v, err := s.check(ctx)
	if err != nil {
		return s.refuse(err)
	}
	if !s.allow(v) {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{coded(minsheng.Errorf(minsheng.ERATELIMITED,
			"rate limit exceeded: slow down"))}})
	}
	ctx = viewer.NewContext(ctx, v)
	if op := graphql.GetOperationContext(ctx).Operation; op == nil || op.Operation != ast.Subscription {
		return next(ctx)
	}
	if !s.acquire() {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{coded(minsheng.Errorf(minsheng.ERATELIMITED,
			"at most %d subscriptions may run at once on one connection: stop one first", s.maxSubs))}})
	}
	release := sync.OnceFunc(s.release)
	context.AfterFunc(ctx, release)
	events := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := events(ctx)
		if resp == nil {
			release()
			return nil
		}
		now, err := s.check(ctx)
		switch {
		case err != nil:
			s.close()
			return nil
		case !sameViewer(now, v):
			transport.AddSubscriptionError(ctx, coded(minsheng.Errorf(minsheng.EUNAUTHENTICATED,
				"your roles or department changed: subscribe again")))
			release()
			return nil
		}
		return resp
	}
}

// refuse answers an operation with err, then closes the connection: the
// client learns why before the socket goes.
func (s *socket) refuse(err error) graphql.ResponseHandler {
	answered := false
	return func(context.Context) *graphql.Response {
		if answered {
			s.close()
			return nil
		}
		answered = true
		return &graphql.Response{Errors: gqlerror.List{coded(err)}}
	}
}

// coded is an application error as the presenter would write it.
func coded(err error) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    minsheng.ErrorMessage(err),
		Extensions: map[string]any{"code": minsheng.ErrorCode(err)},
	}
}

// sameViewer reports whether two checks of one credential give the same
// rights.
func sameViewer(a, b viewer.Viewer) bool {
	if a.Kind != b.Kind || a.TenantID != b.TenantID || a.UserID != b.UserID ||
		a.DepartmentID != b.DepartmentID || a.TicketScope != b.TicketScope {
		return false
	}
	ra, rb := slices.Clone(a.Roles), slices.Clone(b.Roles)
	slices.Sort(ra)
	slices.Sort(rb)
	return slices.Equal(ra, rb)
}
