package graph_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// TestRowScopeInEdgeFilters is the proof that no filter on an edge sees past
// a row rule. For every role whose ticket scope is narrower than the tenant,
// it walks every has…With condition of every where input the schema serves
// (found by introspection, nested ones reached through the shortest chain of
// has…With from a list the role may call), aims it at rows of the target
// entity the role cannot see, and expects no match: a hidden row behaves as a
// missing one. Each hasX: true/false must answer what hasXWith over the
// visible X answers. A new edge or entity is walked without being named here.
func TestRowScopeInEdgeFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		admin := e.Login(t, "demo-a", "admin")
		s := introspect(t, e, admin)
		w := newScopeWalk(t, e, s)
		for _, role := range scopedRoles() {
			t.Run(role, func(t *testing.T) {
				token := e.Login(t, "demo-a", role)
				v, err := e.App.Auth.Authenticate(context.Background(), "Bearer "+token)
				if err != nil {
					t.Fatal(err)
				}
				w.run(t, token, admin, viewer.NewContext(context.Background(), v))
			})
		}
	})
}

// scopedRoles are the roles that read tickets but not every ticket of the
// tenant. A role without ticket:read (knowledge_editor, held beside a staff
// role) reads none, and has no demo user of its own.
func scopedRoles() []string {
	var out []string
	for _, r := range authz.Roles {
		if slices.Contains(authz.Templates[r], "ticket:read") && !slices.Contains(authz.Templates[r], "ticket_scope:tenant") {
			out = append(out, r)
		}
	}
	return out
}

type scopeWalk struct {
	e *apptest.Env
	s introspectedSchema
	// roots are the Query lists with a where argument: field → where type.
	roots map[string]string
}

func newScopeWalk(t *testing.T, e *apptest.Env, s introspectedSchema) *scopeWalk {
	w := &scopeWalk{e: e, s: s, roots: map[string]string{}}
	for _, f := range s.byName(t, s.QueryType.Name).Fields {
		for _, a := range f.Args {
			// Only ent's where inputs filter on edges: a list with a filter
			// of its own (warnings: kind, acknowledged) has none to walk.
			if a.Name == "where" && strings.HasSuffix(f.Type.named(), "Connection") && strings.HasSuffix(a.Type.named(), "WhereInput") {
				w.roots[f.Name] = a.Type.named()
			}
		}
	}
	if len(w.roots) < 5 {
		t.Fatalf("found only %d lists with a where argument: %v", len(w.roots), w.roots)
	}
	return w
}

// ids lists the IDs of entity's rows that ctx's viewer sees, through the ent
// client (whose privacy rules are the reference).
func (w *scopeWalk) ids(t *testing.T, ctx context.Context, entity string) []int {
	t.Helper()
	c := reflect.ValueOf(w.e.App.DB.Client).Elem().FieldByName(entity)
	if !c.IsValid() {
		t.Fatalf("the ent client has no entity %s", entity)
	}
	q := c.MethodByName("Query").Call(nil)[0]
	out := q.MethodByName("IDs").Call([]reflect.Value{reflect.ValueOf(ctx)})
	if err, _ := out[1].Interface().(error); err != nil {
		t.Fatalf("%s IDs: %v", entity, err)
	}
	return out[0].Interface().([]int)
}

// chain is how a where input is reached from a list: the root and the
// has…With fields leading to it.
type chain struct {
	root  string
	steps []string
}

// wrap puts inner at the end of the chain: {a: [{b: [inner]}]}.
func (c chain) wrap(inner map[string]any) map[string]any {
	for i := len(c.steps) - 1; i >= 0; i-- {
		inner = map[string]any{c.steps[i]: []any{inner}}
	}
	return inner
}

// reach finds the shortest chain to every where input from the lists the
// token may call.
func (w *scopeWalk) reach(t *testing.T, token string) map[string]chain {
	out := map[string]chain{}
	var queue []string
	for _, root := range sortedKeys(w.roots) {
		in := w.roots[root]
		if _, seen := out[in]; seen {
			continue
		}
		if w.count(t, token, root, map[string]any{}) < 0 {
			continue // the role may not call this list
		}
		out[in] = chain{root: root}
		queue = append(queue, in)
	}
	for len(queue) > 0 {
		in := queue[0]
		queue = queue[1:]
		for _, f := range w.s.byName(t, in).InputFields {
			next := f.Type.named()
			if !isEdgeWith(f.Name) {
				continue
			}
			if _, seen := out[next]; seen {
				continue
			}
			c := out[in]
			out[next] = chain{root: c.root, steps: append(slices.Clone(c.steps), f.Name)}
			queue = append(queue, next)
		}
	}
	return out
}

