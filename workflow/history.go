package workflow

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// PastTicket is a ticket of the past with what happened to it, for the
// bulk path RecordHistory: the demo's history, or cases imported from an
// earlier system. Its steps follow the same transition table as the live
// operations.
type PastTicket struct {
	Title, Body, Place string
	Channel            ticket.Channel
	CategoryID         *int
	RegionID           *int
	Anonymous          bool
	// CitizenID is an existing citizen of the tenant (no citizen is
	// created on this path).
	CitizenID *int
	// CoSignerIDs are existing citizens who co-signed (联名), in signing
	// order: only with a citizen, each once and not the citizen, at most
	// MaxCoSigners.
	CoSignerIDs []int
	// DeadlineDays are the working days a dispatch gives; 0 takes
	// DefaultDeadlineDays.
	DeadlineDays int
	// Steps in time order; the first is REGISTER.
	Steps []PastStep
}

// PastStep is one thing that happened to a past ticket.
type PastStep struct {
	Action string // REGISTER, DISPATCH, ACCEPT, START, RETURN, REPLY, CALLBACK, CLOSE, REOPEN, SUPERVISE, INSTRUCT,
	// EXTENSION_REQUEST (with Days), EXTENSION_APPROVE, EXTENSION_REJECT, ESCALATE_YELLOW, ESCALATE_RED
	At     time.Time
	Reason string
	// DepartmentID is where a DISPATCH sends the ticket.
	DepartmentID int
	// Days are the working days an EXTENSION_REQUEST asks for; an
	// EXTENSION_APPROVE after it moves the deadline by them.
	Days int
	// Reply is a REPLY's text; Callback a CALLBACK's outcome.
	Reply    *ReplyText
	Callback *CallbackRecord
}

// MaxHistory is the most tickets one RecordHistory call takes.
const MaxHistory = 5000

