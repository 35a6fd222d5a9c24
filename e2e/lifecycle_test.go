package e2e

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/minsheng/minsheng/store/storetest"
)

type caseState struct {
	ID, Code, Status string
	DueAt            *string
	Colour           *string
	Department       *struct{ Name string }
	Timeline         []struct{ Action, FromStatus, ToStatus, Reason string }
}

const caseFields = `id code status dueAt colour department { name } timeline { action fromStatus toStatus reason }`

// step sends one life-cycle mutation and returns the ticket it answers.
func step(t *testing.T, s *server, token, call string) caseState {
	t.Helper()
	var out map[string]caseState
	s.graphql(t, token, `mutation { r: `+call+` { `+caseFields+` } }`, nil).decode(t, &out)
	return out["r"]
}

// idOf finds a node's ID by a query answering {x: {edges: [{node: {id}}]}}.
func idOf(t *testing.T, s *server, token, query string) string {
	t.Helper()
	var out map[string]struct {
		Edges []struct{ Node struct{ ID string } }
	}
	s.graphql(t, token, query, nil).decode(t, &out)
	for _, v := range out {
		if len(v.Edges) > 0 {
			return v.Edges[0].Node.ID
		}
	}
	t.Fatalf("nothing found by %s", query)
	return ""
}

// TestE2EComplaintFromRegistrationToClosure walks one complaint through
// the whole life cycle on the real binary, as the people of a district
// office do it: the hotline clerk registers, the dispatcher sends it to
// 住建局, the handler returns it, it is sent again, accepted, extended,
// answered; the citizen is not satisfied, the case is reopened, answered
// again, and closed after a satisfied callback.
func TestE2EComplaintFromRegistrationToClosure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := serve(t, append(database(t, b), "--demo")...)
		clerk, dispatcher, handler := login(t, s, "demo-a", "clerk"), login(t, s, "demo-a", "dispatcher"), login(t, s, "demo-a", "handler")
		housing := idOf(t, s, dispatcher, `{ d: departments(where:{name:"住建局"}) { edges { node { id } } } }`)
		lift := idOf(t, s, clerk, `{ c: categories(where:{name:"电梯故障"}) { edges { node { id } } } }`)

		var created struct{ CreateTicket caseState }
		s.graphql(t, clerk, `mutation($in:CreateTicketInput!) { createTicket(input:$in) { `+caseFields+` } }`, map[string]any{"in": map[string]any{
			"title": "小区电梯停运三天", "body": "锁金新村3栋电梯停运三天，老人上下楼困难，物业不予处理。", "channel": "PHONE", "categoryID": lift,
			"citizen": map[string]any{"name": "孙丽华", "phone": "13912345678"},
		}}).decode(t, &created)
		id := created.CreateTicket.ID
		if created.CreateTicket.Status != "REGISTERED" || !strings.HasPrefix(created.CreateTicket.Code, "MS-") {
			t.Fatalf("registered: %+v", created.CreateTicket)
		}
		ref := fmt.Sprintf("%q", id)
		reply := `{facts:"经现场核实，3栋电梯主板故障停运属实", basis:"依据《特种设备安全法》第四十二条及物业服务合同", handling:"责令物业公司联系维保单位更换主板并每日通报进度", result:"电梯已于本周五修复并通过检验恢复运行", appealChannel:"如不满意，可在收到答复之日起三十日内向区人民政府申请复查"}`

		dispatched := step(t, s, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:"`+housing+`", note:"请三日内核实"})`)
		if dispatched.Status != "DISPATCHED" || dispatched.Department == nil || dispatched.Department.Name != "住建局" || dispatched.DueAt == nil || dispatched.Colour == nil || *dispatched.Colour != "GREEN" {
			t.Fatalf("dispatched: %+v", dispatched)
		}
		step(t, s, handler, `returnTicket(id:`+ref+`, reason:"电梯维保属物业合同事项，请先核实物业公司")`)
		step(t, s, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:"`+housing+`", note:"属住建局物业监管职责"})`)
		step(t, s, handler, `acceptTicket(id:`+ref+`)`)
		step(t, s, handler, `startTicket(id:`+ref+`)`)
		step(t, s, handler, `requestExtension(id:`+ref+`, days:2, reason:"等待电梯主板配件到货")`)
		extended := step(t, s, dispatcher, `decideExtension(id:`+ref+`, approve:true, note:"同意延期两个工作日")`)
		if extended.DueAt == nil || *extended.DueAt <= *dispatched.DueAt {
			t.Errorf("after the extension dueAt %v, want later than %v", extended.DueAt, *dispatched.DueAt)
		}
		step(t, s, handler, `replyTicket(id:`+ref+`, input:`+reply+`)`)
		step(t, s, clerk, `recordCallback(id:`+ref+`, input:{satisfaction:DISSATISFIED, solved:false, note:"电梯仍时常停运"})`)
		if r := s.graphql(t, clerk, `mutation { closeTicket(id:`+ref+`) { id } }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "CONFLICT" {
			t.Errorf("closing after a dissatisfied callback: %+v, want CONFLICT", r.Errors)
		}
		step(t, s, clerk, `reopenTicket(id:`+ref+`, reason:"群众不满意：电梯仍时常停运")`)
		step(t, s, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:"`+housing+`"})`)
		step(t, s, handler, `acceptTicket(id:`+ref+`)`)
		step(t, s, handler, `startTicket(id:`+ref+`)`)
		step(t, s, handler, `replyTicket(id:`+ref+`, input:`+reply+`)`)
		step(t, s, clerk, `recordCallback(id:`+ref+`, input:{satisfaction:SATISFIED, solved:true, note:"电梯已正常运行"})`)
		closed := step(t, s, clerk, `closeTicket(id:`+ref+`)`)
		if closed.Status != "CLOSED" {
			t.Fatalf("closed: %s", closed.Status)
		}
		var got []string
		for _, e := range closed.Timeline {
			got = append(got, e.Action+" "+e.FromStatus+"→"+e.ToStatus)
		}
		want := []string{
			"REGISTER →REGISTERED", "DISPATCH REGISTERED→DISPATCHED", "RETURN DISPATCHED→RETURNED",
			"DISPATCH RETURNED→DISPATCHED", "ACCEPT DISPATCHED→ACCEPTED", "START ACCEPTED→IN_PROGRESS",
			"EXTENSION_REQUEST →", "EXTENSION_APPROVE →", "REPLY IN_PROGRESS→REPLIED", "CALLBACK →",
			"REOPEN REPLIED→REOPENED", "DISPATCH REOPENED→DISPATCHED", "ACCEPT DISPATCHED→ACCEPTED",
			"START ACCEPTED→IN_PROGRESS", "REPLY IN_PROGRESS→REPLIED", "CALLBACK →", "CLOSE REPLIED→CLOSED",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("timeline:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
	})
}

