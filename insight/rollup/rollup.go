// Package rollup owns the daily statistics rollup (table stats_rollups):
// for each tenant, raw dimension (category, department, region, channel,
// status), local day of registration and raw key, what the tickets
// registered that day with that key add to each summable metric of
// insight/stats. It exists because a year of a 2,000,000-ticket tenant
// cannot be read ticket by ticket in 300 ms on PostgreSQL.
//
// It owns the rules of a ticket's contribution (Of), keeping them equal to
// insight/stats' ticket-level definitions (a test compares the two), and
// the three ways rows change: Hook (every ticket mutation: the old
// contribution subtracted, the new one added, once per transaction at its
// commit in one global order, pending.go), Track
// (the same around raw SQL that changes tickets, workflow's facts) and
// Rebuild/Backfill (from the tickets, at start, when the rollup is missing
// or was computed with another calendar, time zone or set of local
// departments: the fingerprint). It never decides who may read what:
// insight/stats reads the rows only for a caller who sees the whole tenant.
package rollup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/calendarday"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/viewer"
)

// Version is the version of the rules below; a rollup computed by another
// one is rebuilt (it is part of the fingerprint).
const Version = 2

// The raw dimensions, each a row set of its own. Every ticket falls in
// exactly one row of each, so any of them sums to the tenant's total.
const (
	DimCategory   = "category"   // category_id: CATEGORY1/2/3 and TYPE fold it
	DimDepartment = "department" // department_id
	DimRegion     = "region"     // region_id: REGION and GRID fold it
	DimChannel    = "channel"
	DimStatus     = "status"
)

// Dims lists the raw dimensions.
var Dims = []string{DimCategory, DimDepartment, DimRegion, DimChannel, DimStatus}

// Columns are the metric columns of a row, in the order of a Vector.
var Columns = []string{"received", "dispatched", "accepted_timely", "closed", "closed_on_time", "overdue_done",
	"yellow", "red", "returned", "reopened", "replied", "complete_replies", "callbacks", "satisfied", "solved",
	"supervised", "instructed", "repeats", "group_cases", "local_resolved", "handling_workdays"}

// Indexes into a Vector.
const (
	Received = iota
	Dispatched
	AcceptedTimely
	Closed
	ClosedOnTime
	OverdueDone
	Yellow
	Red
	Returned
	Reopened
	Replied
	CompleteReplies
	Callbacks
	Satisfied
	Solved
	Supervised
	Instructed
	Repeats
	GroupCases
	LocalResolved
	HandlingWorkdays
	nCols
)

// Vector is one row's (or one ticket's) metric values, in Columns' order.
type Vector [nCols]int

// Env is what a contribution depends on besides the ticket.
type Env struct {
	Loc   *time.Location
	Cal   *calendar.Calendar
	Local map[int]bool // departments whose kind is township or community
	// Fingerprint identifies the rules, zone, calendar and local
	// departments: a rollup computed with another one is not read.
	Fingerprint string
}

// LocalKinds are the department kinds whose closed tickets count as
// resolved on the spot (就地化解).
var LocalKinds = []department.Kind{department.KindTOWNSHIP, department.KindCOMMUNITY}

// Fingerprint is the fingerprint of an environment: the rules' version, the
// zone's name, the calendar's rows and the local departments.
func Fingerprint(zone string, days []*ent.CalendarDay, local []int) string {
	var rows []string
	for _, d := range days {
		rows = append(rows, fmt.Sprintf("%s:%t", d.Date, d.Workday))
	}
	slices.Sort(rows)
	local = slices.Clone(local)
	slices.Sort(local)
	h := sha256.New()
	fmt.Fprintf(h, "v%d|%s|%s|%v", Version, zone, strings.Join(rows, ","), local)
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// NewEnv is the environment of a tenant with zone, calendar rows and
// departments.
func NewEnv(zone string, days []*ent.CalendarDay, depts []*ent.Department) (*Env, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, fmt.Errorf("rollup: time zone %q: %w", zone, err)
	}
	hol, work := map[calendar.Day]string{}, map[calendar.Day]string{}
	for _, r := range days {
		d, err := calendar.ParseDay(r.Date)
		if err != nil {
			continue
		}
		if r.Workday {
			work[d] = r.Note
		} else {
			hol[d] = r.Note
		}
	}
	e := &Env{Loc: loc, Cal: calendar.China().With(hol, work), Local: map[int]bool{}}
	var local []int
	for _, d := range depts {
		if slices.Contains(LocalKinds, d.Kind) {
			e.Local[d.ID] = true
			local = append(local, d.ID)
		}
	}
	e.Fingerprint = Fingerprint(zone, days, local)
	return e, nil
}

// LoadEnv reads tenantID's environment through client (a transaction's
// client reads inside it).
func LoadEnv(ctx context.Context, client *ent.Client, tenantID int) (*Env, error) {
	sys := viewer.TenantSystemContext(ctx, tenantID)
	tn, err := client.Tenant.Get(sys, tenantID)
	if err != nil {
		return nil, fmt.Errorf("rollup: tenant: %w", err)
	}
	days, err := client.CalendarDay.Query().Select(calendarday.FieldDate, calendarday.FieldWorkday).All(sys)
	if err != nil {
		return nil, fmt.Errorf("rollup: calendar: %w", err)
	}
	depts, err := client.Department.Query().Where(department.KindIn(LocalKinds...)).
		Select(department.FieldKind).All(sys)
	if err != nil {
		return nil, fmt.Errorf("rollup: departments: %w", err)
	}
	return NewEnv(tn.TimeZone, days, depts)
}

