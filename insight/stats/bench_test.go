package stats_test

// The statistics at scale (make bench): a tenant of 2,000,000 tickets on
// PostgreSQL and of 100,000 on SQLite, five years of them (2021–2025), and
// two questions leaders ask every day — a month by level-1 category, a year
// by department — each beside a plain SQL COUNT(*) of the same slice (the
// floor: what reading the rows alone costs). One op is one Statistics call,
// as the API serves it: the period, the one before (环比) and the one a
// year before (同比), persons (人次) and handling time included.
//
// The PostgreSQL fixture takes minutes to write, so it is kept between
// runs in the schema bench_stats of the MINSHENG_TEST_POSTGRES database, and
// rebuilt only when the marker row (the ticket count and fixtureVersion) is
// missing or differs: drop that schema to rebuild it. The SQLite one is
// written anew in a temporary folder each run (seconds).

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/insight/rollup"
	"github.com/minsheng/minsheng/insight/stats"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// fixtureVersion changes when the generated data does: the kept
// PostgreSQL fixture is then rebuilt.
const fixtureVersion = 1

const benchSchema = "bench_stats"

func BenchmarkStatisticsAtScale(b *testing.B) {
	b.Run("postgres-2M", func(b *testing.B) {
		base := os.Getenv("MINSHENG_TEST_POSTGRES")
		if base == "" {
			b.Skip("PostgreSQL not configured: run `make bench`")
		}
		u, err := url.Parse(base)
		if err != nil {
			b.Fatal(err)
		}
		admin, err := sql.Open("pgx", base)
		if err != nil {
			b.Fatal(err)
		}
		defer admin.Close()
		if _, err := admin.Exec("CREATE SCHEMA IF NOT EXISTS " + benchSchema); err != nil {
			b.Fatal(err)
		}
		// A fixture written before free text was sealed at rest: the app
		// would seal its 2,000,000 rows one by one at start (an hour).
		// Their text holds no personal data, for which sealing writes an
		// empty envelope: write it in one statement.
		var kept sql.NullString
		if err := admin.QueryRow("SELECT to_regclass('" + benchSchema + ".tickets')::text").Scan(&kept); err != nil {
			b.Fatal(err)
		}
		if kept.Valid {
			if _, err := admin.Exec("UPDATE " + benchSchema + ".tickets SET text_sealed = ''::bytea WHERE text_sealed IS NULL AND code LIKE 'B-%'"); err != nil {
				b.Fatal(err)
			}
		}
		q := u.Query()
		q.Set("search_path", benchSchema)
		u.RawQuery = q.Encode()
		benchOn(b, storetest.Backend{Name: "postgres", URL: u.String()}, 2_000_000)
	})
	b.Run("sqlite-100k", func(b *testing.B) {
		benchOn(b, storetest.Backend{Name: "sqlite"}, 100_000)
	})
}

