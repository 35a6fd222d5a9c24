package stats

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/insight/rollup"
)

// env is what a request needs besides the tickets: the tenant's trees,
// time zone, calendar and settings, read in the caller's context.
type env struct {
	scope    *scope
	loc      *time.Location
	cal      *calendar.Calendar
	settings map[string]any
	// fingerprint is the rollup's fingerprint of this environment
	// (insight/rollup): the rollup is read only when it was computed
	// with the same.
	fingerprint string
	cats        map[int]*ent.Category
	depts       map[int]*ent.Department
	regions     map[int]*ent.Region
}

// load reads the caller's environment.
func (s *Service) load(ctx context.Context) (*env, error) {
	sc, err := s.callerScope(ctx)
	if err != nil {
		return nil, err
	}
	e := &env{scope: sc, cats: map[int]*ent.Category{}, depts: map[int]*ent.Department{}, regions: map[int]*ent.Region{}}
	tn, err := s.client.Tenant.Get(ctx, viewerTenant(ctx))
	if err != nil {
		return nil, errf(err, "tenant")
	}
	e.settings = tn.Settings
	days, err := s.client.CalendarDay.Query().All(ctx)
	if err != nil {
		return nil, errf(err, "calendar")
	}
	cats, err := s.client.Category.Query().All(ctx)
	if err != nil {
		return nil, errf(err, "categories")
	}
	for _, c := range cats {
		e.cats[c.ID] = c
	}
	depts, err := s.client.Department.Query().All(ctx)
	if err != nil {
		return nil, errf(err, "departments")
	}
	for _, d := range depts {
		e.depts[d.ID] = d
	}
	// The zone, calendar and fingerprint as the rollup computes them, so a
	// rollup kept with this environment is recognised as such.
	re, err := rollup.NewEnv(tn.TimeZone, days, depts)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	e.loc, e.cal, e.fingerprint = re.Loc, re.Cal, re.Fingerprint
	regs, err := s.client.Region.Query().All(ctx)
	if err != nil {
		return nil, errf(err, "regions")
	}
	for _, r := range regs {
		e.regions[r.ID] = r
	}
	return e, nil
}

// rawColumn is the ticket column (or expression) a dimension folds from.
func (e *env) rawColumn(d Dimension) string {
	switch d {
	case Category1, Category2, Category3, Type:
		return "t.category_id"
	case Department:
		return "t.department_id"
	case Region, Grid:
		return "t.region_id"
	case Channel:
		return "t.channel"
	case Status:
		return "t.status"
	}
	return "" // time dimensions: the local day, see localDay
}

// categoryAt is c's ancestor-or-self at level, nil if none.
func (e *env) categoryAt(id, level int) *ent.Category {
	for c, n := e.cats[id], 0; c != nil && n < 10; n++ {
		if c.Level == level {
			return c
		}
		if c.ParentID == nil {
			return nil
		}
		c = e.cats[*c.ParentID]
	}
	return nil
}

// regionAt is r's ancestor-or-self of level, nil if none.
func (e *env) regionAt(id int, level region.Level) *ent.Region {
	for r, n := e.regions[id], 0; r != nil && n < 10; n++ {
		if r.Level == level {
			return r
		}
		if r.ParentID == nil {
			return nil
		}
		r = e.regions[*r.ParentID]
	}
	return nil
}

// Labels of the enum values.
var (
	channelLabels = map[string]string{"PHONE": "电话", "LETTER": "来信", "VISIT": "来访", "WEB": "网站", "WECHAT": "微信", "GRID": "网格上报", "IMPORT": "省网导入"}
	statusLabels  = map[string]string{"REGISTERED": "已登记", "DISPATCHED": "已派发", "ACCEPTED": "已签收", "IN_PROGRESS": "办理中",
		"REPLIED": "已答复", "CLOSED": "已办结", "RETURNED": "已退件", "REOPENED": "重办", "MERGED": "已合并", "SUSPENDED": "已挂起", "DRAFT": "草稿"}
	typeLabels = map[string]string{"CONSULTATION": "咨询", "COMPLAINT": "投诉", "SUGGESTION": "建议", "HELP": "求助", "REPORT": "举报"}
)

