package intake

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/ent/attachment"
	"github.com/minsheng/minsheng/ent/predicate"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/viewer"
)

// SettingFileRetentionDays is the tenant setting (Tenant.settings) that
// says how many days the files of a closed case are kept, counted from the
// case's last change; absent (the default), they are kept for good. The
// attachment records stay; their fileRemovedAt says when the file went.
const SettingFileRetentionDays = "fileRetentionDays"

// MaxFileRetentionDays bounds the setting (a hundred years).
const MaxFileRetentionDays = 36500

// OrphanAge is how old a stored file no attachment refers to must be before
// the sweep removes it: a younger one may belong to an upload whose
// transaction has not committed yet.
const OrphanAge = time.Hour

// orphanAge is OrphanAge, changed by tests.
var orphanAge = OrphanAge

// sweepBatch bounds the expired files one sweep removes per tenant; the
// next sweep takes the rest.
const sweepBatch = 500

// retentionDays reads the setting; ok is false when files are kept.
func retentionDays(s map[string]any) (int, bool) {
	switch v := s[SettingFileRetentionDays].(type) {
	case float64:
		if v >= 0 && v <= MaxFileRetentionDays && v == math.Trunc(v) {
			return int(v), true
		}
	case int:
		if v >= 0 && v <= MaxFileRetentionDays {
			return v, true
		}
	}
	return 0, false
}

// fileSweepArgs is the hourly sweep of stored files.
type fileSweepArgs struct{}

func (fileSweepArgs) Kind() string { return "intake_file_sweep" }

type fileSweeper struct {
	river.WorkerDefaults[fileSweepArgs]
	s *Service
}

func (w *fileSweeper) Work(ctx context.Context, _ *river.Job[fileSweepArgs]) error {
	st, err := w.s.SweepFiles(ctx)
	if st.Orphans+st.Expired > 0 {
		w.s.log.InfoContext(ctx, "intake: stored files removed", "orphans", st.Orphans, "expired", st.Expired)
	}
	return err
}

// SweepStats counts what SweepFiles removed.
type SweepStats struct {
	Orphans int // stored files no attachment referred to
	Expired int // files of cases closed longer than the tenant keeps them
}

// SweepFiles removes the files of closed cases the tenant keeps no longer
// (SettingFileRetentionDays), then every stored file older than OrphanAge
// that no attachment refers to (an upload whose transaction failed after
// its file was written, a crash). The periodic job runs it hourly.
func (s *Service) SweepFiles(ctx context.Context) (SweepStats, error) {
	ctx = viewer.SystemContext(ctx)
	var st SweepStats
	tenants, err := s.client.Tenant.Query().All(ctx)
	if err != nil {
		return st, err
	}
	var errs []error
	for _, tn := range tenants {
		if days, ok := retentionDays(tn.Settings); ok {
			n, err := s.removeExpired(viewer.TenantSystemContext(ctx, tn.ID), tn.ID, days)
			st.Expired += n
			errs = append(errs, err)
		}
	}
	for _, tn := range tenants {
		n, err := s.removeOrphans(viewer.TenantSystemContext(ctx, tn.ID), tn.ID)
		st.Orphans += n
		errs = append(errs, err)
	}
	return st, errors.Join(errs...)
}

// removeExpired removes the files of the tenant's cases closed before the
// retention and marks their attachments. A file another attachment still
// needs (the same content on a case that is open or closed more recently)
// stays until that one expires too.
func (s *Service) removeExpired(ctx context.Context, tenantID, days int) (int, error) {
	cutoff := s.now().Add(-time.Duration(days) * 24 * time.Hour)
	expired := []predicate.Ticket{ticket.StatusEQ(ticket.StatusCLOSED), ticket.UpdatedAtLT(cutoff)}
	atts, err := s.client.Attachment.Query().
		Where(attachment.FileRemovedAtIsNil(), attachment.HasTicketWith(expired...)).
		Limit(sweepBatch).All(ctx)
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, a := range atts {
		needed, err := s.client.Attachment.Query().Where(
			attachment.Sha256(a.Sha256), attachment.IDNEQ(a.ID), attachment.FileRemovedAtIsNil(),
			attachment.Not(attachment.HasTicketWith(expired...)),
		).Exist(ctx)
		if err != nil {
			return removed, err
		}
		if !needed {
			if err := s.blobs.Remove(tenantID, a.Sha256); err != nil {
				return removed, fmt.Errorf("intake: remove expired file: %w", err)
			}
			removed++
		}
		if err := s.client.Attachment.UpdateOne(a).SetFileRemovedAt(s.now()).Exec(ctx); err != nil {
			return removed, err
		}
	}
	return removed, nil
}

// removeOrphans removes the tenant's stored files that no attachment refers
// to and that were last written more than OrphanAge ago.
func (s *Service) removeOrphans(ctx context.Context, tenantID int) (int, error) {
	start := time.Now()
	refs, err := s.referenced(ctx, tenantID, time.Time{})
	if err != nil {
		return 0, err
	}
	var orphans []string
	err = s.blobs.store.Walk(ctx, fmt.Sprintf("%d/", tenantID), func(info blob.Info) error {
		if !refs[info.Name] && !info.Modified.IsZero() && start.Sub(info.Modified) > orphanAge {
			orphans = append(orphans, info.Name)
		}
		return nil
	})
	if err != nil || len(orphans) == 0 {
		return 0, err
	}
	removed := 0
	for _, name := range orphans {
		ok, err := s.removeOrphan(ctx, tenantID, name, start)
		if err != nil {
			return removed, err
		}
		if ok {
			removed++
		}
	}
	return removed, nil
}

// removeOrphan removes one file found unreferenced, checking again under
// the name's lock that no upload of the same content has recorded it since
// the walk began or written it again (which makes it young).
func (s *Service) removeOrphan(ctx context.Context, tenantID int, name string, since time.Time) (bool, error) {
	mu := s.blobs.lock(name)
	mu.Lock()
	defer mu.Unlock()
	recent, err := s.referenced(ctx, tenantID, since.Add(-time.Minute))
	if err != nil || recent[name] {
		return false, err
	}
	before := time.Now().Add(-orphanAge)
	if d, ok := s.blobs.store.(blob.OlderDeleter); ok {
		return d.DeleteIfOlder(ctx, name, before)
	}
	info, err := s.blobs.store.Stat(ctx, name)
	if errors.Is(err, blob.ErrNotExist) {
		return false, nil
	}
	if err != nil || !info.Modified.Before(before) {
		return false, err
	}
	return true, s.blobs.store.Delete(ctx, name)
}

// referenced is the set of stored names the tenant's attachments refer to
// (those created at or after since, when since is set).
func (s *Service) referenced(ctx context.Context, tenantID int, since time.Time) (map[string]bool, error) {
	q := s.client.Attachment.Query().Where(attachment.FileRemovedAtIsNil())
	if !since.IsZero() {
		q = q.Where(attachment.CreatedAtGTE(since))
	}
	hashes, err := q.Unique(true).Select(attachment.FieldSha256).Strings(ctx)
	if err != nil {
		return nil, err
	}
	refs := make(map[string]bool, 2*len(hashes))
	for _, h := range hashes {
		if name, err := s.blobs.Name(tenantID, h); err == nil {
			refs[name] = true
		}
		if len(h) == 64 {
			refs[legacyName(tenantID, h)] = true // a plain file from before, not yet sealed
		}
	}
	return refs, nil
}
