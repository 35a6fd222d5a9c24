package workflow

import (
	"context"
	"fmt"
	"sort"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/categorylesson"
	"github.com/minsheng/minsheng/ent/categoryterm"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/store"
)

// learn teaches the category suggester (package insight) what t, as it
// stands after action, says about its category: at dispatch (where the
// dispatcher may have corrected the category) and at close. It runs in the
// transaction of the move, so the lesson and the change stand or fall
// together, and the next suggestion in the tenant already knows it. Each
// ticket counts once, under its latest category: a ticket learned before
// under another category has its terms moved to the new one.
func (s *Service) learn(ctx context.Context, tx *ent.Client, action string, t *ent.Ticket) error {
	if action != ActionDispatch && action != ActionClose || t.CategoryID == nil {
		return nil
	}
	cat := *t.CategoryID
	lesson, err := tx.CategoryLesson.Query().Where(categorylesson.TicketID(t.ID)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		lesson = nil
	case err != nil:
		return fmt.Errorf("workflow: learn: %w", store.Explain(err))
	case lesson.CategoryID == cat:
		return nil // learned already, under this category
	}
	// In one order everywhere: two dispatches teaching overlapping terms
	// lock the rows in the same order and so cannot deadlock.
	terms := insight.Terms(t.Title + "\n" + t.Body)
	sort.Strings(terms)
	if lesson != nil {
		if err := unteach(ctx, tx, lesson.CategoryID, terms); err != nil {
			return err
		}
		if err := tx.CategoryLesson.UpdateOne(lesson).SetCategoryID(cat).Exec(ctx); err != nil {
			return fmt.Errorf("workflow: learn: %w", store.Explain(err))
		}
	} else if err := tx.CategoryLesson.Create().SetTicketID(t.ID).SetCategoryID(cat).Exec(ctx); err != nil {
		return fmt.Errorf("workflow: learn: %w", store.Explain(err))
	}
	return teach(ctx, tx, cat, terms)
}

// teach adds one ticket with terms to category cat of the learned table.
func teach(ctx context.Context, tx *ent.Client, cat int, terms []string) error {
	add := func(rows []*ent.CategoryTermCreate, by int) error {
		err := tx.CategoryTerm.CreateBulk(rows...).
			OnConflict(sql.ConflictColumns(categoryterm.FieldTenantID, categoryterm.FieldTerm, categoryterm.FieldCategoryID)).
			AddCount(by).Exec(ctx)
		if err != nil {
			return fmt.Errorf("workflow: learn: %w", store.Explain(err))
		}
		return nil
	}
	row := func(term string, n int) *ent.CategoryTermCreate {
		return tx.CategoryTerm.Create().SetTerm(term).SetCategoryID(cat).SetCount(n)
	}
	if err := add([]*ent.CategoryTermCreate{row(insight.DocTerm, 1)}, 1); err != nil {
		return err
	}
	if err := add([]*ent.CategoryTermCreate{row(insight.SumTerm, len(terms))}, len(terms)); err != nil {
		return err
	}
	// Batches keep each statement's parameters well under SQLite's limit.
	const batch = 200
	for i := 0; i < len(terms); i += batch {
		rows := make([]*ent.CategoryTermCreate, 0, batch)
		for _, term := range terms[i:min(i+batch, len(terms))] {
			rows = append(rows, row(term, 1))
		}
		if err := add(rows, 1); err != nil {
			return err
		}
	}
	return nil
}

// unteach takes one ticket with terms out of category cat, never below zero.
func unteach(ctx context.Context, tx *ent.Client, cat int, terms []string) error {
	sub := func(by int, names ...string) error {
		_, err := tx.CategoryTerm.Update().
			Where(categoryterm.CategoryID(cat), categoryterm.TermIn(names...), categoryterm.CountGTE(by)).
			AddCount(-by).Save(ctx)
		if err != nil {
			return fmt.Errorf("workflow: learn: %w", store.Explain(err))
		}
		return nil
	}
	if err := sub(1, insight.DocTerm); err != nil {
		return err
	}
	if err := sub(len(terms), insight.SumTerm); err != nil {
		return err
	}
	const batch = 500
	for i := 0; i < len(terms); i += batch {
		if err := sub(1, terms[i:min(i+batch, len(terms))]...); err != nil {
			return err
		}
	}
	return nil
}

// recategorise is then with the ticket's category corrected first, when
// categoryID is set and differs from it: the category is read as the caller
// (another tenant's is not found) and must be active, and the event keeps
// categoryID before and after.
func recategorise(categoryID *int, then step) step {
	if categoryID == nil {
		return then
	}
	return func(ctx context.Context, tx *ent.Client, t *ent.Ticket, u *ent.TicketUpdate, now time.Time) (map[string]any, map[string]any, error) {
		if t.CategoryID != nil && *t.CategoryID == *categoryID {
			return then(ctx, tx, t, u, now)
		}
		c, err := tx.Category.Get(ctx, *categoryID)
		if err != nil {
			return nil, nil, store.Explain(err)
		}
		if !c.Active {
			return nil, nil, minsheng.Errorf(minsheng.EINVALID, "category %s is retired: choose an active one", c.Name)
		}
		old := t.CategoryID
		u.SetCategoryID(c.ID)
		moved := *t
		moved.CategoryID = &c.ID // the deadline follows the new category
		before, after, err := then(ctx, tx, &moved, u, now)
		if err != nil {
			return nil, nil, err
		}
		if before == nil {
			before = map[string]any{}
		}
		if after == nil {
			after = map[string]any{}
		}
		if old != nil {
			before["categoryID"] = *old
		} else {
			before["categoryID"] = nil
		}
		after["categoryID"] = c.ID
		return before, after, nil
	}
}
