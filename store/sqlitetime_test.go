package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/schema/field"

	"github.com/minsheng/minsheng/ent/migrate"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// sqliteOnly skips the PostgreSQL run: timestamptz is a real type there,
// which SQL has always computed with.
func sqliteOnly(t *testing.T, b storetest.Backend) {
	if b.Name != "sqlite" {
		t.Skip("PostgreSQL stores timestamptz natively")
	}
}

// TestSQLiteTimesAreReadBySQL: a statistic groups tickets by month and
// compares times in SQL. The instants stored by the application must be
// read by SQLite's date functions, in UTC whatever the server's zone, and
// SQL's order of them must be Go's, sub-second differences included.
func TestSQLiteTimesAreReadBySQL(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		sqliteOnly(t, b)
		ctx := viewer.SystemContext(context.Background())
		db, err := store.Open(b.URL, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		shanghai := time.FixedZone("CST", 8*3600)
		// 07:30 on 1 February in Beijing is still January in UTC.
		base := time.Date(2026, 2, 1, 7, 30, 0, 0, shanghai)
		at := []time.Time{
			base.Add(100 * time.Millisecond),
			base.Add(50 * time.Millisecond),
			base,
			base.Add(100*time.Millisecond + time.Nanosecond),
			base.Add(time.Second),
			base.Add(-time.Nanosecond),
			base.UTC().Add(20 * time.Millisecond),
		}
		for i, a := range at {
			db.Client.Tenant.Create().SetCode(fmt.Sprintf("t%d", i)).SetName("区").
				SetDivisionCode("320102").SetCreatedAt(a).SaveX(ctx)
		}

		var month, ms string
		row := db.SQL.QueryRowContext(ctx,
			`SELECT strftime('%Y-%m', created_at), strftime('%Y-%m-%d %H:%M:%f', created_at) FROM tenants WHERE code = 't0'`)
		if err := row.Scan(&month, &ms); err != nil {
			t.Fatalf("SQLite cannot read the stored time: %v", err)
		}
		if month != "2026-01" || ms != "2026-01-31 23:30:00.100" {
			t.Errorf("SQLite reads the time as month %q, instant %q; want 2026-01 and 2026-01-31 23:30:00.100", month, ms)
		}

		want := slices.Clone(at)
		slices.SortFunc(want, func(a, b time.Time) int { return a.Compare(b) })
		rows, err := db.SQL.QueryContext(ctx, `SELECT created_at FROM tenants ORDER BY created_at`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []time.Time
		for rows.Next() {
			var c time.Time
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			got = append(got, c)
		}
		if !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Errorf("SQL orders the times\n%v\nGo orders them\n%v", got, want)
		}
		// A comparison with a time parameter, as ent's predicates make.
		if n := db.Client.Tenant.Query().Where(tenant.CreatedAtLT(base.Add(100 * time.Millisecond))).CountX(ctx); n != 4 {
			t.Errorf("%d tenants created before base+100ms, want 4", n)
		}
	})
}

// oldTimeLayout is time.String() without the monotonic clock reading.
const oldTimeLayout = "2006-01-02 15:04:05.999999999 -0700 MST"

