package knowledge

import (
	"context"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/store"
)

// SetRanking changes the ranking choices for the tuning test and returns a
// function that restores them.
func SetRanking(boost, weight float64, docs, terms int) (restore func()) {
	b0, w0, d0, t0 := articleBoost, feedbackWeight, feedbackDocs, feedbackTerms
	articleBoost, feedbackWeight, feedbackDocs, feedbackTerms = boost, weight, docs, terms
	return func() { articleBoost, feedbackWeight, feedbackDocs, feedbackTerms = b0, w0, d0, t0 }
}

// SetArticleFloor changes how much of a question an article must cover to
// take a place of its own, for the tuning benchmark; it returns a function
// that restores it.
func SetArticleFloor(f float64) (restore func()) {
	f0 := articleFloor
	articleFloor = f
	return func() { articleFloor = f0 }
}

// IndexBatch indexes documents in one transaction for the benchmark's
// fixture: an article's (articleIDs[i] set) or a case's (ticketIDs[i]).
func (s *Service) IndexBatch(ctx context.Context, articleIDs, ticketIDs []*int, texts []string) error {
	return store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		for i, text := range texts {
			if err := s.index(ctx, tx, document{articleID: articleIDs[i], ticketID: ticketIDs[i], text: text}, nil); err != nil {
				return err
			}
		}
		return nil
	})
}
