package graph_test

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/insight/stats"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// The statistics queries in the tenancy walk: another tenant's IDs in a
// filter count nothing, exactly like IDs that never existed, and no row or
// unit names another tenant's department.
func init() {
	wide := `from:"` + time.Now().AddDate(-1, 0, 0).Format(time.DateOnly) + `", to:"` + time.Now().AddDate(0, 0, 1).Format(time.DateOnly) + `"`
	tenancyProbes["Query.statistics"] = tenancyProbe{run: func(c *tenancyCaller) {
		doc := `query($v:[String!]!) { statistics(input:{` + wide + `, groupBy:[DEPARTMENT], filter:[{dimension:DEPARTMENT, values:$v}]}) { rows { keys { id } } total { received } } }`
		foreign := c.w.foreign["Department"]
		got := c.do(doc, map[string]any{"v": []string{strconv.Itoa(foreign)}})
		if !c.may("statistics:read") {
			if got.Code() != "FORBIDDEN" {
				c.t.Errorf("statistics: code %q, want FORBIDDEN", got.Code())
			}
			return
		}
		want := c.do(doc, map[string]any{"v": []string{strconv.Itoa(neverExisted(foreign))}})
		if len(got.Errors) > 0 || string(got.Data) != string(want.Data) || !strings.Contains(string(got.Data), `"received":0`) {
			c.t.Errorf("statistics filtered on demo-b's department answers %s; for one that never existed %s", answerShape(got), answerShape(want))
		}
		var out struct {
			Statistics struct {
				Rows []struct{ Keys []struct{ ID *string } }
			}
		}
		c.do(`{ statistics(input:{`+wide+`, groupBy:[DEPARTMENT, CATEGORY3]}) { rows { keys { id } } } }`, nil).Decode(c.t, &out)
		for _, r := range out.Statistics.Rows {
			for _, k := range r.Keys {
				if k.ID != nil && c.w.isForeign[mustAtoi(c.t, *k.ID)] {
					c.t.Errorf("statistics names demo-b's object %s", *k.ID)
				}
			}
		}
	}}
	tenancyProbes["Query.rankingIndex"] = tenancyProbe{run: func(c *tenancyCaller) {
		r := c.do(`{ rankingIndex(input:{`+wide+`, unit:DEPARTMENT}) { units { id } } }`, nil)
		if !c.may("statistics:read") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("rankingIndex: code %q, want FORBIDDEN", r.Code())
			}
			return
		}
		var out struct {
			RankingIndex struct{ Units []struct{ ID string } }
		}
		r.Decode(c.t, &out)
		for _, u := range out.RankingIndex.Units {
			if c.w.isForeign[mustAtoi(c.t, u.ID)] {
				c.t.Errorf("rankingIndex ranks demo-b's department %s", u.ID)
			}
		}
	}}
	tenancyProbes["Query.metricDefinitions"] = tenancyProbe{run: func(c *tenancyCaller) {
		r := c.do(`{ metricDefinitions { name label definition } }`, nil)
		if c.may("statistics:read") == (len(r.Errors) > 0) {
			c.t.Errorf("metricDefinitions: %s", answerShape(r))
		}
	}}
}

