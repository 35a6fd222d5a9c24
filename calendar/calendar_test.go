package calendar_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Shanghai without depending on the machine's zoneinfo

	"github.com/minsheng/minsheng/calendar"
)

// day reads a date written in a table; a typo in a test table is a bug in the
// test, so it panics.
func day(s string) calendar.Day {
	d, err := calendar.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

func shanghai(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Every expectation below was counted by hand on a paper calendar of the
// State Council notices; the comments show the count.
func TestAddWorkdaysChina(t *testing.T) {
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		// National Day 2026: Oct 1 (Thu) – Oct 7 (Wed) off; Sun Sep 20 and
		// Sat Oct 10 are make-up workdays; Sep 25–27 is 中秋节.
		{"zero days is the start itself", "2026-09-30", 0, "2026-09-30"},
		{"the whole golden week is skipped", "2026-09-30", 1, "2026-10-08"}, // Oct 1–7 off, Thu Oct 8 works
		{"second day after the holiday", "2026-09-30", 2, "2026-10-09"},     // Fri Oct 9
		{"make-up Saturday counts", "2026-09-30", 3, "2026-10-10"},          // Sat Oct 10 调休上班
		{"the Sunday after the make-up Saturday is off", "2026-09-30", 4, "2026-10-12"},
		{"make-up Sunday before National Day counts", "2026-09-18", 1, "2026-09-20"}, // Sat Sep 19 off, Sun Sep 20 works
		// Fri Sep 18: Sat 19 off; Sun 20 (1, make-up), Mon 21 (2), Tue 22 (3),
		// Wed 23 (4), Thu 24 (5).
		{"five days from Friday 18 September", "2026-09-18", 5, "2026-09-24"},
		{"中秋节 then the next Monday", "2026-09-18", 6, "2026-09-28"}, // Fri 25 – Sun 27 off
		{"from the eve of 中秋节", "2026-09-24", 1, "2026-09-28"},
		{"across both 2026 autumn holidays", "2026-09-18", 9, "2026-10-08"}, // 28 (6), 29 (7), 30 (8), Oct 8 (9)

		// National Day 2025: Oct 1 (Wed) – Oct 8 (Wed) off; Sun Sep 28 and
		// Sat Oct 11 are make-up workdays. From Fri Sep 26: Sat 27 off,
		// Sun 28 (1, make-up), Mon 29 (2), Tue 30 (3).
		{"2025 make-up Sunday", "2025-09-26", 1, "2025-09-28"},
		{"2025 three days before National Day", "2025-09-26", 3, "2025-09-30"},
		{"2025 the eight-day holiday is skipped", "2025-09-26", 4, "2025-10-09"}, // Thu Oct 9
		{"2025 make-up Saturday after", "2025-09-26", 6, "2025-10-11"},           // Fri 10 (5), Sat 11 (6)
		{"2025 then the next Monday", "2025-09-26", 7, "2025-10-13"},

		// Spring Festival 2026: Feb 15 (Sun) – Feb 23 (Mon) off; Sat Feb 14
		// and Sat Feb 28 are make-up workdays.
		{"Thursday before the festival", "2026-02-12", 1, "2026-02-13"},
		{"make-up Saturday before the festival", "2026-02-13", 1, "2026-02-14"},
		{"the nine-day festival is skipped", "2026-02-14", 1, "2026-02-24"}, // Tue Feb 24
		{"spanning the festival", "2026-02-12", 3, "2026-02-24"},            // 13 (1), 14 (2), 24 (3)
		{"received on the first day off", "2026-02-15", 1, "2026-02-24"},
		{"received on the last day off", "2026-02-23", 1, "2026-02-24"},
		{"make-up Saturday after the festival", "2026-02-24", 4, "2026-02-28"}, // 25, 26, 27, Sat 28
		{"then Sunday 1 March is off", "2026-02-24", 5, "2026-03-02"},

		// Other 2026 holidays.
		{"元旦 and its make-up Sunday", "2025-12-31", 1, "2026-01-04"},    // Jan 1–3 off, Sun Jan 4 works
		{"劳动节 and its make-up Saturday", "2026-04-30", 2, "2026-05-07"}, // May 1–5 off; Wed 6 (1), Thu 7 (2)
		{"劳动节 make-up Saturday counts", "2026-05-08", 1, "2026-05-09"},
		{"清明节 ends on a Monday", "2026-04-03", 1, "2026-04-07"}, // Apr 4–6 off, Tue Apr 7
		{"端午节 takes the Friday", "2026-06-18", 1, "2026-06-22"}, // Jun 19–21 off, Mon Jun 22

		// An ordinary week.
		{"Friday to Monday", "2026-03-06", 1, "2026-03-09"},
		{"received on Saturday", "2026-03-07", 1, "2026-03-09"},
		{"one week", "2026-03-09", 5, "2026-03-16"},
	}
	c := calendar.China()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.AddWorkdays(day(tt.start), tt.n); got != day(tt.want) {
				t.Errorf("AddWorkdays(%s, %d) = %s (%s), want %s (%s)",
					tt.start, tt.n, got, got.Weekday(), tt.want, day(tt.want).Weekday())
			}
		})
	}
}

