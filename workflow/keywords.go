package workflow

import (
	"context"
	"fmt"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticketkeyword"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/topics"
)

// SetKeywords makes registration, draft registration and intake's fill
// store each ticket's keywords, extracted by e with the tenant's word list
// (nil: no keywords; tests of other things leave it so).
func (s *Service) SetKeywords(e *topics.Extractor) { s.keywords = e }

// indexKeywords replaces the keywords of t, from its stored (masked) title
// and body, in tx. at is the ticket's registration instant (nil for a
// draft), copied to each row so a period needs no join.
func (s *Service) indexKeywords(ctx context.Context, tx *ent.Client, t *ent.Ticket, at *time.Time) error {
	list, err := s.wordList(ctx, tx)
	if err != nil {
		return err
	}
	return s.indexKeywordsWith(ctx, tx, t, at, list)
}

// wordList is the tenant's word list for keywords; empty (and not read)
// when no keywords are stored.
func (s *Service) wordList(ctx context.Context, tx *ent.Client) (topics.WordList, error) {
	if s.keywords == nil {
		return topics.WordList{}, nil
	}
	return s.wordLists.Load(ctx, tx)
}

// indexKeywordsWith is indexKeywords with the word list read already (by
// a caller that writes many tickets).
func (s *Service) indexKeywordsWith(ctx context.Context, tx *ent.Client, t *ent.Ticket, at *time.Time, list topics.WordList) error {
	if s.keywords == nil {
		return nil
	}
	kws, err := s.keywords.Extract(t.Title, t.Body, list)
	if err != nil {
		return fmt.Errorf("workflow: keywords: %w", err)
	}
	if _, err := tx.TicketKeyword.Delete().Where(ticketkeyword.TicketID(t.ID)).Exec(ctx); err != nil {
		return fmt.Errorf("workflow: keywords: %w", store.Explain(err))
	}
	if len(kws) == 0 {
		return nil
	}
	bulk := make([]*ent.TicketKeywordCreate, len(kws))
	for i, k := range kws {
		bulk[i] = tx.TicketKeyword.Create().SetTicketID(t.ID).SetWord(k.Word).SetWeight(k.Weight).SetNillableAt(at)
	}
	if err := tx.TicketKeyword.CreateBulk(bulk...).Exec(ctx); err != nil {
		return fmt.Errorf("workflow: keywords: %w", store.Explain(err))
	}
	return nil
}