func benchOn(b *testing.B, be storetest.Backend, n int) {
	e := apptest.Start(b, apptest.Config(b, be))
	if err := e.App.Seeder().Seed(context.Background()); err != nil {
		b.Fatal(err)
	}
	c := e.App.DB.Client
	sys := viewer.SystemContext(context.Background())
	tn := c.Tenant.Query().Where(tenant.Code("demo-a")).OnlyX(sys)
	db := e.App.DB.SQL
	pg := be.Name == "postgres"
	wrote, err := generate(db, pg, tn.ID, n)
	if err != nil {
		b.Fatal(err)
	}
	// The fixture is written by SQL, past the hooks: its rollup is built
	// here when it was just written, and otherwise checked as at start.
	if wrote {
		if err := rollup.Rebuild(context.Background(), c, tn.ID); err != nil {
			b.Fatal(err)
		}
	} else if _, err := rollup.Backfill(context.Background(), c); err != nil {
		b.Fatal(err)
	}
	u := c.User.Query().Where(user.Username("analyst")).OnlyX(viewer.TenantSystemContext(context.Background(), tn.ID))
	ctx := viewer.NewContext(context.Background(), e.App.Auth.UserViewer(u))
	s := stats.New(c).WithClock(func() time.Time { return time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC) })
	march := stats.Input{From: calendar.Day{Year: 2025, Month: time.March, Day: 1}, To: calendar.Day{Year: 2025, Month: time.March, Day: 31},
		GroupBy: []stats.Dimension{stats.Category1}}
	year := stats.Input{From: calendar.Day{Year: 2025, Month: time.January, Day: 1}, To: calendar.Day{Year: 2025, Month: time.December, Day: 31},
		GroupBy: []stats.Dimension{stats.Department}}
	ph := func(i int) string {
		if pg {
			return fmt.Sprintf("$%d", i)
		}
		return "?"
	}
	count := "SELECT COUNT(*) FROM tickets WHERE tenant_id = " + ph(1) + " AND registered_at >= " + ph(2) + " AND registered_at < " + ph(3) + " AND status <> 'DRAFT'"
	bj := func(y int, m time.Month, d int) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	}
	for _, c := range []struct {
		name     string
		in       stats.Input
		from, to time.Time
	}{
		{"month-by-category1", march, bj(2025, 3, 1), bj(2025, 4, 1)},
		{"year-by-department", year, bj(2025, 1, 1), bj(2026, 1, 1)},
	} {
		var received int
		for _, persons := range []bool{false, true} {
			name, in := c.name, c.in
			in.SkipPersons = !persons
			if persons {
				name += "-with-persons"
			}
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					st, err := s.Statistics(ctx, in)
					if err != nil {
						b.Fatal(err)
					}
					received = st.Total.Received
				}
				b.ReportMetric(float64(received), "tickets")
			})
		}
		b.Run(c.name+"-sql-count", func(b *testing.B) {
			var k int
			for b.Loop() {
				if err := db.QueryRow(count, tn.ID, c.from, c.to).Scan(&k); err != nil {
					b.Fatal(err)
				}
			}
			if k != received {
				b.Errorf("SQL counts %d tickets, statistics %d", k, received)
			}
			b.ReportMetric(float64(k), "tickets")
		})
	}
}

