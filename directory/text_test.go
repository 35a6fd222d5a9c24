package directory_test

import (
	"errors"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/rule"
	"github.com/minsheng/minsheng/store/storetest"
)

// TestTextSealedOnEveryWrite writes a ticket's text the ways the code
// does: create, update of one row, the version-checked update workflow
// uses, and an update of many rows. The stored text is always masked; the
// sealed copy follows each change; a client without the sealing hook
// cannot write text at all.
func TestTextSealedOnEveryWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		ctx := demoA(t, e)
		c := e.App.DB.Client
		tk := c.Ticket.Create().SetCode("MS-19700101-0001").SetChannel(ticket.ChannelPHONE).
			SetTitle("电话13812345678").SetBody("无号码").SaveX(ctx)
		if tk.Title != "电话138****5678" || len(tk.TextSealed) == 0 {
			t.Fatalf("created: title %q, sealed %d bytes", tk.Title, len(tk.TextSealed))
		}

		// One row, changed twice: the body gains a number, the title loses it.
		tk = tk.Update().SetBody("身份证320102199003071239").SaveX(ctx)
		tk = tk.Update().SetTitle("已无号码").SaveX(ctx)
		if tk.Body != "身份证320102********1239" || tk.Title != "已无号码" {
			t.Fatalf("updated: %q / %q", tk.Title, tk.Body)
		}
		// The version-checked bulk form workflow uses.
		n := c.Ticket.Update().Where(ticket.ID(tk.ID), ticket.Version(tk.Version)).
			SetPlace("联系 025-83127654").AddVersion(1).SaveX(ctx)
		if n != 1 {
			t.Fatalf("version-checked update changed %d rows", n)
		}
		tk = c.Ticket.GetX(ctx, tk.ID)
		if tk.Place != "联系 025-****7654" {
			t.Fatalf("place %q", tk.Place)
		}
		// Many rows: text without numbers goes through, text with numbers
		// is refused rather than stored in clear or sealed wrongly.
		if _, err := c.Ticket.Update().Where(ticket.ID(tk.ID)).SetPlace("幸福小区").Save(ctx); err != nil {
			t.Fatalf("bulk update of one row without numbers: %v", err)
		}
		if _, err := c.Ticket.Update().SetPlace("13812345678").Save(ctx); err == nil {
			t.Fatal("an update of every ticket's place with a number was accepted")
		}
		if n := c.Ticket.Query().Where(ticket.PlaceContains("13812345678")).CountX(ctx); n != 0 {
			t.Fatalf("%d tickets hold the number in clear", n)
		}

		// A client without the hook.
		bare := ent.NewClient(ent.Driver(e.App.DB.Driver))
		_, err := bare.Ticket.Create().SetCode("MS-19700101-0002").SetChannel(ticket.ChannelPHONE).SetTitle("x").Save(ctx)
		if !errors.Is(err, rule.ErrTextNotSealed) {
			t.Fatalf("a client without the sealing hook wrote a ticket: %v", err)
		}
	})
}