// What a leader and a department leader read through the API: today's
// tickets by department add up to the tickets each sees, the department
// leader's only his department's, and every metric has a definition.
func TestStatisticsThroughTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		tok := tokens(t, e)
		today := time.Now().In(mustLocation(t, "Asia/Shanghai"))
		doc := fmt.Sprintf(`{ statistics(input:{from:"%s", to:"%s", groupBy:[DEPARTMENT]}) {
			rows { keys { dimension id value label } metrics { received onTimeRate } } total { received } previous { received } lastYear { received } } }`,
			today.AddDate(0, 0, -1).Format(time.DateOnly), today.AddDate(0, 0, 1).Format(time.DateOnly))
		all := c.Ticket.Query().Where(ticket.StatusNEQ(ticket.StatusDRAFT), ticket.RegisteredAtNotNil()).CountX(a.ctx)
		// The department leader's tickets: 住建局's and those it co-handles,
		// counted by the ticket scope itself.
		u := c.User.Query().Where(user.Username("dept_leader")).OnlyX(a.ctx)
		asLeader := viewer.NewContext(context.Background(), e.App.Auth.UserViewer(u))
		housing := c.Ticket.Query().Where(ticket.StatusNEQ(ticket.StatusDRAFT), ticket.RegisteredAtNotNil()).CountX(asLeader)
		if housing == all {
			t.Fatalf("demo data cannot show the department leader's scope: he sees all %d tickets", all)
		}
		for who, want := range map[string]int{"leader": all, "analyst": all, "dept_leader": housing} {
			var out struct {
				Statistics struct {
					Rows []struct {
						Keys    []struct{ Dimension, Value, Label string }
						Metrics struct{ Received int }
					}
					Total struct{ Received int }
				}
			}
			e.Do(t, tok[who], doc, nil).Decode(t, &out)
			sum := 0
			for _, r := range out.Statistics.Rows {
				sum += r.Metrics.Received
			}
			if out.Statistics.Total.Received != want || sum != want || want == 0 {
				t.Errorf("%s: total %d, rows sum to %d, want %d", who, out.Statistics.Total.Received, sum, want)
			}
		}
		var defs struct {
			MetricDefinitions []struct{ Name, Label, Definition string }
		}
		e.Do(t, tok["analyst"], `{ metricDefinitions { name label definition } }`, nil).Decode(t, &defs)
		var fields struct {
			Type struct{ Fields []struct{ Name string } } `json:"__type"`
		}
		e.Do(t, tok["admin"], `{ __type(name:"StatsMetrics") { fields { name } } }`, nil).Decode(t, &fields)
		defined := map[string]bool{}
		for _, d := range defs.MetricDefinitions {
			defined[d.Name] = d.Label != "" && d.Definition != ""
		}
		for _, f := range fields.Type.Fields {
			if !defined[f.Name] {
				t.Errorf("StatsMetrics.%s has no metric definition", f.Name)
			}
		}
		if len(defs.MetricDefinitions) != len(stats.Definitions) || len(fields.Type.Fields) != len(defs.MetricDefinitions) {
			t.Errorf("%d definitions for %d metrics", len(defs.MetricDefinitions), len(fields.Type.Fields))
		}
		r := e.Do(t, tok["analyst"], `{ statistics(input:{from:"2020-01-01", to:"2026-01-01"}) { total { received } } }`, nil)
		if r.Code() != "BAD_USER_INPUT" {
			t.Errorf("six years: code %q, want BAD_USER_INPUT", r.Code())
		}
	})
}

func mustLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// 人次 is read only when a query selects it (it is the one costly figure),
// however it is selected: a field, a named fragment or an inline one gives
// the persons the service counts; leaving it out changes no other figure.
func TestStatisticsPersonsWhenSelected(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		tok := tokens(t, e)
		c := e.App.DB.Client
		u := c.User.Query().Where(user.Username("analyst")).OnlyX(readDemoTenant(t, e, "demo-a").ctx)
		asAnalyst := viewer.NewContext(context.Background(), e.App.Auth.UserViewer(u))
		today := time.Now().In(mustLocation(t, "Asia/Shanghai"))
		from, to := today.AddDate(0, -2, 0), today.AddDate(0, 0, 1)
		in := stats.Input{From: dayOf(from), To: dayOf(to), GroupBy: []stats.Dimension{stats.Channel}}
		want, err := stats.New(c).Statistics(asAnalyst, in)
		if err != nil {
			t.Fatal(err)
		}
		if want.Total.Persons == 0 || want.Total.Persons == want.Total.Received {
			t.Fatalf("demo data cannot show persons: %d persons of %d received", want.Total.Persons, want.Total.Received)
		}
		args := fmt.Sprintf(`input:{from:"%s", to:"%s", groupBy:[CHANNEL]}`, from.Format(time.DateOnly), to.Format(time.DateOnly))
		for name, doc := range map[string]string{
			"field":           `{ statistics(` + args + `) { total { received persons } } }`,
			"named fragment":  `query { statistics(` + args + `) { total { ...M } } } fragment M on StatsMetrics { received persons }`,
			"inline fragment": `{ statistics(` + args + `) { total { ... on StatsMetrics { received persons } } } }`,
		} {
			var out struct {
				Statistics struct {
					Total struct{ Received, Persons int }
				}
			}
			e.Do(t, tok["analyst"], doc, nil).Decode(t, &out)
			if got := out.Statistics.Total; got.Persons != want.Total.Persons || got.Received != want.Total.Received {
				t.Errorf("%s: %d persons of %d received, want %d of %d", name, got.Persons, got.Received, want.Total.Persons, want.Total.Received)
			}
		}
		in.SkipPersons = true
		skipped, err := stats.New(c).Statistics(asAnalyst, in)
		if err != nil {
			t.Fatal(err)
		}
		if skipped.Total.Persons != 0 {
			t.Errorf("persons skipped, yet %d", skipped.Total.Persons)
		}
		zero := func(st *stats.Statistics) *stats.Statistics {
			st.Total.Persons, st.Previous.Persons, st.LastYear.Persons = 0, 0, 0
			for i := range st.Rows {
				st.Rows[i].Metrics.Persons = 0
			}
			return st
		}
		if !reflect.DeepEqual(zero(skipped), zero(want)) {
			t.Errorf("skipping persons changed other figures: %d rows, %d received; want %d rows, %d received",
				len(skipped.Rows), skipped.Total.Received, len(want.Rows), want.Total.Received)
		}
	})
}

func dayOf(t time.Time) calendar.Day {
	y, m, d := t.Date()
	return calendar.Day{Year: y, Month: m, Day: d}
}