func TestChinaDays(t *testing.T) {
	tests := []struct {
		day     string
		workday bool
		name    string
	}{
		{"2025-01-01", false, "元旦"},
		{"2025-01-26", true, "春节调休上班"}, // Sunday
		{"2025-01-28", false, "春节"},    // 除夕, a Tuesday
		{"2025-02-04", false, "春节"},
		{"2025-02-05", true, ""},
		{"2025-02-08", true, "春节调休上班"}, // Saturday
		{"2025-04-27", true, "劳动节调休上班"},
		{"2025-05-05", false, "劳动节"},
		{"2025-06-02", false, "端午节"},
		{"2025-09-28", true, "国庆节、中秋节调休上班"},
		{"2025-10-06", false, "国庆节、中秋节"},
		{"2025-10-08", false, "国庆节、中秋节"},
		{"2025-10-11", true, "国庆节、中秋节调休上班"},
		{"2026-01-03", false, "元旦"},
		{"2026-01-04", true, "元旦调休上班"},
		{"2026-02-14", true, "春节调休上班"},
		{"2026-02-16", false, "春节"},
		{"2026-02-23", false, "春节"}, // a Monday
		{"2026-02-28", true, "春节调休上班"},
		{"2026-04-06", false, "清明节"},
		{"2026-05-09", true, "劳动节调休上班"},
		{"2026-06-19", false, "端午节"},
		{"2026-09-20", true, "国庆节调休上班"},
		{"2026-09-25", false, "中秋节"},
		{"2026-10-01", false, "国庆节"},
		{"2026-10-07", false, "国庆节"},
		{"2026-10-08", true, ""},
		{"2026-10-10", true, "国庆节调休上班"},
		{"2026-10-11", false, ""}, // an ordinary Sunday
		{"2026-03-10", true, ""},  // an ordinary Tuesday
	}
	c := calendar.China()
	for _, tt := range tests {
		d := day(tt.day)
		if got := c.IsWorkday(d); got != tt.workday {
			t.Errorf("IsWorkday(%s, %s) = %v, want %v", tt.day, d.Weekday(), got, tt.workday)
		}
		if got := c.Name(d); got != tt.name {
			t.Errorf("Name(%s) = %q, want %q", tt.day, got, tt.name)
		}
	}
}

