package report

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/report"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/viewer"
)

// Queue is the queue the report jobs go to.
const Queue = "reports"

// Enqueuer puts a job on the queue.
type Enqueuer interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
}

// Checker refuses a caller without a permission (authz.Enforcer).
type Checker interface {
	Check(ctx context.Context, obj, act string) error
}

// Config is what the service is built from.
type Config struct {
	Client *ent.Client
	// Files keeps the workbooks, sealed like intake's uploads.
	Files *intake.Blobs
	Authz Checker
	// Source gives the figures; nil is Basic over Client.
	Source Source
	Log    *slog.Logger
	Now    func() time.Time
	// LinkKey signs download links; ViewerOf is the viewer of a signed-in
	// user (auth.Service.UserViewer), for requests that bring a link
	// instead of a token.
	LinkKey  []byte
	ViewerOf func(*ent.User) viewer.Viewer
}

// Service makes, schedules and hands out reports.
type Service struct {
	client *ent.Client
	files  *intake.Blobs
	authz  Checker
	source Source
	queue  Enqueuer
	log    *slog.Logger
	now    func() time.Time
	links  links
}

// New returns the report service; its queue is set with SetQueue.
func New(cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Source == nil {
		cfg.Source = &Basic{Client: cfg.Client, Now: cfg.Now}
	}
	return &Service{client: cfg.Client, files: cfg.Files, authz: cfg.Authz, source: cfg.Source, log: cfg.Log, now: cfg.Now,
		links: links{key: cfg.LinkKey, viewerOf: cfg.ViewerOf, client: cfg.Client, now: cfg.Now}}
}

// SetQueue gives the service the queue its jobs go to.
func (s *Service) SetQueue(q Enqueuer) { s.queue = q }

// SetSource replaces the figures' source (the statistics packages, once
// they land).
func (s *Service) SetSource(src Source) { s.source = src }

// PeriodOf is the period of a report of kind starting at from: a week
// starts on a Monday, a month on its 1st.
func PeriodOf(kind report.Kind, from time.Time) (Period, error) {
	from = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	switch kind {
	case report.KindWEEKLY:
		if from.Weekday() != time.Monday {
			return Period{}, minsheng.Errorf(minsheng.EINVALID, "a weekly report starts on a Monday; %s is a %s", from.Format(time.DateOnly), from.Weekday())
		}
		return Period{From: from, To: from.AddDate(0, 0, 6)}, nil
	case report.KindMONTHLY:
		if from.Day() != 1 {
			return Period{}, minsheng.Errorf(minsheng.EINVALID, "a monthly report starts on the 1st of a month; %s is not", from.Format(time.DateOnly))
		}
		return Period{From: from, To: from.AddDate(0, 1, -1)}, nil
	}
	return Period{}, minsheng.Errorf(minsheng.EINVALID, "unknown report kind %q", kind)
}

// earliest is how far back a report may go.
const earliest = 3 * 366 * 24 * time.Hour

// Generate records a report of the caller's tenant and queues its job. The
// period must have begun and lie within the last three years.
func (s *Service) Generate(ctx context.Context, kind report.Kind, from time.Time) (*ent.Report, error) {
	p, err := PeriodOf(kind, from)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if p.From.After(now) {
		return nil, minsheng.Errorf(minsheng.EINVALID, "the period starting %s has not begun", p.From.Format(time.DateOnly))
	}
	if now.Sub(p.From) > earliest {
		return nil, minsheng.Errorf(minsheng.EINVALID, "reports go back at most three years")
	}
	v := viewer.FromContext(ctx)
	create := s.client.Report.Create().SetKind(kind).
		SetFromDate(p.From.Format(time.DateOnly)).SetToDate(p.To.Format(time.DateOnly))
	if v.Kind == viewer.User {
		create.SetRequestedByID(v.UserID)
	}
	r, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	s.enqueue(ctx, r)
	return r, nil
}

// jobArgs is what the queue carries: which report, in which tenant.
type jobArgs struct {
	ReportID int `json:"report_id"`
	TenantID int `json:"tenant_id"`
}

func (jobArgs) Kind() string { return "report" }

