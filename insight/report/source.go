// Package report makes the weekly and monthly workbooks leaders read: a
// summary of the period's figures with 同比/环比, the figures by category on
// three levels, departments and townships ranked by the 矛调指数 with a radar
// chart, the trend with a line chart, the hot topics and the overdue and red
// cases. It owns the Report records, the queue job that makes the workbook,
// the schedule (Monday for the week before, the 1st for the month before)
// and the download of the stored file.
//
// The figures come from a Source. Insight is the server's: the summary and
// the ranking index from insight/stats, the hot topics from the stored
// keywords (package topics), the rest from Basic, a small Source over plain
// queries of its own.
//
// No personal data goes into a workbook: cases are listed by code, title
// (masked again with pii.MaskText) and department, never by citizen.
package report

import (
	"context"
	"time"
)

// Period is a span of the tenant's civil days, From to To inclusive, both
// at midnight UTC (a date, not an instant).
type Period struct {
	From, To time.Time
}

// Days is the number of days of the period.
func (p Period) Days() int { return int(p.To.Sub(p.From).Hours()/24) + 1 }

// Previous is the period of the same length just before p (环比); for a
// calendar month, the month before.
func (p Period) Previous() Period {
	if p.From.Day() == 1 && p.To.AddDate(0, 0, 1).Day() == 1 {
		from := p.From.AddDate(0, -1, 0)
		return Period{From: from, To: p.From.AddDate(0, 0, -1)}
	}
	return Period{From: p.From.AddDate(0, 0, -p.Days()), To: p.From.AddDate(0, 0, -1)}
}

// LastYear is the same period a year before (同比).
func (p Period) LastYear() Period {
	if p.From.Day() == 1 && p.To.AddDate(0, 0, 1).Day() == 1 {
		from := p.From.AddDate(-1, 0, 0)
		return Period{From: from, To: from.AddDate(0, 1, -1)}
	}
	// A week a year before: the same weekdays, 52 weeks back.
	return Period{From: p.From.AddDate(0, 0, -364), To: p.To.AddDate(0, 0, -364)}
}

// String is the period as 2026-11-02 – 2026-11-08.
func (p Period) String() string {
	return p.From.Format(time.DateOnly) + " – " + p.To.Format(time.DateOnly)
}

// Metrics are the figures of one slice of tickets in one period. A rate is
// nil when its denominator is 0.
type Metrics struct {
	Received     int // registered in the period (drafts do not count)
	Closed       int // closed in the period
	ClosedOnTime int // of those, closed by their deadline
	Overdue      int // of the received, closed late or still open past their deadline
	Red          int // red escalations (红牌) in the period
	Returned     int // returned by a department in the period
	Reopened     int // reopened in the period
	Callbacks    int // callbacks (回访) recorded in the period
	Satisfied    int // of those, satisfied or basically satisfied
	Solved       int // of those, solved
}

// OnTimeRate is ClosedOnTime / Closed (按期办结率).
func (m Metrics) OnTimeRate() *float64 { return rate(m.ClosedOnTime, m.Closed) }

// SatisfactionRate is Satisfied / Callbacks (满意率).
func (m Metrics) SatisfactionRate() *float64 { return rate(m.Satisfied, m.Callbacks) }

// SolvedRate is Solved / Callbacks (解决率).
func (m Metrics) SolvedRate() *float64 { return rate(m.Solved, m.Callbacks) }

func rate(num, den int) *float64 {
	if den == 0 {
		return nil
	}
	r := float64(num) / float64(den)
	return &r
}

// Summary is the period's figures beside the period before (环比) and the
// same period a year before (同比).
type Summary struct {
	Current, Previous, LastYear Metrics
}

// CategoryRow is one category of the three-level tree with its figures.
type CategoryRow struct {
	Level   int    // 1, 2 or 3
	Code    string // e.g. 01.02.03
	Name    string
	Metrics Metrics
}

// Unit is what the ranking index ranks.
type Unit string

// The units of the ranking index.
const (
	UnitDepartment Unit = "DEPARTMENT"
	UnitTownship   Unit = "REGION" // a street (街道/乡镇) and everything under it
)

// DimensionNames are the six dimensions of the ranking index, in order.
var DimensionNames = [6]string{"响应速度", "办理速度", "办理质量", "群众评价", "督查督办", "风险防控"}

// RankedUnit is a department or township in the ranking.
type RankedUnit struct {
	Name       string
	Rank       int
	Score      float64    // 0–100
	Sample     int        // tickets behind the score
	Change     *float64   // Score minus the period before's; nil when the unit had no tickets then
	Dimensions [6]float64 // 0–100 each, in the order of DimensionNames
	Metrics    Metrics
}

// TrendPoint is one month (or day) of the trend.
type TrendPoint struct {
	Label    string // 2026-11 or 2026-11-02
	Received int
	Closed   int
}

// Topic is a hot topic: a word many tickets share.
type Topic struct {
	Word     string
	Tickets  int // tickets of the period
	Previous int // tickets of the period before
}

// Case is an overdue or red case. No citizen, no phone, no ID number.
type Case struct {
	Code       string
	Title      string // masked
	Department string
	Status     string
	Due        time.Time
	Red        bool // escalated to red (红牌)
	Late       bool // past its deadline, closed late or still open
}

// Source is what the workbook needs. Every method works inside the tenant
// of ctx. Implementations must not return personal data.
type Source interface {
	Summary(ctx context.Context, p Period) (Summary, error)
	// Categories are the figures of every category that had tickets,
	// level by level (levels 1, 2 and 3, each in code order).
	Categories(ctx context.Context, p Period) ([]CategoryRow, error)
	// Ranking ranks the departments or townships, best first.
	Ranking(ctx context.Context, p Period, unit Unit) ([]RankedUnit, error)
	// Trend is received and closed tickets month by month over the
	// months up to p's end (months of them).
	Trend(ctx context.Context, p Period, months int) ([]TrendPoint, error)
	// HotTopics are at most n topics, most tickets first.
	HotTopics(ctx context.Context, p Period, n int) ([]Topic, error)
	// Cases are at most n overdue or red cases of the period, red first.
	Cases(ctx context.Context, p Period, n int) ([]Case, error)
}

// Data is everything one workbook shows.
type Data struct {
	Tenant      string
	Kind        string // WEEKLY or MONTHLY
	Period      Period
	GeneratedAt time.Time
	Summary     Summary
	Categories  []CategoryRow
	Departments []RankedUnit
	Townships   []RankedUnit
	Trend       []TrendPoint
	Topics      []Topic
	Cases       []Case
}

// Limits of one workbook.
const (
	TrendMonths = 13
	MaxTopics   = 30
	MaxCases    = 500
)

// Collect asks src for everything a workbook of p shows.
func Collect(ctx context.Context, src Source, p Period) (*Data, error) {
	d := &Data{Period: p}
	var err error
	if d.Summary, err = src.Summary(ctx, p); err != nil {
		return nil, err
	}
	if d.Categories, err = src.Categories(ctx, p); err != nil {
		return nil, err
	}
	if d.Departments, err = src.Ranking(ctx, p, UnitDepartment); err != nil {
		return nil, err
	}
	if d.Townships, err = src.Ranking(ctx, p, UnitTownship); err != nil {
		return nil, err
	}
	if d.Trend, err = src.Trend(ctx, p, TrendMonths); err != nil {
		return nil, err
	}
	if d.Topics, err = src.HotTopics(ctx, p, MaxTopics); err != nil {
		return nil, err
	}
	if d.Cases, err = src.Cases(ctx, p, MaxCases); err != nil {
		return nil, err
	}
	return d, nil
}
