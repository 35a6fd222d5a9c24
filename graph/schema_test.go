package graph_test

import (
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/store/storetest"
)

// introspectionQuery asks for every type with its fields, input fields and
// arguments, their descriptions and their types, deep enough to unwrap
// [ID!]! and the like.
const introspectionQuery = `
fragment typeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
{
  __schema {
    queryType { name }
    mutationType { name }
    types {
      kind name description
      fields(includeDeprecated: true) { name description args { name description type { ...typeRef } } type { ...typeRef } }
      inputFields { name description type { ...typeRef } }
      possibleTypes { name }
    }
  }
}`

type introspectedTypeRef struct {
	Kind   string
	Name   *string
	OfType *introspectedTypeRef
}

// named is the type inside any list and non-null wrappers.
func (r introspectedTypeRef) named() string {
	for r.Name == nil && r.OfType != nil {
		r = *r.OfType
	}
	if r.Name == nil {
		return ""
	}
	return *r.Name
}

type introspectedValue struct {
	Name        string
	Description *string
	Type        introspectedTypeRef
}

type introspectedField struct {
	Name        string
	Description *string
	Args        []introspectedValue
	Type        introspectedTypeRef
}

type introspectedType struct {
	Kind          string
	Name          string
	Description   *string
	Fields        []introspectedField
	InputFields   []introspectedValue
	PossibleTypes []struct{ Name string }
}

type introspectedSchema struct {
	QueryType    struct{ Name string }
	MutationType struct{ Name string }
	Types        []introspectedType
}

// byName returns the type called name; the test fails if there is none.
func (s introspectedSchema) byName(t *testing.T, name string) introspectedType {
	t.Helper()
	for _, ty := range s.Types {
		if ty.Name == name {
			return ty
		}
	}
	t.Fatalf("the schema has no type %s", name)
	return introspectedType{}
}

// introspect reads the served schema the way a client's explorer does.
func introspect(t *testing.T, e *apptest.Env, token string) introspectedSchema {
	t.Helper()
	var out struct {
		Schema introspectedSchema `json:"__schema"`
	}
	e.Do(t, token, introspectionQuery, nil).Decode(t, &out)
	if len(out.Schema.Types) == 0 {
		t.Fatal("introspection answered no types")
	}
	return out.Schema
}

// builtinScalars are GraphQL's own; the spec describes them.
var builtinScalars = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

// TestSchemaDescribesEverything reads the schema through introspection, as
// an integrator's explorer shows it, and lists every type, field and
// argument that comes without a description. The API is documented by its
// schema alone, so a missing description is a gap in the documentation.
func TestSchemaDescribesEverything(t *testing.T) {
	// Descriptions do not depend on the database: SQLite is enough.
	e := apptest.New(t, storetest.Backend{Name: "sqlite"})
	s := introspect(t, e, e.Login(t, "demo-a", "admin"))

	blank := func(d *string) bool { return d == nil || strings.TrimSpace(*d) == "" }
	var missing []string
	for _, ty := range s.Types {
		if strings.HasPrefix(ty.Name, "__") || builtinScalars[ty.Name] {
			continue
		}
		if blank(ty.Description) {
			missing = append(missing, "type "+ty.Name)
		}
		for _, f := range ty.Fields {
			if blank(f.Description) {
				missing = append(missing, "field "+ty.Name+"."+f.Name)
			}
			for _, a := range f.Args {
				if blank(a.Description) {
					missing = append(missing, "argument "+ty.Name+"."+f.Name+"("+a.Name+")")
				}
			}
		}
		for _, f := range ty.InputFields {
			if blank(f.Description) {
				missing = append(missing, "input field "+ty.Name+"."+f.Name)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d parts of the schema have no description:\n  %s", len(missing), strings.Join(missing, "\n  "))
	}
}
