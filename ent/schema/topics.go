package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/minsheng/minsheng/rule"
)

// TicketKeyword holds the schema definition for the TicketKeyword entity.
type TicketKeyword struct{ ent.Schema }

// Annotations of the TicketKeyword. Internal: GraphQL reads keywords
// through hotTopics (graph/topics.graphqls), never row by row.
func (TicketKeyword) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A keyword of a ticket's (masked) text, as package topics extracted it; written by workflow only."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the TicketKeyword.
func (TicketKeyword) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the TicketKeyword.
func (TicketKeyword) Fields() []ent.Field {
	return []ent.Field{
		field.Int("ticket_id").Immutable(),
		field.String("word").NotEmpty().MaxRuneLen(32).Immutable().
			Comment("The word, after the tenant's synonyms (the canonical word)."),
		field.Float("weight").Min(0).Immutable().
			Comment("How characteristic the word is of the ticket (TF-IDF, the ticket's best word 1)."),
		// The ticket's registration instant, copied so a period is an
		// index range without a join; null while the ticket is a draft.
		field.Time("at").Optional().Nillable().
			Comment("When the ticket was registered; null for a draft."),
	}
}

// Edges of the TicketKeyword.
func (TicketKeyword) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("ticket", Ticket.Type).Field("ticket_id").Unique().Required().Immutable().
			Comment("The ticket the keyword was found in."),
	}
}

// Policy of the TicketKeyword: only the callers who see its ticket count it.
func (TicketKeyword) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.TicketScopeThroughTicket()}}
}

// Indexes of the TicketKeyword.
func (TicketKeyword) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "ticket_id", "word").Unique(),
		index.Fields("tenant_id", "at", "word"),
		index.Fields("tenant_id", "word", "at"),
	}
}

// WordListEntry holds the schema definition for the WordListEntry entity.
type WordListEntry struct{ ent.Schema }

// Annotations of the WordListEntry. The GraphQL type is written by hand
// (graph/topics.graphqls): the list is read and set as a whole.
func (WordListEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One entry of the tenant's own word list (专属词库): a word to keep whole, a stop word, or a synonym and its canonical word."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the WordListEntry.
func (WordListEntry) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the WordListEntry.
func (WordListEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("ADD", "STOP", "SYNONYM").
			Comment("ADD: a word kept whole; STOP: a word never a keyword; SYNONYM: a word counted as its canonical word."),
		field.String("word").NotEmpty().MaxRuneLen(32).
			Comment("The word."),
		field.String("canonical").Default("").MaxRuneLen(32).
			Comment("For a synonym, the word it counts as; empty otherwise."),
	}
}

// Indexes of the WordListEntry.
func (WordListEntry) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "kind", "word").Unique()}
}
