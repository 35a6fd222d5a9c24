package rule_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	gen "github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/rule"
	"github.com/minsheng/minsheng/viewer"
)

// whereInputs finds every generated where input reachable from the ticket's
// through has…With fields, recursively.
func whereInputs() []reflect.Type {
	seen := map[reflect.Type]bool{}
	var out []reflect.Type
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		out = append(out, t)
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if strings.HasPrefix(f.Name, "Has") && strings.HasSuffix(f.Name, "With") {
				walk(f.Type.Elem().Elem())
			}
		}
	}
	for _, root := range []any{gen.TicketWhereInput{}, gen.UserWhereInput{}, gen.AuditLogWhereInput{},
		gen.APIKeyWhereInput{}, gen.NotificationWhereInput{}, gen.TimelineEventWhereInput{}, gen.CallbackWhereInput{}} {
		walk(reflect.TypeOf(root))
	}
	return out
}

// TestWhereKnowsEveryInput: every where input has a row rule named in
// rule.Where, and every hasX: true|false of it becomes a condition on the
// visible X for a viewer whose tickets are narrowed.
func TestWhereKnowsEveryInput(t *testing.T) {
	handler := viewer.NewContext(context.Background(), viewer.Viewer{
		Kind: viewer.User, TenantID: 1, UserID: 2, DepartmentID: 3, TicketScope: viewer.ScopeDepartment,
	})
	ins := whereInputs()
	if len(ins) < 10 {
		t.Fatalf("found only %d where inputs", len(ins))
	}
	for _, typ := range ins {
		for _, has := range []bool{true, false} {
			in := reflect.New(typ)
			for i := 0; i < typ.NumField(); i++ {
				f := typ.Field(i)
				if strings.HasPrefix(f.Name, "Has") && f.Type == reflect.TypeFor[*bool]() {
					in.Elem().Field(i).Set(reflect.ValueOf(&has))
				}
			}
			if err := rule.Where(handler, in.Interface()); err != nil {
				t.Fatalf("%s: %v", typ.Name(), err)
			}
			// Edges to tickets must not keep their unscoped exists test.
			for _, edge := range []string{"HasTicket", "HasTickets", "HasRegisteredTickets", "HasMergedInto", "HasMergedFrom"} {
				if f := in.Elem().FieldByName(edge); f.IsValid() && !f.IsNil() {
					t.Errorf("%s.%s: %v stayed an exists test over every ticket", typ.Name(), edge, has)
				}
			}
		}
	}
}

// TestWhereRefusesUnknownInputs: a value that is no known where input is
// refused, so a new entity cannot be filtered on before its rule is named.
func TestWhereRefusesUnknownInputs(t *testing.T) {
	if err := rule.Where(context.Background(), &struct{ HasX *bool }{}); err == nil {
		t.Error("an unknown input was accepted")
	}
}