// TestSQLiteTimesOfThePreviousVersionAreConverted opens a database made by
// `minsheng demo` of commit e9fa831 on a server in Asia/Shanghai, where
// every time was stored as time.String() ("... +0800 CST m=+1.2", birth
// dates "... +0000 UTC"). After
// Migrate every time column of every table holds the same instant to the
// nanosecond, in UTC, and SQLite's date functions read it; a second Migrate
// changes nothing; the job queue's tables still read.
func TestSQLiteTimesOfThePreviousVersionAreConverted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		sqliteOnly(t, b)
		ctx := viewer.SystemContext(context.Background())
		dir := t.TempDir()
		fixture, err := os.ReadFile(filepath.Join("testdata", "e9fa831-demo-shanghai.db"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(store.SQLitePath(dir), fixture, 0o600); err != nil {
			t.Fatal(err)
		}
		old := storedTimes(t, store.SQLitePath(dir))
		if len(old) < 100 {
			t.Fatalf("the fixture holds %d times; expected the demo's tickets, timelines and notifications", len(old))
		}
		db, err := store.Open("", dir)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("a second migration: %v", err)
		}
		zones := map[string]int{}
		for key, text := range old {
			zones[strings.Fields(text)[2]]++
			want, err := time.Parse(oldTimeLayout, strings.TrimSpace(strings.Split(text, " m=")[0]))
			if err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			table, col, id := splitKey(key)
			var (
				now   string
				got   time.Time
				julia sql.NullFloat64
			)
			q := fmt.Sprintf(`SELECT CAST("%[2]s" AS TEXT), "%[2]s", julianday("%[2]s") FROM "%[1]s" WHERE id = ?`, table, col)
			if err := db.SQL.QueryRowContext(ctx, q, id).Scan(&now, &got, &julia); err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			if !got.Equal(want) || !strings.HasSuffix(now, "+00:00") {
				t.Errorf("%s was %q, is now %q (read as %v)", key, text, now, got)
			}
			if !julia.Valid {
				t.Errorf("%s: SQLite cannot read %q", key, now)
			}
		}

		// Instants stamped in Beijing and dates (birth dates) kept in UTC.
		if zones["+0800"] < 100 || zones["+0000"] == 0 || len(zones) != 2 {
			t.Errorf("the fixture's times by offset: %v", zones)
		}

		// River's tables, in its own format, read through the queue's pool.
		river, err := db.OpenSQLite()
		if err != nil {
			t.Fatal(err)
		}
		defer river.Close()
		var jobs int
		var first time.Time
		if err := river.QueryRowContext(ctx, `SELECT count(*) FROM river_job`).Scan(&jobs); err != nil {
			t.Fatal(err)
		}
		if err := river.QueryRowContext(ctx, `SELECT scheduled_at FROM river_job ORDER BY id LIMIT 1`).Scan(&first); err != nil {
			t.Fatalf("the queue's times no longer read: %v", err)
		}
		if jobs == 0 || first.Year() != 2026 {
			t.Errorf("river_job: %d jobs, the first scheduled at %v", jobs, first)
		}
	})
}

// storedTimes reads, as text, every non-null value of every time column of
// every ent table in the SQLite file at path, keyed "table.column.id".
func storedTimes(t *testing.T, path string) map[string]string {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	times := map[string]string{}
	for _, tbl := range migrate.Tables {
		// SQLite reads a double-quoted name that is no column as a string,
		// so a column newer than the fixture must be skipped by name.
		has := map[string]bool{}
		cols, err := raw.Query(`SELECT name FROM pragma_table_info(?)`, tbl.Name)
		if err != nil {
			t.Fatal(err)
		}
		for cols.Next() {
			var name string
			if err := cols.Scan(&name); err != nil {
				t.Fatal(err)
			}
			has[name] = true
		}
		cols.Close()
		for _, c := range tbl.Columns {
			if c.Type != field.TypeTime || !has[c.Name] {
				continue // not a time, or a table or column newer than the fixture
			}
			q := fmt.Sprintf(`SELECT id, CAST("%s" AS TEXT) FROM "%s" WHERE "%[1]s" IS NOT NULL`, c.Name, tbl.Name)
			rows, err := raw.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id int
				var text string
				if err := rows.Scan(&id, &text); err != nil {
					t.Fatal(err)
				}
				times[fmt.Sprintf("%s.%s.%d", tbl.Name, c.Name, id)] = text
			}
			rows.Close()
		}
	}
	return times
}

func splitKey(key string) (table, column, id string) {
	p := strings.Split(key, ".")
	return p[0], p[1], p[2]
}
