// Package bench measures the two things a bureau notices: how fast tickets
// are registered, and how fast the first page of the ticket list comes back
// once a tenant holds a year of tickets. Each is measured through GraphQL
// over HTTP and below it (the service or the ent client, and plain SQL), on
// SQLite and on PostgreSQL, so the README can show what each layer costs.
// Only `go test -bench` runs them (`make bench`).
package bench

import (
	"context"
	"database/sql"
	"strconv"
	"testing"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/workflow"
)

// BenchmarkCreateTicket registers tickets with a new citizen each, as demo-a's
// clerk, one after the other.
func BenchmarkCreateTicket(b *testing.B) {
	eachBackend(b, func(b *testing.B, be storetest.Backend) {
		e := apptest.New(b, be)
		d := loadDemoA(b, e)
		var ids idNumbers // shared: every ticket brings a citizen not seen before
		name, phone := "王秀英", "13912345678"
		category, department := d.categories[0], d.departments[0]

		b.Run("service", func(b *testing.B) {
			ctx := asUser(b, e, "clerk")
			b.ResetTimer()
			for range b.N {
				id := ids.next()
				_, err := e.App.Workflow.CreateTicket(ctx, workflow.NewTicket{
					Title: "小区路灯不亮", Body: "梅园新村3栋门口路灯坏了一周。", Channel: ticket.ChannelPHONE,
					CategoryID: &category, DepartmentID: &department,
					Citizen: &directory.CitizenInput{Name: &name, IDNumber: &id, Phone: &phone},
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
		})

		b.Run("graphql", func(b *testing.B) {
			token := e.Login(b, "demo-a", "clerk")
			const mutation = `mutation($in: CreateTicketInput!) { createTicket(input: $in) { id code status } }`
			b.ResetTimer()
			for range b.N {
				r := e.Do(b, token, mutation, map[string]any{"in": map[string]any{
					"title": "小区路灯不亮", "body": "梅园新村3栋门口路灯坏了一周。", "channel": "PHONE",
					"categoryID": category, "departmentID": department,
					"citizen": map[string]any{"name": name, "idNumber": ids.next(), "phone": phone},
				}})
				if len(r.Errors) > 0 {
					b.Fatalf("createTicket: %+v", r.Errors)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
		})
	})
}

// pageSize is the first page the ticket list asks for.
const pageSize = 20

// page is what every layer must answer: the count of matching tickets and
// the codes on the first page, newest first.
type page struct {
	total int
	codes []string
}

func (p page) same(q page) bool {
	if p.total != q.total || len(p.codes) != len(q.codes) {
		return false
	}
	for i := range p.codes {
		if p.codes[i] != q.codes[i] {
			return false
		}
	}
	return true
}

// BenchmarkTicketPage reads the first page of a filtered ticket list — the
// registered tickets of one department, newest first, with the total count —
// from a tenant holding 100,000 tickets, as demo-a's dispatcher (who sees
// all of them).
func BenchmarkTicketPage(b *testing.B) {
	eachBackend(b, func(b *testing.B, be storetest.Backend) {
		e := apptest.New(b, be)
		d := loadDemoA(b, e)
		fillTickets(b, e, d, 100_000)
		if be.Name == "postgres" {
			// A database that has lived with its tickets has been vacuumed
			// (visibility map: index-only counts) and analyzed (planner
			// statistics). Done now, or autovacuum would do it at some
			// point during the run and change the plans under it. Only
			// these tables: other tests' schemas share the database.
			if _, err := e.App.DB.SQL.Exec("VACUUM ANALYZE tickets, categories, departments"); err != nil {
				b.Fatal(err)
			}
		}
		dept := d.departments[0]
		want := plainPage(b, e, be, d.tenantID, dept)
		if want.total < pageSize+1 {
			b.Fatalf("only %d tickets match the filter; the fill is too thin to page", want.total)
		}
		check := func(b *testing.B, layer string, got page) {
			if !got.same(want) {
				b.Fatalf("%s answered %d tickets %v, plain SQL %d tickets %v", layer, got.total, got.codes, want.total, want.codes)
			}
		}

		b.Run("graphql", func(b *testing.B) {
			token := e.Login(b, "demo-a", "dispatcher")
			const query = `query($dept: ID!, $first: Int!) {
				tickets(first: $first, where: {status: REGISTERED, hasDepartmentWith: [{id: $dept}]},
					orderBy: [{field: CREATED_AT, direction: DESC}]) {
					totalCount
					edges { node { id code title status createdAt category { name } department { name } } }
					pageInfo { hasNextPage endCursor }
				}
			}`
			vars := map[string]any{"dept": dept, "first": pageSize}
			var r *apptest.Response
			b.ResetTimer()
			for range b.N {
				r = e.Do(b, token, query, vars)
				if len(r.Errors) > 0 {
					b.Fatalf("tickets: %+v", r.Errors)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
			b.StopTimer()
			var out struct {
				Tickets struct {
					TotalCount int
					Edges      []struct{ Node struct{ Code string } }
					PageInfo   struct{ HasNextPage bool }
				}
			}
			r.Decode(b, &out)
			got := page{total: out.Tickets.TotalCount}
			for _, edge := range out.Tickets.Edges {
				got.codes = append(got.codes, edge.Node.Code)
			}
			check(b, "GraphQL", got)
			if !out.Tickets.PageInfo.HasNextPage {
				b.Fatal("GraphQL says there is no next page")
			}
		})

		b.Run("ent", func(b *testing.B) {
			ctx := asUser(b, e, "dispatcher")
			first := pageSize
			order := ent.WithTicketOrder([]*ent.TicketOrder{{Field: ent.TicketOrderFieldCreatedAt, Direction: entgql.OrderDirectionDesc}})
			var conn *ent.TicketConnection
			b.ResetTimer()
			for range b.N {
				var err error
				conn, err = e.App.DB.Client.Ticket.Query().
					Where(ticket.StatusEQ(ticket.StatusREGISTERED), ticket.DepartmentID(dept)).
					WithCategory().WithDepartment().
					Paginate(ctx, nil, &first, nil, nil, order)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
			b.StopTimer()
			got := page{total: conn.TotalCount}
			for _, edge := range conn.Edges {
				if edge.Node.Edges.Category == nil || edge.Node.Edges.Department == nil {
					b.Fatalf("ticket %s came without its category or department", edge.Node.Code)
				}
				got.codes = append(got.codes, edge.Node.Code)
			}
			check(b, "ent", got)
		})

		b.Run("sql", func(b *testing.B) {
			var got page
			b.ResetTimer()
			for range b.N {
				got = plainPage(b, e, be, d.tenantID, dept)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
			b.StopTimer()
			check(b, "plain SQL", got)
		})
	})
}

// plainPage is the page written by hand: the count the API answers as
// totalCount, and one row more than the page to know whether another page
// follows, joined to the names the API shows.
func plainPage(b *testing.B, e *apptest.Env, be storetest.Backend, tenantID, dept int) page {
	countQuery := `SELECT count(*) FROM tickets WHERE tenant_id = ? AND status = ? AND department_id = ?`
	pageQuery := `SELECT t.id, t.code, t.title, t.status, t.created_at, c.name, d.name
		FROM tickets t
		LEFT JOIN categories c ON c.id = t.category_id
		LEFT JOIN departments d ON d.id = t.department_id
		WHERE t.tenant_id = ? AND t.status = ? AND t.department_id = ?
		ORDER BY t.created_at DESC, t.id DESC
		LIMIT ` + strconv.Itoa(pageSize+1)
	if be.Name == "postgres" {
		countQuery, pageQuery = numbered(countQuery), numbered(pageQuery)
	}
	ctx := context.Background()
	db := e.App.DB.SQL
	var p page
	if err := db.QueryRowContext(ctx, countQuery, tenantID, "REGISTERED", dept).Scan(&p.total); err != nil {
		b.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, pageQuery, tenantID, "REGISTERED", dept)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id                     int
			code, title, status    string
			createdAt              time.Time
			categoryName, deptName sql.NullString
		)
		if err := rows.Scan(&id, &code, &title, &status, &createdAt, &categoryName, &deptName); err != nil {
			b.Fatal(err)
		}
		if len(p.codes) < pageSize {
			p.codes = append(p.codes, code)
		}
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return p
}

// numbered turns ? placeholders into PostgreSQL's $1, $2, …
func numbered(query string) string {
	out, n := make([]byte, 0, len(query)+8), 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			out = append(out, '$')
			out = strconv.AppendInt(out, int64(n), 10)
			continue
		}
		out = append(out, query[i])
	}
	return string(out)
}
