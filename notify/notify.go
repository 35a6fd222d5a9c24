// Package notify tells citizens and staff what happened to a ticket. It
// keeps an outbox: a Notification row written in the same transaction as
// the change that causes it, under a key that names the event once, so a
// change that rolls back leaves no message and the same event is never
// recorded twice. After the commit the queue (River, queue "notify")
// delivers each row through a provider — log, webhook or SMS — with
// retries; a periodic sweep queues rows whose process died before queuing
// them. The Scheduler pushes the deadline escalations (yellow, red) and
// reminders, once each whatever the number of serve processes.
//
// Workflow calls Record inside its transactions; this package must not
// import workflow.
package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// The events, as stored. Citizens hear of registration, dispatch, reply and
// closure; staff of assignment, the deadline's colours, reminders,
// instructions and supervision.
const (
	Registered = notification.EventREGISTERED
	Dispatched = notification.EventDISPATCHED
	Replied    = notification.EventREPLIED
	Closed     = notification.EventCLOSED
	Assigned   = notification.EventASSIGNED
	Yellow     = notification.EventYELLOW
	Red        = notification.EventRED
	Reminder   = notification.EventREMINDER
	Instructed = notification.EventINSTRUCTED
	Supervised = notification.EventSUPERVISED
	// Warning is a 预警 (package workflow's raiseAlert): recorded once per
	// warning, on its first ticket, for the leaders and the dispatchers.
	Warning = notification.EventWARNING
)

// Provider names, as stored on each row.
const (
	ProviderLog     = "log"
	ProviderWebhook = "webhook"
	ProviderSMS     = "sms"
)

// Queue is the River queue deliveries run in.
const Queue = "notify"

// DefaultMaxAttempts is how often a delivery is tried before it is FAILED.
const DefaultMaxAttempts = 8

// Enqueuer puts a job on the queue.
type Enqueuer interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
}

// Config is what the outbox is built from.
type Config struct {
	Client *ent.Client
	Authz  *authz.Enforcer
	// Box opens the sealed webhook secret and citizens' phone numbers.
	Box *pii.Box
	// SMS delivers citizens' messages; nil means they are logged.
	SMS         SMS
	Log         *slog.Logger
	Now         func() time.Time
	MaxAttempts int // per delivery; 0 means DefaultMaxAttempts
	// WebhookAllowHosts are internal hosts (names or IP addresses) a
	// webhook may reach besides the public internet.
	WebhookAllowHosts []string
	// Resolver looks webhook hosts up; nil is the system's resolver.
	Resolver Resolver
}

// Outbox records notifications and delivers them.
type Outbox struct {
	client      *ent.Client
	authz       *authz.Enforcer
	box         *pii.Box
	sms         SMS
	log         *slog.Logger
	now         func() time.Time
	maxAttempts int
	targets     *Targets
	http        *http.Client
	queue       Enqueuer
}

// New returns the outbox. Its queue is set with SetQueue once the queue
// exists (the queue needs the outbox's workers first).
func New(cfg Config) *Outbox {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	targets := NewTargets(cfg.WebhookAllowHosts, cfg.Resolver)
	return &Outbox{
		client: cfg.Client, authz: cfg.Authz, box: cfg.Box, sms: cfg.SMS, log: cfg.Log, now: cfg.Now,
		maxAttempts: cfg.MaxAttempts, targets: targets, http: targets.Client(10 * time.Second),
	}
}

// SetQueue gives the outbox the queue its deliveries go to.
func (o *Outbox) SetQueue(q Enqueuer) { o.queue = q }

// Message is one event about a ticket to record.
type Message struct {
	Event  notification.Event
	Ticket *ent.Ticket
	// Key names the event once in the tenant, e.g. "DISPATCHED:12:v3"
	// (ticket 12 at version 3) or "RED:12:1760000000" (ticket 12's
	// deadline as a Unix time): recording the same key again does nothing.
	Key string
	// Note is what the actor wrote (an instruction's text, a supervision's
	// note), quoted in the message.
	Note string
	At   time.Time
}

// audienceOf is who hears of an event.
func audienceOf(ev notification.Event) notification.Audience {
	switch ev {
	case Registered, Dispatched, Replied, Closed:
		return notification.AudienceCITIZEN
	case Yellow:
		return notification.AudienceDEPARTMENT_LEADERS
	case Red, Warning:
		return notification.AudienceLEADERS
	}
	return notification.AudienceDEPARTMENT
}

