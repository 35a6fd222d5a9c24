package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/callback"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/idnumber"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// DefaultHistory is how many past tickets `serve --demo` and `minsheng
// demo` give each demo tenant: enough for a leader's first dashboard and
// report to show a year with its seasons, repeat and group cases and
// rising topics (13 months, every category); --history asks for more or
// fewer.
const DefaultHistory = 3000

// HistoryTook adds up the time spent writing history (for tests and
// benchmarks to report).
var HistoryTook time.Duration

// HistoryMonths is how far back the demo history goes.
const HistoryMonths = 13

// leafCat is a level-3 category with what its tickets need.
type leafCat struct {
	code, name, department string
	days                   int
	words                  []string
}

func leaves(cats []Cat, dept string, out []leafCat) []leafCat {
	for _, c := range cats {
		d := dept
		if c.Department != "" {
			d = c.Department
		}
		if len(c.Children) == 0 {
			out = append(out, leafCat{code: c.Code, name: c.Name, department: d, days: c.DeadlineDays, words: c.Keywords})
			continue
		}
		out = leaves(c.Children, d, out)
	}
	return out
}

// community is a community region with its street (the township that
// handles what the functional bureaus do not).
type community struct{ name, street string }

func communities(places []Place, street string, out []community) []community {
	for _, p := range places {
		s := street
		if p.Level == "STREET" {
			s = p.Name
		}
		if p.Level == "COMMUNITY" {
			out = append(out, community{name: p.Name, street: s})
		}
		out = communities(p.Children, s, out)
	}
	return out
}

// Seasonal and rising subjects: which leaf, the words its tickets then
// use, and how much more often it comes in the months (or the last weeks)
// it is in season.
type wave struct {
	code   string
	words  []string
	boost  float64
	season func(at, now time.Time) bool
}

var waves = []wave{
	// Heating in winter: the property company runs the boilers.
	{code: "01.01.01", words: []string{"暖气不热", "供暖", "室温", "暖气片"}, boost: 6,
		season: func(at, _ time.Time) bool {
			m := at.Month()
			return m == time.December || m == time.January || m == time.February
		}},
	// Flooding in the rainy season.
	{code: "01.03.03", words: []string{"暴雨", "积水", "内涝", "下水道"}, boost: 6,
		season: func(at, _ time.Time) bool { m := at.Month(); return m >= time.June && m <= time.August }},
	// Summer nights: barbecue smoke and air conditioners.
	{code: "06.01.01", words: []string{"烧烤", "油烟", "夜宵"}, boost: 3,
		season: func(at, _ time.Time) bool { m := at.Month(); return m >= time.June && m <= time.September }},
	{code: "06.02.02", words: []string{"空调外机", "噪声"}, boost: 3,
		season: func(at, _ time.Time) bool { m := at.Month(); return m >= time.July && m <= time.August }},
	// Wages owed before the Spring Festival.
	{code: "04.01.01", words: []string{"农民工", "欠薪", "工钱"}, boost: 5,
		season: func(at, _ time.Time) bool { d := daysToFestival(at); return d > 0 && d <= 45 }},
	// Topics that rise in the last weeks: gyms closing with prepaid
	// cards, e-bikes charged in stairwells.
	{code: "02.02.01", words: []string{"健身房", "预付卡", "跑路", "退费"}, boost: 7,
		season: func(at, now time.Time) bool { return now.Sub(at) < 28*24*time.Hour }},
	{code: "08.02.02", words: []string{"电动车", "楼道充电", "飞线充电"}, boost: 4,
		season: func(at, now time.Time) bool { return now.Sub(at) < 21*24*time.Hour }},
}

// springFestivals are the first days of the lunar year the history can
// reach.
var springFestivals = []time.Time{
	time.Date(2024, 2, 10, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 29, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 2, 17, 0, 0, 0, 0, time.UTC), time.Date(2027, 2, 6, 0, 0, 0, 0, time.UTC),
	time.Date(2028, 1, 26, 0, 0, 0, 0, time.UTC), time.Date(2029, 2, 13, 0, 0, 0, 0, time.UTC),
	time.Date(2030, 2, 3, 0, 0, 0, 0, time.UTC),
}

