package directory

// Free text — a ticket's body, what intake read, replies, notes, timeline
// reasons, notifications — may carry ID numbers and phone numbers. They are
// masked in the text columns (so search, keywords and statistics work on
// text that leaks nothing), and the clear text of each field that held a
// number is kept sealed in the row's text_sealed column. Callers who may
// read personal data get the clear text back through RevealText, audited;
// everyone else reads the stored, masked text.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"entgo.io/ent"

	"github.com/minsheng/minsheng/authz"
	entc "github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/rule"
	"github.com/minsheng/minsheng/viewer"
)

// sealText registers the sealing hook on every schema with the
// PersonalTextMixin; that mixin's own hook refuses writes that skip it.
func sealText(client *entc.Client, box *pii.Box) {
	h := textHook(box)
	client.Ticket.Use(h)
	client.Reply.Use(h)
	client.Callback.Use(h)
	client.TimelineEvent.Use(h)
	client.IntakeJob.Use(h)
	client.Notification.Use(h)
	client.Attachment.Use(h)
}

// textHook masks the ID and phone numbers in every text field a mutation
// sets and keeps the clear text of the fields that held one, sealed, in
// text_sealed. A changed field replaces its clear text there; a field set
// to text without numbers drops it.
func textHook(box *pii.Box) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if rule.TextSealed(ctx, m) {
				return next.Mutate(ctx, m) // registered twice: once is enough
			}
			ctx = rule.MarkTextSealed(ctx, m)
			fields := rule.FreeTextFields(m)
			if len(fields) == 0 && len(m.ClearedFields()) == 0 || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
				return next.Mutate(ctx, m)
			}
			if err := sealFields(ctx, box, m, fields); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}
}

func sealFields(ctx context.Context, box *pii.Box, m ent.Mutation, fields []string) error {
	clear := map[string]json.RawMessage{}
	hadSealed := false
	if !m.Op().Is(ent.OpCreate) {
		if !m.Op().Is(ent.OpUpdateOne) {
			// Each row keeps its own sealed copy, which a bulk update
			// cannot merge into.
			if len(fields) > 0 {
				return fmt.Errorf("directory: %s text fields %v must be changed one row at a time", m.Type(), fields)
			}
			return nil
		}
		old, err := m.OldField(ctx, rule.SealedTextField)
		if err != nil {
			return fmt.Errorf("directory: read sealed text of %s: %w", m.Type(), err)
		}
		if b, _ := old.([]byte); len(b) > 0 {
			if clear, err = openText(box, b); err != nil {
				return fmt.Errorf("directory: open sealed text of %s: %w", m.Type(), err)
			}
			hadSealed = true
		}
	}
	for _, f := range fields {
		v, _ := m.Field(f)
		masked, raw, found, err := maskValue(v)
		if err != nil {
			return fmt.Errorf("directory: mask %s.%s: %w", m.Type(), f, err)
		}
		if !found {
			delete(clear, f)
			continue
		}
		if err := m.SetField(f, masked); err != nil {
			return err
		}
		clear[f] = raw
	}
	for _, f := range m.ClearedFields() {
		delete(clear, f)
	}
	if len(clear) == 0 {
		if hadSealed {
			return m.ClearField(rule.SealedTextField)
		}
		return nil
	}
	plain, err := json.Marshal(clear)
	if err != nil {
		return err
	}
	sealed, err := box.Seal(string(plain))
	if err != nil {
		return err
	}
	return m.SetField(rule.SealedTextField, sealed)
}

func openText(box *pii.Box, sealed []byte) (map[string]json.RawMessage, error) {
	plain, err := box.Open(sealed)
	if err != nil {
		return nil, err
	}
	out := map[string]json.RawMessage{}
	if err := json.Unmarshal([]byte(plain), &out); err != nil {
		return nil, err
	}
	return out, nil
}

// maskValue masks the numbers in a text field's value: a string, or a JSON
// value whose strings are masked wherever they are. It returns the masked
// value of the same type, and the clear value as JSON when it found any.
func maskValue(v any) (masked any, clear json.RawMessage, found bool, err error) {
	if s, ok := v.(string); ok {
		out, found := pii.MaskText(s)
		if !found {
			return v, nil, false, nil
		}
		raw, err := json.Marshal(s)
		return out, raw, true, err
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, nil, false, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // an ID kept as a number must come back exact
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, false, err
	}
	doc, found = maskJSON(doc)
	if !found {
		return v, nil, false, nil
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return nil, nil, false, err
	}
	typed := reflect.New(reflect.TypeOf(v))
	if err := json.Unmarshal(out, typed.Interface()); err != nil {
		return nil, nil, false, err
	}
	return typed.Elem().Interface(), raw, true, nil
}

