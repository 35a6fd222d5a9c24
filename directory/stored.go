package directory

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	"entgo.io/ent/schema/field"

	"github.com/minsheng/minsheng/ent/migrate"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/rule"
)

// storedBatch is how many rows SealStoredText masks per statement round.
const storedBatch = 500

// SealStoredText masks the free text of rows written before text was
// masked at rest (their text_sealed is NULL) and seals their clear text,
// as the sealing hook does for new rows. It runs at start, before any
// request; a second run finds nothing to do. It writes with plain SQL
// because timeline events, replies and callbacks are append-only for
// everything else.
func (s *Service) SealStoredText(ctx context.Context, drv *entsql.Driver) (int, error) {
	n := 0
	for _, t := range migrate.Tables {
		if !hasColumn(t, rule.SealedTextField) {
			continue
		}
		var cols []*schema.Column
		for _, c := range t.Columns {
			if (c.Type == field.TypeString || c.Type == field.TypeJSON) && rule.IsTextColumn(c.Name) {
				cols = append(cols, c)
			}
		}
		for {
			k, err := s.sealStoredBatch(ctx, drv, t.Name, cols)
			n += k
			if err != nil {
				return n, fmt.Errorf("directory: seal stored text of %s: %w", t.Name, err)
			}
			if k < storedBatch {
				break
			}
		}
	}
	return n, nil
}

func hasColumn(t *schema.Table, name string) bool {
	for _, c := range t.Columns {
		if c.Name == name {
			return true
		}
	}
	return false
}

type storedRow struct {
	id     int
	values []sql.NullString
}

func (s *Service) sealStoredBatch(ctx context.Context, drv *entsql.Driver, table string, cols []*schema.Column) (int, error) {
	b := entsql.Dialect(drv.Dialect())
	names := []string{"id"}
	for _, c := range cols {
		names = append(names, c.Name)
	}
	query, args := b.Select(names...).From(b.Table(table)).
		Where(entsql.IsNull(rule.SealedTextField)).OrderBy("id").Limit(storedBatch).Query()
	var rs entsql.Rows
	if err := drv.Query(ctx, query, args, &rs); err != nil {
		return 0, err
	}
	var rows []storedRow
	for rs.Next() {
		r := storedRow{values: make([]sql.NullString, len(cols))}
		dest := []any{&r.id}
		for i := range r.values {
			dest = append(dest, &r.values[i])
		}
		if err := rs.Scan(dest...); err != nil {
			rs.Close()
			return 0, err
		}
		rows = append(rows, r)
	}
	if err := rs.Close(); err != nil {
		return 0, err
	}
	for _, r := range rows {
		up := b.Update(table).Where(entsql.EQ("id", r.id))
		clear := map[string]json.RawMessage{}
		for i, col := range cols {
			masked, raw, found, err := maskColumn(r.values[i], col.Type == field.TypeJSON)
			if err != nil {
				return 0, err
			}
			if found {
				up.Set(col.Name, masked)
				clear[col.Name] = raw
			}
		}
		sealed, err := sealClear(s.box, clear)
		if err != nil {
			return 0, err
		}
		query, args := up.Set(rule.SealedTextField, sealed).Query()
		if err := drv.Exec(ctx, query, args, nil); err != nil {
			return 0, err
		}
	}
	return len(rows), nil
}

// maskColumn masks one stored value: a string column's text, or the
// strings inside a JSON column's document.
func maskColumn(v sql.NullString, isJSON bool) (masked string, clear json.RawMessage, found bool, err error) {
	if !v.Valid || v.String == "" {
		return "", nil, false, nil
	}
	if !isJSON {
		out, found := pii.MaskText(v.String)
		if !found {
			return "", nil, false, nil
		}
		raw, err := json.Marshal(v.String)
		return out, raw, true, err
	}
	dec := json.NewDecoder(strings.NewReader(v.String))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return "", nil, false, err
	}
	if doc, found = maskJSON(doc); !found {
		return "", nil, false, nil
	}
	out, err := json.Marshal(doc)
	return string(out), json.RawMessage(v.String), true, err
}
