package knowledge

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"entgo.io/ent/dialect"

	"github.com/minsheng/minsheng/ent"
)

// Document frequencies live in store's knowledge_df table: per tenant, how
// many documents hold each word, and under the empty word how many
// documents there are and their total length. They are written here, in
// the transaction that writes knowledge_docs, so that a search reads all it
// needs of the corpus in one indexed query.

// countDoc adds (sign 1) or takes away (sign -1) one document of tenant
// with words (space-separated, as knowledge_docs.words) and length.
func (s *Service) countDoc(ctx context.Context, tx *ent.Client, tenant int, words string, length, sign int) error {
	terms := distinctSorted(words)
	// The terms go in sorted, so that two transactions of one tenant on
	// PostgreSQL lock the rows they share in the same order, not each
	// waiting for the other's.
	var err error
	if s.dialect == dialect.Postgres {
		_, err = tx.ExecContext(ctx, `INSERT INTO knowledge_df(tenant_id, term, docs, length)
			SELECT $1, t, $2, 0 FROM unnest($3::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i
			ON CONFLICT (tenant_id, term) DO UPDATE SET docs = knowledge_df.docs + excluded.docs`, tenant, sign, terms)
	} else {
		js, _ := json.Marshal(terms)
		_, err = tx.ExecContext(ctx, `INSERT INTO knowledge_df(tenant_id, term, docs, length)
			SELECT ?, value, ?, 0 FROM json_each(?) WHERE true
			ON CONFLICT (tenant_id, term) DO UPDATE SET docs = docs + excluded.docs`, tenant, sign, string(js))
	}
	if err != nil {
		return fmt.Errorf("knowledge: document frequencies: %w", err)
	}
	if sign < 0 {
		// A word no document holds any more goes, in this transaction:
		// otherwise every word ever indexed (and rewritten away) would
		// stay as a row at 0.
		if s.dialect == dialect.Postgres {
			_, err = tx.ExecContext(ctx, `DELETE FROM knowledge_df WHERE tenant_id = $1 AND term = ANY($2::text[]) AND docs <= 0`, tenant, terms)
		} else {
			js, _ := json.Marshal(terms)
			_, err = tx.ExecContext(ctx, `DELETE FROM knowledge_df WHERE tenant_id = ? AND term IN (SELECT value FROM json_each(?)) AND docs <= 0`, tenant, string(js))
		}
		if err != nil {
			return fmt.Errorf("knowledge: document frequencies: %w", err)
		}
	}
	return s.countLength(ctx, tx, tenant, sign, sign*length)
}

// countLength adds docs documents and length words to tenant's totals.
func (s *Service) countLength(ctx context.Context, tx *ent.Client, tenant, docs, length int) error {
	q := `INSERT INTO knowledge_df(tenant_id, term, docs, length) VALUES (?, '', ?, ?)
		ON CONFLICT (tenant_id, term) DO UPDATE SET docs = knowledge_df.docs + excluded.docs, length = knowledge_df.length + excluded.length`
	if s.dialect == dialect.Postgres {
		q = strings.Replace(strings.Replace(strings.Replace(q, "?", "$1", 1), "?", "$2", 1), "?", "$3", 1)
	}
	if _, err := tx.ExecContext(ctx, q, tenant, docs, length); err != nil {
		return fmt.Errorf("knowledge: document count: %w", err)
	}
	if docs < 0 {
		// The tenant's last document gone: no totals row at 0 either.
		q := `DELETE FROM knowledge_df WHERE tenant_id = ? AND term = '' AND docs <= 0`
		if s.dialect == dialect.Postgres {
			q = strings.Replace(q, "?", "$1", 1)
		}
		if _, err := tx.ExecContext(ctx, q, tenant); err != nil {
			return fmt.Errorf("knowledge: document count: %w", err)
		}
	}
	return nil
}

func distinctSorted(words string) []string {
	terms := strings.Fields(words)
	slices.Sort(terms)
	return slices.Compact(terms)
}

// readCorpus is tenant's document count and total length.
func (s *Service) readCorpus(ctx context.Context, tenant int) (docs, length int, err error) {
	q := `SELECT docs, length FROM knowledge_df WHERE tenant_id = ? AND term = ''`
	if s.dialect == dialect.Postgres {
		q = `SELECT docs, length FROM knowledge_df WHERE tenant_id = $1 AND term = ''`
	}
	rows, err := s.client.QueryContext(ctx, q, tenant)
	if err != nil {
		return 0, 0, fmt.Errorf("knowledge: document count: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&docs, &length); err != nil {
			return 0, 0, fmt.Errorf("knowledge: document count: %w", err)
		}
	}
	return docs, length, rows.Err()
}

// readDFs is how many of tenant's documents hold each of terms, in one
// query over knowledge_df's primary key.
func (s *Service) readDFs(ctx context.Context, tenant int, terms []string) (map[string]int, error) {
	df := make(map[string]int, len(terms))
	if len(terms) == 0 {
		return df, nil
	}
	var q string
	var arg any
	if s.dialect == dialect.Postgres {
		q, arg = `SELECT term, docs FROM knowledge_df WHERE tenant_id = $1 AND term = ANY($2::text[])`, terms
	} else {
		js, _ := json.Marshal(terms)
		q, arg = `SELECT term, docs FROM knowledge_df WHERE tenant_id = ? AND term IN (SELECT value FROM json_each(?))`, string(js)
	}
	rows, err := s.client.QueryContext(ctx, q, tenant, arg)
	if err != nil {
		return nil, fmt.Errorf("knowledge: document frequencies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return nil, fmt.Errorf("knowledge: document frequencies: %w", err)
		}
		if t != "" {
			df[t] = n
		}
	}
	return df, rows.Err()
}
