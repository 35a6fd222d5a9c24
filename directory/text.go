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
	"github.com/minsheng/minsheng/ent/attachment"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/reply"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
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
			if !m.Op().Is(ent.OpCreate) && len(fields) == 0 && len(m.ClearedFields()) == 0 || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
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
	hadSealed := false // the row has clear text sealed that this change may drop
	if !m.Op().Is(ent.OpCreate) {
		old, ok, err := oldSealed(ctx, m, fields)
		if err != nil || !ok {
			return err
		}
		if len(old) > 0 {
			if clear, err = openText(box, old); err != nil {
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
	if len(clear) == 0 && !hadSealed && !m.Op().Is(ent.OpCreate) {
		return nil
	}
	sealed, err := sealClear(box, clear)
	if err != nil {
		return err
	}
	return m.SetField(rule.SealedTextField, sealed)
}

// oldSealed reads the sealed text of the row an update changes, and says
// whether the update may replace it. A bulk update is one row in practice
// (workflow's version check: id and version); one that matches several
// rows cannot merge into each row's own copy, so it may only write text
// without numbers, masked as it is, leaving the copies alone (a copy that
// no longer matches its text is never shown: see revealRaw).
func oldSealed(ctx context.Context, m ent.Mutation, fields []string) ([]byte, bool, error) {
	if m.Op().Is(ent.OpUpdateOne) {
		old, err := m.OldField(ctx, rule.SealedTextField)
		if err != nil {
			return nil, false, fmt.Errorf("directory: read sealed text of %s: %w", m.Type(), err)
		}
		b, _ := old.([]byte)
		return b, true, nil
	}
	if len(fields) == 0 {
		return nil, false, nil
	}
	ider, ok := m.(interface {
		IDs(context.Context) ([]int, error)
	})
	if !ok {
		return nil, false, fmt.Errorf("directory: %s cannot name the rows it changes", m.Type())
	}
	ids, err := ider.IDs(ctx)
	if err != nil {
		return nil, false, err
	}
	if len(ids) == 1 {
		b, err := loadSealed(ctx, m, ids[0])
		return b, err == nil, err
	}
	for _, f := range fields {
		v, _ := m.Field(f)
		if _, _, found, err := maskValue(v); err != nil || found {
			return nil, false, fmt.Errorf("directory: %s text with numbers must be changed one row at a time", m.Type())
		}
	}
	return nil, false, nil
}

// loadSealed reads the sealed text of one row of m's type, in m's
// transaction.
func loadSealed(ctx context.Context, m ent.Mutation, id int) ([]byte, error) {
	var sel interface {
		Scan(context.Context, any) error
	}
	switch m := m.(type) {
	case *entc.TicketMutation:
		sel = m.Client().Ticket.Query().Where(ticket.ID(id)).Select(ticket.FieldTextSealed)
	case *entc.ReplyMutation:
		sel = m.Client().Reply.Query().Where(reply.ID(id)).Select(reply.FieldTextSealed)
	case *entc.CallbackMutation:
		sel = m.Client().Callback.Query().Where(callback.ID(id)).Select(callback.FieldTextSealed)
	case *entc.TimelineEventMutation:
		sel = m.Client().TimelineEvent.Query().Where(timelineevent.ID(id)).Select(timelineevent.FieldTextSealed)
	case *entc.IntakeJobMutation:
		sel = m.Client().IntakeJob.Query().Where(intakejob.ID(id)).Select(intakejob.FieldTextSealed)
	case *entc.NotificationMutation:
		sel = m.Client().Notification.Query().Where(notification.ID(id)).Select(notification.FieldTextSealed)
	case *entc.AttachmentMutation:
		sel = m.Client().Attachment.Query().Where(attachment.ID(id)).Select(attachment.FieldTextSealed)
	default:
		return nil, fmt.Errorf("directory: no sealed text on %s", m.Type())
	}
	var rows []struct {
		TextSealed []byte `json:"text_sealed"`
	}
	if err := sel.Scan(ctx, &rows); err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0].TextSealed, nil
}

// sealClear seals the clear text of the fields that held a number. With
// none it gives an empty, non-NULL value: NULL marks a row written before
// text was masked, which SealStoredText still has to mask.
func sealClear(box *pii.Box, clear map[string]json.RawMessage) ([]byte, error) {
	if len(clear) == 0 {
		return []byte{}, nil
	}
	plain, err := json.Marshal(clear)
	if err != nil {
		return nil, err
	}
	return box.Seal(string(plain))
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
	if masked, _ := pii.MaskText(clear); masked != stored {
		return stored, nil // the copy is older than the text
	}
	return clear, nil
}

// RevealJSON is RevealText for a JSON field stored as stored: it decodes
// the clear value into out when the caller may read it, and reports
// whether it did; out is left alone (the caller uses the stored, masked
// value) otherwise.
func (s *Service) RevealJSON(ctx context.Context, sub Subject, field string, stored, out any) (bool, error) {
	raw, err := s.revealRaw(ctx, sub, field)
	if err != nil || raw == nil {
		return false, err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return false, fmt.Errorf("directory: sealed %s of %s %d: %w", field, sub.Type, sub.ID, err)
	}
	// The copy must be of the stored value: masked again, it is that value.
	masked, _, _, err := maskValue(reflect.ValueOf(out).Elem().Interface())
	if err != nil {
		return false, err
	}
	a, errA := json.Marshal(masked)
	b, errB := json.Marshal(stored)
	if errA != nil || errB != nil || !bytes.Equal(a, b) {
		return false, nil
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

// auditText records the clear read of a text field: once per subject and
// field in a request that carries a memo, where it waits for FlushReveals
// (one insert for the whole answer, which is held back until it is
// written); at once otherwise. If it cannot be written, the text is not
// revealed.
func (s *Service) auditText(ctx context.Context, sub Subject, field string) error {
	key := fmt.Sprintf("%s:%d:%s", sub.Type, sub.ID, field)
	if memo, _ := ctx.Value(revealMemoKey{}).(*revealMemo); memo != nil {
		// The fields of one request resolve concurrently.
		memo.mu.Lock()
		defer memo.mu.Unlock()
		if !memo.audited[key] {
			memo.audited[key] = true
			memo.pending = append(memo.pending, pendingRead{sub.Type, sub.ID, field})
		}
		return nil
	}
	v := viewer.FromContext(ctx)
	err := s.client.AuditLog.Create().
		SetActorName(v.Name).SetActorID(v.UserID).SetAction("pii.read").
		SetSubjectType(sub.Type).SetSubjectID(sub.ID).SetField(field).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("directory: audit: %w", err)
	}
	return nil
}

// FlushReveals writes the audit records of the clear reads a request's
// memo collected, in one insert. The caller must not send the answer when
// it fails: the clear text would leave without its record.
func (s *Service) FlushReveals(ctx context.Context) error {
	memo, _ := ctx.Value(revealMemoKey{}).(*revealMemo)
	if memo == nil {
		return nil
	}
	memo.mu.Lock()
	pending := memo.pending
	memo.pending = nil
	memo.mu.Unlock()
	if len(pending) == 0 {
		return nil
	}
	v := viewer.FromContext(ctx)
	rows := make([]*entc.AuditLogCreate, len(pending))
	for i, p := range pending {
		rows[i] = s.client.AuditLog.Create().
			SetActorName(v.Name).SetActorID(v.UserID).SetAction("pii.read").
			SetSubjectType(p.typ).SetSubjectID(p.id).SetField(p.field)
	}
	if err := s.client.AuditLog.CreateBulk(rows...).Exec(ctx); err != nil {
		return fmt.Errorf("directory: audit: %w", err)
	}
	return nil
}

type revealMemoKey struct{}

type pendingRead struct {
	typ   string
	id    int
	field string
}

type revealMemo struct {
	mu      sync.Mutex
	audited map[string]bool
	pending []pendingRead
}

// WithRevealMemo returns a context in which each clear read of a text
// field is audited once, however often the request reads it (a ticket and
// its duplicate in one page, aliases). Give it to one request.
func WithRevealMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, revealMemoKey{}, &revealMemo{audited: map[string]bool{}})
}

// MayReadPersonalData reports whether the caller may read personal data in
// clear on what it can see: with pii:read, or pii:read_held (rows reached
// through a ticket are only visible to callers who see that ticket). An
// ID card's image shows the whole number, so opening one asks this.
func (s *Service) MayReadPersonalData(ctx context.Context) bool { return s.mayRevealText(ctx) }
