package graph_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store/storetest"
)

// The tenancy walk calls suggestCategory and tries dispatchTicket's
// categoryID with demo-b's category.
func init() {
	tenancyProbes["Query.suggestCategory"] = tenancyProbe{run: func(c *tenancyCaller) {
		r := c.do(`query($t:String!) { suggestCategory(text:$t) { category { id name } department { id name } confidence } }`,
			map[string]any{"t": "小区的电梯又坏了，把人困在里面半个小时"})
		want := ""
		if !c.may("category:suggest") {
			want = "FORBIDDEN"
		}
		if r.Code() != want {
			c.t.Errorf("suggestCategory: code %q, want %q: %s", r.Code(), want, answerShape(r))
		}
	}}
	p := tenancyProbes["Mutation.dispatchTicket"]
	p.idArgs = append(p.idArgs, "input.categoryID")
	before := p.run
	p.run = func(c *tenancyCaller) {
		before(c)
		doc := `mutation($id:ID!, $in:DispatchInput!) { dispatchTicket(id:$id, input:$in) { id code status category { id name } } }`
		own := idVar(c.w.ownTicketIn(c.t, ticket.StatusREGISTERED))
		c.refused("dispatchTicket(categoryID)", "ticket:dispatch", doc, c.w.foreign["Category"], func(id int) map[string]any {
			return map[string]any{"id": own, "in": map[string]any{"departmentID": idVar(c.w.housing), "categoryID": idVar(id)}}
		})
	}
	tenancyProbes["Mutation.dispatchTicket"] = p
}

// suggested is the name of the category suggestCategory gives text, "" for
// none.
func suggested(t *testing.T, e *apptest.Env, token, text string) string {
	t.Helper()
	var out struct {
		SuggestCategory *struct {
			Category   struct{ ID, Name string }
			Confidence float64
		}
	}
	e.Do(t, token, `query($t:String!) { suggestCategory(text:$t) { category { id name } confidence } }`,
		map[string]any{"t": text}).Decode(t, &out)
	if out.SuggestCategory == nil {
		return ""
	}
	return out.SuggestCategory.Category.Name
}

// TestSuggestCategoryLearnsFromCorrections teaches demo-a a phrase no
// keyword covers through three dispatchers' corrections: from then on it is
// suggested in demo-a, never in demo-b; the dispatch events keep the
// category before and after.
func TestSuggestCategoryLearnsFromCorrections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		target := c.Category.Query().Where(category.Name("治安隐患")).OnlyX(a.ctx)
		wrong := c.Category.Query().Where(category.Name("道路破损")).OnlyX(a.ctx)
		disp, dispB := e.Login(t, "demo-a", "dispatcher"), e.Login(t, "demo-b", "dispatcher")
		ask := "请问，后门那排铁栅栏被人锯断了好几根，怎么办"
		if got := suggested(t, e, disp, ask); got == target.Name {
			t.Fatalf("suggested %s before any teaching", got)
		}
		for i, body := range []string{
			"小区后门那排铁栅栏被人锯断了好几根，晚上谁都能钻进来。",
			"我们楼后面的铁栅栏被人锯断了，已经好几天了。",
			"后门铁栅栏又被锯断好几根，请尽快处理。",
		} {
			var created struct{ CreateTicket struct{ ID string } }
			e.Do(t, disp, `mutation($in:CreateTicketInput!) { createTicket(input:$in) { id } }`, map[string]any{"in": map[string]any{
				"title": "铁栅栏", "body": body, "channel": "PHONE", "categoryID": strconv.Itoa(wrong.ID),
			}}).Decode(t, &created)
			var out struct {
				DispatchTicket struct {
					Category struct{ Name string }
					Timeline []struct {
						Action        string
						Before, After map[string]any
					}
				}
			}
			e.Do(t, disp, `mutation($id:ID!, $in:DispatchInput!) { dispatchTicket(id:$id, input:$in) {
				category { name } timeline { action before after } } }`, map[string]any{"id": created.CreateTicket.ID,
				"in": map[string]any{"departmentID": strconv.Itoa(a.housing), "categoryID": strconv.Itoa(target.ID)}}).Decode(t, &out)
			if out.DispatchTicket.Category.Name != target.Name {
				t.Fatalf("dispatch %d: category %q, want %s", i, out.DispatchTicket.Category.Name, target.Name)
			}
			tl := out.DispatchTicket.Timeline
			last := tl[len(tl)-1]
			if last.Action != "DISPATCH" || last.Before["categoryID"] != float64(wrong.ID) || last.After["categoryID"] != float64(target.ID) {
				t.Errorf("dispatch %d: event %s before %v after %v, want categoryID %d → %d", i, last.Action, last.Before, last.After, wrong.ID, target.ID)
			}
			if i == 0 {
				if got := suggested(t, e, disp, ask); got == target.Name {
					t.Errorf("suggested %s after %d lesson; a category needs more before it is suggested", got, i+1)
				}
			}
		}
		if got := suggested(t, e, disp, ask); got != target.Name {
			t.Errorf("after three lessons: suggested %q, want %s", got, target.Name)
		}
		if got := suggested(t, e, dispB, ask); got == target.Name {
			t.Errorf("demo-b was suggested %s: demo-a's lessons crossed tenants", got)
		}

		// The bound is exactly insight.MaxSuggestText characters.
		long := strings.Repeat("电", 2000)
		if r := e.Do(t, disp, `query($t:String!) { suggestCategory(text:$t) { confidence } }`, map[string]any{"t": long}); len(r.Errors) > 0 {
			t.Errorf("2000 characters: %+v", r.Errors)
		}
		if r := e.Do(t, disp, `query($t:String!) { suggestCategory(text:$t) { confidence } }`, map[string]any{"t": long + "梯"}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("2001 characters: code %q, want BAD_USER_INPUT", r.Code())
		}
	})
}
