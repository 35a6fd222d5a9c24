package rule

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"

	gen "github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/attachment"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/reply"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/viewer"
)

// Where narrows a filter a caller sent (one of ent's generated *WhereInput
// values) to the rows the caller may see. A filter on an edge becomes a
// subquery that no privacy policy sees: without this, a handler asking for
// departments(where: {hasTicketsWith: {titleContains: "…"}}) would learn
// what another department's tickets say. So each input gets the row rule of
// its own entity, and each edge-exists condition (hasTickets: true/false)
// becomes one on the visible rows only: a hidden row behaves as a missing one
// inside a filter exactly as in a list.
//
// It is called once for every input object as it is decoded (the GraphQL
// directive @rowScope on every where input), so nested inputs are narrowed
// before the input holding them. An input of an entity this function does not
// know is refused, so a new entity cannot be filtered on until its row rule
// is named here.
func Where(ctx context.Context, in any) error {
	v := viewer.FromContext(ctx)
	if _, err := own(v, in); err != nil {
		return err
	}
	return edgesExist(v, in)
}

// own adds the row rule of in's entity to in; it reports whether the rule
// narrows anything for v.
func own(v viewer.Viewer, in any) (bool, error) {
	t := Tickets(v)
	switch in := in.(type) {
	case *gen.TicketWhereInput:
		if t != nil {
			in.AddPredicates(t)
		}
	case *gen.ReplyWhereInput:
		if t != nil {
			in.AddPredicates(reply.HasTicketWith(t))
		}
	case *gen.CallbackWhereInput:
		if t != nil {
			in.AddPredicates(callback.HasTicketWith(t))
		}
	case *gen.AttachmentWhereInput:
		if t != nil {
			in.AddPredicates(attachment.HasTicketWith(t))
		}
	case *gen.IntakeJobWhereInput:
		if t != nil {
			in.AddPredicates(intakejob.HasTicketWith(t))
		}
	case *gen.NotificationWhereInput:
		if t != nil {
			in.AddPredicates(notification.HasTicketWith(t))
		}
	case *gen.TimelineEventWhereInput:
		if t != nil {
			in.AddPredicates(timelineevent.HasTicketWith(t))
		}
	case *gen.TenantWhereInput:
		// OwnTenantOnly: members see their own tenant row.
		if v.Kind != viewer.System && v.Kind != viewer.Operator {
			in.AddPredicates(tenant.ID(v.TenantID))
			return true, nil
		}
		return false, nil
	case *gen.DepartmentWhereInput, *gen.RegionWhereInput, *gen.CategoryWhereInput,
		*gen.CitizenWhereInput, *gen.UserWhereInput, *gen.APIKeyWhereInput, *gen.AuditLogWhereInput,
		*gen.ReportWhereInput, *gen.KnowledgeArticleWhereInput:
		// Tenant-wide rows: the tenant filter is all their rule.
		return false, nil
	default:
		return false, fmt.Errorf("rule: no row rule is known for %T", in)
	}
	return t != nil, nil
}

// edgesExist rewrites each hasX: true|false of in into a condition on the
// visible X only: hasXWith: [{<row rule>}], or its negation.
func edgesExist(v viewer.Viewer, in any) error {
	rv := reflect.ValueOf(in)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil
	}
	s := rv.Elem()
	for _, e := range existsFields(s.Type()) {
		has := s.Field(e.has)
		if has.IsNil() {
			continue
		}
		visible := reflect.New(e.target)
		narrowed, err := own(v, visible.Interface())
		if err != nil {
			return err
		}
		if !narrowed {
			continue
		}
		with := reflect.Append(reflect.MakeSlice(s.Field(e.with).Type(), 0, 1), visible)
		if has.Elem().Bool() {
			s.Field(e.with).Set(reflect.AppendSlice(s.Field(e.with), with))
		} else {
			// and: [{not: {hasXWith: [{<row rule>}]}}]
			inner := reflect.New(s.Type())
			inner.Elem().Field(e.with).Set(with)
			not := reflect.New(s.Type())
			not.Elem().FieldByName("Not").Set(inner)
			and := s.FieldByName("And")
			and.Set(reflect.Append(and, not))
		}
		has.SetZero()
	}
	return nil
}

// existsField is a pair hasX *bool, hasXWith []*XWhereInput of a where input.
type existsField struct {
	has, with int
	target    reflect.Type // XWhereInput
}

var existsCache sync.Map // reflect.Type → []existsField

// existsFields finds the edge-exists fields of a where input struct type.
func existsFields(t reflect.Type) []existsField {
	if c, ok := existsCache.Load(t); ok {
		return c.([]existsField)
	}
	var out []existsField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !strings.HasPrefix(f.Name, "Has") || f.Type != reflect.TypeFor[*bool]() {
			continue
		}
		w, ok := t.FieldByName(f.Name + "With")
		if !ok || w.Type.Kind() != reflect.Slice || w.Type.Elem().Kind() != reflect.Pointer {
			continue
		}
		out = append(out, existsField{has: i, with: w.Index[0], target: w.Type.Elem().Elem()})
	}
	existsCache.Store(t, out)
	return out
}
