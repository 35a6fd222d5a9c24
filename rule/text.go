package rule

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"time"

	"entgo.io/ent"
)

// SealedTextField is the column in which a row keeps its free text in
// clear, sealed, for the fields whose text held an ID or phone number; the
// text columns themselves keep it masked. The schemas add it with their
// PersonalTextMixin.
const SealedTextField = "text_sealed"

// notText are string fields of personal-text schemas that are not text a
// person wrote but keys the program matches on, which must never change:
// a tracking token the citizen holds, a file's hash (hex can hold a digit
// run that looks like a number), an event's key, codes and names of
// states. Every other string or JSON field is masked, so a new text field
// is protected without anyone remembering to.
var notText = map[string]bool{
	SealedTextField: true, "tracking_token": true, "sha256": true, "key": true, "code": true,
	"content_type": true, "kind": true, "provider": true, "action": true, "from_status": true, "to_status": true,
}

// ErrTextNotSealed refuses a write of free text that did not pass the
// sealing hook: a client built without it would store personal data in
// clear.
var ErrTextNotSealed = errors.New("rule: free text written without the personal-data seal; build the client through directory.New")

type textSealedKey struct{}

// MarkTextSealed tells RequireSealedText that m passed the sealing hook.
func MarkTextSealed(ctx context.Context, m ent.Mutation) context.Context {
	return context.WithValue(ctx, textSealedKey{}, m)
}

// TextSealed reports whether m passed the sealing hook.
func TextSealed(ctx context.Context, m ent.Mutation) bool {
	return ctx.Value(textSealedKey{}) == m
}

// IsTextColumn reports whether a string or JSON column of a personal-text
// schema holds free text (see FreeTextFields).
func IsTextColumn(name string) bool { return !notText[name] }

// FreeTextFields lists the fields m sets that may hold text a person
// wrote: plain strings and JSON values (maps, lists, documents). Enums,
// times, numbers and bytes are not text.
func FreeTextFields(m ent.Mutation) []string {
	var out []string
	for _, f := range m.Fields() {
		if notText[f] {
			continue
		}
		if v, ok := m.Field(f); ok && isText(v) {
			out = append(out, f)
		}
	}
	return out
}

var (
	stringType = reflect.TypeFor[string]()
	timeType   = reflect.TypeFor[time.Time]()
)

func isText(v any) bool {
	t := reflect.TypeOf(v)
	if t == nil {
		return false
	}
	switch t.Kind() {
	case reflect.String:
		return t == stringType // an enum has a type of its own
	case reflect.Map:
		return true
	case reflect.Slice:
		return t.Elem().Kind() != reflect.Uint8
	case reflect.Pointer:
		return t.Elem().Kind() == reflect.Struct && t.Elem() != timeType
	}
	return false
}

// RequireSealedText is the hook of every schema holding free text: a
// create or update that sets a text field must have passed the sealing
// hook (directory registers it on the client), or it is refused.
func RequireSealedText() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if !m.Op().Is(ent.OpDelete|ent.OpDeleteOne) && !TextSealed(ctx, m) && len(FreeTextFields(m)) > 0 {
				return nil, ErrTextNotSealed
			}
			return next.Mutate(ctx, m)
		})
	}
}

// SelectSealedText is the query interceptor of the schemas with personal
// text: a query that names its columns (GraphQL asks only for the fields a
// request reads) also reads the sealed copy, so a caller who may read the
// clear text gets it from the row in hand instead of one more query per
// row.
func SelectSealedText() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			qc := ent.QueryFromContext(ctx)
			if qc != nil && len(qc.Fields) > 0 && readsRows(qc.Op) && !slices.Contains(qc.Fields, SealedTextField) {
				qc.Fields = append(qc.Fields, SealedTextField)
			}
			return next.Query(ctx, q)
		})
	})
}

// readsRows reports whether a query operation loads whole rows (not a
// count, an existence test or a list of IDs).
func readsRows(op string) bool {
	switch op {
	case ent.OpQueryAll, ent.OpQueryFirst, ent.OpQueryOnly:
		return true
	}
	return false
}
