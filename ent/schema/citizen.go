package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Citizen holds the schema definition for the Citizen entity.
type Citizen struct{ ent.Schema }

// Annotations of the Citizen.
func (Citizen) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A person who petitions or complains. ID number and phone are encrypted at rest and masked in answers unless the caller may read personal data."),
		listedFor("citizen"),
		entgql.RelayConnection(),
	}
}

// Mixin of the Citizen.
func (Citizen) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the Citizen.
func (Citizen) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Default("").MaxRuneLen(64).
			Comment("Full name (姓名).").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("sex").Values("MALE", "FEMALE").Optional().
			Comment("Sex as on the ID card."),
		field.String("ethnicity").Default("").MaxRuneLen(16).
			Comment("Ethnicity (民族), e.g. 汉."),
		// Not exposed by entgql: with the first six and last four digits a
		// masked ID number shows, the birth date would complete it. The
		// GraphQL field goes through the personal-data check instead.
		field.Time("birth_date").Optional().Nillable().
			Comment("Date of birth.").
			Annotations(entgql.Skip()),
		field.String("address").Default("").MaxRuneLen(200).
			Comment("Address as given or as on the ID card."),
		field.Bytes("id_number_sealed").Optional().Sensitive().
			Comment("The ID number, AES-GCM encrypted."),
		field.String("id_number_hash").Optional().Nillable().Sensitive().
			Comment("Keyed hash of the ID number, for exact lookup without decrypting."),
		field.Bytes("phone_sealed").Optional().Sensitive().
			Comment("The first phone number the citizen gave, AES-GCM encrypted; later ones are kept as contacts, and each ticket keeps its own."),
		field.String("phone_hash").Optional().Nillable().Sensitive().
			Comment("Keyed hash of the phone number, for exact lookup without decrypting."),
	}
}

// Edges of the Citizen.
func (Citizen) Edges() []ent.Edge {
	return []ent.Edge{
		// Citizen.tickets is written in graph/schema.graphqls instead of
		// generated: it takes the tickets the person co-signed as well
		// (signedAs), which the generated edge cannot express.
		edge.To("tickets", Ticket.Type).
			Comment("Tickets this citizen raised.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipType)),
		edge.To("co_signatures", CoSigner.Type).
			Comment("Tickets the citizen co-signed (联名), as their co-signer rows.").
			Annotations(entgql.Skip()),
		edge.To("contacts", CitizenContact.Type).
			Comment("Every phone number the citizen gave, oldest first.").
			Annotations(entgql.Skip()),
	}
}

// Indexes of the Citizen.
func (Citizen) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "id_number_hash").Unique(),
		index.Fields("tenant_id", "phone_hash"),
		index.Fields("tenant_id", "name"),
	}
}