// RecordHistory writes past tickets with their timelines, replies and
// callbacks in one transaction, in bulk: each ticket gets its case code of
// its registration day, its deadline from its first dispatch on the
// tenant's calendar, and one timeline event per step, checked against the
// transition table like the live operations (a step that is not allowed
// from where the ticket is refuses the whole batch). It sends no
// notifications: these things happened long ago. It returns how many
// tickets it wrote.
func (s *Service) RecordHistory(ctx context.Context, past []PastTicket) (int, error) {
	if len(past) > MaxHistory {
		return 0, minsheng.Errorf(minsheng.EINVALID, "at most %d past tickets at once", MaxHistory)
	}
	loc, err := s.tenantLocation(ctx)
	if err != nil {
		return 0, err
	}
	v := viewer.FromContext(ctx)
	cal, err := s.Calendar(ctx, v.TenantID)
	if err != nil {
		return 0, err
	}
	// Replay each ticket's steps first: nothing is written for a batch
	// with a step out of place.
	type replayed struct {
		status     ticket.Status
		dept       *int
		due        *time.Time
		registered time.Time
		supervised bool
		dispatched bool
		extension  *int // days of a request still waiting for a decision
		events     []eventRow
	}
	plays := make([]replayed, len(past))
	for i, p := range past {
		if len(p.Steps) == 0 || p.Steps[0].Action != ActionRegister {
			return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: the first step must be REGISTER", i)
		}
		if !sort.SliceIsSorted(p.Steps, func(a, b int) bool { return p.Steps[a].At.Before(p.Steps[b].At) }) {
			return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: steps out of time order", i)
		}
		if len(p.CoSignerIDs) > 0 {
			seen := map[int]bool{}
			if p.CitizenID != nil {
				seen[*p.CitizenID] = true
			}
			for _, c := range p.CoSignerIDs {
				if seen[c] {
					return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: citizen %d signs twice", i, c)
				}
				seen[c] = true
			}
			if p.CitizenID == nil || len(p.CoSignerIDs) > MaxCoSigners {
				return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: co-signers need a citizen, at most %d", i, MaxCoSigners)
			}
		}
		r := replayed{status: ticket.StatusREGISTERED, registered: p.Steps[0].At}
		r.events = append(r.events, eventRow{action: ActionRegister, to: string(ticket.StatusREGISTERED), at: p.Steps[0].At})
		for _, st := range p.Steps[1:] {
			from := r.status
			to := from
			switch st.Action {
			case ActionEscalateRed, ActionEscalateYellow:
				if from == ticket.StatusCLOSED {
					return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: a closed ticket is not escalated", i)
				}
			default:
				tr, ok := transitions[st.Action]
				if !ok || st.Action == ActionRegister {
					return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: unknown step %s", i, st.Action)
				}
				if !slices.Contains(tr.from, from) {
					return 0, minsheng.Errorf(minsheng.ECONFLICT, "past ticket %d: ticket is %s; %s needs %s", i, from, tr.op, either(tr.from))
				}
				if tr.to != "" {
					to = tr.to
				}
			}
			ev := eventRow{action: st.Action, at: st.At, reason: st.Reason, reply: st.Reply, callback: st.Callback}
			if to != from {
				ev.from, ev.to = string(from), string(to)
			}
			switch st.Action {
			case ActionDispatch:
				if st.DepartmentID == 0 {
					return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: a dispatch names its department", i)
				}
				days := p.DeadlineDays
				if days <= 0 {
					days = DefaultDeadlineDays
				}
				due := cal.Due(st.At, days, loc)
				dept := st.DepartmentID
				r.dept, r.due = &dept, &due
				ev.after = map[string]any{"departmentID": dept, "dueAt": due, "deadlineDays": days}
			case ActionReply:
				if st.Reply == nil {
					return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: a reply needs its text", i)
				}
			case ActionCallback:
				if st.Callback == nil {
					return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: a callback needs its outcome", i)
				}
			case ActionSupervise:
				r.supervised = true
			case ActionExtensionRequest:
				if r.due == nil || r.extension != nil || st.Days < 1 || st.Days > MaxExtensionDays {
					return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: an extension request needs a deadline, no request waiting, and 1 to %d days", i, MaxExtensionDays)
				}
				days := st.Days
				r.extension = &days
				ev.after = map[string]any{"extensionDays": days}
			case ActionExtensionApprove, ActionExtensionReject:
				if r.extension == nil {
					return 0, minsheng.Errorf(minsheng.EINVALID, "past ticket %d: no extension request to decide", i)
				}
				if st.Action == ActionExtensionApprove {
					due := cal.Due(r.due.Add(-time.Nanosecond), *r.extension, loc)
					r.due = &due
					ev.after = map[string]any{"dueAt": due}
				}
				r.extension = nil
			}
			if st.Action == ActionDispatch {
				r.dispatched = true
			}
			r.status = to
			r.events = append(r.events, ev)
		}
		plays[i] = r
	}
	// One caller, one transaction: each linked ID is checked once.
	ctx = store.WithEdgeMemo(ctx)
	// Detection reads the tenant's settings, categories, regions and
	// citizens once for the batch: none of them changes inside it.
	ctx = withDetectSnapshot(ctx, v.TenantID)
	err = store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		creates := make([]*ent.TicketCreate, len(past))
		for i, p := range past {
			r := plays[i]
			code, err := nextCode(ctx, tx, r.registered.In(loc))
			if err != nil {
				return err
			}
			creates[i] = tx.Ticket.Create().
				SetCode(code).SetTitle(p.Title).SetBody(p.Body).SetChannel(p.Channel).SetPlace(p.Place).
				SetAnonymous(p.Anonymous).SetNillableCategoryID(p.CategoryID).SetNillableRegionID(p.RegionID).
				SetNillableCitizenID(p.CitizenID).SetNillableDepartmentID(r.dept).SetNillableDueAt(r.due).
				SetStatus(r.status).SetRegisteredAt(r.registered).SetSupervised(r.supervised).
				// Created when it was registered, in the past, so lists in
				// created_at order (hotTopicTickets, API clients) put the
				// history where it happened, not at the seeding time.
				SetCreatedAt(r.registered).
				SetVersion(len(r.events)).SetNillableRegisteredByID(actorID(v)).
				SetNillableExtensionDays(r.extension).SetSignerCount(1 + len(p.CoSignerIDs))
		}
		var tickets []*ent.Ticket
		for chunk := range slices.Chunk(creates, 200) {
			ts, err := tx.Ticket.CreateBulk(chunk...).Save(ctx)
			if err != nil {
				return store.Explain(err)
			}
			tickets = append(tickets, ts...)
		}
		// Their co-signers, before detection, which finds persons through
		// them as at a live registration.
		var signers []*ent.CoSignerCreate
		for i, t := range tickets {
			for k, c := range past[i].CoSignerIDs {
				signers = append(signers, tx.CoSigner.Create().SetTicketID(t.ID).SetCitizenID(c).SetPosition(k+1))
			}
		}
		for chunk := range slices.Chunk(signers, 500) {
			if err := tx.CoSigner.CreateBulk(chunk...).Exec(ctx); err != nil {
				return fmt.Errorf("workflow: history co-signers: %w", store.Explain(err))
			}
		}
		// Their keywords, so hot topics and reports reach back as far; the
		// word list is read once for the batch.
		list, err := s.wordList(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range tickets {
			if err := s.indexKeywordsWith(ctx, tx, t, t.RegisteredAt, list); err != nil {
				return err
			}
		}
		// What a dispatcher's category teaches the suggester, and the
		// repeat and group marks live registration would have made, each
		// ticket as of its registration (later tickets of the batch are
		// after it, so detection does not see them).
		for i, t := range tickets {
			if plays[i].dispatched {
				if err := s.learn(ctx, tx, ActionDispatch, t); err != nil {
					return err
				}
			}
			if err := s.detect(ctx, tx, t, plays[i].registered); err != nil {
				return err
			}
		}
		var events []*ent.TimelineEventCreate
		var replies []*ent.ReplyCreate
		var callbacks []*ent.CallbackCreate
		for i, t := range tickets {
			for _, e := range plays[i].events {
				ev := tx.TimelineEvent.Create().SetTicketID(t.ID).SetAction(e.action).
					SetActorName(v.Name).SetNillableActorID(actorID(v)).
					SetFromStatus(e.from).SetToStatus(e.to).SetReason(e.reason).SetAt(e.at)
				if e.action == ActionRegister {
					after := registered(t)
					if co := past[i].CoSignerIDs; len(co) > 0 {
						after["coSignerCitizenIDs"], after["signerCount"] = co, t.SignerCount
					}
					ev.SetAfter(after)
				}
				if e.after != nil {
					ev.SetAfter(e.after)
				}
				events = append(events, ev)
				if e.reply != nil {
					in := e.reply
					replies = append(replies, tx.Reply.Create().SetTicketID(t.ID).
						SetFacts(in.Facts).SetBasis(in.Basis).SetHandling(in.Handling).SetResult(in.Result).
						SetAppealChannel(in.AppealChannel).SetMissing(elementNames(MissingElements(*in))).
						SetNillableAuthorID(actorID(v)).SetAt(e.at))
				}
				if e.callback != nil {
					note := ""
					if e.callback.Note != nil {
						note = *e.callback.Note
					}
					callbacks = append(callbacks, tx.Callback.Create().SetTicketID(t.ID).
						SetSatisfaction(e.callback.Satisfaction).SetSolved(e.callback.Solved).SetNote(note).
						SetNillableRecordedByID(actorID(v)).SetAt(e.at))
				}
			}
		}
		for chunk := range slices.Chunk(events, 500) {
			if err := tx.TimelineEvent.CreateBulk(chunk...).Exec(ctx); err != nil {
				return fmt.Errorf("workflow: history timeline: %w", store.Explain(err))
			}
		}
		for chunk := range slices.Chunk(replies, 300) {
			if err := tx.Reply.CreateBulk(chunk...).Exec(ctx); err != nil {
				return fmt.Errorf("workflow: history replies: %w", store.Explain(err))
			}
		}
		for chunk := range slices.Chunk(callbacks, 500) {
			if err := tx.Callback.CreateBulk(chunk...).Exec(ctx); err != nil {
				return fmt.Errorf("workflow: history callbacks: %w", store.Explain(err))
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(past), nil
}

// eventRow is a timeline event of a past ticket, before it has an ID.
type eventRow struct {
	action, from, to, reason string
	at                       time.Time
	after                    map[string]any
	reply                    *ReplyText
	callback                 *CallbackRecord
}
