package graph

import (
	"github.com/minsheng/minsheng/graph/model"
	"github.com/minsheng/minsheng/topics"
)

// wordList maps the tenant's word list to its GraphQL type.
func wordList(l topics.WordList) *model.WordList {
	out := &model.WordList{Added: l.Added, Stop: l.Stop, Synonyms: []*topics.Synonym{}, BuiltInStop: topics.BuiltinStop}
	for _, s := range l.SynonymList() {
		out.Synonyms = append(out.Synonyms, &s)
	}
	return out
}