func isEdgeWith(name string) bool {
	return strings.HasPrefix(name, "has") && strings.HasSuffix(name, "With")
}

// count answers root(where: where).totalCount, or -1 when refused.
func (w *scopeWalk) count(t *testing.T, token, root string, where map[string]any) int {
	t.Helper()
	q := fmt.Sprintf(`query($w: %s) { %s(where: $w, first: 1) { totalCount } }`, w.roots[root], root)
	r := w.e.Do(t, token, q, map[string]any{"w": where})
	if r.Code() == "FORBIDDEN" {
		return -1
	}
	var out map[string]struct{ TotalCount int }
	r.Decode(t, &out)
	return out[root].TotalCount
}

func (w *scopeWalk) run(t *testing.T, token, admin string, ctx context.Context) {
	sys := viewer.TenantSystemContext(context.Background(), viewer.FromContext(ctx).TenantID)
	hidden, visible := map[string][]int{}, map[string][]int{}
	entityIDs := func(entity string) {
		if _, done := visible[entity]; done {
			return
		}
		all, seen := w.ids(t, sys, entity), w.ids(t, ctx, entity)
		visible[entity] = seen
		for _, id := range all {
			if !slices.Contains(seen, id) {
				hidden[entity] = append(hidden[entity], id)
			}
		}
	}
	chains := w.reach(t, token)
	var walked, telling int
	for _, in := range sortedKeys(chains) {
		c := chains[in]
		for _, f := range w.s.byName(t, in).InputFields {
			if !isEdgeWith(f.Name) {
				continue
			}
			entity := strings.TrimSuffix(f.Type.named(), "WhereInput")
			entityIDs(entity)
			walked++
			if len(hidden[entity]) == 0 {
				continue // nothing of it is hidden from this role
			}
			name := fmt.Sprintf("%s.%s", in, f.Name)
			probe := c.wrap(map[string]any{f.Name: []any{map[string]any{"idIn": hidden[entity]}}})
			if n := w.count(t, token, c.root, probe); n != 0 {
				t.Errorf("%s: %s matched %d rows through the %d %s rows hidden from the role", name, c.root, n, len(hidden[entity]), entity)
			}
			if w.count(t, admin, c.root, probe) > 0 {
				telling++ // the same filter does match for a role that sees all
			}
			exists := strings.TrimSuffix(f.Name, "With")
			for _, has := range []bool{true, false} {
				got := w.count(t, token, c.root, c.wrap(map[string]any{exists: has}))
				same := map[string]any{f.Name: []any{map[string]any{"idIn": visible[entity]}}}
				if !has {
					same = map[string]any{"not": same}
				}
				if want := w.count(t, token, c.root, c.wrap(same)); got != want {
					t.Errorf("%s: %s: %v matched %d, but only %d over the visible %s", name, c.root, c.wrap(map[string]any{exists: has}), got, want, entity)
				}
			}
		}
	}
	if walked < 20 || telling < 4 {
		t.Errorf("walked %d has…With conditions, %d of them telling (matching for the admin): the walk is broken", walked, telling)
	}
	t.Logf("%d has…With conditions walked, %d telling; hidden rows: %v", walked, telling, counts(hidden))
}

func counts(m map[string][]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[k] = len(v)
	}
	return out
}

// TestRowScopeOnEdgeTraversals checks the other way into hidden rows: an
// edge of a listed object (department { tickets }, citizen { tickets }, …),
// loaded eagerly with the list, with its totalCount, and with a filter of its
// own. Every connection field of every list the role may call is walked.
func TestRowScopeOnEdgeTraversals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		s := introspect(t, e, e.Login(t, "demo-a", "admin"))
		w := newScopeWalk(t, e, s)
		for _, role := range scopedRoles() {
			t.Run(role, func(t *testing.T) {
				token := e.Login(t, "demo-a", role)
				v, err := e.App.Auth.Authenticate(context.Background(), "Bearer "+token)
				if err != nil {
					t.Fatal(err)
				}
				w.traverse(t, token, viewer.NewContext(context.Background(), v))
			})
		}
	})
}

