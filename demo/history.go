package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"time"

	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// DefaultHistory is how many past tickets `serve --demo` and `minsheng
// demo` give each demo tenant: enough for a leader's first dashboard and
// report to show something (13 months, every category), little enough
// that seeding stays within a second or two. --history asks for more.
const DefaultHistory = 300

// HistoryTook adds up the time spent writing history (for tests and
// benchmarks to report).
var HistoryTook time.Duration

// HistoryMonths is how far back the demo history goes.
const HistoryMonths = 13

// leafCat is a level-3 category with what its tickets need.
type leafCat struct {
	code, name, department string
	days                   int
}

func leaves(cats []Cat, dept string, out []leafCat) []leafCat {
	for _, c := range cats {
		d := dept
		if c.Department != "" {
			d = c.Department
		}
		if len(c.Children) == 0 {
			out = append(out, leafCat{code: c.Code, name: c.Name, department: d, days: c.DeadlineDays})
			continue
		}
		out = leaves(c.Children, d, out)
	}
	return out
}

func streets(places []Place, out []string) []string {
	for _, p := range places {
		if p.Level == "STREET" {
			out = append(out, p.Name)
		}
		out = streets(p.Children, out)
	}
	return out
}

// History generates n past tickets of district d over the HistoryMonths
// before now, deterministically for a district and a day: seasonal waves
// (summer and the weeks before the Spring Festival busier), one category
// whose share rises over the last three months, every channel, tickets
// returned, reopened after a dissatisfied callback, replied late after a
// red escalation and a leader's supervision. Every ticket ends replied or
// closed. IDs come from the maps the seeding filled.
func History(d District, n int, now time.Time, depts, regions, cats map[string]int, citizens []int) []workflow.PastTicket {
	h := fnv.New64a()
	h.Write([]byte(d.Code))
	rng := rand.New(rand.NewPCG(h.Sum64(), uint64(now.Year()*400+now.YearDay())))
	leafs := leaves(d.Categories, "", nil)
	places := streets(d.Regions, nil)
	if len(leafs) == 0 || len(places) == 0 || n <= 0 {
		return nil
	}
	rising := leafs[rng.IntN(len(leafs))]
	start := now.AddDate(0, -HistoryMonths, 0)
	span := now.Sub(start)
	channels := []ticket.Channel{ticket.ChannelPHONE, ticket.ChannelPHONE, ticket.ChannelPHONE, ticket.ChannelWEB,
		ticket.ChannelWECHAT, ticket.ChannelWECHAT, ticket.ChannelLETTER, ticket.ChannelVISIT, ticket.ChannelGRID}
	out := make([]workflow.PastTicket, 0, n)
	for len(out) < n {
		// Seasonal weight by rejection: summer and January busier.
		at := start.Add(time.Duration(rng.Int64N(int64(span - 2*time.Hour))))
		season := 1 + 0.35*math.Sin(float64(at.YearDay()-100)/365*2*math.Pi) + 0.2*math.Cos(float64(at.YearDay())/365*2*math.Pi)
		if rng.Float64()*1.6 > season {
			continue
		}
		if at.Weekday() == time.Sunday && rng.IntN(2) == 0 {
			continue
		}
		at = time.Date(at.Year(), at.Month(), at.Day(), 8+rng.IntN(10), rng.IntN(60), 0, 0, at.Location())
		if !at.Before(now.Add(-24 * time.Hour)) {
			continue
		}
		cat := leafs[rng.IntN(len(leafs))]
		if now.Sub(at) < 90*24*time.Hour && rng.IntN(4) == 0 {
			cat = rising // a topic that rises
		}
		place := places[rng.IntN(len(places))]
		dept := depts[cat.department]
		if id, ok := depts[place]; ok && (dept == 0 || rng.IntN(4) == 0) {
			dept = id // the street handles it
		}
		if dept == 0 {
			continue
		}
		p := workflow.PastTicket{
			Title:        fmt.Sprintf("%s%s", place, cat.name),
			Body:         fmt.Sprintf("市民反映%s辖区%s方面的问题，请相关部门核实处理。", place, cat.name),
			Place:        place,
			Channel:      channels[rng.IntN(len(channels))],
			CategoryID:   ptr(cats[cat.code]),
			RegionID:     ptr(regions[place]),
			DeadlineDays: cat.days,
		}
		switch r := rng.IntN(10); {
		case r < 2:
			p.Anonymous = true
		case r < 4 && len(citizens) > 0:
			c := citizens[rng.IntN(len(citizens))] // the same people come back: repeat cases
			p.CitizenID = &c
		}
		p.Steps = story(rng, at, now, dept, cat.days)
		out = append(out, p)
	}
	return out
}

