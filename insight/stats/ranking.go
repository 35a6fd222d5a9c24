package stats

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/calendar"
)

// PriorCases is the weight, in cases, of the tenant's mean in every
// indicator of the ranking index: a unit's rate num/den is ranked as
// (num + PriorCases·mean) / (den + PriorCases). A unit with 3 cases is thus
// mostly the tenant's mean and cannot top the list on luck; one with 300 is
// almost its own rate. (Shrinkage toward the mean, not a minimum sample:
// every unit with a case is ranked, and its sample is shown beside it.)
const PriorCases = 10

// SettingRankingWeights is the tenant setting (a JSON object from dimension
// name to a non-negative number) weighting the six dimensions; missing
// dimensions weigh 1, so the default is equal weights.
const SettingRankingWeights = "rankingWeights"

// RankingInput asks for the ranking of the departments or the townships
// (Unit Department or Region) over the tenant's dates From to To, inclusive.
type RankingInput struct {
	From, To calendar.Day
	Unit     Dimension
}

// Indicator is one measured rate behind a dimension: Num of Den, its raw
// Value (nil when Den is 0) and its Score 0–100 after shrinkage toward the
// tenant's mean.
type Indicator struct {
	Name, Label string
	Num, Den    int
	Value       *float64
	Score       float64
}

// IndexDimension is one of the six dimensions of the index: its score 0–100
// (the mean of its indicators' scores), its weight and its indicators.
type IndexDimension struct {
	Name, Label string
	Weight      float64
	Score       float64
	Indicators  []Indicator
}

// RankedUnit is one department or township in the ranking.
type RankedUnit struct {
	ID     int
	Name   string
	Rank   int
	Score  float64  // 0–100, the weighted mean of the dimensions
	Sample int      // tickets received in the period
	Change *float64 // Score minus the previous period's; nil when it had no tickets then
	// Dimensions are the six dimensions, in the order of IndexDimensions.
	Dimensions []IndexDimension
}

// Ranking is the ranking index of a period, best first.
type Ranking struct {
	Units []RankedUnit
}

// indicatorDef is how one indicator is read from Metrics.
type indicatorDef struct {
	name, label string
	rate        func(m *Metrics) (num, den int)
}

// dimensionDef is one dimension of the index.
type dimensionDef struct {
	name, label string
	indicators  []indicatorDef
}

// good is den minus the bad count, over den.
func good(bad, den int) (int, int) { return den - bad, den }

// IndexDimensions are the six dimensions of the ranking index and the named
// indicators behind each; every indicator is a rate where higher is better.
var indexDimensions = []dimensionDef{
	{"responseSpeed", "响应速度", []indicatorDef{
		{"timelyAcceptance", "及时受理率", func(m *Metrics) (int, int) { return m.AcceptedTimely, m.Dispatched }},
	}},
	{"handlingSpeed", "办理速度", []indicatorDef{
		{"onTime", "按期办结率", func(m *Metrics) (int, int) { return m.ClosedOnTime, m.Closed }},
		{"notOverdue", "未超期率", func(m *Metrics) (int, int) { return good(m.Overdue, m.Dispatched) }},
	}},
	{"handlingQuality", "办理质量", []indicatorDef{
		{"notReturned", "未退件率", func(m *Metrics) (int, int) { return good(m.Returned, m.Received) }},
		{"notReopened", "未重办率", func(m *Metrics) (int, int) { return good(m.Reopened, m.Received) }},
		{"completeReplies", "答复要素齐全率", func(m *Metrics) (int, int) { return m.CompleteReplies, m.Replied }},
	}},
	{"citizenEvaluation", "群众评价", []indicatorDef{
		{"satisfaction", "满意率", func(m *Metrics) (int, int) { return m.Satisfied, m.Callbacks }},
		{"solved", "解决率", func(m *Metrics) (int, int) { return m.Solved, m.Callbacks }},
	}},
	{"supervision", "督查督办", []indicatorDef{
		{"notSupervised", "未被督办率", func(m *Metrics) (int, int) { return good(m.Supervised, m.Received) }},
		{"notInstructed", "未被批示率", func(m *Metrics) (int, int) { return good(m.Instructed, m.Received) }},
		{"notRed", "未亮红牌率", func(m *Metrics) (int, int) { return good(m.Red, m.Received) }},
	}},
	{"risk", "风险防控", []indicatorDef{
		{"notRepeat", "非重复件率", func(m *Metrics) (int, int) { return good(m.Repeats, m.Received) }},
		{"notGroupCase", "非群体件率", func(m *Metrics) (int, int) { return good(m.GroupCases, m.Received) }},
	}},
}

