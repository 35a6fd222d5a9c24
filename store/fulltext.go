package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// The knowledge base's full-text index lives beside ent's tables, in SQL ent
// cannot describe. Its source is knowledge_docs.words (the gse-segmented
// words of a document joined by spaces, written by package knowledge), and
// the database keeps it in step with that column itself, in the same
// transaction as the row: on SQLite by triggers into an FTS5 table, on
// PostgreSQL as a generated tsvector column. So every process on one
// database sees the same index, whoever wrote the row.
var fullTextSQLite = []string{
	// Contentless: the words are stored once, in knowledge_docs, and a
	// search reads only rowids from the index. The first column is one
	// token naming the document's tenant and kind (t<tenant>a for an
	// article, t<tenant>c for a case: see ftsScope), so that a search
	// names it in the MATCH expression: FTS5 then never returns, let
	// alone ranks, another tenant's document, and articles and cases
	// are asked for apart.
	`CREATE VIRTUAL TABLE IF NOT EXISTS knowledge_fts USING fts5(scope, words, content='')`,
	`CREATE TRIGGER IF NOT EXISTS knowledge_docs_fts_insert AFTER INSERT ON knowledge_docs BEGIN
		INSERT INTO knowledge_fts(rowid, scope, words) VALUES (new.id, ` + ftsScope("new") + `, new.words);
	END`,
	`CREATE TRIGGER IF NOT EXISTS knowledge_docs_fts_delete AFTER DELETE ON knowledge_docs BEGIN
		INSERT INTO knowledge_fts(knowledge_fts, rowid, scope, words) VALUES ('delete', old.id, ` + ftsScope("old") + `, old.words);
	END`,
	`CREATE TRIGGER IF NOT EXISTS knowledge_docs_fts_update AFTER UPDATE ON knowledge_docs BEGIN
		INSERT INTO knowledge_fts(knowledge_fts, rowid, scope, words) VALUES ('delete', old.id, ` + ftsScope("old") + `, old.words);
		INSERT INTO knowledge_fts(rowid, scope, words) VALUES (new.id, ` + ftsScope("new") + `, new.words);
	END`,
}

// ftsScope is the SQL of the scope token of row (new or old) of
// knowledge_docs; package knowledge writes the same token in its queries.
func ftsScope(row string) string {
	return `'t' || ` + row + `.tenant_id || CASE WHEN ` + row + `.article_id IS NULL THEN 'c' ELSE 'a' END`
}

// oldFullTextSQLite is the FTS5 layout of earlier versions (external
// content, the tenant a column of its own), replaced by the one above.
var oldFullTextSQLite = []string{
	`DROP TRIGGER IF EXISTS knowledge_docs_fts_insert`,
	`DROP TRIGGER IF EXISTS knowledge_docs_fts_delete`,
	`DROP TRIGGER IF EXISTS knowledge_docs_fts_update`,
	`DROP TABLE IF EXISTS knowledge_fts`,
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

// dfTable holds, per tenant, how many of its documents hold each word, and
// under the empty word the tenant's document count and total length: what
// BM25 needs of the whole corpus, read in one indexed query instead of a
// count through the full-text index per word (2.5 s a search at 100,000
// cases). Package knowledge keeps it in step in the transaction that writes
// knowledge_docs; the full-text index's own statistics (fts5vocab) are not
// per tenant, so they would not do.
const dfTable = `CREATE TABLE IF NOT EXISTS knowledge_df (
	tenant_id BIGINT NOT NULL,
	term TEXT NOT NULL,
	docs BIGINT NOT NULL,
	length BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (tenant_id, term))`

// oldTermTable is the knowledge base's own term index of earlier versions,
// replaced by the full-text index.
const oldTermTable = `DROP TABLE IF EXISTS knowledge_terms`

// migrateFullText creates the full-text index where it is missing. An FTS5
// table created over rows that already exist (or replacing the old layout)
// is filled from them once.
func (d *DB) migrateFullText(ctx context.Context) error {
	tx, err := d.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: full-text index: %w", err)
	}
	defer tx.Rollback()
	stmts := fullTextPostgres
	rebuild := false
	var dfMissing int
	missing := `SELECT count(*) FROM information_schema.tables WHERE table_name = 'knowledge_df' AND table_schema = current_schema()`
	if d.Dialect == dialectSQLite {
		missing = `SELECT count(*) FROM sqlite_master WHERE name = 'knowledge_df'`
	}
	if err := tx.QueryRowContext(ctx, missing).Scan(&dfMissing); err != nil {
		return fmt.Errorf("store: full-text index: %w", err)
	}
	if d.Dialect == dialectSQLite {
		stmts = fullTextSQLite
		// Missing, or of the old layout (no scope column): made anew.
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'knowledge_fts' AND sql LIKE '%(scope, words%'`).Scan(&n)
		if err != nil {
			return fmt.Errorf("store: full-text index: %w", err)
		}
		if rebuild = n == 0; rebuild {
			stmts = append(slices.Clone(oldFullTextSQLite), stmts...)
		}
	}
	for _, q := range append(stmts, oldTermTable, dfTable) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: full-text index: %w", err)
		}
	}
	if rebuild {
		if _, err := tx.ExecContext(ctx, `INSERT INTO knowledge_fts(rowid, scope, words) SELECT id, `+ftsScope("knowledge_docs")+`, words FROM knowledge_docs`); err != nil {
			return fmt.Errorf("store: full-text index: rebuild: %w", err)
		}
	}
	if dfMissing == 0 {
		if err := fillDF(ctx, tx); err != nil {
			return fmt.Errorf("store: full-text index: document frequencies: %w", err)
		}
	}
	return tx.Commit()
}

// fillDF counts the documents that exist when knowledge_df is created, once.
func fillDF(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT tenant_id, words, length FROM knowledge_docs`)
	if err != nil {
		return err
	}
	type key struct {
		tenant int64
		term   string
	}
	docs, length := map[key]int64{}, map[int64]int64{}
	for rows.Next() {
		var tenant, n int64
		var words string
		if err := rows.Scan(&tenant, &words, &n); err != nil {
			rows.Close()
			return err
		}
		docs[key{tenant, ""}]++
		length[tenant] += n
		seen := map[string]bool{}
		for _, w := range strings.Fields(words) {
			if !seen[w] {
				seen[w] = true
				docs[key{tenant, w}]++
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for k, n := range docs {
		// Placeholders in PostgreSQL's form; SQLite reads $1 too.
		if _, err := tx.ExecContext(ctx, `INSERT INTO knowledge_df(tenant_id, term, docs, length) VALUES ($1, $2, $3, $4)`,
			k.tenant, k.term, n, length[k.tenant]*boolInt(k.term == "")); err != nil {
			return err
		}
	}
	return nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