// generate writes n tickets into tenant (and says so), spread evenly over 2021–2025, with
// facts as workflow keeps them, unless the marker says they are there. Bulk
// SQL: through the services it would take hours.
func generate(db *sql.DB, pg bool, tenantID, n int) (wrote bool, _ error) {
	if _, err := db.Exec("CREATE TABLE IF NOT EXISTS bench_marker (tickets INTEGER, version INTEGER)"); err != nil {
		return false, err
	}
	var have, version int
	err := db.QueryRow("SELECT tickets, version FROM bench_marker").Scan(&have, &version)
	if err == nil && have == n && version == fixtureVersion {
		return false, nil
	}
	if err != nil && err != sql.ErrNoRows {
		return false, err
	}
	for _, q := range []string{"DELETE FROM bench_marker", fmt.Sprintf("DELETE FROM tickets WHERE code LIKE 'B-%%' AND tenant_id = %d", tenantID)} {
		if _, err := db.Exec(q); err != nil {
			return false, err
		}
	}
	// g is the ticket's number; its registration is g·step seconds after
	// 2021-01-01 00:00 Beijing time; categories, departments, regions and
	// persons are picked by g modulo their count.
	step := 5 * 365.25 * 86400 / float64(n)
	series := fmt.Sprintf("WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < %d)", n)
	from := "s"
	reg := fmt.Sprintf("datetime(julianday('2020-12-31 16:00:00') + g * %f / 86400.0)", step)
	plus := func(hours string) string {
		return fmt.Sprintf("strftime('%%Y-%%m-%%d %%H:%%M:%%S', julianday(%s) + (%s) / 24.0) || '+00:00'", reg, hours)
	}
	regT := "(" + reg + " || '+00:00')"
	yes, no := "1", "0"
	empty := "X''" // the sealed text of a row without personal data (directory.SealStoredText)
	if pg {
		series = ""
		from = fmt.Sprintf("generate_series(1, %d) AS s(g)", n)
		regT = fmt.Sprintf("(timestamptz '2021-01-01 00:00:00+08' + g * interval '%f seconds')", step)
		plus = func(hours string) string { return fmt.Sprintf("(%s + (%s) * interval '1 hour')", regT, hours) }
		yes, no = "true", "false"
		empty = "''::bytea"
	}
	// The g-th node of a table, by ID, modulo their count. CROSS JOIN
	// keeps the series the outer loop on SQLite (otherwise it may walk the
	// whole series once per node); PostgreSQL hashes the join either way.
	pick := func(table, alias, index string) (join, cond string) {
		return fmt.Sprintf(" CROSS JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS i, COUNT(*) OVER () AS k FROM %s WHERE tenant_id = %d) %s", table, tenantID, alias),
			fmt.Sprintf("%s.i = (%s) %% %s.k", alias, index, alias)
	}
	cj, cc := pick("categories", "c", "g")
	dj, dc := pick("departments", "d", "g / 7")
	rj, rc := pick("regions", "r", "g / 3")
	status := "CASE g % 10 WHEN 0 THEN 'IN_PROGRESS' WHEN 1 THEN 'REPLIED' WHEN 2 THEN 'DISPATCHED' WHEN 3 THEN 'REGISTERED' ELSE 'CLOSED' END"
	handled := "g % 10 NOT IN (2, 3)"
	b := func(cond string) string { return "CASE WHEN " + cond + " THEN " + yes + " ELSE " + no + " END" }
	q := series + ` INSERT INTO tickets (tenant_id, code, channel, title, body, anonymous, place, status, version, registered_at,
		category_id, department_id, region_id, due_at, created_at, updated_at, tracking_token, supervised, match_terms, contact_phone_hash, text_sealed,
		facts_version, first_dispatched_at, first_accepted_at, accepted_timely, last_replied_at, last_reply_complete,
		returned_count, reopened_count, instructed_count, supervised_count, reached_yellow, reached_red,
		callback_count, last_callback_satisfied, last_callback_solved)
	SELECT ` + fmt.Sprint(tenantID) + `, 'B-' || g, CASE g % 4 WHEN 0 THEN 'WEB' WHEN 1 THEN 'WECHAT' ELSE 'PHONE' END, '基准工单', '', ` + b("g % 9 = 0") + `, '', ` + status + `, 1, ` + regT + `,
		c.id, d.id, r.id, CASE WHEN g % 10 <> 3 THEN ` + plus("240") + ` END, ` + regT + `, ` + regT + `, 'bench' || g, ` + b("g % 50 = 0") + `, '',
		CASE WHEN g % 9 <> 0 THEN 'p' || (g % 400000) END, ` + empty + `,
		1, CASE WHEN g % 10 <> 3 THEN ` + plus("1") + ` END, CASE WHEN g % 10 NOT IN (2, 3) THEN ` + plus("1 + g % 30") + ` END,
		` + b(handled+" AND g % 30 < 23") + `, CASE WHEN g % 10 IN (1, 4, 5, 6, 7, 8, 9) THEN ` + plus("24 * (g % 15) + 2") + ` END, ` + b("g % 7 <> 0") + `,
		CASE WHEN g % 17 = 0 THEN 1 ELSE 0 END, CASE WHEN g % 23 = 0 THEN 1 ELSE 0 END, CASE WHEN g % 41 = 0 THEN 1 ELSE 0 END, CASE WHEN g % 50 = 0 THEN 1 ELSE 0 END,
		` + b("g % 12 = 0") + `, ` + b("g % 60 = 0") + `,
		CASE WHEN g % 10 >= 4 AND g % 5 <> 0 THEN 1 ELSE 0 END, ` + b("g % 10 >= 4 AND g % 5 <> 0 AND g % 8 <> 0") + `, ` + b("g % 10 >= 4 AND g % 5 <> 0 AND g % 6 <> 0") + `
	FROM ` + from + cj + dj + rj + " WHERE " + cc + " AND " + dc + " AND " + rc
	if _, err := db.Exec(q); err != nil {
		return true, fmt.Errorf("generate: %w", err)
	}
	if pg {
		if _, err := db.Exec("ANALYZE tickets"); err != nil {
			return true, err
		}
	}
	_, err = db.Exec(fmt.Sprintf("INSERT INTO bench_marker (tickets, version) VALUES (%d, %d)", n, fixtureVersion))
	return true, err
}