// maskJSON masks every string in a decoded JSON value (not the keys: they
// are the program's names).
func maskJSON(v any) (any, bool) {
	switch v := v.(type) {
	case string:
		return pii.MaskText(v)
	case map[string]any:
		found := false
		for k, e := range v {
			m, f := maskJSON(e)
			v[k], found = m, found || f
		}
		return v, found
	case []any:
		found := false
		for i, e := range v {
			m, f := maskJSON(e)
			v[i], found = m, found || f
		}
		return v, found
	}
	return v, false
}

// Subject names a row holding free text, for the audit log: its type as
// the API names it, its ID and its sealed text. A row read with only some
// of its columns (GraphQL field collection selects what a request asks
// for) may lack the sealed text: Load reads it then.
type Subject struct {
	Type   string
	ID     int
	Sealed []byte
	Load   func(context.Context) ([]byte, error)
}

// RevealText returns a text field of subject as the caller may read it:
// the stored, masked text for callers without pii:read or pii:read_held,
// and the clear text for those with either, once the read is audited.
// pii:read_held suffices because these rows are only visible to callers
// who see their ticket. Only a field that held a number is audited, once
// per request (see WithRevealMemo). field is the column name, e.g. body.
func (s *Service) RevealText(ctx context.Context, sub Subject, field, stored string) (string, error) {
	if !strings.Contains(stored, "*") {
		return stored, nil // masking leaves stars: nothing was masked here
	}
	raw, err := s.revealRaw(ctx, sub, field)
	if err != nil || raw == nil {
		return stored, err
	}
	var clear string
	if err := json.Unmarshal(raw, &clear); err != nil {
		return "", fmt.Errorf("directory: sealed %s of %s %d: %w", field, sub.Type, sub.ID, err)
	}
	return clear, nil
}

// RevealJSON is RevealText for a JSON field: it decodes the clear value
// into out when the caller may read it, and reports whether it did; out is
// left alone (the caller uses the stored, masked value) otherwise.
func (s *Service) RevealJSON(ctx context.Context, sub Subject, field string, out any) (bool, error) {
	raw, err := s.revealRaw(ctx, sub, field)
	if err != nil || raw == nil {
		return false, err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return false, fmt.Errorf("directory: sealed %s of %s %d: %w", field, sub.Type, sub.ID, err)
	}
	return true, nil
}

// revealRaw is the one decision: the clear JSON of field, or nil for the
// stored value.
func (s *Service) revealRaw(ctx context.Context, sub Subject, field string) (json.RawMessage, error) {
	if !s.mayRevealText(ctx) {
		return nil, nil
	}
	if len(sub.Sealed) == 0 && sub.Load != nil {
		var err error
		if sub.Sealed, err = sub.Load(ctx); err != nil {
			return nil, fmt.Errorf("directory: load sealed text of %s %d: %w", sub.Type, sub.ID, err)
		}
	}
	if len(sub.Sealed) == 0 {
		return nil, nil
	}
	clear, err := openText(s.box, sub.Sealed)
	if err != nil {
		return nil, fmt.Errorf("directory: open sealed text of %s %d: %w", sub.Type, sub.ID, err)
	}
	raw, ok := clear[field]
	if !ok {
		return nil, nil
	}
	if err := s.auditText(ctx, sub, field); err != nil {
		return nil, err
	}
	return raw, nil
}

func (s *Service) mayRevealText(ctx context.Context) bool {
	return s.authz.Can(ctx, authz.ObjPII, "read") || s.authz.Can(ctx, authz.ObjPII, "read_held")
}

// auditText writes the audit record of a clear read, once per subject and
// field in a request that carries a memo. If it cannot be written, the
// text is not revealed.
func (s *Service) auditText(ctx context.Context, sub Subject, field string) error {
	key := fmt.Sprintf("%s:%d:%s", sub.Type, sub.ID, field)
	memo, _ := ctx.Value(revealMemoKey{}).(*revealMemo)
	if memo != nil {
		// Taken before the write: the fields of one request resolve
		// concurrently.
		memo.mu.Lock()
		done := memo.audited[key]
		memo.audited[key] = true
		memo.mu.Unlock()
		if done {
			return nil
		}
	}
	v := viewer.FromContext(ctx)
	err := s.client.AuditLog.Create().
		SetActorName(v.Name).SetActorID(v.UserID).SetAction("pii.read").
		SetSubjectType(sub.Type).SetSubjectID(sub.ID).SetField(field).
		Exec(ctx)
	if err != nil {
		if memo != nil {
			memo.mu.Lock()
			delete(memo.audited, key)
			memo.mu.Unlock()
		}
		return fmt.Errorf("directory: audit: %w", err)
	}
	return nil
}

type revealMemoKey struct{}

type revealMemo struct {
	mu      sync.Mutex
	audited map[string]bool
}

// WithRevealMemo returns a context in which each clear read of a text
// field is audited once, however often the request reads it (a ticket and
// its duplicate in one page, aliases). Give it to one request.
func WithRevealMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, revealMemoKey{}, &revealMemo{audited: map[string]bool{}})
}
