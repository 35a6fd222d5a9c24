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

// Notification holds the schema definition for the Notification entity.
type Notification struct{ ent.Schema }

// Annotations of the Notification.
func (Notification) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One message about a ticket to a citizen or to staff (the outbox): recorded with the change that causes it, then delivered by the queue."),
		listedFor("notification"),
		entgql.RelayConnection(),
	}
}

// Mixin of the Notification.
func (Notification) Mixin() []ent.Mixin {
	return []ent.Mixin{TenantMixin{}, TimeMixin{}, PersonalTextMixin{}}
}

// Fields of the Notification.
func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("event").
			Values("REGISTERED", "DISPATCHED", "REPLIED", "CLOSED",
				"ASSIGNED", "YELLOW", "RED", "REMINDER", "INSTRUCTED", "SUPERVISED", "WARNING").
			Immutable().
			Comment("What happened: REGISTERED, DISPATCHED, REPLIED and CLOSED go to the citizen; ASSIGNED, YELLOW, RED, REMINDER, INSTRUCTED, SUPERVISED and WARNING (a 预警, to the leaders) to staff.").
			Annotations(entgql.Type("NotificationEvent"), entgql.OrderField("EVENT")),
		field.Enum("audience").
			Values("CITIZEN", "DEPARTMENT", "DEPARTMENT_LEADERS", "LEADERS").
			Immutable().
			Comment("Who it is for: the ticket's citizen, the handling department, that department's heads (dept_leader) or the district's leaders (leader).").
			Annotations(entgql.Type("NotificationAudience")),
		field.Int("recipient_id").Optional().Nillable().Immutable().
			Comment("The citizen or department it is addressed to; null for the district's leaders.").
			Annotations(entgql.Skip()),
		field.String("provider").NotEmpty().Immutable().
			Comment("How it is delivered: log, webhook or sms."),
		field.JSON("payload", map[string]any{}).Optional().Immutable().
			Comment("The message as delivered: the ticket's code and title, the event, the text and, for staff, the usernames it names."),
		field.Enum("status").Values("PENDING", "SENT", "FAILED").Default("PENDING").
			Comment("PENDING until delivered, SENT once a provider took it, FAILED when every attempt failed.").
			Annotations(entgql.Type("NotificationStatus"), entgql.OrderField("STATUS")),
		field.Int("attempts").Default(0).NonNegative().
			Comment("Delivery attempts so far."),
		field.String("last_error").Default("").MaxRuneLen(1000).
			Comment("Why the last attempt failed; empty when none did."),
		field.Time("sent_at").Optional().Nillable().
			Comment("When it was delivered."),
		// The key names the event once (e.g. RED:<ticket>:<dueAt unix>): a
		// second recording of the same event, by a retry or by another
		// process's scheduler, is ignored by the unique index.
		field.String("key").NotEmpty().Immutable().
			Comment("Names the event once, e.g. RED:12:1760000000; the same key is never recorded twice in a tenant."),
		field.Time("at").Default(time.Now).Immutable().
			Comment("When the event happened, on the server's clock.").
			Annotations(entgql.OrderField("AT")),
		field.Int("ticket_id").Immutable().Annotations(entgql.Skip()),
	}
}

// Edges of the Notification.
func (Notification) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("ticket", Ticket.Type).Field("ticket_id").Unique().Required().Immutable().
			Comment("The ticket it is about."),
	}
}

// Policy of the Notification: only the callers who see its ticket see it.
func (Notification) Policy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{rule.TicketScopeThroughTicket()}}
}

// Indexes of the Notification.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "key").Unique(),
		index.Fields("tenant_id", "status", "created_at"),
		index.Fields("tenant_id", "ticket_id"),
		index.Fields("tenant_id", "at"),
	}
}
