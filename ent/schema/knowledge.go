package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/minsheng/minsheng/rule"
)

// KnowledgeArticle holds the schema definition for the KnowledgeArticle entity.
type KnowledgeArticle struct{ ent.Schema }

// Annotations of the KnowledgeArticle.
func (KnowledgeArticle) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An article of the tenant's knowledge base (知识库): a question people ask, its answer and the policy or law it rests on, valid for a period. Written by the tenant admin and the knowledge editors he names; every version is kept."),
		listedFor("knowledge", "knowledgeArticles"),
		entgql.RelayConnection(),
	}
}

// Mixin of the KnowledgeArticle.
func (KnowledgeArticle) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}, TimeMixin{}} }

// Fields of the KnowledgeArticle. Text is stored with ID and phone numbers
// masked (pii.MaskText): an article is guidance, not a case.
func (KnowledgeArticle) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").NotEmpty().MaxRuneLen(200).
			Comment("The question or topic, e.g. 住房公积金提取条件.").
			Annotations(entgql.OrderField("TITLE")),
		field.Text("body").MaxRuneLen(20000).
			Comment("The answer staff give."),
		field.Text("basis").Default("").MaxRuneLen(10000).
			Comment("The policy or law the answer rests on (依据), as it is inserted into a reply."),
		field.Int("category_id").Optional().Nillable().
			Comment("The category the article is about.").
			Annotations(entgql.Skip()),
		field.Time("valid_from").Optional().Nillable().
			Comment("From when the article applies; null: from its creation."),
		field.Time("valid_until").Optional().Nillable().
			Comment("Until when the article applies; null: until retired. An expired article is not found by search."),
		field.Time("retired_at").Optional().Nillable().
			Comment("When the article was withdrawn; null while in force. A retired article is not found by search."),
		field.Int("version").Default(1).
			Comment("The number of the current version; 1 for a new article, one more for each change."),
		field.Int("source_ticket_id").Optional().Nillable().Immutable().
			Annotations(entgql.Skip()),
		field.Int("uses").Default(0).
			Comment("How many times staff inserted its basis into a reply."),
	}
}

// Edges of the KnowledgeArticle.
func (KnowledgeArticle) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("category", Category.Type).Field("category_id").Unique().
			Comment("The category the article is about; null for general articles."),
		edge.To("versions", KnowledgeArticleVersion.Type).
			Annotations(entgql.Skip()),
		edge.To("source_ticket", Ticket.Type).Field("source_ticket_id").Unique().Immutable().
			Comment("The closed case the article was drafted from, when the caller may see it."),
	}
}

// Indexes of the KnowledgeArticle.
func (KnowledgeArticle) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "updated_at")}
}

// KnowledgeArticleVersion holds the schema definition for the KnowledgeArticleVersion entity.
type KnowledgeArticleVersion struct{ ent.Schema }

// Annotations of the KnowledgeArticleVersion.
func (KnowledgeArticleVersion) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One version of a knowledge article, as it was written; never changed."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the KnowledgeArticleVersion.
func (KnowledgeArticleVersion) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the KnowledgeArticleVersion.
func (KnowledgeArticleVersion) Fields() []ent.Field {
	return []ent.Field{
		field.Int("article_id").Immutable(),
		field.Int("version").Immutable(),
		field.Enum("action").Values("CREATE", "UPDATE", "RETIRE").Immutable(),
		field.String("title").MaxRuneLen(200).Immutable(),
		field.Text("body").MaxRuneLen(20000).Immutable(),
		field.Text("basis").Default("").MaxRuneLen(10000).Immutable(),
		field.Int("category_id").Optional().Nillable().Immutable(),
		field.Time("valid_from").Optional().Nillable().Immutable(),
		field.Time("valid_until").Optional().Nillable().Immutable(),
		field.String("note").Default("").MaxRuneLen(500).Immutable(),
		field.Int("editor_id").Optional().Nillable().Immutable(),
		field.Time("at").Default(time.Now).Immutable(),
	}
}

