package topics

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/wordlistentry"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/store"
)

// MaxWordListEntries bounds a tenant's word list (all kinds together).
const MaxWordListEntries = 2000

// Synonym is a word counted as its canonical word.
type Synonym struct {
	Word      string
	Canonical string
}

// LoadWordList reads the caller's tenant's word list, words sorted.
func LoadWordList(ctx context.Context, client *ent.Client) (WordList, error) {
	rows, err := client.WordListEntry.Query().
		Order(ent.Asc(wordlistentry.FieldKind), ent.Asc(wordlistentry.FieldWord)).
		Limit(MaxWordListEntries + 1).All(ctx)
	if err != nil {
		return WordList{}, store.Explain(err)
	}
	l := WordList{Added: []string{}, Stop: []string{}, Synonyms: map[string]string{}}
	for _, r := range rows {
		switch r.Kind {
		case wordlistentry.KindADD:
			l.Added = append(l.Added, r.Word)
		case wordlistentry.KindSTOP:
			l.Stop = append(l.Stop, r.Word)
		case wordlistentry.KindSYNONYM:
			l.Synonyms[r.Word] = r.Canonical
		}
	}
	return l, nil
}

// SynonymList is l's synonyms sorted by word.
func (l WordList) SynonymList() []Synonym {
	out := make([]Synonym, 0, len(l.Synonyms))
	for w, c := range l.Synonyms {
		out = append(out, Synonym{Word: w, Canonical: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Word < out[j].Word })
	return out
}

// SetWordList replaces the caller's tenant's word list with l, in one
// transaction. Words are normalised as the extractor reads text (no
// spaces, Latin in lower case); a word may be added or stopped, not both;
// a synonym's canonical word must differ from it and not be a synonym
// itself (no chains). It applies to keywords extracted from then on:
// tickets registered before keep theirs.
func SetWordList(ctx context.Context, client *ent.Client, added, stop []string, synonyms []Synonym) (WordList, error) {
	if n := len(added) + len(stop) + len(synonyms); n > MaxWordListEntries {
		return WordList{}, minsheng.Errorf(minsheng.EINVALID, "the word list has %d entries; at most %d are kept", n, MaxWordListEntries)
	}
	l := WordList{Added: added, Stop: stop, Synonyms: map[string]string{}}
	for _, s := range synonyms {
		w, c := insight.Normalise(s.Word), insight.Normalise(s.Canonical)
		if prev, dup := l.Synonyms[w]; dup && prev != c {
			return WordList{}, minsheng.Errorf(minsheng.EINVALID, "synonym %q has two canonical words, %q and %q", w, prev, c)
		}
		l.Synonyms[w] = c
	}
	clean, err := checkWordList(l)
	if err != nil {
		return WordList{}, err
	}
	err = store.WithTx(ctx, client, func(tx *ent.Client) error {
		if _, err := tx.WordListEntry.Delete().Exec(ctx); err != nil {
			return store.Explain(err)
		}
		var bulk []*ent.WordListEntryCreate
		for _, w := range clean.Added {
			bulk = append(bulk, tx.WordListEntry.Create().SetKind(wordlistentry.KindADD).SetWord(w))
		}
		for _, w := range clean.Stop {
			bulk = append(bulk, tx.WordListEntry.Create().SetKind(wordlistentry.KindSTOP).SetWord(w))
		}
		for _, s := range clean.SynonymList() {
			bulk = append(bulk, tx.WordListEntry.Create().SetKind(wordlistentry.KindSYNONYM).SetWord(s.Word).SetCanonical(s.Canonical))
		}
		// Batches keep each statement's parameters well under PostgreSQL's
		// limit of 65,535.
		for len(bulk) > 0 {
			n := min(len(bulk), 500)
			if err := tx.WordListEntry.CreateBulk(bulk[:n]...).Exec(ctx); err != nil {
				return store.Explain(err)
			}
			bulk = bulk[n:]
		}
		return nil
	})
	if err != nil {
		return WordList{}, err
	}
	return LoadWordList(ctx, client)
}

func checkWordList(l WordList) (WordList, error) {
	if n := len(l.Added) + len(l.Stop) + len(l.Synonyms); n > MaxWordListEntries {
		return WordList{}, minsheng.Errorf(minsheng.EINVALID, "the word list has %d entries; at most %d are kept", n, MaxWordListEntries)
	}
	out := WordList{Added: []string{}, Stop: []string{}, Synonyms: map[string]string{}}
	kinds := map[string]string{}
	put := func(w, kind string, list *[]string) error {
		w, err := checkWord(w)
		if err != nil {
			return err
		}
		switch kinds[w] {
		case "":
			kinds[w] = kind
			*list = append(*list, w)
		case kind: // a repeat: kept once
		default:
			return minsheng.Errorf(minsheng.EINVALID, "%q is both an added word and a stop word: keep one", w)
		}
		return nil
	}
	for _, w := range l.Added {
		if err := put(w, "ADD", &out.Added); err != nil {
			return WordList{}, err
		}
	}
	for _, w := range l.Stop {
		if err := put(w, "STOP", &out.Stop); err != nil {
			return WordList{}, err
		}
	}
	for w, c := range l.Synonyms {
		w, err := checkWord(w)
		if err != nil {
			return WordList{}, err
		}
		c, err = checkWord(c)
		if err != nil {
			return WordList{}, err
		}
		if w == c {
			return WordList{}, minsheng.Errorf(minsheng.EINVALID, "synonym %q names itself as its canonical word", w)
		}
		if prev, dup := out.Synonyms[w]; dup && prev != c {
			return WordList{}, minsheng.Errorf(minsheng.EINVALID, "synonym %q has two canonical words, %q and %q", w, prev, c)
		}
		out.Synonyms[w] = c
	}
	for w, c := range out.Synonyms {
		if _, chain := out.Synonyms[c]; chain {
			return WordList{}, minsheng.Errorf(minsheng.EINVALID, "%q is a synonym of %q, which is itself a synonym: name the final word", w, c)
		}
	}
	sort.Strings(out.Added)
	sort.Strings(out.Stop)
	return out, nil
}

func checkWord(w string) (string, error) {
	w = insight.Normalise(strings.TrimSpace(w))
	n := utf8.RuneCountInString(w)
	if n < 2 {
		return "", minsheng.Errorf(minsheng.EINVALID, "%q is too short: a word of the word list has at least two characters", w)
	}
	if n > MaxWordRunes {
		return "", minsheng.Errorf(minsheng.EINVALID, "%q is longer than %d characters", w, MaxWordRunes)
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			return "", minsheng.Errorf(minsheng.EINVALID, "%q holds %q: words are letters and digits only", w, r)
		}
	}
	return w, nil
}
