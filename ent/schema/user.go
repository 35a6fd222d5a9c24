package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// User holds the schema definition for the User entity.
type User struct{ ent.Schema }

// Annotations of the User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A member of a tenant's staff who signs in: clerk, dispatcher, handler, leader and so on. Roles come from the permission store."),
		listedFor("user"),
		entgql.RelayConnection(),
	}
}

// Mixin of the User.
func (User) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("username").NotEmpty().MaxLen(64).Match(usernamePattern).Immutable().
			Comment("Login name, unique within the tenant: lower-case letters, digits, dot, dash and underscore.").
			Annotations(entgql.OrderField("USERNAME"), entgql.Directives(staffName())),
		field.String("display_name").NotEmpty().MaxRuneLen(64).
			Comment("Name shown to colleagues, e.g. 张敏.").
			Annotations(entgql.OrderField("DISPLAY_NAME"), entgql.Directives(staffName())),
		field.String("password_hash").Sensitive().
			Comment("bcrypt hash of the password; never leaves the server."),
		field.Bool("active").Default(true).
			Comment("Whether the user may sign in."),
		field.Int("token_version").Default(0).
			Comment("Bumped when the password changes or the user is deactivated: tokens signed with an older version are refused.").
			Annotations(entgql.Skip()),
		field.Int("department_id").Optional().Nillable().
			Comment("The department the user works in.").
			Annotations(entgql.Skip()),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("department", Department.Type).Ref("users").Field("department_id").Unique().
			Comment("The department the user works in, if any."),
		edge.To("registered_tickets", Ticket.Type).
			Comment("Tickets this user registered.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the User.
func (User) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "username").Unique(),
		index.Fields("tenant_id", "department_id"),
	}
}