// Record writes m in tx, the transaction of the change that causes it, and
// returns the new row's ID; 0 when there is nobody to tell (an anonymous
// ticket has no citizen, an undispatched one no department) or when the key
// was already recorded. It reads as the server within the caller's tenant:
// the clerk who registers a ticket need not see the users it notifies.
func (o *Outbox) Record(ctx context.Context, tx *ent.Client, m Message) (int, error) {
	t := m.Ticket
	ctx = viewer.TenantSystemContext(ctx, t.TenantID)
	aud := audienceOf(m.Event)
	var recipient *int
	switch aud {
	case notification.AudienceCITIZEN:
		recipient = t.CitizenID
	case notification.AudienceDEPARTMENT, notification.AudienceDEPARTMENT_LEADERS:
		recipient = t.DepartmentID
	}
	if recipient == nil && aud != notification.AudienceLEADERS {
		return 0, nil
	}
	tn, err := tx.Tenant.Get(ctx, t.TenantID)
	if err != nil {
		return 0, fmt.Errorf("notify: tenant: %w", err)
	}
	provider := ProviderLog
	switch {
	case aud == notification.AudienceCITIZEN && o.sms != nil:
		provider = ProviderSMS
	case aud != notification.AudienceCITIZEN && webhookURL(tn.Settings) != "":
		provider = ProviderWebhook
	}
	payload, err := o.compose(ctx, tx, tn, m, aud)
	if err != nil {
		return 0, err
	}
	at := m.At
	if at.IsZero() {
		at = o.now()
	}
	id, err := tx.Notification.Create().
		SetTicketID(t.ID).SetEvent(m.Event).SetAudience(aud).SetNillableRecipientID(recipient).
		SetProvider(provider).SetPayload(payload).SetKey(m.Key).SetAt(at).
		OnConflictColumns(notification.FieldTenantID, notification.FieldKey).DoNothing().
		ID(ctx)
	// DO NOTHING returns no row for a key already recorded: by an earlier
	// attempt, or by another process's scheduler that got there first (on
	// PostgreSQL the loser waits for the winner's commit, then finds it).
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("notify: record %s: %w", m.Key, store.Explain(err))
	}
	return id, nil
}

// Send queues the deliveries of rows recorded in a transaction that has
// committed. A failure is only logged: the rows are PENDING in the
// database, and the sweep queues them.
func (o *Outbox) Send(ctx context.Context, tenantID int, ids ...int) {
	if o.queue == nil {
		return
	}
	for _, id := range ids {
		if id == 0 {
			continue
		}
		if err := o.queue.Insert(ctx, deliveryArgs{NotificationID: id, TenantID: tenantID}, o.insertOpts()); err != nil {
			o.log.WarnContext(ctx, "notify: recorded but not queued; the sweep will queue it", "notification", id, "err", err)
		}
	}
}

// recipients are the usernames a staff message names: the department's
// active staff, its heads, or the district's leaders.
func (o *Outbox) recipients(ctx context.Context, tx *ent.Client, t *ent.Ticket, ev notification.Event, aud notification.Audience) ([]string, error) {
	q := tx.User.Query().Where(user.Active(true)).Order(ent.Asc(user.FieldID))
	role := ""
	switch aud {
	case notification.AudienceDEPARTMENT:
		q.Where(user.DepartmentID(*t.DepartmentID))
	case notification.AudienceDEPARTMENT_LEADERS:
		q.Where(user.DepartmentID(*t.DepartmentID))
		role = authz.DeptLeader
	case notification.AudienceLEADERS:
		role = authz.Leader
		if ev == Warning {
			role = authz.Leader + "," + authz.Dispatcher
		}
	default:
		return nil, nil
	}
	users, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("notify: recipients: %w", err)
	}
	names := []string{}
	for _, u := range users {
		if role == "" || (o.authz != nil && hasRole(o.authz.Roles(u.ID, u.TenantID), strings.Split(role, ",")...)) {
			names = append(names, u.Username)
		}
	}
	return names, nil
}

func hasRole(roles []string, want ...string) bool {
	for _, r := range roles {
		if slices.Contains(want, r) {
			return true
		}
	}
	return false
}
