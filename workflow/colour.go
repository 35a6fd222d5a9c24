package workflow

import (
	"context"
	"math"
	"time"

	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent"
)

// Colour is how a ticket stands against its deadline (三色督办).
type Colour string

// The three colours.
const (
	Green  Colour = "GREEN"  // before the deadline
	Yellow Colour = "YELLOW" // past it: the department head is answerable
	Red    Colour = "RED"    // past it by more than the tenant's threshold: the district leader is
)

// SettingRedAfterWorkdays is the tenant setting that says how many working
// days after the deadline a ticket turns red.
const SettingRedAfterWorkdays = "redAfterWorkdays"

// DefaultRedAfterWorkdays is the threshold when the tenant has not set one.
const DefaultRedAfterWorkdays = 2

// Colour is t's colour on the service's clock; nil while t has no deadline.
// It is computed on every read, never stored, so it cannot go stale.
func (s *Service) Colour(ctx context.Context, t *ent.Ticket) (*Colour, error) {
	if t.DueAt == nil {
		return nil, nil
	}
	tn, cal, err := s.colourRules(ctx, t.TenantID)
	if err != nil {
		return nil, err
	}
	loc, err := location(tn)
	if err != nil {
		return nil, err
	}
	c := ColourAt(*t.DueAt, s.now(), redAfterWorkdays(tn.Settings), cal, loc)
	return &c, nil
}

// ColourAt is the colour at instant now of a ticket due at due: GREEN before
// due, YELLOW from due on, RED from the end of the redAfter-th working day
// after the last day of the limit. The last day is the one due ends (due is
// 24:00 of it), so a ticket due at Tuesday 00:00 with redAfter 2 turns red at
// the end of Wednesday, read in loc.
func ColourAt(due, now time.Time, redAfter int, cal *calendar.Calendar, loc *time.Location) Colour {
	switch {
	case now.Before(due):
		return Green
	case now.Before(cal.Due(due.Add(-time.Nanosecond), redAfter, loc)):
		return Yellow
	default:
		return Red
	}
}

// redAfterWorkdays reads the tenant's threshold. Settings are JSON, so a
// number arrives as float64; anything that is not a whole number of days
// from 0 to 90 falls back to the default rather than leaving every ticket of
// the tenant without a colour.
func redAfterWorkdays(settings map[string]any) int {
	switch v := settings[SettingRedAfterWorkdays].(type) {
	case float64:
		if v >= 0 && v <= 90 && v == math.Trunc(v) {
			return int(v)
		}
	case int:
		if v >= 0 && v <= 90 {
			return v
		}
	}
	return DefaultRedAfterWorkdays
}