// TestChinaYears checks the data as a whole: a mistyped date in cn.go would
// shift a year's total or put a make-up day on a weekday.
func TestChinaYears(t *testing.T) {
	c := calendar.China()
	// 2025: 365 days, 104 Saturdays and Sundays (it starts on a Wednesday);
	// holidays falling on weekdays: 元旦 1, 春节 6 (Jan 28–31, Feb 3–4),
	// 清明 1, 劳动节 3, 端午 1, 国庆中秋 6 = 18; make-up days 5.
	// 365 − 104 − 18 + 5 = 248.
	if got := c.WorkdaysBetween(day("2024-12-31"), day("2025-12-31")); got != 248 {
		t.Errorf("working days in 2025 = %d, want 248", got)
	}
	// 2026: 365 days, 104 Saturdays and Sundays (it starts on a Thursday);
	// holidays on weekdays: 元旦 2, 春节 6 (Feb 16–20, 23), 清明 1, 劳动节 3,
	// 端午 1, 中秋 1, 国庆 5 = 19; make-up days 6. 365 − 104 − 19 + 6 = 248.
	if got := c.WorkdaysBetween(day("2025-12-31"), day("2026-12-31")); got != 248 {
		t.Errorf("working days in 2026 = %d, want 248", got)
	}
	makeUps := 0
	for d := day("2025-01-01"); d != day("2027-01-01"); d = d.AddDays(1) {
		weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
		name := c.Name(d)
		switch {
		case weekend && c.IsWorkday(d):
			makeUps++
			if !strings.HasSuffix(name, "调休上班") {
				t.Errorf("%s (%s) is worked but named %q, not a make-up day", d, d.Weekday(), name)
			}
		case !weekend && !c.IsWorkday(d):
			if name == "" || strings.HasSuffix(name, "调休上班") {
				t.Errorf("%s (%s) is off but named %q, not a holiday", d, d.Weekday(), name)
			}
		case !weekend && strings.HasSuffix(name, "调休上班"):
			t.Errorf("%s (%s) is a make-up workday on a weekday", d, d.Weekday())
		}
	}
	if makeUps != 11 {
		t.Errorf("make-up workdays in 2025–2026 = %d, want 5 + 6 = 11", makeUps)
	}
}

func TestWeekendsOffByDefault(t *testing.T) {
	c := calendar.New(nil, nil)
	tests := []struct {
		day     string
		workday bool
	}{
		{"2026-03-06", true},  // Friday
		{"2026-03-07", false}, // Saturday
		{"2026-03-08", false}, // Sunday
		{"2026-03-09", true},  // Monday
		{"2026-10-01", true},  // National Day is data, not built in
		{"2026-10-10", false}, // nor its make-up Saturday
	}
	for _, tt := range tests {
		if got := c.IsWorkday(day(tt.day)); got != tt.workday {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.day, got, tt.workday)
		}
	}
	if got := c.AddWorkdays(day("2026-03-06"), 1); got != day("2026-03-09") {
		t.Errorf("Friday + 1 = %s, want Monday 2026-03-09", got)
	}
	if got := c.AddWorkdays(day("2026-09-30"), 1); got != day("2026-10-01") {
		t.Errorf("without holidays 2026-09-30 + 1 = %s, want 2026-10-01", got)
	}
}

