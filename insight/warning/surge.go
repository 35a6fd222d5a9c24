package warning

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/viewer"
)

// Raise records findings of one tenant (workflow.Service.RaiseFindings):
// this package finds, workflow writes.
type Raise func(ctx context.Context, tenantID int, found []Finding) (int, error)

// SurgeEvery is how often the surge check runs.
const SurgeEvery = time.Hour

// Surges is the periodic check for categories and regions that count far
// more cases than in the previous period or the same period last year.
type Surges struct {
	client *ent.Client
	raise  Raise
	now    func() time.Time
	log    *slog.Logger
}

// NewSurges returns the check. now is the clock; nil is time.Now.
func NewSurges(client *ent.Client, raise Raise, now func() time.Time, log *slog.Logger) *Surges {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Surges{client: client, raise: raise, now: now, log: log}
}

type surgeArgs struct{}

func (surgeArgs) Kind() string { return "warning_surge" }

type surgeWorker struct {
	river.WorkerDefaults[surgeArgs]
	s *Surges
}

func (w *surgeWorker) Work(ctx context.Context, _ *river.Job[surgeArgs]) error { return w.s.Run(ctx) }

// AddWorkers registers the check with the queue.
func (s *Surges) AddWorkers(w *river.Workers) { river.AddWorker(w, &surgeWorker{s: s}) }

// Periodic is the check as a periodic job (run on the elected leader only).
func (s *Surges) Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(SurgeEvery),
		func() (river.JobArgs, *river.InsertOpts) { return surgeArgs{}, nil }, nil)}
}

// Run checks every tenant. A tenant that fails is logged and the others
// are still checked.
func (s *Surges) Run(ctx context.Context) error {
	ids, err := s.client.Tenant.Query().IDs(viewer.SystemContext(ctx))
	if err != nil {
		return fmt.Errorf("warning: tenants: %w", err)
	}
	for _, id := range ids {
		found, err := s.Check(ctx, id, s.now())
		if err == nil && len(found) > 0 {
			_, err = s.raise(ctx, id, found)
		}
		if err != nil {
			s.log.WarnContext(ctx, "warning: surge check failed", "tenant", id, "err", err)
		}
	}
	return nil
}

// Check finds the surges of one tenant at now: over the last SurgeDays
// whole days (in the tenant's time zone), a category or region with at
// least SurgeMinCount cases and more than SurgePreviousPercent above the
// period before, or more than SurgeLastYearPercent above the same days a
// year ago. A period with no case before counts as a rise. Each surge is
// keyed by its subject and the period's last day: at most one warning per
// subject a day.
func (s *Surges) Check(ctx context.Context, tenantID int, now time.Time) ([]Finding, error) {
	ctx = viewer.TenantSystemContext(ctx, tenantID)
	tn, err := s.client.Tenant.Get(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	set := SettingsOf(tn.Settings)
	loc, err := time.LoadLocation(tn.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	n := now.In(loc)
	end := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	start := end.AddDate(0, 0, -set.SurgeDays)
	prevStart := start.AddDate(0, 0, -set.SurgeDays)
	var out []Finding
	for _, dim := range []string{ticket.FieldCategoryID, ticket.FieldRegionID} {
		cur, err := s.count(ctx, dim, start, end)
		if err != nil {
			return nil, err
		}
		prev, err := s.count(ctx, dim, prevStart, start)
		if err != nil {
			return nil, err
		}
		last, err := s.count(ctx, dim, start.AddDate(-1, 0, 0), end.AddDate(-1, 0, 0))
		if err != nil {
			return nil, err
		}
		for id, c := range cur {
			if c < set.SurgeMinCount {
				continue
			}
			p, l := prev[id], last[id]
			overPrev := c*100 > p*(100+set.SurgePreviousPercent)
			overLast := c*100 > l*(100+set.SurgeLastYearPercent)
			if !overPrev && !overLast {
				continue
			}
			f, err := s.finding(ctx, dim, id, c, p, l, set, start, end)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
	}
	return out, nil
}

func (s *Surges) count(ctx context.Context, dim string, from, to time.Time) (map[int]int, error) {
	var rows []struct {
		ID    *int `json:"category_id"`
		RID   *int `json:"region_id"`
		Count int  `json:"count"`
	}
	err := s.client.Ticket.Query().
		Where(ticket.RegisteredAtGTE(from), ticket.RegisteredAtLT(to)).
		GroupBy(dim).Aggregate(ent.Count()).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("warning: count by %s: %w", dim, err)
	}
	out := map[int]int{}
	for _, r := range rows {
		id := r.ID
		if dim == ticket.FieldRegionID {
			id = r.RID
		}
		if id != nil {
			out[*id] = r.Count
		}
	}
	return out, nil
}

func (s *Surges) finding(ctx context.Context, dim string, id, cur, prev, last int, set Settings, start, end time.Time) (Finding, error) {
	q := s.client.Ticket.Query().Where(ticket.RegisteredAtGTE(start), ticket.RegisteredAtLT(end))
	var name, subject string
	if dim == ticket.FieldCategoryID {
		c, err := s.client.Category.Query().Where(category.ID(id)).Only(ctx)
		if err != nil {
			return Finding{}, err
		}
		name, subject = "类别「"+c.Name+"」", "category"
		q.Where(ticket.CategoryID(id))
	} else {
		r, err := s.client.Region.Query().Where(region.ID(id)).Only(ctx)
		if err != nil {
			return Finding{}, err
		}
		name, subject = "区域「"+r.Name+"」", "region"
		q.Where(ticket.RegionID(id))
	}
	ids, err := q.Order(ent.Desc(ticket.FieldRegisteredAt)).Limit(maxTickets).IDs(ctx)
	if err != nil {
		return Finding{}, err
	}
	level := 2
	if cur >= 2*max(prev, 1) {
		level = 3
	}
	return Finding{
		Kind: Surge, Level: level, TicketIDs: ids,
		Key: fmt.Sprintf("surge:%s:%d:%s", subject, id, end.AddDate(0, 0, -1).Format(time.DateOnly)),
		Reason: fmt.Sprintf("%s近 %d 天 %d 件，上一周期 %d 件%s，去年同期 %d 件%s",
			name, set.SurgeDays, cur, prev, rise(cur, prev), last, rise(cur, last)),
	}, nil
}

// rise is the change from before to now in words.
func rise(now, before int) string {
	if before == 0 {
		return ""
	}
	return fmt.Sprintf("（%+d%%）", (now-before)*100/before)
}
