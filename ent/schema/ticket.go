package schema

import (
	"crypto/rand"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/minsheng/minsheng/rule"
)

// Ticket holds the schema definition for the Ticket entity.
type Ticket struct{ ent.Schema }

// Annotations of the Ticket.
func (Ticket) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One petition or complaint case (工单), from registration to closure."),
		listedFor("ticket"),
		entgql.RelayConnection(),
		entgql.MultiOrder(),
	}
}

// Mixin of the Ticket.
func (Ticket) Mixin() []ent.Mixin {
	return []ent.Mixin{TenantMixin{}, TimeMixin{}, PersonalTextMixin{}, PatternsMixin{}, FactsMixin{}}
}

// Fields of the Ticket.
func (Ticket) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").Immutable().NotEmpty().
			Comment("Case code the citizen tracks the case by, unique in the tenant, e.g. MS-20261123-0001.").
			Annotations(entgql.OrderField("CODE")),
		field.Enum("channel").Values("PHONE", "LETTER", "VISIT", "WEB", "WECHAT", "GRID", "IMPORT").
			Comment("How the request reached the office.").
			Annotations(entgql.OrderField("CHANNEL")),
		// Lengths count characters (MaxRuneLen), not bytes: a Chinese
		// character is three bytes, and PostgreSQL's varchar counts
		// characters too.
		field.String("title").NotEmpty().MaxRuneLen(200).
			Comment("One-line summary."),
		field.Text("body").Default("").MaxRuneLen(20000).
			Comment("The complaint in the citizen's words."),
		field.Bool("anonymous").Default(false).
			Comment("Whether the citizen asked to stay anonymous (匿名); such tickets carry no citizen."),
		field.String("place").Default("").MaxRuneLen(200).
			Comment("The place the complaint is about, as text."),
		field.Enum("status").
			Values("DRAFT", "REGISTERED", "DISPATCHED", "ACCEPTED", "IN_PROGRESS", "REPLIED", "CLOSED",
				"RETURNED", "REOPENED", "MERGED", "SUSPENDED").
			Default("REGISTERED").
			Comment("Where the ticket is in its life cycle.").
			Annotations(entgql.OrderField("STATUS")),
		field.Int("version").Default(1).
			Comment("Incremented on every change; guards against two people changing the ticket at once."),
		field.Time("registered_at").Optional().Nillable().
			Comment("When the ticket was registered (受理).").
			Annotations(entgql.OrderField("REGISTERED_AT")),
		field.Int("citizen_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.Int("category_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.Int("region_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.Int("department_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.Int("registered_by_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.Int("suggested_department_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.Time("due_at").Optional().Nillable().
			Comment("When the responsible department's time limit ends, counted in working days from dispatch; null until dispatched.").
			Annotations(entgql.OrderField("DUE_AT")),
		field.Int("first_handler_id").Optional().Nillable().Annotations(entgql.Skip()),
		// A pending extension request: both set while one waits for the
		// dispatcher, both cleared when it is decided, so there is at most
		// one at a time.
		field.Int("extension_days").Optional().Nillable().
			Comment("Working days the department asked to add to the deadline, while that request waits for a decision; null when none is pending."),
		field.String("extension_reason").Optional().Nillable().MaxRuneLen(2000).
			Comment("Why the department asked for more time, while its request is pending; null when none is."),
		field.Bool("supervised").Default(false).
			Comment("Whether a leader has supervised the ticket (督办); stays true once it has been."),
		// The citizen's key to the case: the case code alone is guessable
		// (MS-date-counter), so tracking asks for this too. crypto/rand's
		// Text gives 26 base32 characters (130 bits), safe in a URL. The
		// column default '' lets the column be added to a table that has
		// rows (an expression: ent ignores an empty literal default);
		// tracking.Backfill gives those rows a token at start, and '' never
		// matches a token a caller sends.
		field.String("tracking_token").Sensitive().DefaultFunc(rand.Text).
			Annotations(entsql.DefaultExpr("''"), entgql.Skip()).
			Comment("Unguessable token the citizen tracks the case with, next to its code; shown to staff only."),
		field.Int("merged_into_id").Optional().Nillable().Annotations(entgql.Skip()),
		// The number given with this ticket: the one its messages go to,
		// whatever number the citizen gave with other tickets.
		field.Bytes("contact_phone_sealed").Optional().Sensitive().Annotations(entgql.Skip()).
			Comment("The phone number given with this ticket, AES-GCM encrypted; its SMS go there."),
		field.String("contact_phone_hash").Optional().Nillable().Sensitive().Annotations(entgql.Skip()).
			Comment("Keyed hash of the ticket's contact phone number."),
		// Stored, not counted from co_signers: detection reads it of
		// thousands of candidates and loads co-signers only where it is
		// above one.
		// Not immutable: a merge brings the duplicates' signers to the kept
		// ticket as co-signers, and the count follows.
		field.Int("signer_count").Default(1).
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			Comment("How many people signed the ticket (联名): its citizen (known or not) and its co-signers."),
	}
}

// Edges of the Ticket.
func (Ticket) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("citizen", Citizen.Type).Ref("tickets").Field("citizen_id").Unique().
			Comment("The citizen who raised it; none for anonymous tickets."),
		edge.From("category", Category.Type).Ref("tickets").Field("category_id").Unique().
			Comment("Its category."),
		edge.From("region", Region.Type).Ref("tickets").Field("region_id").Unique().
			Comment("Where it happened."),
		edge.From("department", Department.Type).Ref("tickets").Field("department_id").Unique().
			Comment("The department responsible for it."),
		edge.From("registered_by", User.Type).Ref("registered_tickets").Field("registered_by_id").Unique().
			Comment("The staff member who registered it."),
		edge.To("first_handler", User.Type).Field("first_handler_id").Unique().
			Comment("The handler who first accepted it (首办), answerable for it whatever happens later."),
		edge.To("attachments", Attachment.Type).
			Comment("Files attached to it."),
		edge.To("events", TimelineEvent.Type).
			Comment("Its timeline, oldest first.").
			Annotations(entgql.Skip()),
		// Replies and callbacks are listed oldest first by resolvers of
		// their own (graph/schema.graphqls), not as generated edges.
		edge.To("replies", Reply.Type).
			Comment("The department's replies, oldest first.").
			Annotations(entgql.Skip()),
		edge.To("callbacks", Callback.Type).
			Comment("Callbacks to the citizen, oldest first.").
			Annotations(entgql.Skip()),
		edge.To("intake_jobs", IntakeJob.Type).
			Comment("Files read into this ticket (ID cards, letters, recordings), oldest first.").
			Annotations(entgql.Skip()),
		edge.To("suggested_department", Department.Type).Field("suggested_department_id").Unique().
			Comment("The department intake suggests from the ticket's text; the dispatcher confirms or changes it."),
		// A duplicate merged into another ticket points at it; the target
		// lists what was merged into it.
		edge.To("merged_from", Ticket.Type).
			Comment("Duplicates merged into this ticket (mergeTickets).").
			From("merged_into").Field("merged_into_id").Unique().
			Comment("The ticket this one was merged into (status MERGED); null otherwise."),
		// Listed by resolvers of their own (graph/cycle.graphqls), in a
		// stable order and never null.
		edge.To("followers", User.Type).
			Comment("Staff who follow the ticket and are told of its changes.").
			Annotations(entgql.Skip()),
		edge.To("co_signers", CoSigner.Type).
			Comment("People who signed the ticket besides its citizen, in signing order.").
			Annotations(entgql.Skip()),
		edge.To("co_departments", Department.Type).
			Comment("Departments handling the ticket jointly with the responsible (lead) department (协办).").
			Annotations(entgql.Skip()),
	}
}

