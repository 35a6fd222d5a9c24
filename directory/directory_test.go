package directory_test

import (
	"context"
	"strings"
	"testing"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

func demoA(t *testing.T, e *apptest.Env) context.Context {
	t.Helper()
	tn, err := e.App.DB.Client.Tenant.Query().Where(tenant.Code("demo-a")).Only(viewer.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return viewer.TenantSystemContext(context.Background(), tn.ID)
}

func TestDepartmentCannotMoveUnderItself(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx := demoA(t, e)
		child, err := e.App.DB.Client.Department.Query().Where(department.HasParent(), department.KindEQ(department.KindCOMMUNITY)).First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		parent := *child.ParentID
		_, err = e.App.Directory.UpdateDepartment(ctx, parent, ent.UpdateDepartmentInput{ParentID: &child.ID})
		if minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("moving a street under its own community: err = %v", err)
		}
		_, err = e.App.Directory.UpdateDepartment(ctx, parent, ent.UpdateDepartmentInput{ParentID: &parent})
		if minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("making a department its own parent: err = %v", err)
		}
		after, err := e.App.DB.Client.Department.Get(ctx, parent)
		if err != nil || after.ParentID != nil {
			t.Fatalf("street changed: %+v %v", after, err)
		}
	})
}

func TestCategoriesHaveAtMostThreeLevels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx := demoA(t, e)
		leaf, err := e.App.DB.Client.Category.Query().Where(category.Level(3)).First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.App.Directory.CreateCategory(ctx, ent.CreateCategoryInput{
			Name: "第四级", Type: category.TypeCOMPLAINT, DeadlineDays: 5, ParentID: &leaf.ID,
		})
		if minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("fourth level: err = %v", err)
		}
		mid := *leaf.ParentID
		c, err := e.App.Directory.CreateCategory(ctx, ent.CreateCategoryInput{
			Name: "新三级", Type: category.TypeCOMPLAINT, DeadlineDays: 5, ParentID: &mid,
		})
		if err != nil || c.Level != 3 {
			t.Fatalf("third level: %+v %v", c, err)
		}
	})
}

// Length limits count characters: a Chinese name three bytes a character
// long must fit as many characters as the limit says.
func TestNameLimitsCountCharacters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx := demoA(t, e)
		name := strings.Repeat("街", 100)
		d, err := e.App.Directory.CreateDepartment(ctx, ent.CreateDepartmentInput{Name: name})
		if err != nil || d.Name != name {
			t.Fatalf("100-character name: %v", err)
		}
		_, err = e.App.Directory.CreateDepartment(ctx, ent.CreateDepartmentInput{Name: name + "道"})
		if minsheng.ErrorCode(store.Explain(err)) != minsheng.EINVALID {
			t.Fatalf("101-character name: err = %v", err)
		}
	})
}
