package graph

// The cost of a GraphQL document is bounded here, before gqlgen validates or
// runs it, in time linear in the document's size.
//
// Validation and execution are not linear: fragments spread in fragments
// (`{...F0} fragment F0 on Query {...F1 ...F1} …`) double with each level
// when expanded where they are spread, and gqlparser compares every pair of
// fields that share a response name. So the document is parsed (gqlparser's
// parser is linear) and walked once, each fragment definition measured once
// and remembered (a cycle is refused), and refused unless its size,
// fragments, fields, aliases, list arguments, depth and complexity are all
// within Limits. Only then does gqlgen validate it: the caps on size and
// fields bound the quadratic overlap check, and the cap on errors bounds
// what validation may answer.

import (
	"context"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/minsheng/minsheng"
)

// DefaultLimits are the caps NewHandler uses for a document-size, fragment,
// field, alias, list or error cap left at zero, and the defaults of the
// server's flags.
var DefaultLimits = Limits{
	Depth:      12,
	Complexity: 5000,
	PageSize:   100,
	QueryBytes: 32 << 10,
	Fragments:  50,
	Fields:     500,
	Aliases:    50,
	ListLength: 100,
	Errors:     50,
}

// withDefaults fills the caps of the document check left at zero, so a
// Limits written before a cap existed is still bounded.
func (l Limits) withDefaults() Limits {
	fill := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	fill(&l.QueryBytes, DefaultLimits.QueryBytes)
	fill(&l.Fragments, DefaultLimits.Fragments)
	fill(&l.Fields, DefaultLimits.Fields)
	fill(&l.Aliases, DefaultLimits.Aliases)
	fill(&l.ListLength, DefaultLimits.ListLength)
	fill(&l.Errors, DefaultLimits.Errors)
	return l
}

// Reasons in extensions.reason of a refused document, beside the code
// BAD_USER_INPUT, so a client can tell which limit it met.
const (
	reasonQuerySize  = "QUERY_SIZE_LIMIT"
	reasonFragments  = "FRAGMENT_LIMIT"
	reasonCycle      = "FRAGMENT_CYCLE"
	reasonFields     = "FIELD_LIMIT"
	reasonAliases    = "ALIAS_LIMIT"
	reasonList       = "LIST_LIMIT"
	reasonDepth      = "DEPTH_LIMIT"
	reasonComplexity = "COMPLEXITY_LIMIT"
	reasonErrors     = "ERROR_LIMIT"
)

// refusal is a BAD_USER_INPUT error naming the limit in its reason.
func refusal(reason, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, minsheng.EINVALID)
	err.Extensions["reason"] = reason
	return err
}

// documentCheck is the gqlgen extension that runs the walk. As an
// OperationParameterMutator it sees the raw request before gqlgen parses
// or validates anything.
type documentCheck struct {
	limits Limits
	schema *ast.Schema
	// cache is gqlgen's cache of validated documents: a document found
	// there need not be parsed again (its cost still depends on the
	// variables, so it is measured every time).
	cache graphql.Cache[*ast.QueryDocument]
}

func (documentCheck) ExtensionName() string                   { return "DocumentLimits" }
func (documentCheck) Validate(graphql.ExecutableSchema) error { return nil }

func (c documentCheck) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if len(p.Query) > c.limits.QueryBytes {
		return refusal(reasonQuerySize, "the query is %d bytes, more than the query size limit of %d bytes",
			len(p.Query), c.limits.QueryBytes)
	}
	if err := checkListVariables(p.Variables, c.limits.ListLength); err != nil {
		return err
	}
	doc, ok := c.cache.Get(ctx, p.Query)
	if !ok {
		var err error
		if doc, err = parser.ParseQuery(&ast.Source{Input: p.Query}); err != nil {
			return nil // gqlgen parses it again and answers the syntax error
		}
	}
	_, err := measure(c.schema, doc, p.Variables, c.limits)
	return err
}

