package workflow

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// Timeline actions of merging: MERGE on each duplicate, MERGED_FROM on the
// ticket they were merged into.
const (
	ActionMerge      = "MERGE"
	ActionMergedFrom = "MERGED_FROM"
)

// leadActions are the department's side of the life cycle. Under joint
// handling (协办) they stay with the lead department: a co-department sees,
// follows and is supervised on the ticket, but one answer goes to the
// citizen and one department answers for the deadline.
var leadActions = map[string]bool{
	ActionAccept: true, ActionStart: true, ActionReturn: true, ActionReply: true, ActionExtensionRequest: true,
}

// leadOnly refuses the department's side of the life cycle to a caller who
// sees t only because his department co-handles it.
func leadOnly(v viewer.Viewer, action string, t *ent.Ticket) error {
	if !leadActions[action] || v.TicketScope != viewer.ScopeDepartment {
		return nil
	}
	if t.DepartmentID != nil && *t.DepartmentID == v.DepartmentID {
		return nil
	}
	return minsheng.Errorf(minsheng.EFORBIDDEN,
		"your department co-handles ticket %s: %s is for its lead department", t.Code, transitions[action].op)
}

// jointly is the co-department part of dispatch and reassignment: co, unless
// nil, replaces the ticket's co-departments; nil keeps them, less the new
// lead department. It says what they were and what they become, by ID.
func jointly(ctx context.Context, tx *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, lead int, co []int) (before, after []int, err error) {
	before, err = tx.Ticket.QueryCoDepartments(t).Order(ent.Asc(department.FieldID)).IDs(ctx)
	if err != nil {
		return nil, nil, store.Explain(err)
	}
	if co == nil {
		after = slices.DeleteFunc(slices.Clone(before), func(id int) bool { return id == lead })
	} else {
		after = slices.Clone(co)
		slices.Sort(after)
		for i, id := range after {
			switch {
			case id == lead:
				return nil, nil, minsheng.Errorf(minsheng.EINVALID,
					"department %d is the lead department: it cannot also be a co-department", id)
			case i > 0 && after[i-1] == id:
				return nil, nil, minsheng.Errorf(minsheng.EINVALID, "department %d is named twice in coDepartmentIDs", id)
			}
			// Read as the caller: another tenant's department is not found,
			// like one that never existed.
			if _, err := tx.Department.Get(ctx, id); err != nil {
				return nil, nil, store.Explain(err)
			}
		}
	}
	if !slices.Equal(before, after) {
		u.ClearCoDepartments().AddCoDepartmentIDs(after...)
	}
	return before, after, nil
}

// CoDepartments are the departments co-handling t, by ID.
func (s *Service) CoDepartments(ctx context.Context, t *ent.Ticket) ([]*ent.Department, error) {
	return s.client.Ticket.QueryCoDepartments(t).Order(ent.Asc(department.FieldID)).All(ctx)
}

// MergeTickets merges the duplicates fromIDs into the ticket intoID (并案) in
// one transaction: each duplicate becomes MERGED and points at the target,
// with a MERGE event naming the target's code; the target gets a
// MERGED_FROM event naming theirs, and the duplicates' signers as
// co-signers (mergeSigners), listed on that event. When that adds persons,
// the target is checked again in the same transaction (recheck). Every
// ticket is read as the caller and written only if nobody changed it since
// (its version), so a merge racing with another change loses as a whole.
func (s *Service) MergeTickets(ctx context.Context, intoID int, fromIDs []int) (*ent.Ticket, error) {
	if len(fromIDs) == 0 {
		return nil, minsheng.Errorf(minsheng.EINVALID, "fromIDs is empty: name the tickets to merge")
	}
	for i, id := range fromIDs {
		if id == intoID {
			return nil, minsheng.Errorf(minsheng.EINVALID, "ticket %d cannot be merged into itself", id)
		}
		if slices.Contains(fromIDs[:i], id) {
			return nil, minsheng.Errorf(minsheng.EINVALID, "ticket %d is named twice in fromIDs", id)
		}
	}
	now := s.now()
	v := viewer.FromContext(ctx)
	var out *ent.Ticket
	ctx, alerts := withAlertSends(ctx)
	err := store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		into, err := tx.Ticket.Get(ctx, intoID)
		if err != nil {
			return store.Explain(err)
		}
		if into.Status == ticket.StatusCLOSED || into.Status == ticket.StatusMERGED {
			return minsheng.Errorf(minsheng.ECONFLICT, "ticket %s is %s; mergeTickets needs a target that is neither CLOSED nor MERGED", into.Code, into.Status)
		}
		codes := make([]string, len(fromIDs))
		merged := make([]*ent.Ticket, len(fromIDs))
		for i, id := range fromIDs {
			from, err := tx.Ticket.Get(ctx, id)
			if err != nil {
				return store.Explain(err)
			}
			if from.Status == ticket.StatusCLOSED || from.Status == ticket.StatusMERGED {
				return minsheng.Errorf(minsheng.ECONFLICT, "ticket %s is %s; mergeTickets merges tickets that are neither CLOSED nor MERGED", from.Code, from.Status)
			}
			codes[i], merged[i] = from.Code, from
			err = bump(ctx, tx, from, tx.Ticket.Update().SetStatus(ticket.StatusMERGED).SetMergedIntoID(into.ID))
			if err != nil {
				return err
			}
			ev := tx.TimelineEvent.Create().
				SetTicketID(from.ID).SetAction(ActionMerge).SetActorName(v.Name).SetNillableActorID(actorID(v)).
				SetFromStatus(string(from.Status)).SetToStatus(string(ticket.StatusMERGED)).SetReason(into.Code).SetAt(now).
				SetAfter(map[string]any{"mergedIntoID": into.ID, "mergedInto": into.Code})
			if err := ev.Exec(ctx); err != nil {
				return fmt.Errorf("workflow: timeline: %w", store.Explain(err))
			}
		}
		signers, err := mergeSigners(ctx, tx, into, merged)
		if err != nil {
			return err
		}
		if err := bump(ctx, tx, into, tx.Ticket.Update().SetSignerCount(signers.count)); err != nil {
			return err
		}
		after := map[string]any{"mergedFromIDs": fromIDs, "mergedFrom": codes}
		if len(signers.added) > 0 {
			after["coSignerCitizenIDs"], after["signerCount"] = signers.added, signers.count
		}
		if signers.left > 0 {
			after["signersNotAdded"] = signers.left
		}
		ev := tx.TimelineEvent.Create().
			SetTicketID(into.ID).SetAction(ActionMergedFrom).SetActorName(v.Name).SetNillableActorID(actorID(v)).
			SetReason(strings.Join(codes, ", ")).SetAt(now).
			SetAfter(after)
		if err := ev.Exec(ctx); err != nil {
			return fmt.Errorf("workflow: timeline: %w", store.Explain(err))
		}
		out, err = tx.Ticket.Get(ctx, into.ID)
		if err != nil || len(signers.added) == 0 {
			return store.Explain(err)
		}
		if err := s.recheck(ctx, tx, out, signers.added); err != nil {
			return err
		}
		out, err = tx.Ticket.Get(ctx, into.ID)
		return store.Explain(err)
	})
	if err != nil {
		return nil, err
	}
	s.send(ctx, out.TenantID, alerts())
	s.changes.Notify(intoID)
	for _, id := range fromIDs {
		s.changes.Notify(id)
	}
	return out.Unwrap(), nil
}