// Policy of the Ticket.
func (Ticket) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{rule.TicketScope()},
		Mutation: privacy.MutationPolicy{rule.TicketScope()},
	}
}

// Indexes of the Ticket.
func (Ticket) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "code").Unique(),
		// Worklists: a status (and a department) newest first. The id at the
		// end matches the pagination's tie-break and lets PostgreSQL count
		// the page's totalCount from the index alone.
		index.Fields("tenant_id", "status", "created_at", "id"),
		index.Fields("tenant_id", "department_id", "status", "created_at", "id"),
		// Group detection: a category subtree's tickets of the last days
		// (workflow/repeat.go); its prefix serves the category alone.
		index.Fields("tenant_id", "category_id", "registered_at"),
		// ... and, for a ticket without a category, the window's tickets at
		// its community or grid, however busy the window.
		index.Fields("tenant_id", "region_id", "registered_at"),
		index.Fields("tenant_id", "citizen_id"),
		index.Fields("tenant_id", "created_at"),
		// Statistics: the tickets registered in a period (insight/stats).
		index.Fields("tenant_id", "registered_at"),
		index.Fields("tenant_id", "registered_by_id"),
		// Warnings: a person's cases by the number given with them.
		index.Fields("tenant_id", "contact_phone_hash"),
		// Deadline sweeps: the tickets due before an instant.
		index.Fields("tenant_id", "due_at"),
		// Public tracking looks a code up across tenants (codes repeat
		// between them), before it knows the tenant.
		index.Fields("code"),
	}
}
