package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

// FactsMixin keeps on the ticket the facts statistics count, so that
// insight/stats aggregates the ticket table alone instead of probing each
// ticket's events, replies and callbacks (a year of 20,000 tickets took one
// to two seconds that way). workflow writes them, in the transaction of the
// event, reply or callback that changes them (workflow/facts.go), and
// backfills rows written before they existed; they are derived data, never
// shown through the API (the timeline is the record).
type FactsMixin struct{ mixin.Schema }

// Fields of the FactsMixin.
func (FactsMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("facts_version").Default(0).Annotations(entgql.Skip()).
			Comment("Version of the rules the facts below were computed by; 0: not yet (workflow.BackfillFacts)."),
		field.Time("first_dispatched_at").Optional().Nillable().Annotations(entgql.Skip()).
			Comment("The first DISPATCH event's time."),
		field.Time("first_accepted_at").Optional().Nillable().Annotations(entgql.Skip()).
			Comment("The first ACCEPT event's time."),
		field.Bool("accepted_timely").Default(false).Annotations(entgql.Skip()).
			Comment("Whether the first acceptance came within 24 hours of the first dispatch."),
		field.Time("last_replied_at").Optional().Nillable().Annotations(entgql.Skip()).
			Comment("The latest reply's time."),
		field.Bool("last_reply_complete").Default(false).Annotations(entgql.Skip()).
			Comment("Whether the latest reply has all five elements."),
		field.Int("returned_count").Default(0).Annotations(entgql.Skip()).
			Comment("RETURN events: how often a department returned the ticket."),
		field.Int("reopened_count").Default(0).Annotations(entgql.Skip()).
			Comment("REOPEN events."),
		field.Int("instructed_count").Default(0).Annotations(entgql.Skip()).
			Comment("INSTRUCT events (leaders' instructions, 批示)."),
		field.Int("supervised_count").Default(0).Annotations(entgql.Skip()).
			Comment("SUPERVISE events (督办)."),
		field.Bool("reached_yellow").Default(false).Annotations(entgql.Skip()).
			Comment("Whether an ESCALATE_YELLOW event was recorded."),
		field.Bool("reached_red").Default(false).Annotations(entgql.Skip()).
			Comment("Whether an ESCALATE_RED event was recorded."),
		field.Int("callback_count").Default(0).Annotations(entgql.Skip()).
			Comment("Callbacks and citizen ratings recorded."),
		field.Bool("last_callback_satisfied").Default(false).Annotations(entgql.Skip()).
			Comment("Whether the latest callback says satisfied or basically satisfied."),
		field.Bool("last_callback_solved").Default(false).Annotations(entgql.Skip()).
			Comment("Whether the latest callback says the problem is solved."),
	}
}

// Indexes of the FactsMixin.
func (FactsMixin) Indexes() []ent.Index {
	return []ent.Index{
		// The backfill finds the rows still to do, tenant by tenant (tenant_id
		// first, as in every index of a tenant's table).
		index.Fields("tenant_id", "facts_version"),
	}
}
