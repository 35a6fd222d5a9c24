package report

import (
	"context"
	"sort"
	"time"

	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/insight/stats"
	"github.com/minsheng/minsheng/topics"
)

// Insight is the Source the server uses. The summary and the ranking index
// come from insight/stats and the hot topics from the stored keywords
// (package topics), so a workbook shows the figures the statistics page and
// the hot-topic list show for the same dates. The category table (three
// levels) is statistics grouped by CATEGORY1, CATEGORY2 and CATEGORY3, so
// it shows the numbers the API gives; the trend and the case list still
// come from Basic.
type Insight struct {
	*Basic
	stats  *stats.Service
	topics *topics.Reader
}

// NewInsight returns the Source over client; now is the clock (nil: time.Now).
func NewInsight(client *ent.Client, now func() time.Time) *Insight {
	s := stats.New(client)
	if now != nil {
		s = s.WithClock(now)
	}
	return &Insight{Basic: &Basic{Client: client, Now: now}, stats: s, topics: topics.NewReader(client)}
}

func day(t time.Time) calendar.Day {
	return calendar.Day{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

// fromStats keeps the counts a workbook shows. Both count the tickets
// registered in the period (the cohort), as they stand now.
func fromStats(m stats.Metrics) Metrics {
	return Metrics{
		Received: m.Received, Closed: m.Closed, ClosedOnTime: m.ClosedOnTime, Overdue: m.Overdue,
		Red: m.Red, Returned: m.Returned, Reopened: m.Reopened,
		Callbacks: m.Callbacks, Satisfied: m.Satisfied, Solved: m.Solved,
	}
}

// Summary is the period's totals with the period just before (环比) and the
// same dates a year before (同比), as statistics computes them.
func (s *Insight) Summary(ctx context.Context, p Period) (Summary, error) {
	st, err := s.stats.Statistics(ctx, stats.Input{From: day(p.From), To: day(p.To)})
	if err != nil {
		return Summary{}, err
	}
	return Summary{Current: fromStats(st.Total), Previous: fromStats(st.Previous), LastYear: fromStats(st.LastYear)}, nil
}

// Ranking is the ranking index (矛调指数) of statistics, with each unit's
// figures beside it.
func (s *Insight) Ranking(ctx context.Context, p Period, unit Unit) ([]RankedUnit, error) {
	dim := stats.Department
	if unit == UnitTownship {
		dim = stats.Region
	}
	r, err := s.stats.Ranking(ctx, stats.RankingInput{From: day(p.From), To: day(p.To), Unit: dim})
	if err != nil {
		return nil, err
	}
	st, err := s.stats.Statistics(ctx, stats.Input{From: day(p.From), To: day(p.To), GroupBy: []stats.Dimension{dim}})
	if err != nil {
		return nil, err
	}
	figures := map[int]stats.Metrics{}
	for _, row := range st.Rows {
		figures[row.Keys[0].ID] = row.Metrics
	}
	out := make([]RankedUnit, 0, len(r.Units))
	for _, u := range r.Units {
		ru := RankedUnit{Name: u.Name, Rank: u.Rank, Score: u.Score, Sample: u.Sample, Change: u.Change, Metrics: fromStats(figures[u.ID])}
		for i, d := range u.Dimensions {
			if i < len(ru.Dimensions) {
				ru.Dimensions[i] = d.Score
			}
		}
		out = append(out, ru)
	}
	return out, nil
}

// HotTopics are the words most tickets of the period share (package topics:
// a minimum support, generic and the tenant's stop words left out).
func (s *Insight) HotTopics(ctx context.Context, p Period, n int) ([]Topic, error) {
	hot, err := s.topics.HotTopics(ctx, p.From, p.To, topics.Filter{}, min(n, topics.MaxFirst))
	if err != nil {
		return nil, err
	}
	out := make([]Topic, 0, len(hot))
	for _, h := range hot {
		out = append(out, Topic{Word: h.Word, Tickets: h.Tickets, Previous: h.Previous})
	}
	return out, nil
}

// categoryLevels are the statistics dimensions of the category sheet, by
// level.
var categoryLevels = []stats.Dimension{stats.Category1, stats.Category2, stats.Category3}

// Categories are the period's figures by category on each of the three
// levels, one statistics call per level, each level in code order.
// Tickets without a category of that level are one row of their own
// (labelled as statistics labels it, without a code), so each level adds
// up to the summary's total as the API's rows do.
func (s *Insight) Categories(ctx context.Context, p Period) ([]CategoryRow, error) {
	cats, err := s.Client.Category.Query().Select(category.FieldID, category.FieldCode).All(ctx)
	if err != nil {
		return nil, err
	}
	codes := make(map[int]string, len(cats))
	for _, c := range cats {
		codes[c.ID] = c.Code
	}
	var out []CategoryRow
	for i, dim := range categoryLevels {
		st, err := s.stats.Statistics(ctx, stats.Input{From: day(p.From), To: day(p.To), GroupBy: []stats.Dimension{dim}})
		if err != nil {
			return nil, err
		}
		level := make([]CategoryRow, 0, len(st.Rows))
		for _, row := range st.Rows {
			k := row.Keys[0]
			level = append(level, CategoryRow{Level: i + 1, Code: codes[k.ID], Name: k.Label, Metrics: fromStats(row.Metrics)})
		}
		// Code order, the rows without a category last.
		sort.SliceStable(level, func(a, b int) bool {
			ca, cb := level[a].Code, level[b].Code
			if (ca == "") != (cb == "") {
				return cb == ""
			}
			return ca < cb
		})
		out = append(out, level...)
	}
	return out, nil
}
