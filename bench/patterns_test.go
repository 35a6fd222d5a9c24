package bench

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/insight/patterns"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// The volume of BenchmarkDetection.
const (
	detectionTickets = 100_000
	detectionCallers = 5_000
)

// patternTexts are the matters of the earlier tickets, each at many places.
var patternTexts = []string{"电梯经常停运困人", "垃圾站没人清运异味大", "夜间施工噪音扰民", "路灯不亮出行不便", "楼上漏水墙面发霉", "饭店油烟扰民", "车辆乱停堵住消防通道"}

// BenchmarkDetection registers tickets as demo-a's clerk into a tenant
// holding 100,000 earlier tickets of the last 180 days (5,000 callers, so
// a caller has some 20 earlier tickets; each a matter at one of 60 estates,
// words stored as registration stores them; some 3,900 in a 7-day group
// window), with repeat and group detection on and, for comparison,
// switched off by the tenant setting.
func BenchmarkDetection(b *testing.B) {
	eachBackend(b, func(b *testing.B, be storetest.Backend) {
		e := apptest.New(b, be)
		d := loadDemoA(b, e)
		phones := fillPatternTickets(b, e, d, detectionTickets, detectionCallers)
		ctx := asUser(b, e, "clerk")
		rng := rand.New(rand.NewPCG(7, 7))
		for _, on := range []bool{true, false} {
			tn := e.App.DB.Client.Tenant.GetX(viewer.SystemContext(context.Background()), d.tenantID)
			settings := maps.Clone(tn.Settings)
			if settings == nil {
				settings = map[string]any{}
			}
			settings[patterns.SettingDetection] = on
			e.App.DB.Client.Tenant.UpdateOneID(d.tenantID).SetSettings(settings).ExecX(viewer.SystemContext(context.Background()))
			b.Run(fmt.Sprintf("detection=%v", on), func(b *testing.B) {
				for range b.N {
					phone := phones[rng.IntN(len(phones))]
					text := patternTexts[rng.IntN(len(patternTexts))]
					place := fmt.Sprintf("小区%d号%d栋", rng.IntN(60), rng.IntN(20))
					cat := d.categories[rng.IntN(len(d.categories))]
					_, err := e.App.Workflow.CreateTicket(ctx, workflow.NewTicket{
						Title: place + text, Body: place + text + "，请尽快处理。", Place: &place, Channel: ticket.ChannelPHONE,
						CategoryID: &cat, Citizen: &directory.CitizenInput{Phone: &phone},
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
			})
		}
	})
}

// fillPatternTickets writes n earlier tickets from callers phone numbers
// and returns the numbers.
func fillPatternTickets(b *testing.B, e *apptest.Env, d demoA, n, callers int) []string {
	b.Helper()
	ctx := viewer.TenantSystemContext(context.Background(), d.tenantID)
	c := e.App.DB.Client
	cl, err := insight.NewClassifier()
	if err != nil {
		b.Fatal(err)
	}
	m := patterns.New(cl)
	phones := make([]string, callers)
	hashes := make([]string, callers)
	for i := range phones {
		phones[i] = fmt.Sprintf("139%08d", i)
		_, h, err := e.App.Directory.SealPhone(directory.CitizenInput{Phone: &phones[i]})
		if err != nil || h == nil {
			b.Fatalf("seal phone: %v", err)
		}
		hashes[i] = *h
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	end := time.Now().Add(-time.Hour)
	// The texts are few (7 matters × 1,200 places): each one's words are
	// computed once, so filling takes seconds, not minutes.
	terms := map[string]string{}
	const batch = 1000
	builders := make([]*ent.TicketCreate, 0, batch)
	for i := range n {
		at := end.Add(-time.Duration(rng.Int64N(180*24*3600)) * time.Second)
		text := patternTexts[rng.IntN(len(patternTexts))]
		place := fmt.Sprintf("小区%d号%d栋", rng.IntN(60), rng.IntN(20))
		title, body := place+text, place+text+"，请尽快处理。"
		words, ok := terms[title]
		if !ok {
			words = m.Terms(title, body, place)
			terms[title] = words
		}
		status := ticket.StatusCLOSED
		if rng.IntN(4) == 0 {
			status = ticket.StatusDISPATCHED
		}
		builders = append(builders, c.Ticket.Create().
			SetCode(fmt.Sprintf("MS-P-%06d", i)).SetChannel(ticket.ChannelPHONE).
			SetTitle(title).SetBody(body).SetPlace(place).SetStatus(status).
			SetCreatedAt(at).SetUpdatedAt(at).SetRegisteredAt(at).
			SetContactPhoneHash(hashes[rng.IntN(callers)]).
			SetMatchTerms(words).
			SetCategoryID(d.categories[rng.IntN(len(d.categories))]).
			SetRegionID(d.regions[rng.IntN(len(d.regions))]))
		if len(builders) == batch || i == n-1 {
			if err := c.Ticket.CreateBulk(builders...).Exec(ctx); err != nil {
				b.Fatalf("fill tickets: %v", err)
			}
			builders = builders[:0]
		}
	}
	return phones
}
