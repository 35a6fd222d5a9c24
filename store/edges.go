package store

import (
	"context"
	"fmt"
	"sync"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/viewer"
)

// guardEdges refuses a mutation that links to a row the caller cannot see.
// The tenant filter hides other tenants' rows from queries, but a foreign key
// is written without a query; this hook looks every linked ID up as the
// caller, so another tenant's department or citizen is "not found" here too.
// It asks the mutation for its client so that rows created earlier in the same
// transaction are found. Only the server outside any tenant links freely: inside
// a tenant (viewer.TenantSystemContext, as background jobs and seeding run) the
// server too may link only to that tenant's rows.
func guardEdges() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if v := viewer.FromContext(ctx); v.Kind == viewer.System && v.TenantID == 0 {
				return next.Mutate(ctx, m)
			}
			mc, ok := m.(interface{ Client() *ent.Client })
			if !ok {
				return nil, fmt.Errorf("store: %T has no client", m)
			}
			client := mc.Client()
			for _, name := range m.AddedEdges() {
				if name == "tenant" {
					continue
				}
				for _, id := range m.AddedIDs(name) {
					if err := visible(ctx, client, id); err != nil {
						return nil, err
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}

func visible(ctx context.Context, client *ent.Client, id ent.Value) error {
	n, ok := id.(int)
	if !ok {
		return fmt.Errorf("store: edge id %v is %T", id, id)
	}
	memo, _ := ctx.Value(edgeMemoKey{}).(*edgeMemo)
	if memo.seen(n) {
		return nil
	}
	if _, err := client.Noder(ctx, n); err != nil {
		if ent.IsNotFound(err) {
			return minsheng.Errorf(minsheng.ENOTFOUND, "object %d not found", n)
		}
		return err
	}
	memo.add(n)
	return nil
}

// WithEdgeMemo returns a context in which guardEdges looks each linked ID
// up once: for a bulk write by one caller in one transaction (thousands of
// rows linking to the same few tickets, departments and categories). Rows
// are not deleted inside such a write, so an ID seen once stays visible.
func WithEdgeMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, edgeMemoKey{}, &edgeMemo{ids: map[int]bool{}})
}

type edgeMemoKey struct{}

type edgeMemo struct {
	mu  sync.Mutex
	ids map[int]bool
}

func (m *edgeMemo) seen(id int) bool {
	if m == nil {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.ids[id]
}

func (m *edgeMemo) add(id int) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.ids[id] = true
	m.mu.Unlock()
}
