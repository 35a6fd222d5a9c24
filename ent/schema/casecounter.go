package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CaseCounter holds the schema definition for the CaseCounter entity.
type CaseCounter struct{ ent.Schema }

// Annotations of the CaseCounter.
func (CaseCounter) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("The last case-code number given in a tenant on one day. Its row is locked by the upsert that takes the next number, so concurrent registrations never share a code."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the CaseCounter.
func (CaseCounter) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the CaseCounter.
func (CaseCounter) Fields() []ent.Field {
	return []ent.Field{
		field.String("day").Immutable().Comment("The day in the tenant's time zone, YYYYMMDD."),
		field.Int("last").Default(0).Comment("The last number given that day."),
	}
}

// Indexes of the CaseCounter.
func (CaseCounter) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "day").Unique()}
}
