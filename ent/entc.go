//go:build ignore

// Command entc generates the ent client and the GraphQL schema of the ent
// types (graph/ent.graphql). Run it through `go generate ./...`.
package main

import (
	"fmt"
	"log"
	"strings"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("../gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("../graph/ent.graphql"),
		entgql.WithWhereInputs(true),
		entgql.WithNodeDescriptor(false),
		entgql.WithSchemaHook(describe, rowScoped),
	)
	if err != nil {
		log.Fatalf("entgql: %v", err)
	}
	err = entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeaturePrivacy, gen.FeatureIntercept, gen.FeatureEntQL,
			gen.FeatureGlobalID, gen.FeatureUpsert, gen.FeatureLock, gen.FeatureExecQuery,
		},
	}, entc.Extensions(ex), entc.TemplateDir("./template"))
	if err != nil {
		log.Fatalf("entc: %v", err)
	}
}

// describe gives every generated GraphQL type and field a description: the
// ent schema's comment where there is one, otherwise a sentence derived from
// the generated name, so the API documents itself in any explorer.
func describe(g *gen.Graph, s *ast.Schema) error {
	comments := map[string]string{}
	for _, n := range g.Nodes {
		if c, ok := n.Annotations["Comment"].(map[string]any); ok {
			comments[n.Name], _ = c["Text"].(string)
		}
		for _, e := range n.Edges {
			if e.Comment() != "" {
				comments[n.Name+"."+camel(e.Name)] = e.Comment()
			}
		}
	}
	for name, def := range s.Types {
		if def.BuiltIn {
			continue
		}
		if def.Description == "" {
			def.Description = typeDescription(name, comments)
		}
		for _, f := range def.Fields {
			if f.Description == "" {
				f.Description = comments[name+"."+f.Name]
			}
			if f.Description == "" {
				f.Description = fieldDescription(name, f.Name)
			}
			for _, a := range f.Arguments {
				if a.Description == "" {
					a.Description = argDescription(a.Name)
				}
			}
		}
	}
	return nil
}

// rowScoped puts the directive @rowScope on every where input, so the server
// narrows each filter a caller sends, nested ones included, to the rows the
// caller may see (rule.Where): a filter on an edge is a subquery that no
// privacy policy sees. A new entity or edge gets the directive by being
// generated.
func rowScoped(_ *gen.Graph, s *ast.Schema) error {
	const name = "rowScope"
	s.Directives[name] = &ast.DirectiveDefinition{
		Name:        name,
		Description: "Narrows the filter to the rows the caller may see, on every edge it names.",
		Locations:   []ast.DirectiveLocation{ast.LocationInputObject},
	}
	for n, def := range s.Types {
		if def.Kind == ast.InputObject && strings.HasSuffix(n, "WhereInput") {
			def.Directives = append(def.Directives, &ast.Directive{Name: name, Location: ast.LocationInputObject})
		}
	}
	return nil
}

func typeDescription(name string, comments map[string]string) string {
	if c := comments[name]; c != "" {
		return c
	}
	for suffix, format := range map[string]string{
		"Connection": "A page of %s results, following the Relay connection spec.",
		"Edge":       "One %s in a connection, with the cursor pointing at it.",
		"OrderField": "Fields %s results can be ordered by.",
		"Order":      "How to order %s results: a field and a direction.",
		"WhereInput": "Filters for %s queries; all given conditions must hold.",
	} {
		if base, ok := strings.CutSuffix(name, suffix); ok && base != "" {
			return fmt.Sprintf(format, base)
		}
	}
	return "The " + name + " type."
}

var predicateSuffixes = []struct{ suffix, text string }{
	{"ContainsFold", "contains the value, ignoring case"},
	{"EqualFold", "equals the value, ignoring case"},
	{"HasPrefix", "starts with the value"},
	{"HasSuffix", "ends with the value"},
	{"Contains", "contains the value"},
	{"NotIn", "is none of the values"},
	{"NotNil", "is set"},
	{"IsNil", "is not set"},
	{"NEQ", "is not the value"},
	{"GTE", "is at least the value"},
	{"LTE", "is at most the value"},
	{"GT", "is greater than the value"},
	{"LT", "is less than the value"},
	{"In", "is one of the values"},
}

func fieldDescription(typeName, field string) string {
	switch field {
	case "id":
		return "Opaque global ID of the object."
	case "edges":
		return "The items of this page with their cursors."
	case "node":
		return "The item."
	case "cursor":
		return "Cursor of this item, for `after` or `before`."
	case "pageInfo":
		return "Where this page lies in the whole list."
	case "totalCount":
		return "Number of items matching the query, across all pages."
	case "not":
		return "Negates the given filter."
	case "and":
		return "All of the given filters hold."
	case "or":
		return "At least one of the given filters holds."
	case "direction":
		return "Ascending or descending."
	case "field":
		return "The field to order by."
	}
	if strings.HasSuffix(typeName, "WhereInput") {
		if e, ok := strings.CutPrefix(field, "has"); ok {
			if e, ok := strings.CutSuffix(e, "With"); ok {
				return "The " + e + " edge matches one of the given filters."
			}
			return "The " + e + " edge exists."
		}
		for _, p := range predicateSuffixes {
			if base, ok := strings.CutSuffix(field, p.suffix); ok {
				return base + " " + p.text + "."
			}
		}
		return field + " equals the value."
	}
	if strings.HasPrefix(typeName, "Create") || strings.HasPrefix(typeName, "Update") {
		if base, ok := strings.CutPrefix(field, "clear"); ok {
			return "Clear " + base + "."
		}
		if base, ok := strings.CutPrefix(field, "add"); ok {
			return "Add to " + base + "."
		}
		if base, ok := strings.CutPrefix(field, "remove"); ok {
			return "Remove from " + base + "."
		}
	}
	return "The " + field + " of the " + typeName + "."
}

func argDescription(arg string) string {
	switch arg {
	case "after":
		return "Returns the items after this cursor."
	case "before":
		return "Returns the items before this cursor."
	case "first":
		return "Returns at most this many items from the start."
	case "last":
		return "Returns at most this many items from the end."
	case "orderBy":
		return "Ordering of the results."
	case "where":
		return "Filters the results."
	}
	return "The " + arg + "."
}

func camel(snake string) string {
	parts := strings.Split(snake, "_")
	for i := 1; i < len(parts); i++ {
		parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
	}
	return strings.Join(parts, "")
}
