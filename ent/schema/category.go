package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Category holds the schema definition for the Category entity.
type Category struct{ ent.Schema }

// Annotations of the Category.
func (Category) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A node of the tenant's three-level category tree (e.g. 城乡建设 › 物业管理 › 物业服务质量), with the type of request and the deadline in working days."),
		listedFor("category"),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Mixin of the Category.
func (Category) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the Category.
func (Category) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxRuneLen(100).
			Comment("Name of the category.").
			Annotations(entgql.OrderField("NAME")),
		field.String("code").Optional().MaxLen(32).
			Comment("The tenant's own code for the category, e.g. 01.03.02.").
			Annotations(entgql.OrderField("CODE")),
		field.Int("level").Range(1, 3).Default(1).
			Comment("Depth in the tree: 1, 2 or 3. Set from the parent.").
			Annotations(entgql.OrderField("LEVEL"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Enum("type").Values("CONSULTATION", "COMPLAINT", "SUGGESTION", "HELP", "REPORT").
			Comment("The kind of request: consultation (咨询), complaint (投诉), suggestion (建议), help request (求助) or report (举报).").
			Annotations(entgql.OrderField("TYPE")),
		field.Int("deadline_days").Range(1, 90).
			Comment("Working days the responsible department has to handle a ticket of this category."),
		field.Strings("keywords").Optional().
			Comment("Words that suggest this category when they appear in a complaint."),
		field.Bool("active").Default(true).
			Comment("Whether new tickets may use it."),
		field.Int("parent_id").Optional().Nillable().
			Comment("The category above this one.").
			Annotations(entgql.Skip()),
		field.Int("department_id").Optional().Nillable().
			Comment("The department that usually handles tickets of this category.").
			Annotations(entgql.Skip()),
	}
}

// Edges of the Category.
func (Category) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Category.Type).
			Comment("Categories directly below this one.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			From("parent").Field("parent_id").Unique().
			Comment("The category above this one, if any.").
			Annotations(entgql.Skip(entgql.SkipMutationUpdateInput)),
		edge.From("department", Department.Type).Ref("categories").Field("department_id").Unique().
			Comment("The department that usually handles tickets of this category; intake suggests it for a ticket it puts in the category."),
		edge.To("tickets", Ticket.Type).
			Comment("Tickets in this category.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the Category.
func (Category) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "parent_id"),
		index.Fields("tenant_id", "code"),
	}
}
