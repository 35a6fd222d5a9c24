package graph_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/wordlistentry"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/topics"
)

// The tenancy walk's probes for hot topics and the word list: a filter
// naming demo-b's category, department or region is refused as one that
// never existed; demo-b's word list is neither read nor changed.
func init() {
	hot := func(field, doc string, vars func(kind string, id int) map[string]any) func(c *tenancyCaller) {
		return func(c *tenancyCaller) {
			for _, kind := range []string{"Category", "Department", "Region"} {
				c.refused(field+" filter "+kind, "topics:read", doc, c.w.foreign[kind], func(id int) map[string]any { return vars(kind, id) })
			}
		}
	}
	filterOf := func(kind string, id int) map[string]any {
		return map[string]any{map[string]string{"Category": "categoryID", "Department": "departmentID", "Region": "regionID"}[kind]: idVar(id)}
	}
	tenancyProbes["Query.hotTopics"] = tenancyProbe{
		idArgs: []string{"input.filter.categoryID", "input.filter.departmentID", "input.filter.regionID"},
		run: hot("hotTopics", `query($in:HotTopicsInput!) { hotTopics(input:$in) { word tickets } }`, func(kind string, id int) map[string]any {
			return map[string]any{"in": map[string]any{"from": "2026-01-01", "to": "2026-12-31", "filter": filterOf(kind, id)}}
		}),
	}
	tenancyProbes["Query.hotTopicTickets"] = tenancyProbe{
		idArgs: []string{"filter.categoryID", "filter.departmentID", "filter.regionID"},
		run: hot("hotTopicTickets", `query($f:HotTopicFilter) { hotTopicTickets(word:"电梯", from:"2026-01-01", to:"2026-12-31", filter:$f) { totalCount } }`,
			func(kind string, id int) map[string]any { return map[string]any{"f": filterOf(kind, id)} }),
	}
	tenancyProbes["Query.wordList"] = tenancyProbe{run: func(c *tenancyCaller) {
		c.w.foreignWordList(c.t)
		r := c.do(`{ wordList { added stop synonyms { word canonical } } }`, nil)
		if !c.may("wordlist:read") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("wordList: code %q, want FORBIDDEN", r.Code())
			}
			return
		}
		var out struct {
			WordList struct{ Added, Stop []string }
		}
		r.Decode(c.t, &out)
		if slices.Contains(out.WordList.Added, tenancyForeignWord) {
			c.t.Errorf("demo-a's word list holds demo-b's %q", tenancyForeignWord)
		}
	}}
	tenancyProbes["Mutation.setWordList"] = tenancyProbe{run: func(c *tenancyCaller) {
		c.w.foreignWordList(c.t)
		r := c.do(`mutation { setWordList(input:{added:["锦江绿道"], stop:[], synonyms:[]}) { added } }`, nil)
		if !c.may("wordlist:write") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("setWordList: code %q, want FORBIDDEN", r.Code())
			}
		} else {
			r.Decode(c.t, &struct{}{})
		}
		if n := c.w.client.WordListEntry.Query().Where(wordlistentry.TenantID(c.w.other.id), wordlistentry.Word(tenancyForeignWord)).CountX(c.w.sys); n != 1 {
			c.t.Errorf("demo-b's word list lost %q when demo-a's %s set its own", tenancyForeignWord, c.username)
		}
	}}
}

// tenancyForeignWord is a word of demo-b's word list only.
const tenancyForeignWord = "武侯祠夜市"

func (w *tenancyWorld) foreignWordList(t *testing.T) {
	t.Helper()
	ok := w.client.WordListEntry.Query().Where(wordlistentry.TenantID(w.other.id), wordlistentry.Word(tenancyForeignWord)).ExistX(w.sys)
	if !ok {
		w.client.WordListEntry.Create().SetTenantID(w.other.id).SetKind(wordlistentry.KindADD).SetWord(tenancyForeignWord).ExecX(w.sys)
	}
}

