package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/minsheng/minsheng/rule"
)

// Attachment holds the schema definition for the Attachment entity.
type Attachment struct{ ent.Schema }

// Annotations of the Attachment.
func (Attachment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Metadata of a stored file: an ID card photo, a letter, a recording or added material."),
	}
}

// Mixin of the Attachment.
func (Attachment) Mixin() []ent.Mixin {
	return []ent.Mixin{TenantMixin{}, TimeMixin{}, PersonalTextMixin{}}
}

// Fields of the Attachment.
func (Attachment) Fields() []ent.Field {
	return []ent.Field{
		field.String("file_name").Default("").MaxRuneLen(255).Comment("Name the file was uploaded with."),
		field.String("content_type").NotEmpty().Comment("Media type found from the content, e.g. image/jpeg."),
		field.Int64("size").NonNegative().Comment("Size in bytes."),
		field.String("sha256").NotEmpty().Comment("SHA-256 of the content, hex; files are stored by it."),
		field.String("kind").Default("OTHER").Comment("What the file is: ID_CARD, ID_CARD_BACK, LETTER, VOICE, PHOTO (a photo the citizen added with supplementCase) or OTHER."),
		field.Int("ticket_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.Time("file_removed_at").Optional().Nillable().
			Comment("When the stored file was removed because the tenant keeps files of closed cases only for fileRetentionDays; the record stays."),
	}
}

// Edges of the Attachment.
func (Attachment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ticket", Ticket.Type).Ref("attachments").Field("ticket_id").Unique().
			Comment("The ticket the file belongs to."),
	}
}

// Policy of the Attachment: only the callers who see its ticket see it.
func (Attachment) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.TicketScopeThroughTicket()}}
}

// Indexes of the Attachment.
func (Attachment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "ticket_id"), index.Fields("tenant_id", "sha256")}
}

// TimelineEvent holds the schema definition for the TimelineEvent entity.
type TimelineEvent struct{ ent.Schema }

// Annotations of the TimelineEvent.
func (TimelineEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One immutable entry in a ticket's history: who did what, when, and why."),
	}
}

// Mixin of the TimelineEvent.
func (TimelineEvent) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, PersonalTextMixin{}} }

// Fields of the TimelineEvent.
func (TimelineEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("action").NotEmpty().Immutable().Comment("What happened, e.g. REGISTER, DISPATCH, REPLY."),
		field.String("actor_name").Default("").Immutable().Comment("Who did it, as shown to people; `system` for the server.").
			Annotations(entgql.Directives(staffName())),
		field.Int("actor_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
		field.String("from_status").Default("").Immutable().Comment("Ticket status before, empty when unchanged."),
		field.String("to_status").Default("").Immutable().Comment("Ticket status after, empty when unchanged."),
		field.JSON("before", map[string]any{}).Optional().Immutable().Comment("Changed values before the event."),
		field.JSON("after", map[string]any{}).Optional().Immutable().Comment("Changed values after the event."),
		field.String("reason").Default("").MaxRuneLen(2000).Immutable().Comment("Why, when a reason was given."),
		field.Time("at").Default(time.Now).Immutable().Comment("When it happened."),
		field.Int("ticket_id").Immutable().Annotations(entgql.Skip()),
	}
}

// Edges of the TimelineEvent.
func (TimelineEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ticket", Ticket.Type).Ref("events").Field("ticket_id").Unique().Required().Immutable().
			Comment("The ticket this event belongs to."),
		edge.To("actor", User.Type).Field("actor_id").Unique().Immutable().
			Comment("The staff member who did it; null for the server and for integrators."),
	}
}

// Policy of the TimelineEvent: only the callers who see its ticket see it.
func (TimelineEvent) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.TicketScopeThroughTicket()}}
}

// Hooks of the TimelineEvent.
func (TimelineEvent) Hooks() []ent.Hook { return []ent.Hook{rule.AppendOnly()} }

// Indexes of the TimelineEvent.
func (TimelineEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "ticket_id", "at")}
}

// APIKey holds the schema definition for the APIKey entity.
type APIKey struct{ ent.Schema }

// Annotations of the APIKey.
func (APIKey) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A key an integrator calls the API with, bound to one tenant and one role. Only a hash is stored; the key is shown once."),
		listedFor("apikey", "apiKeys"),
	}
}

// Mixin of the APIKey.
func (APIKey) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the APIKey.
func (APIKey) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxRuneLen(100).Comment("What the key is for, e.g. 省网对接."),
		field.String("prefix").Immutable().Comment("The first characters of the key, to recognise it in lists."),
		field.String("secret_hash").Sensitive().Immutable().Comment("SHA-256 of the key."),
		field.String("role").Immutable().Comment("The role the key acts with."),
		field.Time("last_used_at").Optional().Nillable().Comment("When the key was last used."),
		field.Time("revoked_at").Optional().Nillable().Comment("When the key was revoked; a revoked key is refused."),
	}
}

// Indexes of the APIKey.
func (APIKey) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "secret_hash").Unique()}
}

// AuditLog holds the schema definition for the AuditLog entity.
type AuditLog struct{ ent.Schema }

// Annotations of the AuditLog.
func (AuditLog) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A record that someone read personal data unmasked: who, what, when."),
		listedFor("auditlog"),
		entgql.RelayConnection(),
	}
}

// Mixin of the AuditLog.
func (AuditLog) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the AuditLog.
func (AuditLog) Fields() []ent.Field {
	return []ent.Field{
		field.String("actor_name").Immutable().Comment("Who read it: a username or an API key's name."),
		field.Int("actor_id").Optional().Immutable().Comment("The user's or API key's ID.").Annotations(entgql.Skip()),
		field.String("action").Immutable().Comment("What was done, e.g. pii.read."),
		field.String("subject_type").Immutable().Comment("The kind of record read, e.g. Citizen."),
		field.Int("subject_id").Immutable().Comment("The record read.").Annotations(entgql.Type("ID")),
		field.String("field").Immutable().Comment("The field read, e.g. idNumber."),
		field.Time("at").Default(time.Now).Immutable().Comment("When it was read.").Annotations(entgql.OrderField("AT")),
	}
}

// Hooks of the AuditLog.
func (AuditLog) Hooks() []ent.Hook { return []ent.Hook{rule.AppendOnly()} }

// Indexes of the AuditLog.
func (AuditLog) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "at"), index.Fields("tenant_id", "subject_id")}
}
