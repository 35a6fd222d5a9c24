package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/minsheng/minsheng/rule"
)

// CoSigner holds the schema definition for the CoSigner entity.
//
// A co-signer is a Citizen like the ticket's own: the same sealed ID number
// and keyed hash, found again by that hash on his next letter, so repeat
// detection, watch lists and the unmask rule treat a person the same way
// whether he signed first or tenth. This row only links him to the ticket,
// with the phone number he gave on it (as the ticket keeps its citizen's).
type CoSigner struct{ ent.Schema }

// Annotations of the CoSigner.
func (CoSigner) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A person who signed a ticket besides its citizen (联名人): a link to his Citizen record, in signing order, with the phone number given on this ticket. Written with the ticket, or when a merge brings a duplicate's signers to the kept ticket; never changed."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the CoSigner.
func (CoSigner) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the CoSigner.
func (CoSigner) Fields() []ent.Field {
	return []ent.Field{
		field.Int("ticket_id").Immutable().Comment("The co-signed ticket."),
		field.Int("citizen_id").Immutable().Comment("The co-signer's citizen record (one per ID number in the tenant)."),
		field.Int("position").Immutable().Comment("Signing order among the co-signers, from 1 (the ticket's citizen signed first)."),
		field.Bytes("phone_sealed").Optional().Sensitive().Immutable().
			Comment("The phone number the co-signer gave on this ticket, AES-GCM encrypted."),
		field.String("phone_hash").Optional().Nillable().Sensitive().Immutable().
			Comment("Keyed hash of that phone number, for repeat detection without decrypting."),
	}
}

// Edges of the CoSigner.
func (CoSigner) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ticket", Ticket.Type).Ref("co_signers").Field("ticket_id").Unique().Required().Immutable(),
		edge.From("citizen", Citizen.Type).Ref("co_signatures").Field("citizen_id").Unique().Required().Immutable(),
	}
}

// Indexes of the CoSigner.
func (CoSigner) Indexes() []ent.Index {
	return []ent.Index{
		// A ticket's co-signers in order; one person signs a ticket once.
		index.Fields("tenant_id", "ticket_id", "position").Unique(),
		index.Fields("tenant_id", "ticket_id", "citizen_id").Unique(),
		// Repeat detection: the tickets a person co-signed, by his record
		// or by a phone number.
		index.Fields("tenant_id", "citizen_id"),
		index.Fields("tenant_id", "phone_hash"),
	}
}

// Policy of the CoSigner: only the callers who see its ticket see it.
func (CoSigner) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.TicketScopeThroughTicket()}}
}

// Hooks of the CoSigner: a signature is never changed afterwards.
func (CoSigner) Hooks() []ent.Hook { return []ent.Hook{rule.AppendOnly()} }
