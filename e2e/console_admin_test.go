package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/minsheng/minsheng/browsertest"
	"github.com/minsheng/minsheng/store/storetest"
)

// The tenant admin's region pickers ask the server as he types: in a
// district with more regions than any page loads, the last one is found by
// typing its name, as a watched place (saved, and shown in the watch list)
// and as the parent of a new region.
func TestConsoleAdminPicksRegionsByTyping(t *testing.T) {
	s := serve(t, append(database(t, storetest.Backend{Name: "sqlite"}), "--demo")...)
	admin := login(t, s, "demo-a", "admin")
	var regs struct {
		Regions struct {
			Edges []struct{ Node struct{ DivisionCode string } }
		}
	}
	s.graphql(t, admin, `{ regions(first: 1) { edges { node { divisionCode } } } }`, nil).decode(t, &regs)
	if len(regs.Regions.Edges) == 0 {
		t.Fatal("the demo tenant has no region")
	}
	division := regs.Regions.Edges[0].Node.DivisionCode
	// More than the 200 the old pickers listed.
	const spare = 210
	for from := 1; from <= spare; from += 30 {
		var m strings.Builder
		m.WriteString("mutation {")
		for i := from; i < from+30 && i <= spare; i++ {
			fmt.Fprintf(&m, ` r%d: createRegion(input: {name: "备用社区%03d", level: COMMUNITY, divisionCode: %q}) { id }`, i, i, division)
		}
		m.WriteString(" }")
		s.graphql(t, admin, m.String(), nil).decode(t, &struct{}{})
	}
	last := fmt.Sprintf("备用社区%03d", spare)

	b := browsertest.New(t, browsertest.Options{})
	keyboardSignIn(t, b, s, "admin")
	b.Do(t, "the admin lands on the users", chromedp.WaitVisible(xp(`//table//td[contains(., 'clerk')]`)))
	consoleShot(t, b, "admin")
	b.Do(t, "open the watch list and its form",
		chromedp.Navigate(s.URL("/admin?tab=watch")),
		chromedp.WaitVisible(xp(`//button[contains(., '新增关注')]`)),
		clickUntil(`//button[contains(., '新增关注')]`, `//*[@id='w-region']`),
	)
	labelled(t, b, "the watch form")
	pick(t, b, "#w-region", last, last)
	b.Do(t, "give a reason and save: the list shows the place",
		chromedp.SendKeys(chromedp.CSS(`textarea[name=reason]`), "多次反映噪音扰民"),
		chromedp.Click(xp(`//div[contains(@class,'el-dialog')]//button[normalize-space(.)='保存']`)),
		chromedp.WaitVisible(xp(fmt.Sprintf(`//table//td[contains(., %q)]`, last))),
	)
	var watch struct {
		WatchItems struct {
			Edges []struct {
				Node struct {
					Kind   string
					Region *struct{ Name string }
				}
			}
		}
	}
	s.graphql(t, admin, `{ watchItems(first: 5, kind: PLACE) { edges { node { kind region { name } } } } }`, nil).decode(t, &watch)
	found := false
	for _, e := range watch.WatchItems.Edges {
		found = found || e.Node.Region != nil && e.Node.Region.Name == last
	}
	if !found {
		t.Errorf("no watched place %s is stored: %+v", last, watch.WatchItems.Edges)
	}

	b.Do(t, "open the regions and a new region's form",
		chromedp.Navigate(s.URL("/admin?tab=regions")),
		chromedp.WaitVisible(xp(`//button[contains(., '新建区域')]`)),
		clickUntil(`//button[contains(., '新建区域')]`, `//*[@id='r-parent']`),
	)
	labelled(t, b, "the region form")
	pick(t, b, "#r-parent", fmt.Sprintf("备用社区%03d", spare-1), fmt.Sprintf("备用社区%03d", spare-1))
}
