package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/minsheng/minsheng/graph/generated"
)

var testSchema = generated.NewExecutableSchema(generated.Config{})

// nestedSpreads is the document that held a core for minutes: each
// fragment spreads the next one twice, so expanding spreads where they are
// spread visits 2^levels selections.
func nestedSpreads(levels int) string {
	var b strings.Builder
	b.WriteString("query { ...F0 }\n")
	for i := range levels - 1 {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { __typename }\n", levels-1)
	return b.String()
}

// writtenSelections counts the selections of doc as written: operations and
// fragment definitions once each, spreads not followed.
func writtenSelections(doc *ast.QueryDocument) int {
	var count func(ast.SelectionSet) int
	count = func(set ast.SelectionSet) int {
		n := len(set)
		for _, s := range set {
			switch s := s.(type) {
			case *ast.Field:
				n += count(s.SelectionSet)
			case *ast.InlineFragment:
				n += count(s.SelectionSet)
			}
		}
		return n
	}
	n := 0
	for _, op := range doc.Operations {
		n += count(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		n += count(f.SelectionSet)
	}
	return n
}

// The walk is linear: it visits each selection of the document once, however
// often a fragment is spread. With 40 levels an expanding walk would visit
// 2^40 selections and never end (the test's timeout is the failure).
func TestCostWalkVisitsEachSelectionOnce(t *testing.T) {
	for _, levels := range []int{2, 8, 40, 1000} {
		query := nestedSpreads(levels)
		doc, err := parser.ParseQuery(&ast.Source{Input: query})
		if err != nil {
			t.Fatal(err)
		}
		limits := DefaultLimits
		limits.Fragments = levels
		w, refused := measure(testSchema.Schema(), doc, nil, limits)
		if want := writtenSelections(doc); w.visits != want {
			t.Fatalf("%d levels: %d selections visited, want %d (each once)", levels, w.visits, want)
		}
		// Its cost is what expanding it would cost: 2^(levels-1) fields.
		if levels <= 8 {
			if refused != nil || w.ops[0].complexity != 1<<(levels-1) {
				t.Fatalf("%d levels: complexity %v, refusal %v; want %d", levels, w.ops, refused, 1<<(levels-1))
			}
			continue
		}
		if refused == nil || refused.Extensions["reason"] != reasonComplexity {
			t.Fatalf("%d levels: refusal %v, want the complexity limit", levels, refused)
		}
	}
}

// reference is what the limits were computed with before: gqlgen's own
// complexity walk (exponential: only for documents the walk accepted) with
// a connection weighted by its page and a list by its list argument, and a
// depth walk expanding every spread.
type reference struct {
	graphql.ExecutableSchema
	pageSize int
}

func (r reference) Complexity(ctx context.Context, typeName, field string, child int, args map[string]any) (int, bool) {
	def := r.Schema().Types[typeName].Fields.ForName(field)
	switch {
	case def == nil: // __typename
		return 0, false
	case strings.HasSuffix(def.Type.Name(), "Connection"):
		n := r.pageSize
		if v, ok := wholeNumber(args["first"]); ok {
			n = int(v)
		} else if v, ok := wholeNumber(args["last"]); ok {
			n = int(v)
		}
		return 1 + child*min(max(n, 1), r.pageSize), true
	case def.Type.Elem != nil:
		n := 1
		for _, a := range args {
			if l, ok := a.([]any); ok {
				n = max(n, len(l))
			}
			if l, ok := a.([]string); ok {
				n = max(n, len(l))
			}
		}
		return 1 + child*n, true
	}
	return 0, false
}

func expandedDepth(set ast.SelectionSet) int {
	deepest := 0
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			deepest = max(deepest, 1+expandedDepth(s.SelectionSet))
		case *ast.InlineFragment:
			deepest = max(deepest, expandedDepth(s.SelectionSet))
		case *ast.FragmentSpread:
			deepest = max(deepest, expandedDepth(s.Definition.SelectionSet))
		}
	}
	return deepest
}

func expandedFields(set ast.SelectionSet) int {
	n := 0
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			n += 1 + expandedFields(s.SelectionSet)
		case *ast.InlineFragment:
			n += expandedFields(s.SelectionSet)
		case *ast.FragmentSpread:
			n += expandedFields(s.Definition.SelectionSet)
		}
	}
	return n
}