// tally is what a selection costs.
type tally struct {
	depth      int // deepest nesting of fields
	complexity int // one per field, a page counting its size times its items
	fields     int // fields, a fragment's counted wherever it is spread
	aliases    int // aliased fields, counted the same way
}

// ceiling keeps sums and products of tallies from overflowing: a document
// that reaches it is far over any limit.
const ceiling = 1 << 40

func add(a, b int) int { return min(a+b, ceiling) }

func mul(a, b int) int {
	if b != 0 && a > ceiling/b {
		return ceiling
	}
	return a * b
}

func (t *tally) add(o tally) {
	t.depth = max(t.depth, o.depth)
	t.complexity = add(t.complexity, o.complexity)
	t.fields = add(t.fields, o.fields)
	t.aliases = add(t.aliases, o.aliases)
}

// fragmentState is a fragment being measured or measured.
type fragmentState struct {
	done bool
	t    tally
}

// walker measures one document.
type walker struct {
	schema    *ast.Schema
	vars      map[string]any
	defaults  map[string]*ast.Value // variables' default values, for those not sent
	limits    Limits
	fragments map[string]*ast.FragmentDefinition
	measured  map[string]*fragmentState
	err       *gqlerror.Error // the first limit met; the walk stops there
	visits    int             // selections visited: each selection of the document once
	ops       []tally         // each operation's
	written   tally           // fields and aliases as written, each fragment once
}

// measure walks doc once and returns the largest tally of its operations,
// or the first limit it exceeds.
func measure(schema *ast.Schema, doc *ast.QueryDocument, vars map[string]any, limits Limits) (*walker, *gqlerror.Error) {
	w := &walker{
		schema: schema, vars: vars, limits: limits,
		defaults:  map[string]*ast.Value{},
		fragments: make(map[string]*ast.FragmentDefinition, len(doc.Fragments)),
		measured:  make(map[string]*fragmentState, len(doc.Fragments)),
	}
	if len(doc.Fragments) > limits.Fragments {
		return w, refusal(reasonFragments, "the query defines %d fragments, more than the fragment limit of %d",
			len(doc.Fragments), limits.Fragments)
	}
	for _, f := range doc.Fragments {
		if _, dup := w.fragments[f.Name]; !dup {
			w.fragments[f.Name] = f
		}
	}
	for _, op := range doc.Operations {
		for _, v := range op.VariableDefinitions {
			w.value(v.DefaultValue)
			if _, ok := w.defaults[v.Variable]; !ok && v.DefaultValue != nil {
				w.defaults[v.Variable] = v.DefaultValue
			}
		}
	}
	var total tally // fields and aliases of every operation, for validation walks them all
	for _, op := range doc.Operations {
		w.directives(op.Directives)
		t := w.set(w.root(op.Operation), op.SelectionSet)
		if w.err != nil {
			return w, w.err
		}
		if t.depth > limits.Depth {
			return w, refusal(reasonDepth, "query depth %d exceeds the depth limit of %d", t.depth, limits.Depth)
		}
		if t.complexity > limits.Complexity {
			return w, refusal(reasonComplexity, "query complexity %d exceeds the complexity limit of %d (a page counts its size times its items)",
				t.complexity, limits.Complexity)
		}
		w.ops = append(w.ops, t)
		total.add(t)
	}
	// Fragments no operation spreads are still validated: measure them too.
	for _, f := range doc.Fragments {
		w.spread(f.Name)
	}
	if w.err != nil {
		return w, w.err
	}
	if n := max(total.fields, w.written.fields); n > limits.Fields {
		return w, refusal(reasonFields, "the query asks for %d fields, more than the field limit of %d (a fragment counts wherever it is spread)",
			n, limits.Fields)
	}
	if n := max(total.aliases, w.written.aliases); n > limits.Aliases {
		return w, refusal(reasonAliases, "the query has %d aliased fields, more than the alias limit of %d (a fragment counts wherever it is spread)", n, limits.Aliases)
	}
	return w, nil
}

