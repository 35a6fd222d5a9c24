package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/minsheng/minsheng/rule"
)

// Tenant holds the schema definition for the Tenant entity.
type Tenant struct{ ent.Schema }

// Annotations of the Tenant.
func (Tenant) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A district (区/县) using Minsheng: its people, structure and tickets are invisible to every other tenant."),
		entgql.Mutations(entgql.MutationUpdate()),
	}
}

// Mixin of the Tenant.
func (Tenant) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Tenant.
func (Tenant) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").Unique().Immutable().Match(codePattern).
			Comment("Short code used at login, e.g. `demo-a`: lower-case letters, digits and dashes.").
			Annotations(entgql.OrderField("CODE")),
		field.String("name").NotEmpty().MaxRuneLen(100).
			Comment("Name of the district, e.g. 玄武区.").
			Annotations(entgql.OrderField("NAME")),
		field.String("division_code").Match(divisionPattern).
			Comment("Six-digit administrative division code of the district (GB/T 2260), e.g. 320102."),
		field.String("time_zone").Default("Asia/Shanghai").
			Comment("IANA time zone used for working days and deadlines."),
		field.JSON("settings", map[string]any{}).Optional().
			Comment("Tenant-wide settings and quotas, as a JSON object."),
		field.Bool("active").Default(true).
			Comment("Whether the tenant may sign in; an inactive tenant keeps its data."),
	}
}

// Policy of the Tenant.
func (Tenant) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{rule.OwnTenantOnly()},
		Mutation: privacy.MutationPolicy{rule.AllowOperatorOrSystem()},
	}
}

// Operator holds the schema definition for a platform operator.
type Operator struct{ ent.Schema }

// Annotations of the Operator.
func (Operator) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A platform operator: creates and manages tenants, and sees nothing inside one."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the Operator.
func (Operator) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Operator.
func (Operator) Fields() []ent.Field {
	return []ent.Field{
		field.String("username").Unique().NotEmpty().Comment("Login name."),
		field.String("display_name").Default("").Comment("Name shown to people."),
		field.String("password_hash").Sensitive().Comment("bcrypt hash of the password."),
		field.Bool("active").Default(true).Comment("Whether the operator may sign in."),
		field.Int("token_version").Default(0).
			Comment("Bumped when the password is set again: tokens signed with an older version are refused."),
	}
}

// Policy of the Operator.
func (Operator) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{rule.AllowOperatorOrSystem()},
		Mutation: privacy.MutationPolicy{rule.AllowOperatorOrSystem()},
	}
}
