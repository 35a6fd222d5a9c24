// Package tracking is the citizen's side of a case: finding a ticket by its
// case code and tracking token without an account, what the citizen is shown
// of it (PublicCase), adding material and rating the reply, the QR code of
// the tracking link, and the per-address limit on all of it. The changes
// themselves are workflow's; this package decides who gets to ask and what
// the answer shows.
package tracking

import (
	"context"
	"crypto/subtle"
	"github.com/minsheng/minsheng/ratelimit"
	"net/url"
	"strings"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// Config is what the service needs.
type Config struct {
	Client   *ent.Client
	Workflow *workflow.Service
	// Intake checks and stores the photos citizens add.
	Intake *intake.Service
	// Authz decides which members of staff see a ticket's token.
	Authz *authz.Enforcer
	// PublicURL is where citizens reach the server, e.g.
	// https://12345.xuanwu.gov.cn; the QR code links to PublicURL/t/{code}.
	PublicURL string
	// PerMinute and Burst limit the tracking operations of one client
	// address (trackCase, supplementCase, rateCase and the QR code),
	// beyond the server's own limit; PerMinute 0 turns the limit off.
	PerMinute float64
	Burst     int
	Now       func() time.Time // the clock; nil means time.Now
}

// Service answers citizens who track their case.
type Service struct {
	client    *ent.Client
	workflow  *workflow.Service
	intake    *intake.Service
	authz     *authz.Enforcer
	publicURL string
	limiter   *ratelimit.Limiter
	now       func() time.Time
}

// New returns the tracking service.
func New(cfg Config) *Service {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	return &Service{
		client: cfg.Client, workflow: cfg.Workflow, intake: cfg.Intake, authz: cfg.Authz,
		publicURL: strings.TrimRight(cfg.PublicURL, "/"),
		limiter:   ratelimit.New(cfg.PerMinute/60, cfg.Burst, now),
		now:       now,
	}
}

// SetPublicURL changes where the tracking links point; call it before
// serving requests.
func (s *Service) SetPublicURL(u string) { s.publicURL = strings.TrimRight(u, "/") }

// URL is the tracking link of a case, the one its QR code holds.
func (s *Service) URL(code, token string) string {
	return s.publicURL + "/t/" + url.PathEscape(code) + "?token=" + url.QueryEscape(token)
}

// TicketURL is the tracking link of t.
func (s *Service) TicketURL(t *ent.Ticket) string { return s.URL(t.Code, t.TrackingToken) }

// StaffToken is t's tracking token for a member of staff who hands it to
// the citizen (ticket:track_token: the registering clerk, dispatcher, grid
// worker, tenant admin); nil for everyone else. Whoever holds the token
// can supplement and rate the case as the citizen, so handlers, leaders,
// analysts and integrator keys never see it.
func (s *Service) StaffToken(ctx context.Context, t *ent.Ticket) *string {
	if t.TrackingToken == "" || !s.authz.Can(ctx, authz.ObjTicket, ActionTrackToken) {
		return nil
	}
	return &t.TrackingToken
}

// StaffURL is t's tracking link under the same rule as StaffToken.
func (s *Service) StaffURL(ctx context.Context, t *ent.Ticket) *string {
	if s.StaffToken(ctx, t) == nil {
		return nil
	}
	u := s.TicketURL(t)
	return &u
}

// ActionTrackToken is the permission (on "ticket") to read tracking tokens.
const ActionTrackToken = "track_token"

// Track is the case with this code and token as the citizen sees it; nil
// (and no error) when there is none, whether the code is unknown or the
// token wrong: the two must look the same.
func (s *Service) Track(ctx context.Context, code, token string) (*Case, error) {
	t, err := s.find(ctx, code, token)
	if err != nil || t == nil {
		return nil, err
	}
	return s.publicCase(ctx, t)
}

// Supplement adds the citizen's material, text and photos, to the case
// (see workflow.SupplementTicket and intake.StagePhotos) and answers the
// case as it is then; nil when there is no such case. Text may be blank
// when photos come. The case is found and its status checked before the
// photos are read: a guess or a closed case costs no sealing.
func (s *Service) Supplement(ctx context.Context, code, token, text string, photos []intake.Photo) (*Case, error) {
	t, err := s.find(ctx, code, token)
	if err != nil || t == nil {
		return nil, err
	}
	if err := workflow.CanSupplement(t); err != nil {
		return nil, err
	}
	ctx = workflow.CitizenContext(ctx, t.TenantID)
	if len(photos) == 0 {
		err = s.workflow.SupplementTicket(ctx, t.ID, text, nil)
	} else {
		var files *intake.Photos
		if files, err = s.intake.StagePhotos(t.TenantID, photos); err != nil {
			return nil, err
		}
		err = s.workflow.SupplementTicket(ctx, t.ID, text, files)
		files.Done(ctx, err == nil)
	}
	if err != nil {
		return nil, err
	}
	return s.publicCase(ctx, t)
}

// Rate records the citizen's rating of the latest reply (see
// workflow.RateTicket) and answers the case as it is then; nil when there
// is no such case.
func (s *Service) Rate(ctx context.Context, code, token string, in workflow.CitizenRating) (*Case, error) {
	t, err := s.find(ctx, code, token)
	if err != nil || t == nil {
		return nil, err
	}
	t, err = s.workflow.RateTicket(workflow.CitizenContext(ctx, t.TenantID), t.ID, in)
	if err != nil {
		return nil, err
	}
	return s.publicCase(ctx, t)
}

// ErrNoCase is the answer of the QR code to an unknown code or a wrong
// token alike.
var ErrNoCase = minsheng.Errorf(minsheng.ENOTFOUND, "no case with this code and token")

// QRCode is the PNG of the QR code of the case's tracking link; ErrNoCase
// when there is no such case.
func (s *Service) QRCode(ctx context.Context, code, token string) ([]byte, error) {
	t, err := s.find(ctx, code, token)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, ErrNoCase
	}
	return QRCodePNG(s.TicketURL(t))
}