// InsertOpts make a job unique by its report.
func (jobArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// enqueue queues a recorded report; a failure is logged, and the schedule
// queues it later.
func (s *Service) enqueue(ctx context.Context, r *ent.Report) {
	if s.queue == nil {
		return
	}
	if err := s.queue.Insert(ctx, jobArgs{ReportID: r.ID, TenantID: r.TenantID}, nil); err != nil {
		s.log.WarnContext(ctx, "report: recorded but not queued; the schedule will queue it", "report", r.ID, "err", err)
	}
}

type worker struct {
	river.WorkerDefaults[jobArgs]
	s *Service
}

func (w *worker) Work(ctx context.Context, job *river.Job[jobArgs]) error {
	return w.s.Run(ctx, job.Args.TenantID, job.Args.ReportID, job.Attempt >= job.MaxAttempts)
}

// AddWorkers registers the report workers with the queue.
func (s *Service) AddWorkers(w *river.Workers) {
	river.AddWorker(w, &worker{s: s})
	river.AddWorker(w, &scheduler{s: s})
}

// Run makes one report: QUEUED → RUNNING → DONE, or FAILED with the reason
// on the last attempt. A report already DONE or FAILED is left alone.
func (s *Service) Run(ctx context.Context, tenantID, id int, last bool) error {
	ctx = viewer.TenantSystemContext(ctx, tenantID)
	r, err := s.client.Report.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if r.Status == report.StatusDONE || r.Status == report.StatusFAILED {
		return nil
	}
	if err := s.client.Report.UpdateOne(r).SetStatus(report.StatusRUNNING).Exec(ctx); err != nil {
		return err
	}
	hash, size, err := s.make(ctx, r)
	if err == nil {
		return s.client.Report.UpdateOneID(r.ID).SetStatus(report.StatusDONE).SetFileHash(hash).SetSize(size).
			SetFinishedAt(s.now()).SetError("").Exec(context.WithoutCancel(ctx))
	}
	if !last {
		s.log.WarnContext(ctx, "report: failed; will retry", "report", r.ID, "err", err)
		uerr := s.client.Report.UpdateOneID(r.ID).SetStatus(report.StatusQUEUED).Exec(context.WithoutCancel(ctx))
		return errors.Join(err, uerr)
	}
	s.log.ErrorContext(ctx, "report: failed on its last attempt", "report", r.ID, "err", err)
	return s.client.Report.UpdateOneID(r.ID).SetStatus(report.StatusFAILED).
		SetError(failureMessage(err)).SetFinishedAt(s.now()).Exec(context.WithoutCancel(ctx))
}

// failureMessage is what the report shows: a coded error's message, else a
// plain sentence (the detail is in the log).
func failureMessage(err error) string {
	if c := minsheng.ErrorCode(err); c != "" && c != minsheng.EINTERNAL {
		return minsheng.ErrorMessage(err)
	}
	return "the report could not be made because of an internal error; ask for it again"
}

func (s *Service) make(ctx context.Context, r *ent.Report) (string, int64, error) {
	from, err := time.Parse(time.DateOnly, r.FromDate)
	if err != nil {
		return "", 0, err
	}
	p, err := PeriodOf(r.Kind, from)
	if err != nil {
		return "", 0, err
	}
	d, err := Collect(ctx, s.source, p)
	if err != nil {
		return "", 0, err
	}
	tn, err := s.client.Tenant.Get(ctx, r.TenantID)
	if err != nil {
		return "", 0, err
	}
	d.Tenant, d.Kind, d.GeneratedAt = tn.Name, string(r.Kind), s.now()
	if loc, err := time.LoadLocation(tn.TimeZone); err == nil {
		d.GeneratedAt = d.GeneratedAt.In(loc)
	}
	data, err := Workbook(d)
	if err != nil {
		return "", 0, err
	}
	hash, err := s.files.Put(r.TenantID, data)
	if err != nil {
		return "", 0, err
	}
	return hash, int64(len(data)), nil
}

// Download is the workbook of a DONE report of the caller's tenant, for a
// caller with report:read; each download is written to the audit log.
// Another tenant's report, or one that does not exist, is NOT_FOUND; one
// not DONE yet is CONFLICT.
func (s *Service) Download(ctx context.Context, id int) (name string, data []byte, err error) {
	if err := s.authz.Check(ctx, "report", "read"); err != nil {
		return "", nil, err
	}
	r, err := s.client.Report.Get(ctx, id)
	if ent.IsNotFound(err) {
		return "", nil, minsheng.Errorf(minsheng.ENOTFOUND, "no report %d", id)
	}
	if err != nil {
		return "", nil, err
	}
	if r.Status != report.StatusDONE || r.FileHash == "" {
		return "", nil, minsheng.Errorf(minsheng.ECONFLICT, "report %d is %s, not DONE", id, r.Status)
	}
	data, err = s.files.Get(r.TenantID, r.FileHash)
	if err != nil {
		return "", nil, fmt.Errorf("report: file of %d: %w", id, err)
	}
	v := viewer.FromContext(ctx)
	if err := s.client.AuditLog.Create().
		SetActorName(v.Name).SetActorID(v.UserID).SetAction("report.download").
		SetSubjectType("Report").SetSubjectID(r.ID).SetField("file").
		Exec(ctx); err != nil {
		return "", nil, fmt.Errorf("report: audit: %w", err)
	}
	kind := map[report.Kind]string{report.KindWEEKLY: "周报", report.KindMONTHLY: "月报"}[r.Kind]
	return fmt.Sprintf("%s-%s.xlsx", kind, r.FromDate), data, nil
}

// scheduleArgs is the periodic job that records the automatic reports.
type scheduleArgs struct{}

func (scheduleArgs) Kind() string { return "report_schedule" }

type scheduler struct {
	river.WorkerDefaults[scheduleArgs]
	s *Service
}

func (w *scheduler) Work(ctx context.Context, _ *river.Job[scheduleArgs]) error {
	return w.s.Schedule(ctx)
}

// Periodic is the schedule's job: at start and every ten minutes, on the
// elected leader only.
func (s *Service) Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(
		river.PeriodicInterval(10*time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return scheduleArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true},
	)}
}