// TestHotTopicsCountWhatTheCallerSees registers tickets about a word of
// the tenant's own list (and a synonym of it) in two departments, and
// checks that hot topics and the drill-down count them as each caller sees
// tickets: the whole tenant for leader and analyst, his department's for a
// department leader, nothing of demo-a for demo-b; that two tickets are no
// trend; and that a generic word is never a topic.
func TestHotTopicsCountWhatTheCallerSees(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		other := c.Department.Query().Where(department.IDNEQ(a.housing)).FirstIDX(a.ctx)
		admin, clerk := e.Login(t, "demo-a", "admin"), e.Login(t, "demo-a", "clerk")

		// 甲乙丙丁巷 is no word the segmenter knows: only the tenant's list
		// keeps it whole. 丁丙乙甲巷 counts as it.
		var set struct{ SetWordList struct{ Added []string } }
		e.Do(t, admin, `mutation { setWordList(input:{added:["甲乙丙丁巷","戊己庚辛街"], stop:["情况说明"], synonyms:[{word:"丁丙乙甲巷", canonical:"甲乙丙丁巷"}]}) { added } }`, nil).Decode(t, &set)
		if !slices.Equal(set.SetWordList.Added, []string{"戊己庚辛街", "甲乙丙丁巷"}) {
			t.Fatalf("setWordList added = %q", set.SetWordList.Added)
		}
		register := func(title, body string, dept int) time.Time {
			var out struct{ CreateTicket struct{ ID string } }
			e.Do(t, clerk, `mutation($in:CreateTicketInput!) { createTicket(input:$in) { id } }`, map[string]any{"in": map[string]any{
				"title": title, "body": body, "channel": "PHONE", "departmentID": idVar(dept),
			}}).Decode(t, &out)
			return *c.Ticket.GetX(a.ctx, mustAtoi(t, out.CreateTicket.ID)).RegisteredAt
		}
		var at time.Time
		for i := range 4 {
			at = register("甲乙丙丁巷路灯不亮", fmt.Sprintf("市民反映甲乙丙丁巷%d号门前路灯不亮，存在安全问题，请尽快处理。", i+1), a.housing)
		}
		for i := range 2 {
			register("丁丙乙甲巷路灯损坏", fmt.Sprintf("丁丙乙甲巷%d号附近路灯坏了，晚上出行不便。", i+1), other)
		}
		register("甲乙丙丁巷垃圾堆放", "甲乙丙丁巷口垃圾无人清运，希望有关部门处理。", other)
		for range 2 {
			register("戊己庚辛街占道经营", "戊己庚辛街有商户占道经营，影响通行。", other)
		}
		tz, _ := time.LoadLocation(c.Tenant.GetX(a.ctx, a.id).TimeZone)
		day := at.In(tz).Format(time.DateOnly)

		hot := func(token string, filter map[string]any) (map[string]topics.HotTopic, *apptest.Response) {
			in := map[string]any{"from": day, "to": day, "first": 100}
			if filter != nil {
				in["filter"] = filter
			}
			r := e.Do(t, token, `query($in:HotTopicsInput!) { hotTopics(input:$in) { word tickets previous rise } }`, map[string]any{"in": in})
			if len(r.Errors) > 0 {
				return nil, r
			}
			var out struct{ HotTopics []topics.HotTopic }
			r.Decode(t, &out)
			m := map[string]topics.HotTopic{}
			for _, h := range out.HotTopics {
				m[h.Word] = h
				if topics.IsGeneric(h.Word) || h.Word == "情况说明" {
					t.Errorf("generic or stopped word %q is a hot topic", h.Word)
				}
				if h.Tickets < topics.MinSupport {
					t.Errorf("%q is a hot topic with %d tickets", h.Word, h.Tickets)
				}
			}
			return m, r
		}
		drill := func(token, word string) int {
			var out struct{ HotTopicTickets struct{ TotalCount int } }
			e.Do(t, token, `query($w:String!, $d:Date!) { hotTopicTickets(word:$w, from:$d, to:$d, first:10) { totalCount } }`,
				map[string]any{"w": word, "d": day}).Decode(t, &out)
			return out.HotTopicTickets.TotalCount
		}

		for who, want := range map[string]int{"leader": 7, "analyst": 7, "dept_leader": 4} {
			tok := e.Login(t, "demo-a", who)
			got, _ := hot(tok, nil)
			if got["甲乙丙丁巷"].Tickets != want {
				t.Errorf("%s: 甲乙丙丁巷 in %d tickets, want %d (%+v)", who, got["甲乙丙丁巷"].Tickets, want, got["甲乙丙丁巷"])
			}
			if h := got["甲乙丙丁巷"]; h.Previous != 0 || h.Rise != nil {
				t.Errorf("%s: 甲乙丙丁巷 previous %d rise %v, want 0 and null", who, h.Previous, h.Rise)
			}
			if _, ok := got["戊己庚辛街"]; ok {
				t.Errorf("%s: two tickets made 戊己庚辛街 a hot topic", who)
			}
			if _, ok := got["丁丙乙甲巷"]; ok {
				t.Errorf("%s: the synonym 丁丙乙甲巷 is a topic of its own", who)
			}
			if n := drill(tok, "甲乙丙丁巷"); n != want {
				t.Errorf("%s: hotTopicTickets(甲乙丙丁巷) has %d tickets, want %d", who, n, want)
			}
			if n := drill(tok, "丁丙乙甲巷"); n != want {
				t.Errorf("%s: hotTopicTickets of the synonym has %d tickets, want %d", who, n, want)
			}
		}
		leader := e.Login(t, "demo-a", "leader")
		if got, _ := hot(leader, map[string]any{"departmentID": idVar(a.housing)}); got["甲乙丙丁巷"].Tickets != 4 {
			t.Errorf("filter by 住建局: 甲乙丙丁巷 in %d tickets, want 4", got["甲乙丙丁巷"].Tickets)
		}
		if got, _ := hot(leader, map[string]any{"channel": "WEB"}); got["甲乙丙丁巷"].Tickets != 0 {
			t.Errorf("filter by channel WEB: 甲乙丙丁巷 in %d tickets, want none", got["甲乙丙丁巷"].Tickets)
		}

		// demo-b's leader sees nothing of demo-a's.
		bLeader := e.Login(t, "demo-b", "leader")
		if got, r := hot(bLeader, nil); r.Code() != "" || got["甲乙丙丁巷"].Tickets != 0 {
			t.Errorf("demo-b's leader: %+v %s", got["甲乙丙丁巷"], r.Code())
		}
		if n := drill(bLeader, "甲乙丙丁巷"); n != 0 {
			t.Errorf("demo-b's leader drills into %d of demo-a's tickets", n)
		}

		// Bad input.
		for doc, code := range map[string]string{
			`{ hotTopics(input:{from:"2026-02-01", to:"2026-01-01"}) { word } }`:               "BAD_USER_INPUT",
			`{ hotTopics(input:{from:"2020-01-01", to:"2026-01-01"}) { word } }`:               "BAD_USER_INPUT",
			`{ hotTopics(input:{from:"2026-01-01", to:"2026-01-31", first:101}) { word } }`:    "BAD_USER_INPUT",
			`{ hotTopicTickets(word:" ", from:"2026-01-01", to:"2026-01-31") { totalCount } }`: "BAD_USER_INPUT",
		} {
			if got := e.Do(t, leader, doc, nil).Code(); got != code {
				t.Errorf("%s: code %q, want %s", doc, got, code)
			}
		}
		for doc, code := range map[string]string{
			`mutation { setWordList(input:{added:["路灯"], stop:["路灯"], synonyms:[]}) { added } }`:                                              "BAD_USER_INPUT",
			`mutation { setWordList(input:{added:["路"], stop:[], synonyms:[]}) { added } }`:                                                   "BAD_USER_INPUT",
			`mutation { setWordList(input:{added:[], stop:[], synonyms:[{word:"甲",canonical:"乙乙"}]}) { added } }`:                             "BAD_USER_INPUT",
			`mutation { setWordList(input:{added:[], stop:[], synonyms:[{word:"甲甲",canonical:"乙乙"},{word:"乙乙",canonical:"丙丙"}]}) { added } }`: "BAD_USER_INPUT",
		} {
			if got := e.Do(t, admin, doc, nil).Code(); got != code {
				t.Errorf("%s: code %q, want %s", doc, got, code)
			}
		}
	})
}