// maxCode and maxToken bound what is looked up: anything longer cannot be a
// case code or a token, and is not worth a query.
const (
	maxCode  = 32
	maxToken = 64
)

// find is the ticket with this code and token, in any tenant, or nil. Case
// codes repeat across tenants (each counts its own), so every ticket with
// the code is read and the one whose token matches kept. Tokens are compared
// in constant time, and every candidate is compared, so the answer's timing
// does not tell how much of a token was right. It counts against the
// caller's limit first, so guessing costs as much as asking.
func (s *Service) find(ctx context.Context, code, token string) (*ent.Ticket, error) {
	if !s.limiter.Allow(clientKey(ctx)) {
		return nil, minsheng.Errorf(minsheng.ERATELIMITED,
			"too many case lookups from this address; try again in a minute")
	}
	code, token = strings.TrimSpace(code), strings.TrimSpace(token)
	if code == "" || token == "" || len(code) > maxCode || len(token) > maxToken {
		return nil, nil
	}
	candidates, err := s.client.Ticket.Query().Where(ticket.Code(code)).All(viewer.SystemContext(ctx))
	if err != nil {
		return nil, store.Explain(err)
	}
	var found *ent.Ticket
	for _, t := range candidates {
		// A row not yet given a token by Backfill has "", which never
		// matches: the empty token was refused above.
		if subtle.ConstantTimeCompare([]byte(t.TrackingToken), []byte(token)) == 1 && found == nil {
			found = t
		}
	}
	return found, nil
}

// clientKey is who the limit counts against: the caller's address.
func clientKey(ctx context.Context) string {
	if a := auth.ClientAddr(ctx); a != "" {
		return a
	}
	return "unknown"
}