// Fields are the ticket fields a contribution reads.
var Fields = []string{ticket.FieldTenantID, ticket.FieldStatus, ticket.FieldRegisteredAt, ticket.FieldCategoryID,
	ticket.FieldDepartmentID, ticket.FieldRegionID, ticket.FieldChannel, ticket.FieldDueAt, ticket.FieldFirstDispatchedAt,
	ticket.FieldLastRepliedAt, ticket.FieldAcceptedTimely, ticket.FieldReachedYellow, ticket.FieldReachedRed,
	ticket.FieldReturnedCount, ticket.FieldReopenedCount, ticket.FieldLastReplyComplete, ticket.FieldCallbackCount,
	ticket.FieldLastCallbackSatisfied, ticket.FieldLastCallbackSolved, ticket.FieldSupervised, ticket.FieldInstructedCount,
	ticket.FieldRepeatOfID, ticket.FieldRepeatState, ticket.FieldGroupCaseID}

// workingStatuses are those in which a department holds the ticket (its
// deadline runs): insight/stats counts them overdue at query time.
var workingStatuses = []ticket.Status{ticket.StatusDISPATCHED, ticket.StatusACCEPTED, ticket.StatusIN_PROGRESS,
	ticket.StatusRETURNED, ticket.StatusREOPENED, ticket.StatusSUSPENDED}

// WorkingStatuses are the statuses whose overdue tickets the rollup does
// not hold: a deadline passes without any write.
func WorkingStatuses() []string {
	var out []string
	for _, s := range workingStatuses {
		out = append(out, string(s))
	}
	return out
}

// Contribution is what one ticket adds: its day, its key in each raw
// dimension and its values.
type Contribution struct {
	Day  string
	Keys [5]string // in Dims' order
	V    Vector
	// DueDay is the local day of the deadline of a ticket a department
	// still holds (a working status), "" otherwise: such a ticket is also
	// counted (received = 1) in the row set OpenDim(dim) under the key
	// OpenKey(key, DueDay), so that its being overdue at query time is a
	// sum too (see insight/stats rollup.go).
	DueDay string
}

// OpenDim is the row set of dim's open tickets by deadline day.
func OpenDim(dim string) string { return "open-" + dim }

// OpenKey is the key of an open ticket of raw key key due on day dueDay.
func OpenKey(key, dueDay string) string { return key + "|" + dueDay }

// Of is t's contribution in e, nil for a ticket statistics do not count (a
// draft). Each value is insight/stats' ticket-level condition, spelled in
// Go.
func Of(t *ent.Ticket, e *Env) *Contribution {
	if t.Status == ticket.StatusDRAFT || t.RegisteredAt == nil {
		return nil
	}
	c := &Contribution{Day: calendar.DayOf(*t.RegisteredAt, e.Loc).String()}
	id := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	c.Keys = [5]string{id(t.CategoryID), id(t.DepartmentID), id(t.RegionID), string(t.Channel), string(t.Status)}
	b := func(ok bool) int {
		if ok {
			return 1
		}
		return 0
	}
	closed := t.Status == ticket.StatusCLOSED
	disp, reply, due := t.FirstDispatchedAt, t.LastRepliedAt, t.DueAt
	v := &c.V
	v[Received] = 1
	v[Dispatched] = b(disp != nil)
	v[AcceptedTimely] = b(t.AcceptedTimely)
	v[Closed] = b(closed)
	v[ClosedOnTime] = b(closed && (due == nil || (reply != nil && !reply.After(*due))))
	v[OverdueDone] = b(due != nil && (t.Status == ticket.StatusREPLIED || closed) && reply != nil && reply.After(*due))
	v[Yellow] = b(t.ReachedYellow)
	v[Red] = b(t.ReachedRed)
	v[Returned] = b(t.ReturnedCount > 0)
	v[Reopened] = b(t.ReopenedCount > 0)
	v[Replied] = b(reply != nil)
	v[CompleteReplies] = b(reply != nil && t.LastReplyComplete)
	v[Callbacks] = b(t.CallbackCount > 0)
	v[Satisfied] = b(t.CallbackCount > 0 && t.LastCallbackSatisfied)
	v[Solved] = b(t.CallbackCount > 0 && t.LastCallbackSolved)
	v[Supervised] = b(t.Supervised)
	v[Instructed] = b(t.InstructedCount > 0)
	v[Repeats] = b(t.RepeatOfID != nil && (t.RepeatState == nil || *t.RepeatState != ticket.RepeatStateREJECTED))
	v[GroupCases] = b(t.GroupCaseID != nil)
	v[LocalResolved] = b(closed && t.DepartmentID != nil && e.Local[*t.DepartmentID])
	if due != nil && slices.Contains(workingStatuses, t.Status) {
		c.DueDay = calendar.DayOf(*due, e.Loc).String()
	}
	if closed && disp != nil && reply != nil {
		v[HandlingWorkdays] = e.Cal.WorkdaysBetween(calendar.DayOf(*disp, e.Loc), calendar.DayOf(*reply, e.Loc))
	}
	return c
}

// RowKey names one row of a tenant's rollup.
type RowKey struct{ Dim, Day, Key string }

// Delta is what to add to rows.
type Delta map[RowKey]*Vector

// Add adds sign × c to d.
func (d Delta) Add(c *Contribution, sign int) {
	if c == nil {
		return
	}
	for i, dim := range Dims {
		k := RowKey{dim, c.Day, c.Keys[i]}
		v := d[k]
		if v == nil {
			v = &Vector{}
			d[k] = v
		}
		for j := range v {
			v[j] += sign * c.V[j]
		}
		if c.DueDay != "" {
			k := RowKey{OpenDim(dim), c.Day, OpenKey(c.Keys[i], c.DueDay)}
			v := d[k]
			if v == nil {
				v = &Vector{}
				d[k] = v
			}
			v[Received] += sign
		}
	}
}

// quote is s as an SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