// key is the row key of dimension d for the raw value v ("" for NULL).
func (e *env) key(d Dimension, v string) Key {
	k := Key{Dimension: d}
	id, _ := strconv.Atoi(v)
	node := func(n int, name string) Key {
		if n != 0 {
			k.ID, k.Value, k.Label = n, strconv.Itoa(n), name
		}
		return k
	}
	switch d {
	case Category1, Category2, Category3:
		k.Label = "未分类"
		if c := e.categoryAt(id, int(d[len(d)-1]-'0')); c != nil {
			return node(c.ID, c.Name)
		}
		if id != 0 {
			k.Label = "未细分"
		}
	case Type:
		k.Label = "未分类"
		if c := e.cats[id]; c != nil {
			k.Value, k.Label = string(c.Type), typeLabels[string(c.Type)]
		}
	case Department:
		k.Label = "未派发"
		if dep := e.depts[id]; dep != nil {
			return node(dep.ID, dep.Name)
		}
	case Region:
		k.Label = "未指定乡镇（街道）"
		if r := e.regionAt(id, region.LevelSTREET); r != nil {
			return node(r.ID, r.Name)
		}
	case Grid:
		k.Label = "未指定网格"
		if r := e.regionAt(id, region.LevelGRID); r != nil {
			return node(r.ID, r.Name)
		}
	case Channel:
		k.Value, k.Label = v, channelLabels[v]
	case Status:
		k.Value, k.Label = v, statusLabels[v]
	case Day:
		k.Value, k.Label = v, v
	case Week:
		day, err := calendar.ParseDay(v)
		if err == nil {
			day = monday(day)
			k.Value = day.String()
			k.Label = day.String() + " 周"
		}
	case Month:
		if len(v) >= 7 {
			k.Value, k.Label = v[:7], v[:7]
		}
	}
	return k
}