// TestE2EConcurrentAcceptHasOneWinner: two handlers of 住建局 accept the
// same ticket at the same moment through two connections; exactly one wins.
func TestE2EConcurrentAcceptHasOneWinner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := serve(t, append(database(t, b), "--demo")...)
		admin, clerk, dispatcher := login(t, s, "demo-a", "admin"), login(t, s, "demo-a", "clerk"), login(t, s, "demo-a", "dispatcher")
		housing := idOf(t, s, dispatcher, `{ d: departments(where:{name:"住建局"}) { edges { node { id } } } }`)
		s.graphql(t, admin, `mutation($in:NewUserInput!) { createUser(input:$in) { id } }`, map[string]any{"in": map[string]any{
			"username": "handler2", "displayName": "李强", "password": "minsheng-demo", "departmentID": housing, "roles": []string{"handler"},
		}}).decode(t, &struct{}{})
		handlers := []string{login(t, s, "demo-a", "handler"), login(t, s, "demo-a", "handler2")}
		for round := range 5 {
			var c struct{ CreateTicket struct{ ID string } }
			s.graphql(t, clerk, `mutation { createTicket(input:{title:"路灯不亮", body:"玄武大道路灯不亮", channel:PHONE}) { id } }`, nil).decode(t, &c)
			ref := fmt.Sprintf("%q", c.CreateTicket.ID)
			step(t, s, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:"`+housing+`"})`)
			codes := make([]any, len(handlers))
			var start, done sync.WaitGroup
			start.Add(1)
			for i, token := range handlers {
				done.Add(1)
				go func() {
					defer done.Done()
					start.Wait()
					r := s.graphql(t, token, `mutation { acceptTicket(id:`+ref+`) { id } }`, nil)
					if len(r.Errors) > 0 {
						codes[i] = r.Errors[0].Extensions["code"]
					}
				}()
			}
			start.Done()
			done.Wait()
			wins, conflicts := 0, 0
			for _, code := range codes {
				switch code {
				case nil:
					wins++
				case "CONFLICT":
					conflicts++
				}
			}
			var v struct{ Node caseState }
			s.graphql(t, dispatcher, `{ node(id:`+ref+`) { ... on Ticket { `+caseFields+` } } }`, nil).decode(t, &v)
			accepts := 0
			for _, e := range v.Node.Timeline {
				if e.Action == "ACCEPT" {
					accepts++
				}
			}
			if wins != 1 || conflicts != 1 || accepts != 1 || v.Node.Status != "ACCEPTED" {
				t.Errorf("round %d: answers %v, %d ACCEPT events, status %s; want one winner, one CONFLICT, one event", round, codes, accepts, v.Node.Status)
			}
		}
	})
}