func (w *scopeWalk) traverse(t *testing.T, token string, ctx context.Context) {
	sys := viewer.TenantSystemContext(context.Background(), viewer.FromContext(ctx).TenantID)
	hiddenIDs := map[string][]int{}
	hidden := func(entity string) []int {
		if h, ok := hiddenIDs[entity]; ok {
			return h
		}
		seen := w.ids(t, ctx, entity)
		h := []int{}
		for _, id := range w.ids(t, sys, entity) {
			if !slices.Contains(seen, id) {
				h = append(h, id)
			}
		}
		hiddenIDs[entity] = h
		return h
	}
	var walked int
	for _, root := range sortedKeys(w.roots) {
		if w.count(t, token, root, map[string]any{}) < 0 {
			continue
		}
		node := strings.TrimSuffix(w.s.byName(t, strings.TrimSuffix(w.roots[root], "WhereInput")+"Connection").Name, "Connection")
		for _, f := range w.s.byName(t, node).Fields {
			entity, ok := strings.CutSuffix(f.Type.named(), "Connection")
			if !ok {
				continue
			}
			visible := w.ids(t, ctx, entity)
			if len(hidden(entity)) == 0 {
				continue // nothing of it is hidden from this role
			}
			walked++
			// The edge with its count, and once more filtered for hidden
			// rows, directly and through one or two edges (a visible ticket
			// whose region has a hidden ticket): both eagerly loaded with the
			// list, so the filter is decoded while the list is resolved.
			q := fmt.Sprintf(`query($w: %sWhereInput) { %s(first: 100) { edges { node {
				all: %s(first: 100) { totalCount edges { node { id } } }
				filtered: %s(first: 100, where: $w) { totalCount }
			} } } }`, entity, root, f.Name, f.Name)
			var out map[string]struct {
				Edges []struct {
					Node struct {
						All struct {
							TotalCount int
							Edges      []struct {
								Node struct {
									ID int `json:",string"`
								}
							}
						}
						Filtered struct{ TotalCount int }
					}
				}
			}
			// Any visible row whose own edge leads to a hidden row would
			// match this filter if the edge ignored the row rule.
			or := []any{map[string]any{"not": map[string]any{"idIn": visible}}}
			for _, f2 := range w.s.byName(t, entity+"WhereInput").InputFields {
				if !isEdgeWith(f2.Name) {
					continue
				}
				y := strings.TrimSuffix(f2.Type.named(), "WhereInput")
				if h := hidden(y); len(h) > 0 {
					or = append(or, map[string]any{f2.Name: []any{map[string]any{"idIn": h}}})
				}
				for _, g := range w.s.byName(t, f2.Type.named()).InputFields {
					if z := strings.TrimSuffix(g.Type.named(), "WhereInput"); isEdgeWith(g.Name) && len(hidden(z)) > 0 {
						or = append(or, map[string]any{f2.Name: []any{map[string]any{g.Name: []any{map[string]any{"idIn": hidden(z)}}}}})
					}
				}
			}
			where := map[string]any{"or": or}
			w.e.Do(t, token, q, map[string]any{"w": where}).Decode(t, &out)
			for _, edge := range out[root].Edges {
				n := edge.Node
				for _, it := range n.All.Edges {
					if !slices.Contains(visible, it.Node.ID) {
						t.Errorf("%s.%s shows %s %d, hidden from the role", node, f.Name, entity, it.Node.ID)
					}
				}
				if n.All.TotalCount != len(n.All.Edges) {
					t.Errorf("%s.%s counts %d %s rows but shows %d", node, f.Name, n.All.TotalCount, entity, len(n.All.Edges))
				}
				if n.Filtered.TotalCount != 0 {
					t.Errorf("%s.%s(where: hidden rows) counts %d", node, f.Name, n.Filtered.TotalCount)
				}
			}
		}
	}
	if walked == 0 {
		t.Error("no edge to a row rule was walked: the walk is broken")
	}
	t.Logf("%d edges walked", walked)
}
