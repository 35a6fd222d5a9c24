package graph_test

import (
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/store/storetest"
)

func TestMeAnswersWhoIsCalling(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		token := e.Login(t, "demo-a", "handler")
		var out struct {
			Me struct {
				Username   string
				Roles      []string
				Tenant     struct{ Code string }
				Department struct{ Name string }
			}
		}
		e.Do(t, token, `{ me { username roles tenant { code } department { name } } }`, nil).Decode(t, &out)
		if out.Me.Username != "handler" || out.Me.Tenant.Code != "demo-a" || out.Me.Department.Name != "住建局" ||
			len(out.Me.Roles) != 1 || out.Me.Roles[0] != "handler" {
			t.Fatalf("me = %+v", out.Me)
		}
	})
}