// IndexDimensionNames are the names of the six dimensions, in order.
func IndexDimensionNames() []string {
	var out []string
	for _, d := range indexDimensions {
		out = append(out, d.name)
	}
	return out
}

// Ranking computes the ranking index for the caller in ctx.
func (s *Service) Ranking(ctx context.Context, in RankingInput) (*Ranking, error) {
	if in.Unit != Department && in.Unit != Region {
		return nil, minsheng.Errorf(minsheng.EINVALID, "units are DEPARTMENT or REGION, not %q", in.Unit)
	}
	p, err := checkPeriod(in.From, in.To)
	if err != nil {
		return nil, err
	}
	env, err := s.load(ctx)
	if err != nil {
		return nil, err
	}
	db, done, err := s.reader(ctx, env)
	if err != nil {
		return nil, err
	}
	defer done()
	none := &filterSet{}
	units := func(p period) (map[int]*Metrics, map[int]string, *Metrics, error) {
		raw, err := s.aggregate(ctx, db, env, p, []Dimension{in.Unit}, none)
		if err != nil {
			return nil, nil, nil, err
		}
		out, names, all := map[int]*Metrics{}, map[int]string{}, &Metrics{}
		for _, g := range raw {
			all.add(&g.m)
			k := env.key(in.Unit, g.raw[0])
			if k.ID == 0 {
				continue
			}
			if out[k.ID] == nil {
				out[k.ID] = &Metrics{}
			}
			out[k.ID].add(&g.m)
			names[k.ID] = k.Label
		}
		return out, names, all, nil
	}
	cur, names, all, err := units(p)
	if err != nil {
		return nil, err
	}
	prev, _, prevAll, err := units(p.previous())
	if err != nil {
		return nil, err
	}
	weights := rankingWeights(env.settings)
	r := &Ranking{}
	for id, m := range cur {
		u := score(m, all, weights)
		u.ID, u.Name, u.Sample = id, names[id], m.Received
		if pm := prev[id]; pm != nil && pm.Received > 0 {
			c := u.Score - score(pm, prevAll, weights).Score
			c = math.Round(c*100) / 100
			u.Change = &c
		}
		r.Units = append(r.Units, u)
	}
	slices.SortFunc(r.Units, func(a, b RankedUnit) int {
		switch {
		case a.Score != b.Score:
			if a.Score > b.Score {
				return -1
			}
			return 1
		case a.Sample != b.Sample:
			return b.Sample - a.Sample
		}
		return strings.Compare(a.Name, b.Name)
	})
	for i := range r.Units {
		r.Units[i].Rank = i + 1
		if i > 0 && r.Units[i].Score == r.Units[i-1].Score {
			r.Units[i].Rank = r.Units[i-1].Rank
		}
	}
	return r, nil
}

// rankingWeights reads the tenant's weights; missing or invalid ones are 1.
func rankingWeights(settings map[string]any) map[string]float64 {
	out := map[string]float64{}
	given, _ := settings[SettingRankingWeights].(map[string]any)
	for _, d := range indexDimensions {
		w := 1.0
		if v, ok := given[d.name].(float64); ok && v >= 0 && v <= 100 && !math.IsNaN(v) {
			w = v
		}
		out[d.name] = w
	}
	return out
}

// score scores m against the tenant's totals all.
func score(m, all *Metrics, weights map[string]float64) RankedUnit {
	var u RankedUnit
	var sum, wsum float64
	for _, d := range indexDimensions {
		dim := IndexDimension{Name: d.name, Label: d.label, Weight: weights[d.name]}
		var ssum float64
		var n int
		for _, ind := range d.indicators {
			num, den := ind.rate(m)
			tnum, tden := ind.rate(all)
			mean := 1.0 // nothing measured anywhere: no fault to find
			if tden > 0 {
				mean = float64(tnum) / float64(tden)
			}
			sc := 100 * (float64(num) + PriorCases*mean) / (float64(den) + PriorCases)
			sc = math.Round(sc*100) / 100
			dim.Indicators = append(dim.Indicators, Indicator{Name: ind.name, Label: ind.label, Num: num, Den: den, Value: ratio(num, den), Score: sc})
			ssum += sc
			n++
		}
		dim.Score = math.Round(ssum/float64(n)*100) / 100
		sum += dim.Weight * dim.Score
		wsum += dim.Weight
		u.Dimensions = append(u.Dimensions, dim)
	}
	if wsum > 0 {
		u.Score = math.Round(sum/wsum*100) / 100
	}
	return u
}