func TestWithTenantOverrides(t *testing.T) {
	base := calendar.China()
	tenant := base.With(
		map[calendar.Day]string{day("2026-03-10"): "区庆"},    // a Tuesday off locally
		map[calendar.Day]string{day("2026-03-14"): "区统一补班"}, // a Saturday worked locally
	)

	if tenant.IsWorkday(day("2026-03-10")) || tenant.Name(day("2026-03-10")) != "区庆" {
		t.Errorf("the tenant's Tuesday holiday: workday %v, name %q", tenant.IsWorkday(day("2026-03-10")), tenant.Name(day("2026-03-10")))
	}
	if !tenant.IsWorkday(day("2026-03-14")) {
		t.Error("the tenant's working Saturday is off")
	}
	// Mon Mar 9 + 4: nationally Tue 10, Wed 11, Thu 12, Fri 13; for the
	// tenant Tue 10 is off and Sat 14 works: 11, 12, 13, 14.
	if got := base.AddWorkdays(day("2026-03-09"), 4); got != day("2026-03-13") {
		t.Errorf("national Mar 9 + 4 = %s, want 2026-03-13", got)
	}
	if got := tenant.AddWorkdays(day("2026-03-09"), 4); got != day("2026-03-14") {
		t.Errorf("tenant Mar 9 + 4 = %s, want 2026-03-14", got)
	}
	// With is a copy: the national calendar, shared by every tenant, is unchanged.
	if !base.IsWorkday(day("2026-03-10")) || base.IsWorkday(day("2026-03-14")) {
		t.Error("With changed the calendar it was called on")
	}
	if !tenant.Covers(day("2026-03-10")) {
		t.Error("the tenant's calendar lost the national coverage")
	}

	// The tenant's word beats the national arrangement both ways: it works on
	// the national holiday Wed Oct 7 and rests on the make-up Sat Oct 10.
	local := base.With(
		map[calendar.Day]string{day("2026-10-10"): "本区不调休"},
		map[calendar.Day]string{day("2026-10-07"): "本区提前上班"},
	)
	if !local.IsWorkday(day("2026-10-07")) || local.IsWorkday(day("2026-10-10")) {
		t.Errorf("tenant overrides of national days: Oct 7 workday %v, Oct 10 workday %v",
			local.IsWorkday(day("2026-10-07")), local.IsWorkday(day("2026-10-10")))
	}
	if got := local.AddWorkdays(day("2026-09-30"), 1); got != day("2026-10-07") {
		t.Errorf("tenant 2026-09-30 + 1 = %s, want 2026-10-07", got)
	}
	// Oct 7 (1), Oct 8 (2), Oct 9 (3), Oct 10 now off, Mon Oct 12 (4).
	if got := local.AddWorkdays(day("2026-09-30"), 4); got != day("2026-10-12") {
		t.Errorf("tenant 2026-09-30 + 4 = %s, want 2026-10-12", got)
	}

	// A day in both of the tenant's maps is worked.
	both := base.With(
		map[calendar.Day]string{day("2026-03-14"): "x"},
		map[calendar.Day]string{day("2026-03-14"): "y"},
	)
	if !both.IsWorkday(day("2026-03-14")) {
		t.Error("a day both a tenant holiday and a tenant workday is off, want worked")
	}
}

func TestNewCopiesItsInputs(t *testing.T) {
	holidays := map[calendar.Day]string{day("2026-03-10"): "区庆"}
	workdays := map[calendar.Day]string{day("2026-03-14"): "补班"}
	c := calendar.New(holidays, workdays)
	withed := calendar.New(nil, nil).With(holidays, workdays)
	delete(holidays, day("2026-03-10"))
	workdays[day("2026-03-15")] = "补班"
	for _, c := range []*calendar.Calendar{c, withed} {
		if c.IsWorkday(day("2026-03-10")) || !c.IsWorkday(day("2026-03-14")) || c.IsWorkday(day("2026-03-15")) {
			t.Error("changing the maps after New or With changed the calendar")
		}
	}
}