func (w *walker) root(op ast.Operation) *ast.Definition {
	switch op {
	case ast.Mutation:
		return w.schema.Mutation
	case ast.Subscription:
		return w.schema.Subscription
	}
	return w.schema.Query
}

// set measures a selection set on type parent (nil when unknown: validation
// will say so).
func (w *walker) set(parent *ast.Definition, set ast.SelectionSet) tally {
	var t tally
	for _, s := range set {
		if w.err != nil {
			return t
		}
		w.visits++
		switch s := s.(type) {
		case *ast.Field:
			t.add(w.field(parent, s))
		case *ast.InlineFragment:
			w.directives(s.Directives)
			on := parent
			if s.TypeCondition != "" {
				on = w.schema.Types[s.TypeCondition]
			}
			t.add(w.set(on, s.SelectionSet))
		case *ast.FragmentSpread:
			w.directives(s.Directives)
			t.add(w.spread(s.Name))
		}
	}
	return t
}

// spread measures a fragment the first time it is spread and remembers it:
// that keeps the walk linear however often it is spread.
func (w *walker) spread(name string) tally {
	def := w.fragments[name]
	if def == nil {
		return tally{} // unknown: validation refuses it
	}
	if s, ok := w.measured[name]; ok {
		if !s.done && w.err == nil {
			w.err = refusal(reasonCycle, "fragment %s spreads itself", name)
		}
		return s.t
	}
	s := &fragmentState{}
	w.measured[name] = s
	w.directives(def.Directives)
	s.t = w.set(w.schema.Types[def.TypeCondition], def.SelectionSet)
	s.done = true
	return s.t
}

func (w *walker) field(parent *ast.Definition, f *ast.Field) tally {
	w.written.fields++
	aliased := 0
	if f.Alias != "" && f.Alias != f.Name {
		aliased = 1
		w.written.aliases++
	}
	for _, a := range f.Arguments {
		w.value(a.Value)
	}
	w.directives(f.Directives)
	var def *ast.FieldDefinition
	var typ *ast.Definition
	if parent != nil {
		if def = parent.Fields.ForName(f.Name); def != nil {
			typ = w.schema.Types[def.Type.Name()]
		}
	}
	in := w.set(typ, f.SelectionSet)
	t := tally{depth: in.depth + 1, fields: add(in.fields, 1), aliases: add(in.aliases, aliased)}
	switch {
	case typ != nil && typ.Name == "__Schema":
		// free, as in gqlgen: introspection is on or off as a whole
	case def != nil && strings.HasSuffix(def.Type.Name(), "Connection"):
		t.complexity = add(1, mul(in.complexity, w.pageSize(f)))
	case def != nil && def.Type.Elem != nil:
		// A list asked for by a list (nodes(ids:)) costs an item per entry.
		t.complexity = add(1, mul(in.complexity, max(w.longestList(f), 1)))
	default:
		t.complexity = add(1, in.complexity)
	}
	return t
}

// pageSize is the first or last a connection is asked with, within the page
// size limit (a larger one is refused by name after validation), or the
// limit when neither is given: that is the page defaultPageSize asks for.
func (w *walker) pageSize(f *ast.Field) int {
	for _, name := range []string{"first", "last"} {
		if a := f.Arguments.ForName(name); a != nil {
			if n, ok := wholeNumber(w.resolve(a.Value)); ok {
				return int(min(max(n, 1), int64(w.limits.PageSize)))
			}
		}
	}
	return w.limits.PageSize
}

// longestList is the length of f's longest list argument.
func (w *walker) longestList(f *ast.Field) int {
	n := 0
	for _, a := range f.Arguments {
		switch v := w.resolve(a.Value).(type) {
		case []any:
			n = max(n, len(v))
		}
	}
	return n
}

