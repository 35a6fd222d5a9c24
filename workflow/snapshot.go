package workflow

import (
	"context"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/insight/patterns"
)

// detectSnapshot is what repeat and group detection reads of a tenant that
// cannot change while one batch is written in one transaction
// (RecordHistory): the tenant's detection settings, the category tree,
// the regions and the citizens' ID-number hashes. Without it detection
// reads them again for every ticket, which made seeding the demo history
// (3,000 tickets a tenant) spend most of its time re-reading the same
// rows. It lives in the batch's context only; live registrations, one
// ticket per transaction, read afresh.
type detectSnapshot struct {
	tenantID int
	set      *patterns.Settings
	parents  map[int]int
	children map[int][]int
	regions  map[int]*ent.Region
	idHash   map[int]string
}

type snapshotKey struct{}

// SnapshotBatches turns the batch snapshot on (the default). Off, every
// ticket of a batch reads afresh, as before the snapshot: a test compares
// the two and finds the same marks.
var SnapshotBatches = true

// withDetectSnapshot returns ctx carrying an empty snapshot of tenant's
// detection data, filled by the first detection that reads each part.
// Only for a caller that writes in one transaction and creates no
// citizens, categories or regions within it.
func withDetectSnapshot(ctx context.Context, tenant int) context.Context {
	if !SnapshotBatches {
		return ctx
	}
	return context.WithValue(ctx, snapshotKey{}, &detectSnapshot{tenantID: tenant})
}

// snapshotFrom is ctx's snapshot for tenant, or nil.
func snapshotFrom(ctx context.Context, tenant int) *detectSnapshot {
	s, _ := ctx.Value(snapshotKey{}).(*detectSnapshot)
	if s == nil || s.tenantID != tenant {
		return nil
	}
	return s
}

// detectSettings are the tenant's detection settings, from snap when it
// holds them (and into it when it does not yet).
func (s *Service) detectSettings(ctx context.Context, tenant int, snap *detectSnapshot) (patterns.Settings, error) {
	if snap != nil && snap.set != nil {
		return *snap.set, nil
	}
	tn, err := s.dir.Tenant(ctx, tenant)
	if err != nil {
		return patterns.Settings{}, err
	}
	set := patterns.Read(tn.Settings)
	if snap != nil {
		snap.set = &set
	}
	return set, nil
}
