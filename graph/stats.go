package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/graph/model"
	"github.com/minsheng/minsheng/insight/stats"
)

// dayOf is the calendar date of a Date argument (midnight UTC).
func dayOf(t time.Time) calendar.Day {
	y, m, d := t.UTC().Date()
	return calendar.Day{Year: y, Month: m, Day: d}
}

func statisticsModel(st *stats.Statistics) *model.Statistics {
	out := &model.Statistics{Rows: []*model.StatsRow{}, Total: metricsModel(&st.Total),
		Previous: metricsModel(&st.Previous), LastYear: metricsModel(&st.LastYear)}
	for i := range st.Rows {
		row := &model.StatsRow{Keys: []*model.StatsKey{}, Metrics: metricsModel(&st.Rows[i].Metrics)}
		for _, k := range st.Rows[i].Keys {
			key := &model.StatsKey{Dimension: model.StatsDimension(k.Dimension), Value: k.Value, Label: k.Label}
			if k.ID != 0 {
				id := k.ID
				key.ID = &id
			}
			row.Keys = append(row.Keys, key)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

func metricsModel(m *stats.Metrics) *model.StatsMetrics {
	return &model.StatsMetrics{
		Received: m.Received, Persons: m.Persons, Dispatched: m.Dispatched, AcceptedTimely: m.AcceptedTimely,
		TimelyAcceptanceRate: m.TimelyAcceptanceRate, Closed: m.Closed, ClosedOnTime: m.ClosedOnTime,
		OnTimeRate: m.OnTimeRate, Overdue: m.Overdue, Yellow: m.Yellow, Red: m.Red, Returned: m.Returned,
		Reopened: m.Reopened, Replied: m.Replied, CompleteReplies: m.CompleteReplies, Callbacks: m.Callbacks,
		Satisfied: m.Satisfied, SatisfactionRate: m.SatisfactionRate, Solved: m.Solved, SolvedRate: m.SolvedRate,
		Supervised: m.Supervised, Instructed: m.Instructed, Repeats: m.Repeats, RepeatRate: m.RepeatRate,
		GroupCases: m.GroupCases, LocalResolved: m.LocalResolved, LocalResolutionRate: m.LocalResolutionRate,
		AvgHandlingWorkdays: m.AvgHandlingWorkdays,
	}
}

func rankingModel(r *stats.Ranking) *model.RankingIndex {
	out := &model.RankingIndex{Units: []*model.RankedUnit{}, PriorCases: stats.PriorCases}
	for _, u := range r.Units {
		mu := &model.RankedUnit{ID: u.ID, Name: u.Name, Rank: u.Rank, Score: u.Score, Sample: u.Sample, Change: u.Change,
			Dimensions: []*model.IndexDimension{}}
		for _, d := range u.Dimensions {
			md := &model.IndexDimension{Name: d.Name, Label: d.Label, Weight: d.Weight, Score: d.Score, Indicators: []*model.IndexIndicator{}}
			for _, ind := range d.Indicators {
				md.Indicators = append(md.Indicators, &model.IndexIndicator{Name: ind.Name, Label: ind.Label,
					Numerator: ind.Num, Denominator: ind.Den, Value: ind.Value, Score: ind.Score})
			}
			mu.Dimensions = append(mu.Dimensions, md)
		}
		out.Units = append(out.Units, mu)
	}
	return out
}

// selects says whether the query selects a field named name anywhere under
// the field being resolved (fragments included; @skip and @include are not
// evaluated, so a field they might drop counts as selected). It lets a
// resolver leave out a costly figure nobody asked for.
func selects(ctx context.Context, name string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return true
	}
	return selectsIn(fc.Field.Selections, name)
}

func selectsIn(set ast.SelectionSet, name string) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == name || selectsIn(s.SelectionSet, name) {
				return true
			}
		case *ast.InlineFragment:
			if selectsIn(s.SelectionSet, name) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || selectsIn(s.Definition.SelectionSet, name) {
				return true
			}
		}
	}
	return false
}