// resolve is an argument's value with variables read from the request as
// sent (not yet coerced: validation has not run) or their defaults.
func (w *walker) resolve(v *ast.Value) any {
	if v == nil {
		return nil
	}
	if v.Kind == ast.Variable {
		if x, ok := w.vars[v.Raw]; ok {
			return x
		}
		v = w.defaults[v.Raw]
		if v == nil || v.Kind == ast.Variable {
			return nil
		}
	}
	switch v.Kind {
	case ast.IntValue:
		n, err := strconv.ParseInt(v.Raw, 10, 64)
		if err != nil {
			return nil
		}
		return n
	case ast.ListValue:
		return make([]any, len(v.Children)) // only the length is read
	}
	return nil
}

// value refuses a list literal longer than the list limit, at any depth of
// an argument.
func (w *walker) value(v *ast.Value) {
	if v == nil || w.err != nil {
		return
	}
	if v.Kind == ast.ListValue && len(v.Children) > w.limits.ListLength {
		w.err = listRefusal(len(v.Children), w.limits.ListLength)
		return
	}
	for _, c := range v.Children {
		w.value(c.Value)
	}
}

func (w *walker) directives(ds ast.DirectiveList) {
	for _, d := range ds {
		for _, a := range d.Arguments {
			w.value(a.Value)
		}
	}
}

func listRefusal(n, limit int) *gqlerror.Error {
	return refusal(reasonList, "a list of %d values is longer than the list limit of %d", n, limit)
}

// checkListVariables refuses a list longer than limit anywhere in the
// variables as sent: nodes(ids: $ids) is bounded as nodes(ids: [...]) is.
func checkListVariables(vars map[string]any, limit int) *gqlerror.Error {
	var walk func(v any) *gqlerror.Error
	walk = func(v any) *gqlerror.Error {
		switch v := v.(type) {
		case []any:
			if len(v) > limit {
				return listRefusal(len(v), limit)
			}
			for _, x := range v {
				if err := walk(x); err != nil {
					return err
				}
			}
		case map[string]any:
			for _, x := range v {
				if err := walk(x); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(map[string]any(vars))
}

// errorCap bounds the errors of one answer: validation of a hostile
// document could otherwise answer one error per pair of its fields.
func errorCap(limit int) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp == nil || len(resp.Errors) <= limit {
			return resp
		}
		resp.Errors = append(resp.Errors[:limit-1:limit-1],
			refusal(reasonErrors, "more errors were left out (error limit %d)", limit))
		return resp
	}
}

// validationRules are gqlparser's rules with two changes. One validation
// reports at most limit+1 errors, so errorCap can say more were left out
// without gqlparser collecting them all. And without suggestions, no
// error says "Did you mean …": with introspection off, suggestions would
// spell out the schema to whoever guesses near a name.
func validationRules(limit int, suggestions bool) func() *rules.Rules {
	return func() *rules.Rules {
		base := rules.NewDefaultRules()
		if !suggestions {
			// Under the names of the rules they replace: gqlgen adds
			// FieldsOnCorrectType and ScalarLeafs unless a rule of that
			// name is there.
			for name, r := range map[string]core.Rule{
				"FieldsOnCorrectType": rules.FieldsOnCorrectTypeRuleWithoutSuggestions,
				"KnownArgumentNames":  rules.KnownArgumentNamesRuleWithoutSuggestions,
				"KnownTypeNames":      rules.KnownTypeNamesRuleWithoutSuggestions,
				"ScalarLeafs":         rules.ScalarLeafsRuleWithoutSuggestions,
				"ValuesOfCorrectType": rules.ValuesOfCorrectTypeRuleWithoutSuggestions,
			} {
				base.ReplaceRule(name, r.RuleFunc)
			}
		}
		reported := 0
		capped := rules.NewRules()
		for name, fn := range base.GetInner() {
			capped.AddRule(name, func(observers *core.Events, addError core.AddErrFunc) {
				fn(observers, func(options ...core.ErrorOption) {
					if reported <= limit {
						reported++
						addError(options...)
					}
				})
			})
		}
		return capped
	}
}
