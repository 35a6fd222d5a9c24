package schema

import (
	"entgo.io/contrib/entgql"
	"github.com/vektah/gqlparser/v2/ast"
)

// listedFor exposes a schema as a Relay connection on Query, guarded by the
// @can directive with the permission object:read. Row-level rules still apply.
func listedFor(object string, name ...string) entgql.Annotation {
	return entgql.QueryField(name...).Directives(can(object, "read")).Annotation
}

func can(object, action string) entgql.Directive {
	str := func(s string) *ast.Value { return &ast.Value{Raw: s, Kind: ast.StringValue} }
	return entgql.NewDirective("can",
		&ast.Argument{Name: "object", Value: str(object)},
		&ast.Argument{Name: "action", Value: str(action)},
	)
}

// staffName marks a field that names a member of staff: callers who may not
// read users see a neutral label instead (graph/staff.graphqls).
func staffName() entgql.Directive { return entgql.NewDirective("staffName") }
