package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Report holds the schema definition for the Report entity.
type Report struct{ ent.Schema }

// Annotations of the Report.
func (Report) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A weekly or monthly Excel workbook of the tenant's figures (statistics, ranking index, trend, hot topics, overdue and red cases), made by a background job."),
		listedFor("report"),
		entgql.RelayConnection(),
	}
}

// Mixin of the Report.
func (Report) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the Report.
func (Report) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("WEEKLY", "MONTHLY").Immutable().
			Comment("WEEKLY (Monday to Sunday) or MONTHLY (a calendar month).").
			Annotations(entgql.Type("ReportKind"), entgql.OrderField("KIND")),
		// Civil dates as text, like CalendarDay: the tenant's days, not
		// instants. GraphQL shows them as Date (graph/reports.graphqls).
		field.String("from_date").Immutable().Match(datePattern).
			Comment("First day of the period, YYYY-MM-DD.").Annotations(entgql.Skip()),
		field.String("to_date").Immutable().Match(datePattern).
			Comment("Last day of the period (inclusive), YYYY-MM-DD.").Annotations(entgql.Skip()),
		field.Enum("status").Values("QUEUED", "RUNNING", "DONE", "FAILED").Default("QUEUED").
			Comment("QUEUED until a worker takes it, RUNNING while the workbook is made, then DONE (downloadable) or FAILED.").
			Annotations(entgql.Type("ReportStatus"), entgql.OrderField("STATUS")),
		field.String("error").Default("").MaxRuneLen(1000).
			Comment("Why the report failed; empty unless FAILED."),
		field.Bool("scheduled").Default(false).Immutable().
			Comment("True for a report made by the schedule (Monday for the week before, the 1st for the month before); false for one a user asked for."),
		// The automatic report's period, unique per tenant, so the schedule
		// makes one per tenant and period however often it runs. Null for a
		// report a user asked for (NULLs are distinct in the unique index).
		field.String("period_key").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
		// The stored workbook: intake's sealed files, by SHA-256.
		field.String("file_hash").Optional().Sensitive().Annotations(entgql.Skip()),
		field.Int64("size").Default(0).NonNegative().
			Comment("Size of the workbook in bytes; 0 until DONE."),
		field.Time("finished_at").Optional().Nillable().
			Comment("When the report was done or failed."),
		field.Int("requested_by_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
	}
}

// Edges of the Report.
func (Report) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("requested_by", User.Type).Field("requested_by_id").Unique().Immutable().
			Comment("Who asked for the report; null for the schedule's.").Annotations(entgql.Skip()),
	}
}

// Indexes of the Report.
func (Report) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "created_at"),
		index.Fields("tenant_id", "period_key").Unique(),
	}
}
