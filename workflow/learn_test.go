package workflow_test

import (
	"context"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/categoryterm"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/workflow"
)

// TestDispatchTeachesOnceUnderTheLatestCategory: a dispatch teaches the
// ticket's terms under its category; a return and a corrected dispatch
// move them to the new category, so the ticket counts once; a retired or
// unknown category is refused and teaches nothing.
func TestDispatchTeachesOnceUnderTheLatestCategory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := asUser(t, e, "demo-a", "clerk")
		disp := asUser(t, e, "demo-a", "dispatcher")
		c := e.App.DB.Client
		first := c.Category.Query().Where(category.Name("道路破损")).OnlyX(disp)
		second := c.Category.Query().Where(category.Name("治安隐患")).OnlyX(disp)
		dept := c.Department.Query().Where(department.Name("住建局")).OnlyIDX(disp)
		tk, err := e.App.Workflow.CreateTicket(clerk, workflow.NewTicket{Title: "铁栅栏", Body: "后门铁栅栏被锯断", Channel: ticket.ChannelPHONE})
		if err != nil {
			t.Fatal(err)
		}
		count := func(ctx context.Context, term string, cat int) int {
			r, err := c.CategoryTerm.Query().Where(categoryterm.Term(term), categoryterm.CategoryID(cat)).Only(ctx)
			if err != nil {
				return 0
			}
			return r.Count
		}
		if _, err := e.App.Workflow.DispatchTicket(disp, tk.ID, workflow.Dispatch{DepartmentID: dept, CategoryID: &first.ID}); err != nil {
			t.Fatal(err)
		}
		if got := count(disp, "锯断", first.ID); got != 1 {
			t.Errorf("after dispatch: 锯断 under %s = %d, want 1", first.Name, got)
		}
		if got := count(disp, "", first.ID); got != 1 {
			t.Errorf("after dispatch: tickets under %s = %d, want 1", first.Name, got)
		}
		handler := asUser(t, e, "demo-a", "handler")
		if _, err := e.App.Workflow.ReturnTicket(handler, tk.ID, "不属于本部门"); err != nil {
			t.Fatal(err)
		}
		retired := c.Category.Create().SetName("已停用").SetType(first.Type).SetDeadlineDays(5).SetActive(false).SaveX(disp)
		if _, err := e.App.Workflow.DispatchTicket(disp, tk.ID, workflow.Dispatch{DepartmentID: dept, CategoryID: &retired.ID}); err == nil {
			t.Error("dispatched under a retired category")
		}
		if _, err := e.App.Workflow.DispatchTicket(disp, tk.ID, workflow.Dispatch{DepartmentID: dept, CategoryID: &second.ID}); err != nil {
			t.Fatal(err)
		}
		for _, x := range []struct {
			term string
			cat  int
			want int
		}{{"锯断", first.ID, 0}, {"", first.ID, 0}, {"锯断", second.ID, 1}, {"", second.ID, 1}, {"铁栅", second.ID, 1}} {
			if got := count(disp, x.term, x.cat); got != x.want {
				t.Errorf("after the correction: %q under %d = %d, want %d", x.term, x.cat, got, x.want)
			}
		}
		// Another tenant's table is untouched and unseen.
		other := asUser(t, e, "demo-b", "dispatcher")
		if n := c.CategoryTerm.Query().CountX(other); n != 0 {
			t.Errorf("demo-b sees %d learned rows", n)
		}
	})
}
