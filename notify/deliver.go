package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/viewer"
)

// deliveryArgs is what the queue carries: which notification, in which tenant.
type deliveryArgs struct {
	NotificationID int `json:"notification_id"`
	TenantID       int `json:"tenant_id"`
}

func (deliveryArgs) Kind() string { return "notify" }

// insertOpts make a delivery unique by its notification: queuing it again
// while it waits, runs or is done does nothing, so the sweep may queue
// freely and one notification never has two jobs.
func (o *Outbox) insertOpts() *river.InsertOpts {
	return &river.InsertOpts{Queue: Queue, MaxAttempts: o.maxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type deliverer struct {
	river.WorkerDefaults[deliveryArgs]
	o *Outbox
}

func (w *deliverer) Work(ctx context.Context, job *river.Job[deliveryArgs]) error {
	err := w.o.Deliver(ctx, job.Args.NotificationID, job.Args.TenantID, job.Attempt, job.Attempt >= job.MaxAttempts)
	var p permanent
	if errors.As(err, &p) {
		return river.JobCancel(err) // recorded as FAILED; retrying cannot help
	}
	return err
}

// AddWorkers registers the outbox's workers with the queue.
func (o *Outbox) AddWorkers(w *river.Workers, s *Scheduler) {
	river.AddWorker(w, &deliverer{o: o})
	river.AddWorker(w, &sweeper{o: o})
	if s != nil {
		river.AddWorker(w, &ticker{s: s})
	}
}

// Deliver sends one notification through its provider, attempt being the
// queue's count (1 for the first). A notification already SENT or FAILED
// is left alone, so a job run twice (a crash after sending, a rescue) does
// not send twice from here; marking it SENT is one conditional update. An
// error sends the job back to the queue, which retries with backoff; on the
// last attempt the row becomes FAILED.
func (o *Outbox) Deliver(ctx context.Context, id, tenantID, attempt int, last bool) error {
	ctx = viewer.TenantSystemContext(ctx, tenantID)
	n, err := o.client.Notification.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if n.Status != notification.StatusPENDING {
		return nil
	}
	sendErr := o.send(ctx, n, attempt)
	var p permanent
	fail := errors.As(sendErr, &p) || last
	u := o.client.Notification.Update().
		Where(notification.ID(n.ID), notification.StatusEQ(notification.StatusPENDING)).
		AddAttempts(1)
	switch {
	case sendErr == nil:
		u.SetStatus(notification.StatusSENT).SetSentAt(o.now()).SetLastError("")
	case fail:
		u.SetStatus(notification.StatusFAILED).SetLastError(clip(sendErr.Error()))
	default:
		u.SetLastError(clip(sendErr.Error()))
	}
	// The outcome must be recorded even when the job's time is up.
	if _, err := u.Save(context.WithoutCancel(ctx)); err != nil {
		return errors.Join(sendErr, err)
	}
	if sendErr != nil {
		o.log.WarnContext(ctx, "notify: delivery failed", "notification", n.ID, "provider", n.Provider,
			"attempt", attempt, "final", fail, "err", detail(sendErr))
	}
	return sendErr
}

func (o *Outbox) send(ctx context.Context, n *ent.Notification, attempt int) error {
	tn, err := tenantOf(ctx, o.client, n.TenantID)
	if err != nil {
		return err
	}
	t, err := o.client.Ticket.Query().Where(ticket.ID(n.TicketID)).Select(ticket.FieldCode).Only(ctx)
	if err != nil {
		return err
	}
	d := deliveryOf(n, tn, t.Code, attempt)
	switch n.Provider {
	case ProviderWebhook:
		target := webhookURL(tn.Settings)
		if target == "" {
			return permanent{errors.New("the tenant's webhook was removed before delivery")}
		}
		secret, err := o.webhookSecret(tn.Settings)
		if err != nil {
			return permanent{err}
		}
		return o.postWebhook(ctx, target, secret, d)
	case ProviderSMS:
		if o.sms == nil {
			return permanent{errors.New("no SMS gateway is configured in this process")}
		}
		phone, err := o.phone(ctx, n)
		if err != nil {
			return err
		}
		if d.TrackingToken, err = o.client.Ticket.Query().Where(ticket.ID(n.TicketID)).
			Select(ticket.FieldTrackingToken).String(ctx); err != nil {
			return err
		}
		return o.sms.SendSMS(ctx, phone, d)
	}
	text, _ := n.Payload["text"].(string)
	o.log.InfoContext(ctx, "notification", "id", n.ID, "tenant", tn.Code, "event", n.Event, "audience", n.Audience,
		"ticket", t.Code, "to", n.Payload["to"], "text", text)
	return nil
}

// phone is where a citizen's message goes, opened only to send it: the
// number given with the ticket, or else the citizen's first number. A
// number someone gave with another ticket never receives this one's news.
func (o *Outbox) phone(ctx context.Context, n *ent.Notification) (string, error) {
	if n.RecipientID == nil {
		return "", permanent{errors.New("the message has no citizen")}
	}
	t, err := o.client.Ticket.Query().Where(ticket.ID(n.TicketID)).Select(ticket.FieldContactPhoneSealed).Only(ctx)
	if err != nil {
		return "", err
	}
	sealed := t.ContactPhoneSealed
	if len(sealed) == 0 {
		c, err := o.client.Citizen.Query().Where(citizen.ID(*n.RecipientID)).Only(ctx)
		if err != nil {
			return "", err
		}
		sealed = c.PhoneSealed
	}
	phone, err := o.box.Open(sealed)
	if err != nil {
		return "", permanent{fmt.Errorf("citizen's phone: %w", err)}
	}
	if phone == "" {
		return "", permanent{errors.New("the citizen left no phone number")}
	}
	return phone, nil
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 1000 {
		return string(r[:1000])
	}
	return s
}

// sweepArgs is the periodic sweep that queues PENDING notifications the
// queue does not hold: those whose process died between the commit and the
// queuing.
type sweepArgs struct{}

func (sweepArgs) Kind() string { return "notify_sweep" }

type sweeper struct {
	river.WorkerDefaults[sweepArgs]
	o *Outbox
}

func (w *sweeper) Work(ctx context.Context, _ *river.Job[sweepArgs]) error { return w.o.Sweep(ctx) }

// sweepAge is how old a PENDING row must be before the sweep queues it: a
// row just recorded is being queued by its own request.
const sweepAge = 30 * time.Second

// Sweep queues every PENDING notification older than a few seconds.
// Queuing is unique by notification, so one already queued is left as it is.
func (o *Outbox) Sweep(ctx context.Context) error {
	if o.queue == nil {
		return nil
	}
	ns, err := o.client.Notification.Query().
		Where(notification.StatusEQ(notification.StatusPENDING), notification.CreatedAtLT(time.Now().Add(-sweepAge))).
		Order(ent.Asc(notification.FieldID)).Limit(1000).
		All(viewer.SystemContext(ctx))
	if err != nil {
		return err
	}
	for _, n := range ns {
		if err := o.queue.Insert(ctx, deliveryArgs{NotificationID: n.ID, TenantID: n.TenantID}, o.insertOpts()); err != nil {
			return err
		}
	}
	return nil
}

// Periodic are the sweep's and the scheduler's schedules: at start and
// every minute, on the elected leader only (River inserts periodic jobs
// from one process whatever the number of processes).
func (o *Outbox) Periodic() []*river.PeriodicJob {
	every := func(args river.JobArgs) *river.PeriodicJob {
		return river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) {
				return args, &river.InsertOpts{Queue: Queue}
			}, &river.PeriodicJobOpts{RunOnStart: true})
	}
	return []*river.PeriodicJob{every(sweepArgs{}), every(tickArgs{})}
}
