package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CalendarDay holds the schema definition for the CalendarDay entity.
type CalendarDay struct{ ent.Schema }

// Annotations of the CalendarDay. The GraphQL type is written by hand
// (graph/cycle.graphqls): a day is named by its date, not by a node ID.
func (CalendarDay) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A tenant's own change to the national working-day calendar: a local holiday, or a day worked that would be off."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the CalendarDay.
func (CalendarDay) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the CalendarDay.
func (CalendarDay) Fields() []ent.Field {
	return []ent.Field{
		// A civil date as text, not an instant: 1 October is the same day
		// for every office whatever its time zone.
		field.String("date").Immutable().Match(datePattern).
			Comment("The day, YYYY-MM-DD."),
		field.Bool("workday").
			Comment("True: a working day whatever the national calendar says; false: a day off."),
		field.String("note").Default("").MaxRuneLen(100).
			Comment("What the day is, e.g. 区庆 or 防汛值守."),
	}
}

// Indexes of the CalendarDay.
func (CalendarDay) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "date").Unique()}
}

// datePattern is a date written YYYY-MM-DD.
var datePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
