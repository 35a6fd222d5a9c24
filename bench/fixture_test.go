package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/category"
	"github.com/minsheng/minsheng/ent/department"
	"github.com/minsheng/minsheng/ent/region"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/idnumber"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// eachBackend runs fn as a sub-benchmark on SQLite and on PostgreSQL. fn
// sets up once and runs its measurements as further sub-benchmarks: a
// benchmark that has sub-benchmarks runs once, so the setup is neither timed
// nor repeated when b.N grows (only -count repeats it), and its cleanups run
// after the last measurement.
func eachBackend(b *testing.B, fn func(b *testing.B, be storetest.Backend)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, storetest.Backend{Name: "sqlite"}) })
	b.Run("postgres", func(b *testing.B) {
		fn(b, storetest.Backend{Name: "postgres", URL: storetest.PostgresURL(b)})
	})
}

// demoA is what the benchmarks pick from demo-a's seeded data.
type demoA struct {
	tenantID    int
	departments []int // up to 10
	categories  []int // leaves of the category tree
	regions     []int // communities
}

func loadDemoA(b *testing.B, e *apptest.Env) demoA {
	b.Helper()
	sys := viewer.SystemContext(context.Background())
	t, err := e.App.DB.Client.Tenant.Query().Where(tenant.Code("demo-a")).Only(sys)
	if err != nil {
		b.Fatal(err)
	}
	ctx := viewer.TenantSystemContext(context.Background(), t.ID)
	d := demoA{tenantID: t.ID}
	c := e.App.DB.Client
	if d.departments, err = c.Department.Query().Order(ent.Asc(department.FieldID)).Limit(10).IDs(ctx); err != nil {
		b.Fatal(err)
	}
	if d.categories, err = c.Category.Query().Where(category.Level(3)).Order(ent.Asc(category.FieldID)).IDs(ctx); err != nil {
		b.Fatal(err)
	}
	if d.regions, err = c.Region.Query().Where(region.LevelEQ(region.LevelCOMMUNITY)).Order(ent.Asc(region.FieldID)).IDs(ctx); err != nil {
		b.Fatal(err)
	}
	if len(d.departments) == 0 || len(d.categories) == 0 || len(d.regions) == 0 {
		b.Fatalf("demo-a has %d departments, %d leaf categories, %d communities", len(d.departments), len(d.categories), len(d.regions))
	}
	return d
}

// asUser returns a context acting as a demo-a user, as the API would build it
// from that user's token.
func asUser(b *testing.B, e *apptest.Env, username string) context.Context {
	b.Helper()
	sys := viewer.SystemContext(context.Background())
	u, err := e.App.DB.Client.User.Query().
		Where(user.Username(username), user.HasTenantWith(tenant.Code("demo-a"))).Only(sys)
	if err != nil {
		b.Fatal(err)
	}
	return viewer.NewContext(context.Background(), e.App.Auth.UserViewer(u))
}

// idNumbers hands out distinct valid ID numbers: a 玄武区 division code, a
// birth date moving one day per thousand numbers from 1950, and the sequence
// number within the day.
type idNumbers struct{ n int }

func (g *idNumbers) next() string {
	birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.n/1000)
	first17 := fmt.Sprintf("320102%s%03d", birth.Format("20060102"), g.n%1000)
	g.n++
	check, err := idnumber.CheckDigit(first17)
	if err != nil {
		panic(err) // the digits above are always 17
	}
	return first17 + string(check)
}

// fillTickets adds n tickets to demo-a, spread like a year of a bureau's
// work: mostly registered, dispatched or closed, over ~10 departments and
// the leaf categories, created at any second of the past year (before today,
// so the codes never meet the ones the service hands out today).
func fillTickets(b *testing.B, e *apptest.Env, d demoA, n int) {
	b.Helper()
	ctx := viewer.TenantSystemContext(context.Background(), d.tenantID)
	client := e.App.DB.Client
	rng := rand.New(rand.NewPCG(2026, 1))
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		b.Fatal(err)
	}
	end := time.Now().Add(-24 * time.Hour).Truncate(time.Second)
	statuses := []struct {
		status ticket.Status
		weight int // in percent
	}{
		{ticket.StatusREGISTERED, 20}, {ticket.StatusDISPATCHED, 25}, {ticket.StatusCLOSED, 40},
		{ticket.StatusACCEPTED, 5}, {ticket.StatusIN_PROGRESS, 5}, {ticket.StatusREPLIED, 5},
	}
	channels := []ticket.Channel{ticket.ChannelPHONE, ticket.ChannelPHONE, ticket.ChannelWEB, ticket.ChannelWECHAT,
		ticket.ChannelVISIT, ticket.ChannelGRID, ticket.ChannelLETTER}
	titles := []string{"小区路灯不亮", "夜间施工噪音扰民", "楼道堆放杂物", "道路积水", "餐馆油烟扰民", "物业收费不合理", "共享单车乱停放"}
	perDay := map[string]int{}
	// One INSERT per batch. 1,000 rows of ~15 columns stay well under
	// SQLite's 32,766 and PostgreSQL's 65,535 bind parameters per statement.
	const batch = 1000
	builders := make([]*ent.TicketCreate, 0, batch)
	for i := range n {
		at := end.Add(-time.Duration(rng.Int64N(365*24*3600)) * time.Second)
		day := at.In(loc).Format("20060102")
		perDay[day]++
		w, status := rng.IntN(100), statuses[0].status
		for _, s := range statuses {
			if w < s.weight {
				status = s.status
				break
			}
			w -= s.weight
		}
		title := titles[rng.IntN(len(titles))]
		builders = append(builders, client.Ticket.Create().
			SetCode(fmt.Sprintf("MS-%s-%04d", day, perDay[day])).
			SetChannel(channels[rng.IntN(len(channels))]).
			SetTitle(title).SetBody(title+"，请尽快处理。").
			SetStatus(status).
			SetCreatedAt(at).SetUpdatedAt(at).SetRegisteredAt(at).
			SetDepartmentID(d.departments[rng.IntN(len(d.departments))]).
			SetCategoryID(d.categories[rng.IntN(len(d.categories))]).
			SetRegionID(d.regions[rng.IntN(len(d.regions))]))
		if len(builders) == batch || i == n-1 {
			if err := client.Ticket.CreateBulk(builders...).Exec(ctx); err != nil {
				b.Fatalf("fill tickets: %v", err)
			}
			builders = builders[:0]
		}
	}
}
