package workflow

import (
	"context"
	"sync"

	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent"
)

// memo holds a tenant's rules — its row (time zone, settings) and its
// calendar — read once for one request: a page of a hundred tickets asking
// each for its colour would otherwise read them a hundred times.
type memo struct {
	mu        sync.Mutex
	tenants   map[int]*ent.Tenant
	calendars map[int]*calendar.Calendar
}

type memoKey struct{}

// WithMemo returns a context in which Colour reads each tenant's rules
// once. Give it to one request, not to anything that lives longer: a
// change of the tenant's settings or calendar is not seen through it.
func WithMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &memo{tenants: map[int]*ent.Tenant{}, calendars: map[int]*calendar.Calendar{}})
}

// colourRules are what Colour needs of the tenant, from the request's memo
// when there is one.
func (s *Service) colourRules(ctx context.Context, tenantID int) (*ent.Tenant, *calendar.Calendar, error) {
	m, _ := ctx.Value(memoKey{}).(*memo)
	if m != nil {
		m.mu.Lock()
		tn, cal := m.tenants[tenantID], m.calendars[tenantID]
		m.mu.Unlock()
		if tn != nil && cal != nil {
			return tn, cal, nil
		}
	}
	tn, err := s.dir.Tenant(ctx, tenantID)
	if err != nil {
		return nil, nil, err
	}
	cal, err := s.Calendar(ctx, tenantID)
	if err != nil {
		return nil, nil, err
	}
	if m != nil {
		m.mu.Lock()
		m.tenants[tenantID], m.calendars[tenantID] = tn, cal
		m.mu.Unlock()
	}
	return tn, cal, nil
}
