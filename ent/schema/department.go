package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Department holds the schema definition for the Department entity.
type Department struct{ ent.Schema }

// Annotations of the Department.
func (Department) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A unit that handles tickets: a functional department (职能部门), a township or street (乡镇/街道), or a community (社区); departments form a tree."),
		listedFor("department"),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Mixin of the Department.
func (Department) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the Department.
func (Department) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxRuneLen(100).
			Comment("Name, e.g. 住建局 or 梅园新村街道.").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Values("FUNCTIONAL", "TOWNSHIP", "COMMUNITY", "OTHER").Default("FUNCTIONAL").
			Comment("What sort of unit this is.").
			Annotations(entgql.OrderField("KIND")),
		field.String("phone").Optional().MaxLen(32).
			Comment("Office telephone shown to citizens."),
		field.Bool("active").Default(true).
			Comment("Whether tickets may be dispatched to it."),
		field.Int("parent_id").Optional().Nillable().
			Comment("The unit above this one.").
			Annotations(entgql.Skip()),
	}
}

// Edges of the Department.
func (Department) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Department.Type).
			Comment("Units directly below this one.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			From("parent").Field("parent_id").Unique().
			Comment("The unit above this one, if any."),
		edge.To("users", User.Type).
			Comment("Staff working in this department.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("categories", Category.Type).
			Comment("Categories whose tickets this department usually handles.").
			Annotations(entgql.Skip()),
		edge.To("tickets", Ticket.Type).
			Comment("Tickets this department is responsible for.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the Department.
func (Department) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "parent_id"),
		index.Fields("tenant_id", "name"),
	}
}