// daysToFestival is how many days at is before the next Spring Festival
// (negative: after the last one, within the festival's fortnight).
func daysToFestival(at time.Time) int {
	day := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)
	best := 1 << 30
	for _, f := range springFestivals {
		d := int(f.Sub(day).Hours() / 24)
		if d >= -14 && (best == 1<<30 || abs(d) < abs(best)) {
			best = d
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// How a citizen says it, in the words every complaint shares (on the
// topics stop list, so that hot topics show the subjects): an opening,
// the middle with the subject's words, and what they want. The place is
// the ticket's place field, not its text: the segmenter cuts community
// names into fragments that would crowd the hot topics.
var (
	openings = []string{"市民反映，", "来电反映：", "居民投诉：", "", "市民来电表示，"}
	middles  = []string{
		"%s的情况已经%d天了，%s一直没有解决。",
		"%s，多次反映都没有结果，已经%d天，%s很严重。",
		"最近%s，持续%d天，%s造成很大影响。",
		"%s问题严重，%d户居民受影响，%s至今没有处理。",
	}
	wants = []string{"请尽快处理。", "希望相关部门尽快解决。", "请有关部门核实处理。", "希望得到答复。", "请督促落实。"}
)

// text is a ticket's title and body about leaf, with words of the leaf
// (or of its wave).
func text(rng *rand.Rand, leaf leafCat, words []string) (string, string) {
	if len(words) == 0 {
		words = []string{leaf.name}
	}
	w1 := words[rng.IntN(len(words))]
	w2 := words[rng.IntN(len(words))]
	title := w1
	if w2 != w1 {
		title += "、" + w2
	}
	body := openings[rng.IntN(len(openings))] +
		fmt.Sprintf(middles[rng.IntN(len(middles))], w1, 2+rng.IntN(20), w2) +
		wants[rng.IntN(len(wants))]
	return title, body
}

// pastCase is one generated ticket before its story, to derive repeats
// and group cases from.
type pastCase struct {
	at      time.Time
	leaf    leafCat
	words   []string
	place   community
	dept    int
	citizen *int
}

// History generates about n past tickets of district d over the
// HistoryMonths before now, deterministically for a district and a day:
// seasonal waves (heating in winter, flooding in summer, wages before and
// a dip during the Spring Festival), two subjects rising in the last
// weeks, every channel; repeat cases (the same citizen back on the same
// matter, some a third time) and group cases (six to nine citizens on one
// matter at one place within days); tickets returned, reopened after a
// dissatisfied callback, extended, supervised and instructed, red after
// their deadline. Stories that reach beyond now stop there: the last
// weeks' tickets are open in every status, some past their deadline. The
// result is in registration order. IDs come from the maps the seeding
// filled; citizens are the people tickets may name.
func History(d District, n int, now time.Time, depts, regions, cats map[string]int, citizens []int) []workflow.PastTicket {
	h := fnv.New64a()
	h.Write([]byte(d.Code))
	rng := rand.New(rand.NewPCG(h.Sum64(), uint64(now.Year()*400+now.YearDay())))
	leafs := leaves(d.Categories, "", nil)
	places := communities(d.Regions, "", nil)
	if len(leafs) == 0 || len(places) == 0 || n <= 0 {
		return nil
	}
	byCode := map[string]leafCat{}
	for _, l := range leafs {
		byCode[l.code] = l
	}
	start := now.AddDate(0, -HistoryMonths, 0)
	span := now.Sub(start)
	deptOf := func(leaf leafCat, place community) int {
		dept := depts[leaf.department]
		if id, ok := depts[place.street]; ok && (dept == 0 || rng.IntN(4) == 0) {
			dept = id // the street handles it
		}
		return dept
	}
	person := func() *int {
		if len(citizens) == 0 || rng.IntN(10) < 4 {
			return nil // anonymous or unnamed
		}
		c := citizens[rng.IntN(len(citizens))]
		return &c
	}
	// Plain cases, then repeats and group cases made from them.
	var cases []pastCase
	repeats := n * 5 / 100
	groups := max(4, n/400)
	plain := n - repeats - groups*7
	for tries := 0; len(cases) < plain && tries < plain*20; tries++ {
		at := start.Add(time.Duration(rng.Int64N(int64(span - 2*time.Hour))))
		// Summer and January busier; Sundays and the Spring Festival
		// quieter.
		weight := 1 + 0.3*math.Sin(float64(at.YearDay()-100)/365*2*math.Pi) + 0.15*math.Cos(float64(at.YearDay())/365*2*math.Pi)
		if f := daysToFestival(at); f <= 2 && f >= -7 {
			weight *= 0.3
		}
		if at.Weekday() == time.Sunday {
			weight *= 0.6
		}
		if rng.Float64()*1.5 > weight {
			continue
		}
		at = time.Date(at.Year(), at.Month(), at.Day(), 8+rng.IntN(10), rng.IntN(60), 0, 0, at.Location())
		if !at.Before(now.Add(-2 * time.Hour)) {
			continue
		}
		leaf := leafs[rng.IntN(len(leafs))]
		words := leaf.words
		// A wave in season takes the place of a plain leaf often enough
		// to multiply its share by its boost.
		for _, w := range waves {
			if w.season(at, now) && rng.Float64() < (w.boost-1)/float64(len(leafs)) {
				leaf, words = byCode[w.code], w.words
				break
			}
		}
		if leaf.code == "" {
			continue
		}
		place := places[rng.IntN(len(places))]
		dept := deptOf(leaf, place)
		if dept == 0 {
			continue
		}
		// Two of its words: a repeat of the case says the same again.
		if len(words) > 2 {
			i := rng.IntN(len(words))
			words = []string{words[i], words[(i+1+rng.IntN(len(words)-1))%len(words)]}
		}
		cases = append(cases, pastCase{at: at, leaf: leaf, words: words, place: place, dept: dept, citizen: person()})
	}
	// Repeats: a named citizen back on the same matter, at the same place,
	// days to weeks later (a few a third time).
	var named []int
	for i, c := range cases {
		if c.citizen != nil {
			named = append(named, i)
		}
	}
	for i := 0; i < repeats && len(named) > 0; i++ {
		first := cases[named[rng.IntN(len(named))]]
		again := first
		again.at = first.at.Add(time.Duration(3+rng.IntN(50))*24*time.Hour + time.Duration(rng.IntN(8))*time.Hour)
		if !again.at.Before(now.Add(-2 * time.Hour)) {
			continue
		}
		cases = append(cases, again)
		if rng.IntN(4) == 0 {
			named = append(named, len(cases)-1)
		}
	}
	// Group cases: six to nine different citizens on one matter at one
	// place within three days, spread over the year and one in the last
	// fortnight.
	groupLeaves := []string{"01.04.04", "01.04.03", "04.01.01", "06.02.01", "01.03.03", "02.02.01"}
	for g := 0; g < groups && len(citizens) >= 9; g++ {
		leaf := byCode[groupLeaves[g%len(groupLeaves)]]
		if leaf.code == "" {
			continue
		}
		at := start.Add(time.Duration(rng.Int64N(int64(span - 20*24*time.Hour))))
		if g == 0 {
			at = now.Add(-time.Duration(5+rng.IntN(8)) * 24 * time.Hour)
		}
		at = time.Date(at.Year(), at.Month(), at.Day(), 9, 0, 0, 0, at.Location())
		place := places[rng.IntN(len(places))]
		dept := deptOf(leaf, place)
		if dept == 0 {
			continue
		}
		who := rng.Perm(len(citizens))
		words := []string{leaf.words[0], leaf.words[1%len(leaf.words)]}
		for k := 0; k < 6+rng.IntN(4); k++ {
			c := citizens[who[k]]
			when := at.Add(time.Duration(rng.IntN(72)) * time.Hour)
			if !when.Before(now.Add(-2 * time.Hour)) {
				continue
			}
			cases = append(cases, pastCase{at: when, leaf: leaf, words: words, place: place, dept: dept, citizen: &c})
		}
	}
	sort.SliceStable(cases, func(i, j int) bool { return cases[i].at.Before(cases[j].at) })

	channels := []ticket.Channel{ticket.ChannelPHONE, ticket.ChannelPHONE, ticket.ChannelPHONE, ticket.ChannelWEB,
		ticket.ChannelWECHAT, ticket.ChannelWECHAT, ticket.ChannelLETTER, ticket.ChannelVISIT, ticket.ChannelGRID}
	out := make([]workflow.PastTicket, 0, len(cases))
	for _, c := range cases {
		title, body := text(rng, c.leaf, c.words)
		p := workflow.PastTicket{
			Title:        title,
			Body:         body,
			Place:        c.place.name,
			Channel:      channels[rng.IntN(len(channels))],
			CategoryID:   ptr(cats[c.leaf.code]),
			RegionID:     ptr(regions[c.place.name]),
			DeadlineDays: c.leaf.days,
			CitizenID:    c.citizen,
			Anonymous:    c.citizen == nil && rng.IntN(2) == 0,
		}
		p.Steps = story(rng, c.at, now, c.dept, c.leaf.days)
		out = append(out, p)
	}
	openEveryStatus(out)
	coSign(d, out, citizens)
	return out
}

// coSign turns a few named cases of the history into letters co-signed
// (联名) by neighbours: one letter of six signers, a group case by itself,
// and three of three or four signers, below the group size. Its own random source keeps the
// rest of the history as it was.
func coSign(d District, out []workflow.PastTicket, citizens []int) {
	if len(citizens) < 8 {
		return
	}
	h := fnv.New64a()
	h.Write([]byte("co-signed " + d.Code))
	rng := rand.New(rand.NewPCG(h.Sum64(), 11))
	var named []int
	for i, p := range out {
		if p.CitizenID != nil {
			named = append(named, i)
		}
	}
	letters := min(len(named), 4)
	for k, i := range rng.Perm(len(named))[:letters] {
		p := &out[named[i]]
		n := []int{5, 2, 3, 2}[k] // six signers, a group case; the others below the group size
		for _, j := range rng.Perm(len(citizens)) {
			if len(p.CoSignerIDs) == n {
				break
			}
			if c := citizens[j]; c != *p.CitizenID {
				p.CoSignerIDs = append(p.CoSignerIDs, c)
			}
		}
		p.Channel = ticket.ChannelLETTER
	}
}

// openEveryStatus stops the stories of the newest tickets after a
// registration, a dispatch, an acceptance, a start and a reply, one each,
// so that every open status is on the first dashboard whatever the hour
// of seeding: left to chance, a tenant seeded at some hours had no ticket
// waiting for acceptance.
func openEveryStatus(out []workflow.PastTicket) {
	used := map[int]bool{}
	for _, last := range []string{workflow.ActionReply, workflow.ActionStart, workflow.ActionAccept,
		workflow.ActionDispatch, workflow.ActionRegister} {
		for i := len(out) - 1; i >= 0 && i >= len(out)-200; i-- {
			if used[i] {
				continue
			}
			if k := firstStep(out[i].Steps, last); k >= 0 {
				out[i].Steps = out[i].Steps[:k+1]
				used[i] = true
				break
			}
		}
	}
}

// firstStep is the index of the first step with the action, or -1.
func firstStep(steps []workflow.PastStep, action string) int {
	for k, s := range steps {
		if s.Action == action {
			return k
		}
	}
	return -1
}

// story is what happened to one ticket registered at at, up to now: a
// story that would run beyond now stops there, so the last weeks' tickets
// are still open (registered, dispatched, accepted, in progress, replied
// and waiting for the callback), some past their deadline. An open
// ticket's yellow and red are left to the scheduler, which escalates them
// at the server's first start as it would have; a closed one's red is on
// its timeline.
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
	// Of the last month's tickets, a third are late.
	stuck := now.Sub(at) < 30*24*time.Hour && now.Sub(at) > 6*24*time.Hour && rng.IntN(3) == 0
	// Some of the last days' tickets wait for dispatch.
	if now.Sub(at) < 3*24*time.Hour && rng.IntN(3) == 0 {
		return steps
	}
	add(workflow.ActionDispatch, next(30*time.Minute, 4*time.Hour))
	due := t.Add(calendarDays)
	if rng.IntN(12) == 0 { // sent to the wrong department first
		add(workflow.ActionReturn, next(2*time.Hour, 30*time.Hour)).Reason = "不属于本单位职责范围"
		add(workflow.ActionDispatch, next(time.Hour, 6*time.Hour))
		due = t.Add(calendarDays)
	}
	quick := 20 * time.Hour
	if rng.IntN(6) == 0 {
		quick = 100 * time.Hour // slow to accept
	}
	add(workflow.ActionAccept, next(time.Hour, quick))
	switch {
	case now.Sub(at) < 7*24*time.Hour && rng.IntN(3) == 0:
		add(workflow.ActionStart, next(72*time.Hour, 144*time.Hour)) // accepted, waiting to start
	case rng.IntN(4) == 0:
		add(workflow.ActionStart, next(20*time.Hour, 72*time.Hour)) // accepted, started days later
	default:
		add(workflow.ActionStart, next(10*time.Minute, 3*time.Hour))
	}
	if rng.IntN(25) == 0 { // a case that needs more time asks for it
		ext := add(workflow.ActionExtensionRequest, next(time.Hour, 48*time.Hour))
		ext.Reason, ext.Days = "涉及多个部门，需协调后处置", 5
		if rng.IntN(4) > 0 {
			add(workflow.ActionExtensionApprove, next(time.Hour, 24*time.Hour))
			due = due.Add(7 * 24 * time.Hour)
		} else {
			add(workflow.ActionExtensionReject, next(time.Hour, 24*time.Hour)).Reason = "请在原期限内办结"
		}
	}
	for round := 0; ; round++ {
		// Most replies come well within the deadline; the late ones went
		// red on the way, and a leader supervised or instructed some.
		if rng.IntN(100) < 88 && !stuck {
			reply := t.Add(time.Duration(float64(due.Sub(t)) * (0.2 + 0.6*rng.Float64())))
			if !reply.After(t) {
				reply = t.Add(time.Hour)
			}
			t = reply
		} else {
			yellow := due.Add(time.Duration(1+rng.IntN(3)) * time.Hour)
			if !yellow.After(t) {
				yellow = t.Add(time.Hour)
			}
			add(workflow.ActionEscalateYellow, yellow)
			red := yellow.Add(time.Duration(30+rng.IntN(20)) * time.Hour)
			add(workflow.ActionEscalateRed, red)
			if stuck || rng.IntN(2) == 0 {
				add(workflow.ActionSupervise, red.Add(2*time.Hour)).Reason = "请抓紧办理并及时反馈"
			}
			if rng.IntN(4) == 0 {
				add(workflow.ActionInstruct, next(4*time.Hour, 30*time.Hour)).Reason = "请责任单位主要负责人亲自过问，限期办结并报送结果"
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
	// What had not happened by an hour ago has not happened.
	end := now.Add(-time.Hour)
	cut := len(steps)
	for i, st := range steps {
		if st.At.After(end) {
			cut = i
			break
		}
	}
	steps = steps[:cut]
	switch steps[len(steps)-1].Action {
	case workflow.ActionClose:
		return steps
	case workflow.ActionCallback, workflow.ActionExtensionRequest:
		// A callback cut before its close would be neither: drop it,
		// and the ticket waits for its callback; a request cut before
		// its decision waits for one.
		if steps[len(steps)-1].Action == workflow.ActionCallback {
			steps = steps[:len(steps)-1]
		}
	}
	// Still open: the scheduler escalates its colours.
	kept := steps[:0]
	for _, st := range steps {
		if st.Action != workflow.ActionEscalateRed && st.Action != workflow.ActionEscalateYellow {
			kept = append(kept, st)
		}
	}
	return kept
}

// seedHistory writes History through workflow's bulk path, as the
// dispatcher (who registers, dispatches and calls back at a hotline), for
// the tenant's citizens and the people made up for it (historyCitizens).
// It returns the ID number of the made-up person with the most tickets
// (for the watch list).
func (s *Seeder) seedHistory(ctx context.Context, d District, depts, regions, cats map[string]int) (string, error) {
	if s.History <= 0 {
		return "", nil
	}
	u, err := s.Client.User.Query().Where(user.Username("dispatcher")).Only(ctx)
	if err != nil {
		return "", err
	}
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	began := time.Now()
	actor := viewer.NewContext(ctx, s.Auth.UserViewer(u))
	made, err := s.historyCitizens(actor, d, max(40, s.History/10))
	if err != nil {
		return "", fmt.Errorf("history citizens: %w", err)
	}
	citizens, err := s.Client.Citizen.Query().Order(ent.Asc(citizen.FieldID)).IDs(ctx)
	if err != nil {
		return "", err
	}
	past := History(d, s.History, now, depts, regions, cats, citizens)
	for start := 0; start < len(past); start += workflow.MaxHistory {
		end := min(start+workflow.MaxHistory, len(past))
		if _, err := s.Workflow.RecordHistory(actor, past[start:end]); err != nil {
			return "", fmt.Errorf("history: %w", err)
		}
	}
	HistoryTook += time.Since(began)
	count := map[int]int{}
	best, person := 0, ""
	for _, p := range past {
		if p.CitizenID != nil {
			count[*p.CitizenID]++
			if id, ok := made[*p.CitizenID]; ok && count[*p.CitizenID] > best {
				best, person = count[*p.CitizenID], id
			}
		}
	}
	return person, nil
}

// surnames and given names of the made-up citizens.
var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	given    = []string{"建国", "秀英", "桂兰", "志强", "丽娟", "海燕", "文华", "国平", "玉梅", "晓东", "春生", "红霞", "德明", "雪芳", "永刚", "淑珍", "立新", "凤英", "家豪", "思琪"}
)

// historyCitizens registers n made-up citizens of district d (valid ID
// numbers of the district's division, mobile numbers) through the
// directory, as the tickets of the history need people: repeat cases are
// one person's, group cases many people's. It returns their ID numbers
// by citizen.
func (s *Seeder) historyCitizens(ctx context.Context, d District, n int) (map[int]string, error) {
	h := fnv.New64a()
	h.Write([]byte("citizens " + d.Code))
	rng := rand.New(rand.NewPCG(h.Sum64(), 7))
	made := map[int]string{}
	err := store.WithTx(ctx, s.Client, func(tx *ent.Client) error {
		for i := 0; i < n; i++ {
			birth := time.Date(1945+rng.IntN(60), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
			first17 := fmt.Sprintf("%s%s%03d", d.DivisionCode, birth.Format("20060102"), 100+i%900)
			check, err := idnumber.CheckDigit(first17)
			if err != nil {
				return err
			}
			id := first17 + string(check)
			name := string(surnames[rng.IntN(len(surnames))]) + given[rng.IntN(len(given))]
			phone := fmt.Sprintf("1%d%09d", 3+rng.IntN(7), rng.IntN(1_000_000_000))
			c, err := s.Directory.UpsertCitizen(ctx, tx, directory.CitizenInput{Name: &name, IDNumber: &id, Phone: &phone})
			if err != nil {
				return err
			}
			made[c.ID] = id
		}
		return nil
	})
	return made, err
}
