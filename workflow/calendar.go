package workflow

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/calendarday"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Calendar is the working-day calendar of a tenant: the national one with
// the tenant's own days (CalendarDay) on top, the tenant's word final. It is
// read afresh each time, so a day the tenant admin changes counts at once,
// in every process.
func (s *Service) Calendar(ctx context.Context, tenantID int) (*calendar.Calendar, error) {
	rows, err := s.client.CalendarDay.Query().
		Where(calendarday.TenantID(tenantID)).
		All(viewer.TenantSystemContext(ctx, tenantID))
	if err != nil {
		return nil, fmt.Errorf("workflow: calendar of tenant %d: %w", tenantID, err)
	}
	if len(rows) == 0 {
		return calendar.China(), nil
	}
	holidays, workdays := map[calendar.Day]string{}, map[calendar.Day]string{}
	for _, r := range rows {
		d, err := calendar.ParseDay(r.Date)
		if err != nil {
			return nil, fmt.Errorf("workflow: calendar day %d: %w", r.ID, err)
		}
		if r.Workday {
			workdays[d] = r.Note
		} else {
			holidays[d] = r.Note
		}
	}
	return calendar.China().With(holidays, workdays), nil
}

// calendarYears bounds the days a tenant may change: far enough either way
// for any deadline, near enough to catch a mistyped year.
const calendarYearsAround = 5

// SetCalendarDay makes day a working day (workday) or a day off in the
// caller's tenant, whatever the national calendar says, replacing the
// tenant's earlier word on it. Deadlines set from then on count it.
func (s *Service) SetCalendarDay(ctx context.Context, day time.Time, workday bool, note *string) (*ent.CalendarDay, error) {
	d, err := s.calendarDay(day)
	if err != nil {
		return nil, err
	}
	text := ""
	if note != nil {
		text = strings.TrimSpace(*note)
	}
	if utf8.RuneCountInString(text) > 100 {
		return nil, minsheng.Errorf(minsheng.EINVALID, "note must be at most 100 characters")
	}
	// One statement: two admins setting the same day at once both succeed,
	// the later word standing.
	id, err := s.client.CalendarDay.Create().
		SetDate(d.String()).SetWorkday(workday).SetNote(text).
		OnConflictColumns(calendarday.FieldTenantID, calendarday.FieldDate).
		UpdateWorkday().UpdateNote().UpdateUpdatedAt().
		ID(ctx)
	if err != nil {
		return nil, store.Explain(err)
	}
	out, err := s.client.CalendarDay.Get(ctx, id)
	return out, store.Explain(err)
}

// ClearCalendarDay removes the caller's tenant's word on day, so the national
// calendar holds again. It reports whether there was one.
func (s *Service) ClearCalendarDay(ctx context.Context, day time.Time) (bool, error) {
	d, err := s.calendarDay(day)
	if err != nil {
		return false, err
	}
	n, err := s.client.CalendarDay.Delete().Where(calendarday.Date(d.String())).Exec(ctx)
	if err != nil {
		return false, store.Explain(err)
	}
	return n > 0, nil
}

// CalendarDays are the caller's tenant's own days in year, by date.
func (s *Service) CalendarDays(ctx context.Context, year int) ([]*ent.CalendarDay, error) {
	// Dates are written YYYY-MM-DD, so a year's are those with its prefix
	// and text order is date order.
	prefix := fmt.Sprintf("%04d-", year)
	if year < 1 || year > 9999 {
		return nil, minsheng.Errorf(minsheng.EINVALID, "year %d is not a year", year)
	}
	rows, err := s.client.CalendarDay.Query().
		Where(calendarday.DateHasPrefix(prefix)).
		Order(ent.Asc(calendarday.FieldDate)).
		All(ctx)
	return rows, store.Explain(err)
}

// calendarDay is the civil date of a Date argument (midnight UTC), refused
// when it lies more than calendarYearsAround years from the clock's year.
func (s *Service) calendarDay(day time.Time) (calendar.Day, error) {
	y, m, dd := day.UTC().Date()
	d := calendar.Day{Year: y, Month: m, Day: dd}
	if now := s.now().Year(); y < now-calendarYearsAround || y > now+calendarYearsAround {
		return calendar.Day{}, minsheng.Errorf(minsheng.EINVALID,
			"%s is more than %d years from now: only days from %d to %d can be changed",
			d, calendarYearsAround, now-calendarYearsAround, now+calendarYearsAround)
	}
	return d, nil
}
