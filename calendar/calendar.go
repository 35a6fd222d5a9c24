// Package calendar owns the working days of a tenant: which days are off
// (weekends and statutory holidays), which weekend days are make-up workdays
// (调休上班), and deadline arithmetic counted in working days.
//
// It knows nothing about tickets or the database. The national arrangement
// comes from China(); a tenant's own additions (a district holiday, an extra
// working Saturday) are layered on top with With, so that a later change can
// store per-tenant overrides and pass them in.
package calendar

import (
	"fmt"
	"time"
)

// Day is a civil date with no time zone: "2026-10-01" is the same Day for
// every office, whatever instant it is somewhere else.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// DayOf is the date of instant t as read on a clock in loc. The date must be
// taken in the office's zone: 20:00 UTC is already the next day in Beijing.
func DayOf(t time.Time, loc *time.Location) Day {
	y, m, d := t.In(loc).Date()
	return Day{y, m, d}
}

// ParseDay reads a date written as YYYY-MM-DD, such as "2026-10-01".
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Day{}, fmt.Errorf("calendar: %q is not a date of the form YYYY-MM-DD", s)
	}
	return dayOfUTC(t), nil
}

// String writes d as YYYY-MM-DD, the form ParseDay reads.
func (d Day) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Weekday is the day of the week of d.
func (d Day) Weekday() time.Weekday {
	return d.time().Weekday()
}

// AddDays is the date n calendar days after d (before it when n < 0).
func (d Day) AddDays(n int) Day {
	return dayOfUTC(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// time is midnight UTC of d; UTC has no daylight saving, so day arithmetic on
// it never skips or repeats a date.
func (d Day) time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

func (d Day) before(o Day) bool {
	return d.time().Before(o.time())
}

func dayOfUTC(t time.Time) Day {
	y, m, d := t.Date()
	return Day{y, m, d}
}

// Calendar says which days are working days. It is never changed after it is
// made (With returns a new one), so one Calendar may be shared by goroutines.
type Calendar struct {
	holidays map[Day]string // days off that would otherwise be working days, by name
	workdays map[Day]string // working days that would otherwise be off (调休上班), by name
	covered  map[int]bool   // years for which the data is the official arrangement
}

// New makes a calendar on which Saturdays and Sundays are off, plus the given
// holidays, and the given workdays are working days whatever else holds (a
// day in both maps is a working day). The maps are copied. A calendar made by
// New covers no year (see Covers).
func New(holidays, workdays map[Day]string) *Calendar {
	c := &Calendar{
		holidays: make(map[Day]string, len(holidays)),
		workdays: make(map[Day]string, len(workdays)),
		covered:  map[int]bool{},
	}
	for d, name := range holidays {
		c.holidays[d] = name
	}
	for d, name := range workdays {
		c.workdays[d] = name
	}
	return c
}

// With is a copy of c with a tenant's additions. The tenant's word is final:
// a day in workdays is a working day even if it is a weekend or a holiday on
// c, and a day in holidays is off even if c has it as a make-up workday. A day
// in both of the tenant's maps is a working day. c itself is unchanged.
func (c *Calendar) With(holidays, workdays map[Day]string) *Calendar {
	n := New(c.holidays, c.workdays)
	for y := range c.covered {
		n.covered[y] = true
	}
	for d, name := range holidays {
		n.holidays[d] = name
		delete(n.workdays, d)
	}
	for d, name := range workdays {
		n.workdays[d] = name
		delete(n.holidays, d)
	}
	return n
}

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d Day) bool {
	if _, ok := c.workdays[d]; ok {
		return true
	}
	if _, ok := c.holidays[d]; ok {
		return false
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Name is the name of the holiday d belongs to ("国庆节"), or of the make-up
// workday it is ("国庆节调休上班"); "" for an ordinary day.
func (c *Calendar) Name(d Day) string {
	if name, ok := c.workdays[d]; ok {
		return name
	}
	return c.holidays[d]
}

// Covers reports whether the calendar has the official holiday arrangement
// for d's year. Outside it only weekends are off, so callers may warn that a
// deadline there ignores holidays not yet announced.
func (c *Calendar) Covers(d Day) bool {
	return c.covered[d.Year]
}

// AddWorkdays is the n-th working day after start; start itself is not
// counted, whether or not it is a working day. AddWorkdays(start, 0) is start.
// It panics if n < 0: a time limit is never negative, and a negative one is a
// bug in the caller rather than something to guess a meaning for.
func (c *Calendar) AddWorkdays(start Day, n int) Day {
	if n < 0 {
		panic(fmt.Sprintf("calendar: AddWorkdays with negative n %d", n))
	}
	d := start
	for n > 0 {
		d = d.AddDays(1)
		if c.IsWorkday(d) {
			n--
		}
	}
	return d
}

// WorkdaysBetween counts the working days in (from, to]: from is not counted,
// to is. It is negative when to is before from, so that
// WorkdaysBetween(a, b) == -WorkdaysBetween(b, a), and it undoes AddWorkdays:
// WorkdaysBetween(s, AddWorkdays(s, n)) == n.
func (c *Calendar) WorkdaysBetween(from, to Day) int {
	if to.before(from) {
		return -c.WorkdaysBetween(to, from)
	}
	n := 0
	for d := from.AddDays(1); !to.before(d); d = d.AddDays(1) {
		if c.IsWorkday(d) {
			n++
		}
	}
	return n
}

// Due is the deadline of a case received at instant from with a limit of n
// working days. As offices count it, the day of receipt does not count (a
// case received on a Friday afternoon with 1 working day is due on Monday,
// not at Friday's close), and the deadline is the end of the n-th working day
// after it, i.e. 24:00 of that day, which is 00:00 of the next day in loc.
// The day of receipt is read in loc, not UTC: a case received at 01:30 in
// Beijing was received that day, though UTC still shows the day before.
// With n == 0 the case is due at the end of the day it was received.
func (c *Calendar) Due(from time.Time, n int, loc *time.Location) time.Time {
	d := c.AddWorkdays(DayOf(from, loc), n)
	return time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, loc)
}