func TestWorkdaysBetween(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
	}{
		{"2026-09-30", "2026-09-30", 0},
		{"2026-09-30", "2026-10-08", 1}, // only Oct 8
		{"2026-10-08", "2026-09-30", -1},
		{"2026-10-01", "2026-10-07", 0},  // inside the holiday
		{"2026-02-13", "2026-02-24", 2},  // Sat Feb 14 and Tue Feb 24
		{"2026-09-18", "2026-09-24", 5},  // Sun 20, Mon 21 – Thu 24
		{"2025-09-26", "2025-10-11", 6},  // Sep 28, 29, 30, Oct 9, 10, 11
		{"2026-03-06", "2026-03-08", 0},  // Friday to Sunday: the weekend only
		{"2026-03-07", "2026-03-09", 1},  // Saturday to Monday: Monday
		{"2026-03-09", "2026-03-06", -1}, // backwards: Monday counted, Friday not
	}
	c := calendar.China()
	for _, tt := range tests {
		if got := c.WorkdaysBetween(day(tt.from), day(tt.to)); got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestWorkdaysBetweenUndoesAddWorkdays: an office that computes a deadline
// and then asks how many working days remain must get the same number back.
func TestWorkdaysBetweenUndoesAddWorkdays(t *testing.T) {
	calendars := map[string]*calendar.Calendar{
		"China":   calendar.China(),
		"weekend": calendar.New(nil, nil),
		"tenant": calendar.China().With(
			map[calendar.Day]string{day("2026-03-10"): "区庆", day("2026-10-10"): "本区不调休"},
			map[calendar.Day]string{day("2026-03-14"): "补班", day("2026-10-07"): "提前上班"},
		),
	}
	for name, c := range calendars {
		for start := day("2024-12-01"); start != day("2027-01-31"); start = start.AddDays(1) {
			for n := 0; n <= 30; n++ {
				end := c.AddWorkdays(start, n)
				if got := c.WorkdaysBetween(start, end); got != n {
					t.Fatalf("%s: WorkdaysBetween(%s, AddWorkdays(%s, %d) = %s) = %d", name, start, start, n, end, got)
				}
				if got := c.WorkdaysBetween(end, start); got != -n {
					t.Fatalf("%s: WorkdaysBetween(%s, %s) = %d, want %d", name, end, start, got, -n)
				}
				if n == 0 {
					continue
				}
				// The deadline is the first day that reaches n, not a later one.
				if !c.IsWorkday(end) || c.WorkdaysBetween(start, end.AddDays(-1)) != n-1 {
					t.Fatalf("%s: AddWorkdays(%s, %d) = %s is not the n-th working day", name, start, n, end)
				}
			}
		}
	}
}

func TestAddWorkdaysNegativePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("AddWorkdays with n = -1 did not panic")
		}
	}()
	calendar.China().AddWorkdays(day("2026-03-09"), -1)
}

func TestDue(t *testing.T) {
	sh := shanghai(t)
	tests := []struct {
		name string
		from string // RFC 3339
		n    int
		want string // RFC 3339 in Beijing time
	}{
		// Fri Sep 18 + 5 working days is Thu Sep 24 (Sun 20 is a make-up
		// day), so the case is due at 24:00 on Sep 24.
		{"complaint before National Day 2026", "2026-09-18T15:00:00+08:00", 5, "2026-09-25T00:00:00+08:00"},
		// Fri Sep 26 + 3 is Tue Sep 30: Sun 28 (make-up), Mon 29, Tue 30.
		{"before National Day 2025", "2025-09-26T10:00:00+08:00", 3, "2025-10-01T00:00:00+08:00"},
		{"across the golden week", "2026-09-30T09:00:00+08:00", 1, "2026-10-09T00:00:00+08:00"},
		// 17:30 UTC on Tue Sep 29 is 01:30 on Wed Sep 30 in Beijing: the case
		// was received on the 30th, so 1 working day is Oct 8. Read in UTC it
		// would wrongly be the 29th, due at the end of Sep 30.
		{"late evening UTC is the next day in Beijing", "2026-09-29T17:30:00Z", 1, "2026-10-09T00:00:00+08:00"},
		// One second apart across Beijing midnight: Fri Feb 13 + 1 is the
		// make-up Sat Feb 14; Sat Feb 14 + 1 is Tue Feb 24 after the festival.
		{"last second of Friday 13 February", "2026-02-13T15:59:59Z", 1, "2026-02-15T00:00:00+08:00"},
		{"first second of Saturday 14 February", "2026-02-13T16:00:00Z", 1, "2026-02-25T00:00:00+08:00"},
		{"zero days: end of the day of receipt", "2026-10-01T09:00:00+08:00", 0, "2026-10-02T00:00:00+08:00"},
		{"received at midnight", "2026-03-09T00:00:00+08:00", 1, "2026-03-11T00:00:00+08:00"}, // Mon + 1 = Tue, ends at Wed 00:00
	}
	c := calendar.China()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, err := time.Parse(time.RFC3339, tt.from)
			if err != nil {
				t.Fatal(err)
			}
			want, err := time.Parse(time.RFC3339, tt.want)
			if err != nil {
				t.Fatal(err)
			}
			got := c.Due(from, tt.n, sh)
			if !got.Equal(want) {
				t.Errorf("Due(%s, %d) = %s, want %s", tt.from, tt.n, got.In(sh).Format(time.RFC3339), tt.want)
			}
			if got.In(sh).Hour() != 0 || got.In(sh).Minute() != 0 || got.In(sh).Second() != 0 {
				t.Errorf("Due(%s, %d) = %s is not a Beijing midnight", tt.from, tt.n, got.In(sh))
			}
		})
	}
}

