package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// StatsRollup holds the schema definition for the StatsRollup entity: the
// daily rollup of the statistics (package insight/rollup owns its rules).
// One row per tenant, raw dimension, local day of registration and raw key,
// holding what the tickets registered that day with that key add to each
// summable metric. It exists because reading a year of a 2,000,000-ticket
// tenant's tickets cannot be done in 300 ms on PostgreSQL (a bare scan of
// the table takes a second): a year by department reads ~10,000 of these
// rows instead. Derived data, kept exact by workflow in the transaction of
// every ticket change and rebuilt at start when stale; written and read by
// raw SQL only, never through the API.
type StatsRollup struct{ ent.Schema }

// Annotations of the StatsRollup.
func (StatsRollup) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("The daily statistics rollup: per raw dimension, day of registration and key, each summable metric's sum (insight/rollup)."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the StatsRollup.
func (StatsRollup) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the StatsRollup.
func (StatsRollup) Fields() []ent.Field {
	n := func(name, comment string) ent.Field { return field.Int(name).Default(0).Comment(comment) }
	return []ent.Field{
		field.String("dim").MaxLen(16).Comment("The raw dimension: category, department, region, channel or status."),
		field.String("day").MaxLen(10).Comment("The tenant's local day of registration, YYYY-MM-DD."),
		field.String("key").MaxLen(32).Comment("The raw value of the dimension (an ID in decimal or an enum value); empty for none."),
		n("received", "Tickets."),
		n("dispatched", "Tickets dispatched at least once."),
		n("accepted_timely", "Tickets accepted within 24 hours of the first dispatch."),
		n("closed", "Tickets closed now."),
		n("closed_on_time", "Closed tickets whose last reply met the deadline."),
		n("overdue_done", "Replied or closed tickets whose last reply missed the deadline (the open ones past it are counted at query time)."),
		n("yellow", "Tickets that turned yellow."),
		n("red", "Tickets that turned red."),
		n("returned", "Tickets returned at least once."),
		n("reopened", "Tickets reopened at least once."),
		n("replied", "Tickets replied to."),
		n("complete_replies", "Tickets whose latest reply is complete."),
		n("callbacks", "Tickets with a callback."),
		n("satisfied", "Tickets whose latest callback is satisfied."),
		n("solved", "Tickets whose latest callback says solved."),
		n("supervised", "Tickets supervised."),
		n("instructed", "Tickets instructed."),
		n("repeats", "Repeat tickets."),
		n("group_cases", "Tickets of a group case."),
		n("local_resolved", "Closed tickets of a township or community department."),
		n("handling_workdays", "Sum over closed tickets of the working days from first dispatch to last reply."),
	}
}

// Indexes of the StatsRollup: a period of one dimension is one range.
func (StatsRollup) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "dim", "day", "key").Unique(),
	}
}

// StatsRollupState holds the schema definition for the StatsRollupState
// entity: what a tenant's rollup was computed with.
type StatsRollupState struct{ ent.Schema }

// Annotations of the StatsRollupState.
func (StatsRollupState) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("What a tenant's statistics rollup was computed with (insight/rollup): when it differs from now, the rollup is not read and is rebuilt."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the StatsRollupState.
func (StatsRollupState) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the StatsRollupState.
func (StatsRollupState) Fields() []ent.Field {
	return []ent.Field{
		field.String("fingerprint").MaxLen(64).
			Comment("Hash of the rules' version, the tenant's time zone, calendar and local departments the rollup was computed with."),
	}
}

// Indexes of the StatsRollupState.
func (StatsRollupState) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id").Unique()}
}
