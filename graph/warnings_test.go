package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/warning"
	rules "github.com/minsheng/minsheng/insight/warning"
	"github.com/minsheng/minsheng/store/storetest"
)

// raiseTestWarning raises a group-case warning about tickets of tenant a, as
// the group-case rule would, and answers its ID.
func raiseTestWarning(t *testing.T, e *apptest.Env, a demoTenant, key string, tickets ...int) int {
	t.Helper()
	_, err := e.App.Workflow.RaiseFindings(context.Background(), a.id, []rules.Finding{{
		Kind: rules.GroupCase, Level: 2, Reason: "测试群体件 " + key, Key: "test:" + key, TicketIDs: tickets,
	}})
	if err != nil {
		t.Fatal(err)
	}
	return e.App.DB.Client.Warning.Query().Where(warning.Key("test:" + key)).OnlyIDX(a.ctx)
}

type warningPage struct {
	Warnings struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				ID             string
				Kind           string
				Level          int
				Reason         string
				AcknowledgedAt *string
				Tickets        []struct{ ID string }
			}
		}
	}
}

func TestWarningsRowScopeTenancyAndAcknowledgement(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		b1 := readDemoTenant(t, e, "demo-b")
		c := e.App.DB.Client
		tok := tokens(t, e)
		housing := c.Ticket.Query().Where(ticket.DepartmentID(a.housing)).FirstIDX(a.ctx)
		other := c.Ticket.Query().Where(ticket.DepartmentIDNEQ(a.housing), ticket.DepartmentIDNotNil()).FirstIDX(a.ctx)
		both := raiseTestWarning(t, e, a, "both", housing, other)
		elsewhere := raiseTestWarning(t, e, a, "elsewhere", other)

		// Each warning is in the outbox once, and on its tickets' timelines.
		for _, id := range []int{both, elsewhere} {
			if n := c.Notification.Query().Where(notification.EventEQ(notification.EventWARNING),
				notification.Key(fmt.Sprintf("WARNING:%d", id))).CountX(a.ctx); n != 1 {
				t.Errorf("warning %d is in the outbox %d times", id, n)
			}
		}

		list := func(who, where string) warningPage {
			var out warningPage
			e.Do(t, tok[who], `{ warnings(first:50`+where+`) { totalCount edges { node { id kind level reason acknowledgedAt tickets { id } } } } }`, nil).Decode(t, &out)
			return out
		}
		// The dispatcher sees both with all their tickets; the department
		// leader of 住建局 only the one touching his department, with only
		// his department's ticket.
		if got := list("dispatcher", ""); got.Warnings.TotalCount < 2 {
			t.Fatalf("dispatcher sees %d warnings", got.Warnings.TotalCount)
		}
		dl := list("dept_leader", "")
		if dl.Warnings.TotalCount != 1 || dl.Warnings.Edges[0].Node.ID != fmt.Sprint(both) ||
			len(dl.Warnings.Edges[0].Node.Tickets) != 1 || dl.Warnings.Edges[0].Node.Tickets[0].ID != fmt.Sprint(housing) {
			t.Fatalf("dept leader sees %+v", dl)
		}
		if r := e.Do(t, tok["dept_leader"], `mutation { acknowledgeWarning(id:`+q(elsewhere)+`) { id } }`, nil); r.Code() != "NOT_FOUND" {
			t.Fatalf("dept leader acknowledged another department's warning: %s", r.Code())
		}

		// Acknowledging: once, with its note masked; the filter follows.
		var ack struct {
			AcknowledgeWarning struct{ AcknowledgedAt *string }
		}
		e.Do(t, tok["leader"], `mutation { acknowledgeWarning(id:`+q(both)+`, note:"已联系13851112222") { acknowledgedAt } }`, nil).Decode(t, &ack)
		if ack.AcknowledgeWarning.AcknowledgedAt == nil {
			t.Fatal("not acknowledged")
		}
		if w := c.Warning.GetX(a.ctx, both); strings.Contains(w.Note, "13851112222") || w.AcknowledgedByID == nil {
			t.Fatalf("stored acknowledgement: %+v", w)
		}
		// The dispatchers see who acknowledged it, by name.
		var by struct {
			Warnings struct {
				Edges []struct {
					Node struct {
						ID             string
						AcknowledgedBy *struct{ Username, DisplayName string }
					}
				}
			}
		}
		e.Do(t, tok["dispatcher"], `{ warnings(first:50, where:{acknowledged:true}) { edges { node { id acknowledgedBy { username displayName } } } } }`, nil).Decode(t, &by)
		if len(by.Warnings.Edges) != 1 || by.Warnings.Edges[0].Node.ID != fmt.Sprint(both) ||
			by.Warnings.Edges[0].Node.AcknowledgedBy == nil || by.Warnings.Edges[0].Node.AcknowledgedBy.Username != "leader" ||
			by.Warnings.Edges[0].Node.AcknowledgedBy.DisplayName == "" {
			t.Fatalf("acknowledgedBy for the dispatcher: %+v", by)
		}
		if got := list("dept_leader", `, where:{acknowledged:false}`); got.Warnings.TotalCount != 0 {
			t.Fatalf("unacknowledged for the dept leader: %+v", got)
		}
		if got := list("dept_leader", `, where:{acknowledged:true, kind:GROUP_CASE}`); got.Warnings.TotalCount != 1 {
			t.Fatalf("acknowledged group cases for the dept leader: %+v", got)
		}

		// Another tenant sees none of it and changes none of it.
		tokB := e.Login(t, "demo-b", "leader")
		var bList warningPage
		e.Do(t, tokB, `{ warnings(first:50) { totalCount edges { node { id } } } }`, nil).Decode(t, &bList)
		for _, edge := range bList.Warnings.Edges {
			if edge.Node.ID == fmt.Sprint(both) || edge.Node.ID == fmt.Sprint(elsewhere) {
				t.Fatalf("demo-b's leader sees demo-a's warning %s", edge.Node.ID)
			}
		}
		if r := e.Do(t, tokB, `mutation { acknowledgeWarning(id:`+q(elsewhere)+`) { id } }`, nil); r.Code() != "NOT_FOUND" {
			t.Fatalf("demo-b acknowledged demo-a's warning: %s", r.Code())
		}
		var item struct{ AddWatchItem struct{ ID string } }
		e.Do(t, tok["admin"], `mutation { addWatchItem(input:{kind:PLACE, words:["化工园"], reason:"园区", level:2}) { id } }`, nil).Decode(t, &item)
		if r := e.Do(t, e.Login(t, "demo-b", "admin"), `mutation { removeWatchItem(id:"`+item.AddWatchItem.ID+`") }`, nil); r.Code() != "NOT_FOUND" {
			t.Fatalf("demo-b removed demo-a's watch item: %s", r.Code())
		}
		var bItems struct{ WatchItems struct{ TotalCount int } }
		e.Do(t, e.Login(t, "demo-b", "admin"), `{ watchItems(first:10) { totalCount } }`, nil).Decode(t, &bItems)
		if bItems.WatchItems.TotalCount != 0 {
			t.Fatalf("demo-b sees %d watch items", bItems.WatchItems.TotalCount)
		}
		_ = b1
	})
}

func TestWatchedPersonNumbersNeverComeBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		tok := tokens(t, e)
		id := withCheckDigit(t, "32010219660606123")
		r := e.Do(t, tok["leader"], `mutation($in:WatchItemInput!) { addWatchItem(input:$in) { id kind reason level watchesIDNumber watchesPhone } }`,
			map[string]any{"in": map[string]any{"kind": "PERSON", "idNumber": id, "phone": "13851113333", "reason": "重复信访 身份证" + id, "level": 3}})
		var out struct {
			AddWatchItem struct {
				ID                            string
				Reason                        string
				WatchesIDNumber, WatchesPhone bool
			}
		}
		r.Decode(t, &out)
		if strings.Contains(string(r.Data), id) || strings.Contains(string(r.Data), "13851113333") ||
			!out.AddWatchItem.WatchesIDNumber || !out.AddWatchItem.WatchesPhone {
			t.Fatalf("addWatchItem answered %s", r.Data)
		}
		list := e.Do(t, tok["admin"], `{ watchItems(first:10, kind:PERSON) { totalCount edges { node { id reason watchesIDNumber } } } }`, nil)
		if strings.Contains(string(list.Data), id) || !strings.Contains(string(list.Data), out.AddWatchItem.ID) {
			t.Fatalf("watchItems answered %s", list.Data)
		}
		n := e.App.DB.Client.AuditLog.Query().Where(auditlog.Action("watch.read"), auditlog.SubjectType("WatchItem")).CountX(a.ctx)
		if n != 1 {
			t.Fatalf("%d audit records for one read of the person list", n)
		}
		if r := e.Do(t, tok["leader"], `mutation { addWatchItem(input:{kind:PERSON, idNumber:"123", reason:"x", level:1}) { id } }`, nil); r.Code() != "BAD_USER_INPUT" {
			t.Fatalf("a bad ID number: %s", r.Code())
		}
	})
}
