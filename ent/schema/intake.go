package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/minsheng/minsheng/reading"
	"github.com/minsheng/minsheng/rule"
)

// IntakeJob holds the schema definition for the IntakeJob entity.
type IntakeJob struct{ ent.Schema }

// Annotations of the IntakeJob.
func (IntakeJob) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One uploaded file being read (an ID card, a letter or a recording) and what was read from it into its ticket."),
		entgql.RelayConnection(),
	}
}

// Mixin of the IntakeJob.
func (IntakeJob) Mixin() []ent.Mixin {
	return []ent.Mixin{TenantMixin{}, TimeMixin{}, PersonalTextMixin{}}
}

// Fields of the IntakeJob.
func (IntakeJob) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("ID_CARD", "ID_CARD_BACK", "LETTER", "VOICE").Immutable().
			Comment("What the file is: the front of an ID card (ID_CARD), its back (ID_CARD_BACK), a photographed letter or notice (LETTER) or a voice recording (VOICE).").
			Annotations(entgql.Type("IntakeKind")),
		field.Enum("status").Values("QUEUED", "RUNNING", "SUCCEEDED", "FAILED").Default("QUEUED").
			Comment("QUEUED until a worker takes it, RUNNING while it is read, then SUCCEEDED or FAILED.").
			Annotations(entgql.Type("IntakeStatus"), entgql.OrderField("STATUS")),
		field.String("error").Default("").MaxRuneLen(1000).
			Comment("Why the job failed, in words for the clerk; empty unless FAILED."),
		field.JSON("result", &reading.Result{}).Optional().
			Comment("What was read; null until the job succeeded.").
			Annotations(entgql.Type("IntakeResult")),
		field.Int("attempts").Default(0).NonNegative().
			Comment("How many times a worker has started the job (more than one after a crash or restart).").
			Annotations(entgql.Skip()),
		field.Time("started_at").Optional().Nillable().
			Comment("When a worker last started the job."),
		field.Time("finished_at").Optional().Nillable().
			Comment("When the job succeeded or failed."),
		field.Int("ticket_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.Int("attachment_id").Immutable().Annotations(entgql.Skip()),
		field.Int("submitted_by_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
	}
}

// Edges of the IntakeJob.
func (IntakeJob) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ticket", Ticket.Type).Ref("intake_jobs").Field("ticket_id").Unique().
			Comment("The ticket the job fills: the one named at upload, or the draft created for it."),
		edge.To("attachment", Attachment.Type).Field("attachment_id").Unique().Required().Immutable().
			Comment("The stored file."),
		edge.To("submitted_by", User.Type).Field("submitted_by_id").Unique().Immutable().
			Comment("Who uploaded the file; null for integrators and mini-programs."),
	}
}

// Policy of the IntakeJob: only the callers who see its ticket see it.
func (IntakeJob) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.TicketScopeThroughTicket()}}
}

// Indexes of the IntakeJob.
func (IntakeJob) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "status", "created_at"),
		index.Fields("tenant_id", "ticket_id"),
	}
}
