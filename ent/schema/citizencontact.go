package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/minsheng/minsheng/rule"
)

// CitizenContact holds the schema definition for the CitizenContact entity.
type CitizenContact struct{ ent.Schema }

// Annotations of the CitizenContact.
func (CitizenContact) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A phone number a citizen gave, once per number: the history of how the office may reach them. A new number never replaces an old one; each ticket keeps the number given with it."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the CitizenContact.
func (CitizenContact) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the CitizenContact.
func (CitizenContact) Fields() []ent.Field {
	return []ent.Field{
		field.Int("citizen_id").Comment("The citizen who gave the number."),
		field.Bytes("phone_sealed").Sensitive().
			Comment("The phone number, AES-GCM encrypted."),
		field.String("phone_hash").Sensitive().
			Comment("Keyed hash of the phone number, for exact lookup without decrypting."),
	}
}

// Edges of the CitizenContact.
func (CitizenContact) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("citizen", Citizen.Type).Ref("contacts").Field("citizen_id").Unique().Required(),
	}
}

// Indexes of the CitizenContact.
func (CitizenContact) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "citizen_id", "phone_hash").Unique(),
		index.Fields("tenant_id", "phone_hash"),
	}
}

// Hooks of the CitizenContact: history, written once.
func (CitizenContact) Hooks() []ent.Hook { return []ent.Hook{rule.AppendOnly()} }
