package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/attachment"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/reply"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
)

// text resolves a free-text field through directory.RevealText: masked for
// callers who may not read personal data, clear (and audited) for those
// who may.
func (r *Resolver) text(ctx context.Context, row ent.Noder, field, stored string) (string, error) {
	return r.Directory.RevealText(ctx, r.subject(row), field, stored)
}

// textMap is text for a JSON object field.
func (r *Resolver) textMap(ctx context.Context, row ent.Noder, field string, stored map[string]any) (map[string]any, error) {
	if b, _ := json.Marshal(stored); !strings.Contains(string(b), "*") {
		return stored, nil
	}
	var clear map[string]any
	ok, err := r.Directory.RevealJSON(ctx, r.subject(row), field, stored, &clear)
	if err != nil || !ok {
		return stored, err
	}
	return clear, nil
}

// subject names row for the directory, with a way to read its sealed text
// when the row was loaded without it: GraphQL field collection selects
// only the columns a request names, and the sealed one is never named.
func (r *Resolver) subject(row ent.Noder) directory.Subject {
	c := r.Client
	switch v := row.(type) {
	case *ent.Ticket:
		return directory.Subject{Type: "Ticket", ID: v.ID, Sealed: v.TextSealed,
			Load: scanSealed(c.Ticket.Query().Where(ticket.ID(v.ID)).Select(ticket.FieldTextSealed))}
	case *ent.Reply:
		return directory.Subject{Type: "Reply", ID: v.ID, Sealed: v.TextSealed,
			Load: scanSealed(c.Reply.Query().Where(reply.ID(v.ID)).Select(reply.FieldTextSealed))}
	case *ent.Callback:
		return directory.Subject{Type: "Callback", ID: v.ID, Sealed: v.TextSealed,
			Load: scanSealed(c.Callback.Query().Where(callback.ID(v.ID)).Select(callback.FieldTextSealed))}
	case *ent.TimelineEvent:
		return directory.Subject{Type: "TimelineEvent", ID: v.ID, Sealed: v.TextSealed,
			Load: scanSealed(c.TimelineEvent.Query().Where(timelineevent.ID(v.ID)).Select(timelineevent.FieldTextSealed))}
	case *ent.IntakeJob:
		return directory.Subject{Type: "IntakeJob", ID: v.ID, Sealed: v.TextSealed,
			Load: scanSealed(c.IntakeJob.Query().Where(intakejob.ID(v.ID)).Select(intakejob.FieldTextSealed))}
	case *ent.Notification:
		return directory.Subject{Type: "Notification", ID: v.ID, Sealed: v.TextSealed,
			Load: scanSealed(c.Notification.Query().Where(notification.ID(v.ID)).Select(notification.FieldTextSealed))}
	case *ent.Attachment:
		return directory.Subject{Type: "Attachment", ID: v.ID, Sealed: v.TextSealed,
			Load: scanSealed(c.Attachment.Query().Where(attachment.ID(v.ID)).Select(attachment.FieldTextSealed))}
	}
	// A type without sealed text reveals nothing: its stored text is shown.
	return directory.Subject{Type: fmt.Sprintf("%T", row)}
}

// scanSealed reads the sealed text a selection of one row names.
func scanSealed(sel interface {
	Scan(context.Context, any) error
}) func(context.Context) ([]byte, error) {
	return func(ctx context.Context) ([]byte, error) {
		var rows []struct {
			TextSealed []byte `json:"text_sealed"`
		}
		if err := sel.Scan(ctx, &rows); err != nil || len(rows) == 0 {
			return nil, err
		}
		return rows[0].TextSealed, nil
	}
}
