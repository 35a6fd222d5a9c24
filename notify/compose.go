package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/notification"
)

// compose is the payload of a message: what the ticket is, the text a
// person reads, and for staff the usernames it is for. It carries no
// personal data of the citizen: a webhook receiver or a log line must not
// become a copy of the register.
func (o *Outbox) compose(ctx context.Context, tx *ent.Client, tn *ent.Tenant, m Message, aud notification.Audience) (map[string]any, error) {
	t := m.Ticket
	loc, err := time.LoadLocation(tn.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	dept := ""
	if t.DepartmentID != nil {
		d, err := tx.Department.Get(ctx, *t.DepartmentID)
		if err != nil {
			return nil, fmt.Errorf("notify: department: %w", err)
		}
		dept = d.Name
	}
	due := ""
	if t.DueAt != nil {
		// The due instant is 24:00 of the limit's last day; people read
		// the day itself.
		due = t.DueAt.Add(-time.Nanosecond).In(loc).Format("2006-01-02")
	}
	p := map[string]any{
		"event": string(m.Event), "ticketID": t.ID, "code": t.Code, "title": t.Title,
		"text": text(m.Event, t, dept, due, m.Note),
	}
	if dept != "" {
		p["department"] = dept
	}
	if t.DueAt != nil {
		p["dueAt"] = t.DueAt.In(loc).Format(time.RFC3339)
	}
	if m.Note != "" {
		p["note"] = m.Note
	}
	if aud != notification.AudienceCITIZEN {
		to, err := o.recipients(ctx, tx, t, m.Event, aud)
		if err != nil {
			return nil, err
		}
		p["to"] = to
	}
	return p, nil
}

// text is the message as a person reads it, in the words of a district
// office.
func text(ev notification.Event, t *ent.Ticket, dept, due, note string) string {
	switch ev {
	case Registered:
		return fmt.Sprintf("您的诉求已受理，案件编号 %s，可凭编号查询办理进度。", t.Code)
	case Dispatched:
		return fmt.Sprintf("您的诉求（%s）已转交%s办理。", t.Code, dept)
	case Replied:
		return fmt.Sprintf("您的诉求（%s）已答复，稍后将回访听取您的意见。", t.Code)
	case Closed:
		return fmt.Sprintf("您的诉求（%s）已办结，感谢您的支持。", t.Code)
	case Assigned:
		return fmt.Sprintf("工单 %s「%s」已派至%s，请于 %s 前办结。", t.Code, t.Title, dept, due)
	case Yellow:
		return fmt.Sprintf("黄灯：工单 %s「%s」已超过办理时限（%s），请督促%s办理。", t.Code, t.Title, due, dept)
	case Red:
		return fmt.Sprintf("红灯：工单 %s「%s」严重超期（时限 %s，承办 %s）。", t.Code, t.Title, due, dept)
	case Reminder:
		return fmt.Sprintf("工单 %s「%s」将于 %s 到期，请抓紧办理。", t.Code, t.Title, due)
	case Instructed:
		return fmt.Sprintf("领导对工单 %s「%s」作出批示：%s", t.Code, t.Title, note)
	case Supervised:
		return fmt.Sprintf("工单 %s「%s」已被督办：%s", t.Code, t.Title, note)
	case Warning:
		return fmt.Sprintf("预警：%s（涉及工单 %s「%s」等）", note, t.Code, t.Title)
	}
	return fmt.Sprintf("工单 %s：%s", t.Code, ev)
}