// Schedule records, for every tenant, the weekly report of the last whole
// week and the monthly report of the last whole month (in the tenant's
// time zone) unless they exist, and queues them; it also queues reports
// left QUEUED by a process that stopped. One report per tenant, kind and
// period, however often and on however many processes it runs (a unique
// index on the period).
func (s *Service) Schedule(ctx context.Context) error {
	sys := viewer.SystemContext(ctx)
	// A tenant created minutes ago is still being set up (or seeded): its
	// past reports would be made from half its data, once and for all.
	tenants, err := s.client.Tenant.Query().
		Where(tenant.Active(true), tenant.CreatedAtLT(s.now().Add(-settle))).All(sys)
	if err != nil {
		return err
	}
	var errs []error
	for _, tn := range tenants {
		if err := s.scheduleTenant(ctx, tn); err != nil {
			errs = append(errs, fmt.Errorf("tenant %d: %w", tn.ID, err))
		}
	}
	return errors.Join(errs...)
}

// settle is how old a tenant must be before the schedule makes its reports.
const settle = 2 * time.Minute

// LastWhole are the last whole week (Monday to Sunday) and month before now.
func LastWhole(now time.Time) (week, month Period) {
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)) // this week's Monday
	week = Period{From: monday.AddDate(0, 0, -7), To: monday.AddDate(0, 0, -1)}
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	month = Period{From: first.AddDate(0, -1, 0), To: first.AddDate(0, 0, -1)}
	return week, month
}

func (s *Service) scheduleTenant(ctx context.Context, tn *ent.Tenant) error {
	ctx = viewer.TenantSystemContext(ctx, tn.ID)
	loc, err := time.LoadLocation(tn.TimeZone)
	if err != nil {
		return err
	}
	week, month := LastWhole(s.now().In(loc))
	for _, x := range []struct {
		kind report.Kind
		p    Period
	}{{report.KindWEEKLY, week}, {report.KindMONTHLY, month}} {
		key := string(x.kind) + ":" + x.p.From.Format(time.DateOnly)
		exists, err := s.client.Report.Query().Where(report.PeriodKey(key)).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			continue
		}
		err = s.client.Report.Create().SetKind(x.kind).SetScheduled(true).SetPeriodKey(key).
			SetFromDate(x.p.From.Format(time.DateOnly)).SetToDate(x.p.To.Format(time.DateOnly)).
			Exec(ctx)
		if err != nil && !ent.IsConstraintError(err) { // another process made it
			return err
		}
	}
	stale, err := s.client.Report.Query().
		Where(report.StatusEQ(report.StatusQUEUED), report.CreatedAtLT(s.now().Add(-time.Minute))).
		Limit(100).All(ctx)
	if err != nil {
		return err
	}
	fresh, err := s.client.Report.Query().
		Where(report.StatusEQ(report.StatusQUEUED), report.Scheduled(true), report.CreatedAtGTE(s.now().Add(-time.Minute))).
		All(ctx)
	if err != nil {
		return err
	}
	for _, r := range append(stale, fresh...) {
		s.enqueue(ctx, r)
	}
	return nil
}
