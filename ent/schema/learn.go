package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CategoryTerm holds the schema definition for the CategoryTerm entity: the
// suggester's learned table.
type CategoryTerm struct{ ent.Schema }

// Annotations of the CategoryTerm.
func (CategoryTerm) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("How often a term (a pair of Chinese characters or a Latin word) appeared in the tenant's tickets of one category, as workflow learned them at dispatch and close; the term \"\" counts the tickets and \"#\" the terms. The category suggester reads it; it is never shown."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the CategoryTerm.
func (CategoryTerm) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the CategoryTerm.
func (CategoryTerm) Fields() []ent.Field {
	return []ent.Field{
		field.String("term").MaxLen(64).Immutable().
			Comment("Two Chinese characters or a Latin word, never digits; \"\" counts tickets and \"#\" terms."),
		field.Int("category_id").Immutable().
			Comment("The category the tickets carrying the term were filed under."),
		field.Int("count").Default(0).
			Comment("In how many of those tickets the term appeared."),
	}
}

// Indexes of the CategoryTerm.
func (CategoryTerm) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "term", "category_id").Unique(),
	}
}

// CategoryLesson holds the schema definition for the CategoryLesson entity.
type CategoryLesson struct{ ent.Schema }

// Annotations of the CategoryLesson.
func (CategoryLesson) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("The category a ticket was last learned under, so that each ticket counts once in the learned table and a corrected category moves its terms from the old category to the new one."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the CategoryLesson.
func (CategoryLesson) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the CategoryLesson.
func (CategoryLesson) Fields() []ent.Field {
	return []ent.Field{
		field.Int("ticket_id").Immutable().Comment("The ticket learned from."),
		field.Int("category_id").Comment("The category it was learned under."),
	}
}

// Indexes of the CategoryLesson.
func (CategoryLesson) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "ticket_id").Unique(),
	}
}
