package topics

import (
	"context"
	"sync"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/wordlistentry"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// WordLists keeps each tenant's word list between registrations, so the
// registration path does not read and normalise up to MaxWordListEntries
// rows per ticket. Several processes share one database, so a process
// cannot be told when another replaces a list: each use checks the list's
// stamp instead (the count and the highest ID of its entries, one
// aggregate row on the tenant's index). SetWordList deletes every entry
// and writes new ones with new IDs, so any change moves the stamp. Safe
// for concurrent use.
type WordLists struct {
	mu    sync.Mutex
	lists map[int]cachedList
}

type cachedList struct {
	stamp stamp
	list  WordList
}

type stamp struct{ count, max int }

// Load is LoadWordList for the caller's tenant, read through client (a
// transaction's, to see its own writes), from the cache while the stamp is
// unchanged.
func (w *WordLists) Load(ctx context.Context, client *ent.Client) (WordList, error) {
	tenant := viewer.FromContext(ctx).TenantID
	var rows []struct {
		Count int  `json:"count"`
		Max   *int `json:"max"`
	}
	err := client.WordListEntry.Query().
		Aggregate(ent.Count(), ent.Max(wordlistentry.FieldID)).Scan(ctx, &rows)
	if err != nil {
		return WordList{}, store.Explain(err)
	}
	var st stamp
	if len(rows) == 1 {
		st.count = rows[0].Count
		if rows[0].Max != nil {
			st.max = *rows[0].Max
		}
	}
	w.mu.Lock()
	c, ok := w.lists[tenant]
	w.mu.Unlock()
	if ok && c.stamp == st {
		return c.list, nil
	}
	l, err := LoadWordList(ctx, client)
	if err != nil {
		return WordList{}, err
	}
	w.mu.Lock()
	if w.lists == nil {
		w.lists = map[int]cachedList{}
	}
	w.lists[tenant] = cachedList{stamp: st, list: l}
	w.mu.Unlock()
	return l, nil
}