// Edges of the KnowledgeArticleVersion.
func (KnowledgeArticleVersion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("article", KnowledgeArticle.Type).Ref("versions").Field("article_id").Unique().Required().Immutable(),
		edge.To("editor", User.Type).Field("editor_id").Unique().Immutable(),
	}
}

// Hooks of the KnowledgeArticleVersion: history is not edited.
func (KnowledgeArticleVersion) Hooks() []ent.Hook { return []ent.Hook{rule.AppendOnly()} }

// Indexes of the KnowledgeArticleVersion.
func (KnowledgeArticleVersion) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "article_id", "version").Unique()}
}

// KnowledgeDoc holds the schema definition for the KnowledgeDoc entity.
type KnowledgeDoc struct{ ent.Schema }

// Annotations of the KnowledgeDoc.
func (KnowledgeDoc) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One searchable document of the knowledge index: an article in force or a closed case with its replies, as masked text and as the gse-segmented words the database's full-text index holds (FTS5 table knowledge_fts on SQLite, the generated tsvector column tsv on PostgreSQL; both made by store's migration)."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the KnowledgeDoc.
func (KnowledgeDoc) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the KnowledgeDoc.
func (KnowledgeDoc) Fields() []ent.Field {
	return []ent.Field{
		field.Int("article_id").Optional().Nillable().Immutable(),
		field.Int("ticket_id").Optional().Nillable().Immutable(),
		field.Text("text").Default(""),
		// words is what the database's full-text index reads: the
		// document's words (knowledge.Terms) joined by spaces, in order.
		// Empty for a row written before the full-text index; the
		// knowledge service fills it at start.
		field.Text("words").Default(""),
		// length is the number of words, for BM25's length normalisation.
		field.Int("length").Default(0),
		field.Time("valid_from").Optional().Nillable(),
		field.Time("valid_until").Optional().Nillable(),
		field.Time("indexed_at").Default(time.Now).UpdateDefault(time.Now),
	}
}

// Edges of the KnowledgeDoc.
func (KnowledgeDoc) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("article", KnowledgeArticle.Type).Field("article_id").Unique().Immutable(),
		edge.To("ticket", Ticket.Type).Field("ticket_id").Unique().Immutable(),
	}
}

// Interceptors of the KnowledgeDoc: a case is found only by those who see it.
func (KnowledgeDoc) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{rule.TicketScopeOrNone("ticket_id")}
}

// Indexes of the KnowledgeDoc.
func (KnowledgeDoc) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "article_id").Unique(),
		index.Fields("tenant_id", "ticket_id").Unique(),
	}
}

// KnowledgeUse holds the schema definition for the KnowledgeUse entity.
type KnowledgeUse struct{ ent.Schema }

// Annotations of the KnowledgeUse.
func (KnowledgeUse) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A record that a member of staff inserted an article's basis into the reply of a ticket."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Mixin of the KnowledgeUse.
func (KnowledgeUse) Mixin() []ent.Mixin { return []ent.Mixin{TenantMixin{}} }

// Fields of the KnowledgeUse.
func (KnowledgeUse) Fields() []ent.Field {
	return []ent.Field{
		field.Int("article_id").Immutable(),
		field.Int("version").Immutable(),
		field.Int("ticket_id").Immutable(),
		field.Int("user_id").Optional().Nillable().Immutable(),
		field.Time("at").Default(time.Now).Immutable(),
	}
}

// Edges of the KnowledgeUse.
func (KnowledgeUse) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("article", KnowledgeArticle.Type).Field("article_id").Unique().Required().Immutable(),
		edge.To("ticket", Ticket.Type).Field("ticket_id").Unique().Required().Immutable(),
		edge.To("user", User.Type).Field("user_id").Unique().Immutable(),
	}
}

// Interceptors of the KnowledgeUse: seen only with its ticket.
func (KnowledgeUse) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{rule.TicketScopeOrNone("ticket_id")}
}

// Hooks of the KnowledgeUse: a record of what happened.
func (KnowledgeUse) Hooks() []ent.Hook { return []ent.Hook{rule.AppendOnly()} }

// Indexes of the KnowledgeUse.
func (KnowledgeUse) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "ticket_id"), index.Fields("tenant_id", "article_id")}
}
