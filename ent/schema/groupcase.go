package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

// GroupCase holds the schema definition for a group case (群体件): many
// distinct citizens on the same matter or at the same place within a few
// days. Package insight/patterns finds them; workflow records them.
type GroupCase struct{ ent.Schema }

// Annotations of the GroupCase. It is a node (node(id:) reads it with
// ticket:read), reached from its tickets, never listed or filtered; its
// tickets are added by graph/patterns.graphqls, bounded and in row scope.
func (GroupCase) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A group case (群体件): distinct citizens on the same matter or at the same place within a few days (tenant settings groupMinCitizens, default 5, and groupWindowDays, default 7)."),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Mixin of the GroupCase.
func (GroupCase) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the GroupCase.
func (GroupCase) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").NotEmpty().MaxRuneLen(100).Annotations(entgql.Skip()).
			Comment("What the tickets share, e.g. matter:<first ticket ID> or place:<region ID>; unique in the tenant."),
		field.Int("size").Default(0).
			Comment("Distinct citizens among its tickets (a ticket with no known person, e.g. anonymous, does not count)."),
		field.String("reason").Default("").MaxRuneLen(500).
			Comment("Why the tickets form a group, in plain Chinese: how many people, within how many days, on one matter or at one place; no personal data."),
	}
}

// Edges of the GroupCase.
func (GroupCase) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("tickets", Ticket.Type).
			Comment("The tickets of the group case.").
			Annotations(entgql.Skip()),
	}
}

// Indexes of the GroupCase.
func (GroupCase) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "key").Unique(),
	}
}

// PatternsMixin gives a ticket what repeat and group detection records on
// it: the mark of a repeat case (重复件) pointing at the first ticket (初件),
// its score, reason and state, the group case it belongs to, and the
// segmented words of its text that detection compares.
type PatternsMixin struct{ mixin.Schema }

// Fields of the PatternsMixin.
func (PatternsMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("repeat_of_id").Optional().Nillable().Annotations(entgql.Skip()).
			Comment("The first ticket (初件) of the same person on the same matter, when this one repeats it."),
		field.Float("repeat_score").Optional().Nillable().Annotations(entgql.Skip()).
			Comment("How similar this ticket is to the earlier one it repeats, in [0,1]."),
		field.String("repeat_reason").Optional().Nillable().MaxRuneLen(500).Annotations(entgql.Skip()).
			Comment("Which key matched and how similar the texts are."),
		field.Enum("repeat_state").Values("PENDING", "CONFIRMED", "REJECTED").Optional().Nillable().
			Annotations(entgql.Skip()).
			Comment("Whether staff confirmed the repeat mark; PENDING until someone decides."),
		field.Int("group_case_id").Optional().Nillable().Annotations(entgql.Skip()).
			Comment("The group case (群体件) the ticket belongs to."),
		field.Text("match_terms").Default("").Annotations(entgql.Skip()).
			Comment("The words of the ticket's title and body (masked, segmented, space-separated) that repeat and group detection compare."),
	}
}

// Edges of the PatternsMixin.
func (PatternsMixin) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("repeats", Ticket.Type).
			Comment("Later tickets marked as repeating this one.").
			Annotations(entgql.Skip()).
			From("repeat_of").Field("repeat_of_id").Unique().
			Comment("The first ticket (初件) this one repeats.").
			Annotations(entgql.Skip()),
		edge.From("group_case", GroupCase.Type).Ref("tickets").Field("group_case_id").Unique().
			Comment("The group case the ticket belongs to.").
			Annotations(entgql.Skip()),
	}
}

// Indexes of the PatternsMixin.
func (PatternsMixin) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "repeat_of_id"),
		index.Fields("tenant_id", "group_case_id"),
		// A person's tickets by phone use ticket (tenant_id,
		// contact_phone_hash), and candidates in the window ticket
		// (tenant_id, registered_at), both declared with the Ticket.
	}
}