// FuzzDocumentLimits checks the limit walker on any document: it never
// panics, it visits each selection once, and on a valid document it accepts
// it measures depth, complexity and fields exactly as walks that expand
// every spread do.
func FuzzDocumentLimits(f *testing.F) {
	f.Add(ticketPage, `{"first": 20}`)
	f.Add(nestedSpreads(6), `{}`)
	f.Add(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Ticket { code } } }`, `{"ids": ["a", "b", "c"]}`)
	f.Add(`{ a: me { username } b: me { ...U } } fragment U on User { username roles }`, `{}`)
	f.Add(`{ __schema { types { name fields { name type { name ofType { name } } } } } }`, `{}`)
	f.Add(`fragment A on Query { ...B } fragment B on Query { ...A } { ...A }`, `{}`)
	f.Add(`{ node(id: "1") { id } node(id: "2") { id } }`, `{}`)
	f.Add(`query($n: Int = 3) { tickets(first: $n) { edges { node { category { tickets(last: 7) { totalCount } } } } } }`, `{}`)
	schema := testSchema.Schema()
	limits := DefaultLimits
	f.Fuzz(func(t *testing.T, query, variables string) {
		if len(query) > limits.QueryBytes {
			return // refused before parsing
		}
		var vars map[string]any
		dec := json.NewDecoder(bytes.NewReader([]byte(variables)))
		dec.UseNumber()
		if dec.Decode(&vars) != nil {
			vars = nil
		}
		doc, err := parser.ParseQuery(&ast.Source{Input: query})
		if err != nil {
			return
		}
		w, refused := measure(schema, doc, vars, limits)
		if w.visits > writtenSelections(doc) {
			t.Fatalf("%d selections visited, the document has %d", w.visits, writtenSelections(doc))
		}
		if refused != nil || len(doc.Operations) != 1 || checkListVariables(vars, limits.ListLength) != nil {
			return
		}
		if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) > 0 {
			return
		}
		op := doc.Operations[0]
		coerced, err := validator.VariableValues(schema, op, vars)
		if err != nil {
			return
		}
		got := w.ops[0]
		want := tally{
			depth:      expandedDepth(op.SelectionSet),
			complexity: complexity.Calculate(context.Background(), reference{testSchema, limits.PageSize}, op, coerced),
			fields:     expandedFields(op.SelectionSet),
		}
		got.aliases = 0
		if got != want {
			t.Fatalf("walk measured %+v, expanding walks %+v", got, want)
		}
	})
}

// ticketPage is the ticket list's query, as the bench's ticket page asks it.
const ticketPage = `query($dept: ID!, $first: Int!) {
	tickets(first: $first, where: {status: REGISTERED, hasDepartmentWith: [{id: $dept}]},
		orderBy: [{field: CREATED_AT, direction: DESC}]) {
		totalCount
		edges { node { id code title status createdAt category { name } department { name } } }
		pageInfo { hasNextPage endCursor }
	}
}`

// BenchmarkDocumentCheck is what the document limits add to a ticket page
// before gqlgen validates it: parsing and the walk on the first request of
// a query, the walk alone once gqlgen has cached the document.
func BenchmarkDocumentCheck(b *testing.B) {
	cache := lru.New[*ast.QueryDocument](10)
	check := documentCheck{limits: DefaultLimits, schema: testSchema.Schema(), cache: cache}
	vars := map[string]any{"dept": "VGlja2V0OjE=", "first": json.Number("20")}
	ctx := context.Background()
	run := func(b *testing.B) {
		for range b.N {
			if err := check.MutateOperationParameters(ctx, &graphql.RawParams{Query: ticketPage, Variables: vars}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("parsed", run)
	doc, err := parser.ParseQuery(&ast.Source{Input: ticketPage})
	if err != nil {
		b.Fatal(err)
	}
	if errs := validator.ValidateWithRules(testSchema.Schema(), doc, nil); len(errs) > 0 {
		b.Fatal(errs)
	}
	cache.Add(ctx, ticketPage, doc)
	b.Run("cached", run)
}
