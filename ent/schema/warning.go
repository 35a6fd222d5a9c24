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

// Warning holds the schema definition for the Warning entity.
type Warning struct{ ent.Schema }

// Annotations of the Warning.
func (Warning) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A warning (预警): a pattern someone must look at — a person back too often, a group case, a watched person, place or topic turning up, a surge of cases."),
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Mixin of the Warning.
func (Warning) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the Warning.
func (Warning) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Values("REPEAT_PERSON", "GROUP_CASE", "KEY_PERSON", "KEY_PLACE", "KEY_TOPIC", "SURGE").
			Immutable().
			Comment("What was found: REPEAT_PERSON (one person with many cases in a short time), GROUP_CASE (群体件), KEY_PERSON, KEY_PLACE and KEY_TOPIC (a watch item matched), SURGE (a category or place counting far more cases than before).").
			Annotations(entgql.Type("WarningKind")),
		field.Int("level").Min(1).Max(3).Immutable().
			Comment("How pressing: 1 notice, 2 attention, 3 urgent."),
		field.String("reason").NotEmpty().MaxRuneLen(500).Immutable().
			Comment("Why, in plain words, with no personal data."),
		field.String("key").NotEmpty().MaxRuneLen(200).Immutable().
			Comment("Names the warning once in the tenant: the same pattern is not warned of twice.").
			Annotations(entgql.Skip()),
		field.Time("acknowledged_at").Optional().Nillable().
			Comment("When a member of staff acknowledged it; null while nobody has."),
		field.Int("acknowledged_by_id").Optional().Nillable().
			Comment("The user who acknowledged it.").
			Annotations(entgql.Skip()),
		field.String("note").Default("").MaxRuneLen(1000).
			Comment("What the person who acknowledged it wrote, with any ID or phone number masked."),
	}
}

// Edges of the Warning.
func (Warning) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("links", WarningTicket.Type).
			Comment("The warning's tickets, one link each.").
			Annotations(entgql.Skip()),
	}
}

// Policy of the Warning: a caller who sees only some tickets sees only the
// warnings about at least one of them.
func (Warning) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.WarningScope()}}
}

// Indexes of the Warning.
func (Warning) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "key").Unique(),
		index.Fields("tenant_id", "created_at"),
		index.Fields("tenant_id", "kind", "created_at"),
	}
}

// WarningTicket holds the schema definition for the WarningTicket entity.
type WarningTicket struct{ ent.Schema }

// Annotations of the WarningTicket.
func (WarningTicket) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Links a warning to one of its tickets."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the WarningTicket.
func (WarningTicket) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the WarningTicket.
func (WarningTicket) Fields() []ent.Field {
	return []ent.Field{
		field.Int("warning_id").Immutable(),
		field.Int("ticket_id").Immutable(),
	}
}

// Edges of the WarningTicket.
func (WarningTicket) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("warning", Warning.Type).Ref("links").Field("warning_id").Unique().Required().Immutable(),
		edge.To("ticket", Ticket.Type).Field("ticket_id").Unique().Required().Immutable(),
	}
}

// Policy of the WarningTicket: only the callers who see its ticket see it.
func (WarningTicket) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.TicketScopeThroughTicket()}}
}

// Indexes of the WarningTicket.
func (WarningTicket) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "warning_id", "ticket_id").Unique(),
		index.Fields("tenant_id", "ticket_id"),
	}
}

// WatchItem holds the schema definition for the WatchItem entity.
type WatchItem struct{ ent.Schema }

// Annotations of the WatchItem.
func (WatchItem) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A person, place or topic the office watches (重点人、重点区域、重点事项): a new case that matches raises a warning. A person is kept only as keyed hashes of the ID and phone numbers."),
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Mixin of the WatchItem.
func (WatchItem) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the WatchItem.
func (WatchItem) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("PERSON", "PLACE", "TOPIC").Immutable().
			Comment("What is watched: a PERSON, a PLACE or a TOPIC.").
			Annotations(entgql.Type("WatchItemKind")),
		field.String("id_number_hash").Optional().Nillable().Sensitive().Immutable().
			Comment("Keyed hash of the watched person's ID number.").
			Annotations(entgql.Skip()),
		field.String("phone_hash").Optional().Nillable().Sensitive().Immutable().
			Comment("Keyed hash of the watched person's phone number.").
			Annotations(entgql.Skip()),
		field.Int("region_id").Optional().Nillable().Immutable().
			Annotations(entgql.Skip()),
		field.Int("category_id").Optional().Nillable().Immutable().
			Annotations(entgql.Skip()),
		field.Strings("words").Optional().
			Comment("Words that mark the place or topic in a case's place, title or text (any one matches)."),
		field.String("reason").NotEmpty().MaxRuneLen(500).Immutable().
			Comment("Why it is watched, with any ID or phone number masked."),
		field.Int("level").Min(1).Max(3).Immutable().
			Comment("How pressing its warnings are: 1 notice, 2 attention, 3 urgent."),
		field.Int("created_by_id").Optional().Nillable().Immutable().
			Annotations(entgql.Skip()),
	}
}

// Edges of the WatchItem.
func (WatchItem) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).Field("region_id").Unique().Immutable().
			Comment("The watched region (with the regions under it)."),
		edge.To("category", Category.Type).Field("category_id").Unique().Immutable().
			Comment("The watched category (with the categories under it)."),
	}
}

// Indexes of the WatchItem.
func (WatchItem) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "kind"),
		index.Fields("tenant_id", "id_number_hash"),
		index.Fields("tenant_id", "phone_hash"),
	}
}