func TestDayOf(t *testing.T) {
	instant := time.Date(2026, time.September, 29, 17, 30, 0, 0, time.UTC)
	if got := calendar.DayOf(instant, shanghai(t)); got != day("2026-09-30") {
		t.Errorf("DayOf(%s, Asia/Shanghai) = %s, want 2026-09-30", instant, got)
	}
	if got := calendar.DayOf(instant, time.UTC); got != day("2026-09-29") {
		t.Errorf("DayOf(%s, UTC) = %s, want 2026-09-29", instant, got)
	}
}

func TestDayArithmetic(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2025-12-31", 1, "2026-01-01"},
		{"2024-03-01", -1, "2024-02-29"}, // leap year
		{"2026-03-01", -1, "2026-02-28"},
		{"2026-09-30", 8, "2026-10-08"},
		{"2026-10-08", -8, "2026-09-30"},
	}
	for _, tt := range tests {
		if got := day(tt.from).AddDays(tt.n); got != day(tt.want) {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
	if got := day("2026-10-01").Weekday(); got != time.Thursday {
		t.Errorf("2026-10-01 is a %s, want Thursday", got)
	}
	if got := (calendar.Day{Year: 2026, Month: time.October, Day: 1}).String(); got != "2026-10-01" {
		t.Errorf("String = %q, want 2026-10-01", got)
	}
}

func TestParseDay(t *testing.T) {
	for _, s := range []string{"2026-10-01", "2025-01-28", "2024-02-29", "0001-01-01", "9999-12-31"} {
		d, err := calendar.ParseDay(s)
		if err != nil {
			t.Errorf("ParseDay(%q): %v", s, err)
			continue
		}
		if d.String() != s {
			t.Errorf("ParseDay(%q).String() = %q", s, d.String())
		}
	}
	if d, _ := calendar.ParseDay("2026-10-01"); d != (calendar.Day{Year: 2026, Month: time.October, Day: 1}) {
		t.Errorf("ParseDay(2026-10-01) = %#v", d)
	}
	for _, s := range []string{
		"",
		"2026-02-29", // 2026 is not a leap year
		"2026-13-01",
		"2026-10-32",
		"2026-10-1",
		"2026/10/01",
		"20261001",
		" 2026-10-01",
		"2026-10-01T00:00:00Z",
		"二〇二六年十月一日",
	} {
		if d, err := calendar.ParseDay(s); err == nil {
			t.Errorf("ParseDay(%q) = %s, want an error", s, d)
		} else if !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("ParseDay(%q) error %q does not say the expected form", s, err)
		}
	}
}

func TestCovers(t *testing.T) {
	c := calendar.China()
	tests := []struct {
		day  string
		want bool
	}{
		{"2024-12-31", false},
		{"2025-01-01", true},
		{"2026-12-31", true},
		{"2027-01-01", false},
	}
	for _, tt := range tests {
		if got := c.Covers(day(tt.day)); got != tt.want {
			t.Errorf("Covers(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
	// Outside the covered years only weekends are off: 2024's National Day
	// (a Tuesday) is not in the data, which is why callers should warn.
	if !c.IsWorkday(day("2024-10-01")) {
		t.Error("2024-10-01 is off, but 2024 is not in the data")
	}
	if calendar.New(nil, nil).Covers(day("2026-01-01")) {
		t.Error("a calendar made by New claims official data")
	}
}
