package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/minsheng/minsheng/rule"
)

// Reply holds the schema definition for the Reply entity.
type Reply struct{ ent.Schema }

// Annotations of the Reply.
func (Reply) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A department's answer to a ticket (答复), in the five elements: facts, basis, handling, result and the channel for further complaint."),
	}
}

// Mixin of the Reply.
func (Reply) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, PersonalTextMixin{}} }

// Fields of the Reply. A reply is part of the record the citizen was given:
// it is never edited, a later reply follows it instead.
func (Reply) Fields() []ent.Field {
	return []ent.Field{
		field.Text("facts").Default("").MaxRuneLen(10000).Immutable().
			Comment("The facts the department found (事实)."),
		field.Text("basis").Default("").MaxRuneLen(10000).Immutable().
			Comment("The policy or law the answer rests on (依据)."),
		field.Text("handling").Default("").MaxRuneLen(10000).Immutable().
			Comment("What the department did (处理)."),
		field.Text("result").Default("").MaxRuneLen(10000).Immutable().
			Comment("What came of it (结果)."),
		field.Text("appeal_channel").Default("").MaxRuneLen(10000).Immutable().
			Comment("Where the citizen can turn if not satisfied (救济渠道)."),
		field.JSON("missing", []string{}).Optional().Immutable().
			Comment("Elements judged empty or a token answer (facts, basis, handling, result, appealChannel); empty when the reply is complete."),
		field.Time("at").Default(time.Now).Immutable().
			Comment("When the reply was given."),
		field.Int("ticket_id").Immutable().Annotations(entgql.Skip()),
		field.Int("author_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
	}
}

// Edges of the Reply.
func (Reply) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ticket", Ticket.Type).Ref("replies").Field("ticket_id").Unique().Required().Immutable().
			Comment("The ticket answered."),
		edge.To("author", User.Type).Field("author_id").Unique().Immutable().
			Comment("The staff member who gave the reply; null for integrators."),
	}
}

// Policy of the Reply: only the callers who see its ticket see it.
func (Reply) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.TicketScopeThroughTicket()}}
}

// Hooks of the Reply.
func (Reply) Hooks() []ent.Hook { return []ent.Hook{rule.AppendOnly()} }

// Indexes of the Reply.
func (Reply) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "ticket_id", "at")}
}

// Callback holds the schema definition for the Callback entity.
type Callback struct{ ent.Schema }

// Annotations of the Callback.
func (Callback) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A call back to the citizen after a reply (回访): how satisfied they are and whether the problem was solved."),
	}
}

// Mixin of the Callback.
func (Callback) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, PersonalTextMixin{}} }

// Fields of the Callback.
func (Callback) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("satisfaction").Values("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED").Immutable().
			Comment("How satisfied the citizen is with the reply.").
			Annotations(entgql.Type("Satisfaction")),
		field.Bool("solved").Immutable().
			Comment("Whether the citizen says the problem was solved."),
		field.Text("note").Default("").MaxRuneLen(2000).Immutable().
			Comment("What the citizen said, in the caller's words."),
		field.Time("at").Default(time.Now).Immutable().
			Comment("When the callback was recorded."),
		field.Int("ticket_id").Immutable().Annotations(entgql.Skip()),
		field.Int("reply_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
		field.Int("recorded_by_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
		// A citizen rates each reply once (rateCase); staff callbacks are
		// not limited, so the two must be told apart.
		field.Bool("by_citizen").Default(false).Immutable().
			Comment("True when the citizen rated the reply themselves with the case code (rateCase); false for a staff callback."),
	}
}

// Edges of the Callback.
func (Callback) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ticket", Ticket.Type).Ref("callbacks").Field("ticket_id").Unique().Required().Immutable().
			Comment("The ticket the citizen was called about."),
		// Closing and reopening look at the callbacks of the latest reply
		// only: a satisfied callback on an earlier answer says nothing about
		// the current one.
		edge.To("reply", Reply.Type).Field("reply_id").Unique().Immutable().
			Comment("The reply the citizen was asked about."),
		edge.To("recorded_by", User.Type).Field("recorded_by_id").Unique().Immutable().
			Comment("The clerk or dispatcher who made the call; null for integrators."),
	}
}

// Policy of the Callback: only the callers who see its ticket see it.
func (Callback) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.TicketScopeThroughTicket()}}
}

// Hooks of the Callback.
func (Callback) Hooks() []ent.Hook { return []ent.Hook{rule.AppendOnly()} }

// Indexes of the Callback.
func (Callback) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "ticket_id", "at"), index.Fields("tenant_id", "reply_id")}
}
