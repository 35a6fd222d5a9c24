package store

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/ent/schema/field"

	"github.com/minsheng/minsheng/ent/migrate"
)

// sqliteTimeDSN makes the SQLite driver write every instant as UTC text in
// the form SQLite's date functions read ("2006-01-02 15:04:05.999999999+00:00",
// nanoseconds kept, trailing zeros trimmed), instead of Go's time.String()
// with its zone name and monotonic clock. One offset for every row also
// makes the text order of a column its time order.
const sqliteTimeDSN = "&_time_format=sqlite&_timezone=UTC"

// oldTimeText matches a value written by time.String(), as the driver did
// before sqliteTimeDSN: "2006-01-02 15:04:05.999999999 -0700 MST m=+0.1".
// The new form has no space after the time of day.
const oldTimeText = "????-??-?? ??:??:??* [+-][0-9][0-9][0-9][0-9] *"

// convertOldTimes rewrites, in one transaction, every time column of every
// table from Go's time.String() to sqliteTimeDSN's form. Rows already in the
// new form are left alone, so it runs on every start at the cost of one scan.
// The date and seconds go through datetime() to move them to UTC; the
// fraction is copied as written, since offsets are whole minutes.
func (d *DB) convertOldTimes(ctx context.Context) error {
	tx, err := d.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: convert times: %w", err)
	}
	defer tx.Rollback()
	for _, t := range migrate.Tables {
		for _, c := range t.Columns {
			if c.Type != field.TypeTime {
				continue
			}
			if _, err := tx.ExecContext(ctx, convertTimeSQL(t.Name, c.Name)); err != nil {
				return fmt.Errorf("store: convert times of %s.%s: %w", t.Name, c.Name, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: convert times: %w", err)
	}
	return nil
}

func convertTimeSQL(table, column string) string {
	// {sp} is the position in substr({c}, 20) of the space before the
	// offset: 1 without a fraction, else just after ".nnn".
	const update = `UPDATE "{t}" SET "{c}" =
	datetime(substr("{c}", 1, 19) || substr("{c}", 20 + {sp}, 3) || ':' || substr("{c}", 23 + {sp}, 2))
	|| substr("{c}", 20, {sp} - 1) || '+00:00'
	WHERE typeof("{c}") = 'text' AND "{c}" GLOB '` + oldTimeText + `'`
	q := strings.ReplaceAll(update, "{sp}", `instr(substr("{c}", 20), ' ')`)
	return strings.NewReplacer("{t}", table, "{c}", column).Replace(q)
}