// monday is the Monday of d's week.
func monday(d calendar.Day) calendar.Day {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

var (
	dayPattern   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	monthPattern = regexp.MustCompile(`^\d{4}-\d{2}$`)
)

// filterSQL turns the filters into SQL conditions on the ticket alias t
// (IDs and enum values checked, so they are written inline) and, for the
// time dimensions, a set of local days.
type filterSet struct {
	where []string
	days  map[string]bool // nil: any day
	// raw is each non-time filter as its raw column and the raw values it
	// keeps (unquoted), for the rollup (rollup.go).
	raw []rawFilter
}

// rawFilter keeps the tickets whose col is one of values.
type rawFilter struct {
	col    string
	values []string
}

func (e *env) filterSQL(fs []Filter) (*filterSet, error) {
	out := &filterSet{}
	seen := map[Dimension]bool{}
	for _, f := range fs {
		if !slices.Contains(Dimensions, f.Dimension) {
			return nil, minsheng.Errorf(minsheng.EINVALID, "%q is not a dimension", f.Dimension)
		}
		if seen[f.Dimension] {
			return nil, minsheng.Errorf(minsheng.EINVALID, "dimension %s is filtered twice: give its values in one filter", f.Dimension)
		}
		seen[f.Dimension] = true
		if len(f.Values) == 0 || len(f.Values) > MaxFilterValues {
			return nil, minsheng.Errorf(minsheng.EINVALID, "a filter on %s takes 1 to %d values, not %d", f.Dimension, MaxFilterValues, len(f.Values))
		}
		ints := func() ([]int, error) {
			var out []int
			for _, v := range f.Values {
				n, err := strconv.Atoi(v)
				if err != nil || n <= 0 {
					return nil, minsheng.Errorf(minsheng.EINVALID, "%q is not an ID (filter on %s)", v, f.Dimension)
				}
				out = append(out, n)
			}
			return out, nil
		}
		enum := func(allowed map[string]string) ([]string, error) {
			var out []string
			for _, v := range f.Values {
				if _, ok := allowed[v]; !ok {
					return nil, minsheng.Errorf(minsheng.EINVALID, "%q is not a value of %s", v, f.Dimension)
				}
				out = append(out, "'"+v+"'")
			}
			return out, nil
		}
		in := func(col string, items []string) {
			var vals []string
			for _, it := range items {
				vals = append(vals, strings.Trim(it, "'"))
			}
			out.raw = append(out.raw, rawFilter{col, vals})
			if len(items) == 0 {
				out.where = append(out.where, "1=0")
				return
			}
			out.where = append(out.where, col+" IN ("+strings.Join(items, ",")+")")
		}
		switch f.Dimension {
		case Category1, Category2, Category3, Region, Grid, Department:
			ids, err := ints()
			if err != nil {
				return nil, err
			}
			var items []string
			for _, raw := range e.rawIDs(f.Dimension) {
				k := e.key(f.Dimension, strconv.Itoa(raw))
				if k.ID != 0 && slices.Contains(ids, k.ID) {
					items = append(items, strconv.Itoa(raw))
				}
			}
			in(e.rawColumn(f.Dimension), items)
		case Type:
			vals, err := enum(typeLabels)
			if err != nil {
				return nil, err
			}
			var items []string
			for _, c := range e.cats {
				if slices.Contains(vals, "'"+string(c.Type)+"'") {
					items = append(items, strconv.Itoa(c.ID))
				}
			}
			slices.Sort(items)
			in("t.category_id", items)
		case Channel:
			vals, err := enum(channelLabels)
			if err != nil {
				return nil, err
			}
			in("t.channel", vals)
		case Status:
			vals, err := enum(statusLabels)
			if err != nil {
				return nil, err
			}
			in("t.status", vals)
		case Day, Week, Month:
			set := map[string]bool{}
			for _, v := range f.Values {
				var first, last calendar.Day
				switch {
				case f.Dimension == Month && monthPattern.MatchString(v):
					d, err := calendar.ParseDay(v + "-01")
					if err != nil {
						return nil, minsheng.Errorf(minsheng.EINVALID, "%q is not a month (YYYY-MM)", v)
					}
					first = d
					last = calendar.Day{Year: d.Year, Month: d.Month + 1, Day: 1}.AddDays(-1)
					if d.Month == time.December {
						last = calendar.Day{Year: d.Year, Month: time.December, Day: 31}
					}
				case f.Dimension != Month && dayPattern.MatchString(v):
					d, err := calendar.ParseDay(v)
					if err != nil {
						return nil, minsheng.Errorf(minsheng.EINVALID, "%q is not a date (YYYY-MM-DD)", v)
					}
					first, last = d, d
					if f.Dimension == Week {
						first = monday(d)
						last = first.AddDays(6)
					}
				default:
					return nil, minsheng.Errorf(minsheng.EINVALID, "%q is not a value of %s", v, f.Dimension)
				}
				for d := first; dayNumber(d) <= dayNumber(last); d = d.AddDays(1) {
					set[d.String()] = true
				}
			}
			if out.days == nil {
				out.days = set
			} else {
				for d := range out.days {
					if !set[d] {
						delete(out.days, d)
					}
				}
			}
		}
	}
	return out, nil
}

// rawIDs are the raw column values a node dimension folds from.
func (e *env) rawIDs(d Dimension) []int {
	var out []int
	switch d {
	case Category1, Category2, Category3:
		for id := range e.cats {
			out = append(out, id)
		}
	case Department:
		for id := range e.depts {
			out = append(out, id)
		}
	case Region, Grid:
		for id := range e.regions {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// local department kinds that count as resolution on the spot.
var localKinds = rollup.LocalKinds

var (
	_ = category.Label
	_ = ticket.Label
)
