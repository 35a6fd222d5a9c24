package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	"github.com/minsheng/minsheng/rule"
)

// TenantMixin makes a schema tenant-scoped: a tenant_id column and edge, the
// filter that adds tenant_id to every query, the hook that sets it on create
// and confines updates and deletes, and the policy that refuses callers with
// no tenant. Every schema except Tenant and Operator must embed it; a test in
// package store fails when one forgets.
type TenantMixin struct{ mixin.Schema }

// Fields of the TenantMixin.
func (TenantMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("tenant_id").Immutable().
			Annotations(entgql.Skip()),
	}
}

// Edges of the TenantMixin.
func (TenantMixin) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("tenant", Tenant.Type).Field("tenant_id").Unique().Required().Immutable().
			Annotations(entgql.Skip()),
	}
}

// Interceptors of the TenantMixin.
func (TenantMixin) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{rule.TenantFilter()}
}

// Hooks of the TenantMixin.
func (TenantMixin) Hooks() []ent.Hook {
	return []ent.Hook{rule.TenantHook()}
}

// Policy of the TenantMixin.
func (TenantMixin) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{rule.AllowIfSystem(), rule.DenyIfNoTenant()},
		Mutation: privacy.MutationPolicy{rule.AllowIfSystem(), rule.DenyIfNoTenant()},
	}
}

// TimeMixin records when a row was created and last changed.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(time.Now).Immutable().
			Comment("When this was created.").
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now).
			Comment("When this was last changed.").
			Annotations(entgql.OrderField("UPDATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// PersonalTextMixin is for schemas holding text people write, which may
// carry ID numbers and phone numbers: their text columns keep it masked,
// and text_sealed keeps the clear text of the fields that held a number,
// sealed with the key of the citizens' sealed fields. The hook refuses a
// write that did not pass the sealing hook directory puts on the client.
type PersonalTextMixin struct{ mixin.Schema }

// Fields of the PersonalTextMixin.
func (PersonalTextMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Bytes(rule.SealedTextField).Optional().Sensitive().
			Comment("The clear text of the fields that held an ID or phone number, sealed (AES-256-GCM).").
			Annotations(entgql.Skip()),
	}
}

// Interceptors of the PersonalTextMixin.
func (PersonalTextMixin) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{rule.SelectSealedText()}
}

// Hooks of the PersonalTextMixin.
func (PersonalTextMixin) Hooks() []ent.Hook {
	return []ent.Hook{rule.RequireSealedText()}
}