// story is what happened to one ticket registered at at. Every story ends
// replied or closed before now: an open past ticket would have a running
// deadline, and the scheduler would warn about it at the next start.
func story(rng *rand.Rand, at, now time.Time, dept, days int) []workflow.PastStep {
	steps := []workflow.PastStep{{Action: workflow.ActionRegister, At: at}}
	t := at
	next := func(min, max time.Duration) time.Time {
		t = t.Add(min + time.Duration(rng.Int64N(int64(max-min)+1)))
		return t
	}
	add := func(action string, when time.Time) *workflow.PastStep {
		t = when
		steps = append(steps, workflow.PastStep{Action: action, At: when, DepartmentID: dept})
		return &steps[len(steps)-1]
	}
	calendarDays := time.Duration(days*7/5+1) * 24 * time.Hour
	// Of the last month's tickets, a third were late.
	stuck := now.Sub(at) < 30*24*time.Hour && now.Sub(at) > 10*24*time.Hour && rng.IntN(3) == 0
	add(workflow.ActionDispatch, next(30*time.Minute, 4*time.Hour))
	due := t.Add(calendarDays)
	if rng.IntN(12) == 0 { // sent to the wrong department first
		add(workflow.ActionReturn, next(2*time.Hour, 30*time.Hour)).Reason = "不属于本单位职责范围"
		add(workflow.ActionDispatch, next(time.Hour, 6*time.Hour))
		due = t.Add(calendarDays)
	}
	quick := 20 * time.Hour
	if rng.IntN(6) == 0 {
		quick = 60 * time.Hour // slow to accept
	}
	add(workflow.ActionAccept, next(time.Hour, quick))
	add(workflow.ActionStart, next(10*time.Minute, 3*time.Hour))
	for round := 0; ; round++ {
		// Most replies come well within the deadline; the late ones went
		// red on the way, and a leader supervised some.
		if rng.IntN(100) < 85 && !stuck {
			reply := t.Add(time.Duration(float64(due.Sub(t)) * (0.2 + 0.6*rng.Float64())))
			if !reply.After(t) {
				reply = t.Add(time.Hour)
			}
			t = reply
		} else {
			red := due.Add(time.Duration(1+rng.IntN(20)) * time.Hour)
			if !red.After(t) {
				red = t.Add(time.Hour)
			}
			add(workflow.ActionEscalateRed, red)
			if stuck || rng.IntN(2) == 0 {
				add(workflow.ActionSupervise, red.Add(2*time.Hour)).Reason = "请抓紧办理并及时反馈"
			}
			next(24*time.Hour, 6*24*time.Hour)
		}
		add(workflow.ActionReply, t).Reply = &workflow.ReplyText{
			Facts: "经现场核实，市民反映情况属实。", Basis: "依据相关管理规定和职责分工。",
			Handling: "已安排专人现场处置并跟踪整改。", Result: "问题已按要求处理完毕。",
			AppealChannel: "如对处理结果不满意，可拨打热线或依法申请复查。",
		}
		cb := workflow.CallbackRecord{Satisfaction: callback.SatisfactionSATISFIED, Solved: true}
		switch r := rng.IntN(100); {
		case r >= 88 && round == 0:
			cb = workflow.CallbackRecord{Satisfaction: callback.SatisfactionDISSATISFIED, Solved: false}
		case r >= 70:
			cb.Satisfaction = callback.SatisfactionBASICALLY_SATISFIED
			cb.Solved = r < 82
		}
		add(workflow.ActionCallback, next(3*time.Hour, 40*time.Hour)).Callback = &cb
		if cb.Satisfaction != callback.SatisfactionDISSATISFIED {
			add(workflow.ActionClose, next(10*time.Minute, 2*time.Hour))
			break
		}
		// Dissatisfied: reopened and handled again.
		add(workflow.ActionReopen, next(10*time.Minute, 4*time.Hour)).Reason = "市民对处理结果不满意"
		add(workflow.ActionDispatch, next(30*time.Minute, 4*time.Hour))
		due = t.Add(calendarDays)
		add(workflow.ActionAccept, next(time.Hour, 20*time.Hour))
		add(workflow.ActionStart, next(10*time.Minute, 3*time.Hour))
	}
	// A story that would run past now is told faster, so that it ends an
	// hour ago: a recent ticket is handled quickly.
	end := now.Add(-time.Hour)
	if last := steps[len(steps)-1].At; last.After(end) {
		scale := float64(end.Sub(at)) / float64(last.Sub(at))
		for i := range steps {
			steps[i].At = at.Add(time.Duration(float64(steps[i].At.Sub(at)) * scale))
		}
	}
	return steps
}

// seedHistory writes History through workflow's bulk path, as the
// dispatcher (who registers, dispatches and calls back at a hotline).
func (s *Seeder) seedHistory(ctx context.Context, d District, depts, regions, cats map[string]int) error {
	if s.History <= 0 {
		return nil
	}
	u, err := s.Client.User.Query().Where(user.Username("dispatcher")).Only(ctx)
	if err != nil {
		return err
	}
	citizens, err := s.Client.Citizen.Query().IDs(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	began := time.Now()
	past := History(d, s.History, now, depts, regions, cats, citizens)
	actor := viewer.NewContext(ctx, s.Auth.UserViewer(u))
	for start := 0; start < len(past); start += workflow.MaxHistory {
		end := min(start+workflow.MaxHistory, len(past))
		if _, err := s.Workflow.RecordHistory(actor, past[start:end]); err != nil {
			return fmt.Errorf("history: %w", err)
		}
	}
	HistoryTook += time.Since(began)
	return nil
}
