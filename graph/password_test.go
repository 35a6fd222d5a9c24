package graph_test

import (
	"fmt"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/store/storetest"
)

// Weak passwords are refused wherever a password is set, with
// BAD_USER_INPUT; the demo password is a fair one.
func TestWeakPasswordsAreRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		admin := e.Login(t, "demo-a", "admin")
		clerk := userID(t, e, a, "clerk")
		for _, weak := range []string{"password", "        ", "password12", "12345678901", "admin12345", "woaini1314!", "Minsheng2026"} {
			r := e.Do(t, admin, `mutation($p:String!) { createUser(input:{username:"weakling", displayName:"弱", password:$p}) { id } }`,
				map[string]any{"p": weak})
			wantError(t, r, "BAD_USER_INPUT", "password")
			r = e.Do(t, admin, `mutation($id:ID!, $p:String!) { updateUser(id:$id, input:{password:$p}) { id } }`,
				map[string]any{"id": fmt.Sprint(clerk), "p": weak})
			wantError(t, r, "BAD_USER_INPUT", "password")
		}
		e.Do(t, admin, `mutation($p:String!) { createUser(input:{username:"fair", displayName:"公", password:$p}) { id } }`,
			map[string]any{"p": demo.Password}).Decode(t, &struct{}{})
	})
}
