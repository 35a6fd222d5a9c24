package store

import (
	"context"
	"fmt"
)

// The knowledge base's full-text index lives beside ent's tables, in SQL ent
// cannot describe. Its source is knowledge_docs.words (the gse-segmented
// words of a document joined by spaces, written by package knowledge), and
// the database keeps it in step with that column itself, in the same
// transaction as the row: on SQLite by triggers into an FTS5 table, on
// PostgreSQL as a generated tsvector column. So every process on one
// database sees the same index, whoever wrote the row.
var fullTextSQLite = []string{
	// External content: the words are stored once, in knowledge_docs. The
	// tenant is the first indexed column, so that a search names it in the
	// MATCH expression and reads only its own tenant's postings.
	`CREATE VIRTUAL TABLE IF NOT EXISTS knowledge_fts USING fts5(tenant_id, words, content='knowledge_docs', content_rowid='id')`,
	`CREATE TRIGGER IF NOT EXISTS knowledge_docs_fts_insert AFTER INSERT ON knowledge_docs BEGIN
		INSERT INTO knowledge_fts(rowid, tenant_id, words) VALUES (new.id, new.tenant_id, new.words);
	END`,
	`CREATE TRIGGER IF NOT EXISTS knowledge_docs_fts_delete AFTER DELETE ON knowledge_docs BEGIN
		INSERT INTO knowledge_fts(knowledge_fts, rowid, tenant_id, words) VALUES ('delete', old.id, old.tenant_id, old.words);
	END`,
	`CREATE TRIGGER IF NOT EXISTS knowledge_docs_fts_update AFTER UPDATE ON knowledge_docs BEGIN
		INSERT INTO knowledge_fts(knowledge_fts, rowid, tenant_id, words) VALUES ('delete', old.id, old.tenant_id, old.words);
		INSERT INTO knowledge_fts(rowid, tenant_id, words) VALUES (new.id, new.tenant_id, new.words);
	END`,
}

var fullTextPostgres = []string{
	// 'simple': no stemming or stop words of a European language; the words
	// are already cut by gse and joined by spaces.
	`ALTER TABLE knowledge_docs ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED`,
	// A plain GIN index cannot lead with tenant_id without the btree_gin
	// extension, which needs rights a tenant's database user may not have;
	// the tenant is checked on the matched rows (the btree index
	// knowledge_docs(tenant_id, …) serves the other reads).
	`CREATE INDEX IF NOT EXISTS knowledge_docs_tsv ON knowledge_docs USING gin (tsv)`,
}

// oldTermTable is the knowledge base's own term index of earlier versions,
// replaced by the full-text index.
const oldTermTable = `DROP TABLE IF EXISTS knowledge_terms`

// migrateFullText creates the full-text index where it is missing. An FTS5
// table created over rows that already exist is rebuilt from them once.
func (d *DB) migrateFullText(ctx context.Context) error {
	tx, err := d.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: full-text index: %w", err)
	}
	defer tx.Rollback()
	stmts := fullTextPostgres
	rebuild := false
	if d.Dialect == dialectSQLite {
		stmts = fullTextSQLite
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'knowledge_fts'`).Scan(&n)
		if err != nil {
			return fmt.Errorf("store: full-text index: %w", err)
		}
		rebuild = n == 0
	}
	for _, q := range append(stmts, oldTermTable) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: full-text index: %w", err)
		}
	}
	if rebuild {
		if _, err := tx.ExecContext(ctx, `INSERT INTO knowledge_fts(knowledge_fts) VALUES ('rebuild')`); err != nil {
			return fmt.Errorf("store: full-text index: rebuild: %w", err)
		}
	}
	return tx.Commit()
}
