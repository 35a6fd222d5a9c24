package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Region holds the schema definition for the Region entity.
type Region struct{ ent.Schema }

// Annotations of the Region.
func (Region) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A place in the district: street, community or grid (网格); regions form a tree used to locate and route tickets."),
		listedFor("region"),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Mixin of the Region.
func (Region) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the Region.
func (Region) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxRuneLen(100).
			Comment("Name, e.g. 梅园新村街道 or 第3网格.").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("level").Values("DISTRICT", "STREET", "COMMUNITY", "GRID").
			Comment("Level of the place in the tree.").
			Annotations(entgql.OrderField("LEVEL")),
		field.String("division_code").Match(divisionPattern).
			Comment("Six-digit administrative division code of the district the place lies in.").
			Annotations(entgql.OrderField("DIVISION_CODE")),
		field.String("grid_number").Optional().Match(gridPattern).
			Comment("Grid number for grids (网格编号), empty otherwise."),
		field.Int("parent_id").Optional().Nillable().
			Comment("The place containing this one.").
			Annotations(entgql.Skip()),
	}
}

// Edges of the Region.
func (Region) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Region.Type).
			Comment("Places directly inside this one.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			From("parent").Field("parent_id").Unique().
			Comment("The place containing this one, if any."),
		edge.To("tickets", Ticket.Type).
			Comment("Tickets located here.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the Region.
func (Region) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "parent_id"),
		index.Fields("tenant_id", "division_code", "grid_number"),
	}
}