// recheck checks the kept ticket t of a merge again once the merge has
// made the persons of the records added its co-signers, in the merge's
// transaction tx: repeat and group detection as at its registration (the
// same window, so only earlier tickets can be the first it repeats; a
// letter now signed by the group size is a group case, 联名 N 人), and the
// person warnings (KEY_PERSON, REPEAT_PERSON) for the added persons,
// through the same seam as at registration. Running it again adds
// nothing: detection leaves a repeat mark already made (pending, confirmed
// or rejected) and a group case already joined as they are, and every
// warning is raised once by its key. A draft is not checked.
func (s *Service) recheck(ctx context.Context, tx *ent.Client, t *ent.Ticket, added []int) error {
	if t.RegisteredAt == nil || t.Status == ticket.StatusDRAFT {
		return nil
	}
	if err := s.detect(ctx, tx, t, *t.RegisteredAt); err != nil {
		return err
	}
	return s.atMerge(ctx, tx, t, added)
}

// bump writes u to t only if t is still at the version read, moving the
// version on; CONFLICT when someone changed t meanwhile.
func bump(ctx context.Context, tx *ent.Client, t *ent.Ticket, u *ent.TicketUpdate) error {
	n, err := u.Where(ticket.ID(t.ID), ticket.Version(t.Version)).AddVersion(1).Save(ctx)
	if err != nil {
		return store.Explain(err)
	}
	if n == 0 {
		return minsheng.Errorf(minsheng.ECONFLICT, "ticket %s was changed by someone else; reload it and try again", t.Code)
	}
	return nil
}

// FollowTicket makes the caller follow a ticket he can see (follow) or stop
// following it. Doing either twice changes nothing. Following is no change
// to the case: no timeline event, no new version.
func (s *Service) FollowTicket(ctx context.Context, id int, follow bool) (*ent.Ticket, error) {
	v := viewer.FromContext(ctx)
	if v.Kind != viewer.User {
		return nil, minsheng.Errorf(minsheng.EFORBIDDEN, "only staff signed in as themselves follow tickets, not API keys")
	}
	t, err := s.client.Ticket.Get(ctx, id)
	if err != nil {
		return nil, store.Explain(err)
	}
	// As the server: the caller has shown he sees the ticket, and linking
	// himself needs no right to read the staff list.
	sys := viewer.TenantSystemContext(ctx, v.TenantID)
	following, err := s.client.Ticket.QueryFollowers(t).Where(user.ID(v.UserID)).Exist(sys)
	if err != nil {
		return nil, store.Explain(err)
	}
	switch {
	case follow && !following:
		err = s.client.Ticket.UpdateOneID(t.ID).AddFollowerIDs(v.UserID).Exec(sys)
		// The same user following from two windows at once: the second
		// insert meets the first's row, which is what it wanted.
		if ent.IsConstraintError(err) {
			err = nil
		}
	case !follow && following:
		err = s.client.Ticket.UpdateOneID(t.ID).RemoveFollowerIDs(v.UserID).Exec(sys)
	}
	if err != nil {
		return nil, store.Explain(err)
	}
	return t, nil
}

// Followers are the staff following the ticket, by user ID, read in tx (so
// that a notification written in the same transaction as a change sees the
// followers as of that change). ctx must be able to read the ticket and its
// tenant's users, e.g. viewer.TenantSystemContext.
func Followers(ctx context.Context, tx *ent.Client, ticketID int) ([]*ent.User, error) {
	return tx.Ticket.Query().Where(ticket.ID(ticketID)).QueryFollowers().
		Order(ent.Asc(user.FieldID)).All(ctx)
}

// FollowersOf are the staff following t, by user ID, read as the caller.
func (s *Service) FollowersOf(ctx context.Context, t *ent.Ticket) ([]*ent.User, error) {
	return Followers(ctx, s.client, t.ID)
}
