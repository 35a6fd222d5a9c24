package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/graph"
	"github.com/minsheng/minsheng/store/storetest"
)

// withDefaults serves with the server's default limits (apptest's are
// more generous).
func withDefaults(t *testing.T) *apptest.Env {
	cfg := apptest.Config(t, storetest.Backend{Name: "sqlite"})
	limits := graph.DefaultLimits
	limits.Introspection, limits.UploadSize = true, cfg.GraphQL.UploadSize
	cfg.GraphQL = limits
	e := apptest.Start(t, cfg)
	if err := e.App.Seeder().Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e
}

// postRaw sends body anonymously and returns the answer and its size.
func postRaw(t *testing.T, e *apptest.Env, body []byte) (*apptest.Response, int) {
	t.Helper()
	res, err := e.Server.Client().Post(e.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := &apptest.Response{Status: res.StatusCode}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("answer is not JSON (status %d): %.300s", res.StatusCode, raw)
	}
	return out, len(raw)
}

// repeat joins n copies of format, each given its index.
func repeat(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// Hostile documents, sent by an anonymous caller with the server's default
// limits, are refused by the limit they exceed with a small answer: one
// error, a few hundred bytes. Before, the first held a core for minutes
// (this test's timeout is its failure then), the second answered 34 MB of
// errors, the others were run.
func TestLimitHostileDocumentsAreRefusedBeforeValidation(t *testing.T) {
	e := withDefaults(t)
	var spreads strings.Builder // 1.3 KB: 40 fragments, each spreading the next twice
	spreads.WriteString("{ ...F0 }")
	for i := range 39 {
		fmt.Fprintf(&spreads, " fragment F%d on Query { ...F%d ...F%d }", i, i+1, i+1)
	}
	spreads.WriteString(" fragment F39 on Query { __typename }")
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprintf("id%d", i)
	}
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		reason      string
		words       []string
	}{
		{"nested fragment spreads", spreads.String(), nil, "COMPLEXITY_LIMIT", []string{"complexity limit of 5000"}},
		{"fragment cycle", `{ ...A } fragment A on Query { ...B } fragment B on Query { me { id } ...A }`, nil,
			"FRAGMENT_CYCLE", []string{"spreads itself"}},
		{"15 KB of one field with differing arguments",
			"{" + repeat(700, ` node(id: "%04d") { id }`) + " }", nil, "FIELD_LIMIT", []string{"1400 fields", "field limit of 500"}},
		{"many aliases", "{" + repeat(51, " a%d: __typename") + " }", nil, "ALIAS_LIMIT", []string{"51 aliased", "alias limit of 50"}},
		{"many fragments", "{ ...F0 }" + repeat(51, " fragment F%d on Query { __typename }"), nil,
			"FRAGMENT_LIMIT", []string{"51 fragments", "fragment limit of 50"}},
		{"long list literal", `{ nodes(ids: ["` + strings.Join(ids, `", "`) + `"]) { id } }`, nil,
			"LIST_LIMIT", []string{"101 values", "list limit of 100"}},
		{"long list variable", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids},
			"LIST_LIMIT", []string{"101 values", "list limit of 100"}},
		{"long list inside an input", `query($w: TicketWhereInput) { tickets(where: $w) { totalCount } }`,
			map[string]any{"w": map[string]any{"idIn": ids}}, "LIST_LIMIT", []string{"list limit of 100"}},
		// Refused unparsed: a document that does not even parse is
		// refused for its size, not its syntax.
		{"query over 32 KiB", "{" + strings.Repeat(" __typename(", 3000), nil, "QUERY_SIZE_LIMIT",
			[]string{"36001 bytes", "query size limit of 32768 bytes"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, size := postRaw(t, e, graphqlBody(c.query, c.vars))
			wantError(t, r, "BAD_USER_INPUT", c.words...)
			if got := r.Errors[0].Extensions["reason"]; got != c.reason {
				t.Errorf("reason %v, want %s", got, c.reason)
			}
			if len(r.Errors) != 1 || size > 1000 {
				t.Errorf("%d errors in %d bytes, want one small error", len(r.Errors), size)
			}
		})
	}
}

// A document within the caps that validation still refuses answers at most
// the error limit of errors, the last saying more were left out: 250
// fields asking for one name with differing arguments conflict pairwise
// (31,125 conflicts).
func TestLimitValidationErrorsAreCapped(t *testing.T) {
	e := apptest.New(t, storetest.Backend{Name: "sqlite"})
	r, size := postRaw(t, e, graphqlBody("{"+repeat(250, ` node(id: "%d") { id }`)+" }", nil))
	wantError(t, r, "BAD_USER_INPUT", "conflict")
	if len(r.Errors) != 50 || size > 50_000 {
		t.Fatalf("%d errors in %d bytes, want 50 in a small answer", len(r.Errors), size)
	}
	last := r.Errors[len(r.Errors)-1]
	if last.Extensions["reason"] != "ERROR_LIMIT" || !strings.Contains(last.Message, "error limit 50") {
		t.Fatalf("last error %+v, want the note that more were left out", last)
	}
}

// What clients really send passes the default caps: the explorer's
// introspection query and a page of tickets with fragments.
func TestLimitOrdinaryDocumentsPass(t *testing.T) {
	e := withDefaults(t)
	token := e.Login(t, "demo-a", "dispatcher")
	for name, q := range map[string]string{
		"explorer": `{__schema{types{name kind description fields{name description type{kind name ofType{kind name ofType{kind name ofType{kind name}}}}}}}}`,
		"ticket page": `query($first: Int!) { tickets(first: $first) { totalCount edges { node { ...Row } } pageInfo { hasNextPage endCursor } } }
			fragment Row on Ticket { id code title status channel createdAt category { ...Named } department { ...Named } citizen { name phone } }
			fragment Named on Node { id ... on Category { name } ... on Department { name } }`,
	} {
		r := e.Do(t, token, q, map[string]any{"first": 100})
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", name, r.Errors)
		}
	}
}

// With introspection off, no error suggests a name the caller did not
// write: "Did you mean …" would spell out the schema. With it on, they
// help whoever uses the explorer, and reveal nothing introspection does not.
func TestLimitNoSuggestionsWithoutIntrospection(t *testing.T) {
	guesses := []string{
		`{ me { usernam } }`,                                               // field
		`{ tickets(firts: 1) { totalCount } }`,                             // argument
		`{ tickets(orderBy: {field: CREATED_A}) { totalCount } }`,          // enum value
		`query($w: TicketWhereInpu) { tickets(where: $w) { totalCount } }`, // type
		`{ tickets(where: {statu: REGISTERED}) { totalCount } }`,           // input field
	}
	for _, introspection := range []bool{true, false} {
		cfg := apptest.Config(t, storetest.Backend{Name: "sqlite"})
		cfg.GraphQL.Introspection = introspection
		e := apptest.Start(t, cfg)
		suggested := 0
		for _, q := range guesses {
			r := e.Do(t, "", q, nil)
			wantError(t, r, "BAD_USER_INPUT")
			for _, err := range r.Errors {
				if strings.Contains(err.Message, "Did you mean") {
					suggested++
					if !introspection {
						t.Errorf("%s: %q", q, err.Message)
					}
				}
			}
		}
		if introspection && suggested < 4 {
			t.Errorf("with introspection, %d of %d guesses got a suggestion, want 4 (all but the type)", suggested, len(guesses))
		}
	}
}
