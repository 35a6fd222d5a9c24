package bench

import (
	"fmt"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/watchitem"
	"github.com/minsheng/minsheng/insight/warning"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/workflow"
)

// BenchmarkWarningsAtRegistration is what the warning rules add to
// registering a ticket: the same registration as BenchmarkCreateTicket's
// service case, with an empty watch list and with a full one (the tenant's
// limit, warning.MaxWatchItems: a third each persons, places and topics, none
// matching, so every item is read and tried).
func BenchmarkWarningsAtRegistration(b *testing.B) {
	eachBackend(b, func(b *testing.B, be storetest.Backend) {
		e := apptest.New(b, be)
		d := loadDemoA(b, e)
		var ids idNumbers
		name, phone := "王秀英", "13912345678"
		category, department := d.categories[0], d.departments[0]
		register := func(b *testing.B) {
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
		}
		b.Run("empty watch list", register)
		admin := asUser(b, e, "admin")
		var watched idNumbers
		watched.n = 500_000 // numbers no registration above uses
		for i := range warning.MaxWatchItems {
			in := warning.WatchInput{Reason: "基准测试", Level: 1}
			switch i % 3 {
			case 0:
				id := watched.next()
				in.Kind, in.IDNumber = watchitem.KindPERSON, &id
			case 1:
				in.Kind, in.Words = watchitem.KindPLACE, []string{fmt.Sprintf("园区%d", i)}
			default:
				in.Kind, in.Words = watchitem.KindTOPIC, []string{fmt.Sprintf("话题%d", i)}
			}
			if _, err := e.App.Warnings.AddWatchItem(admin, in); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("%d watch items", warning.MaxWatchItems), register)
	})
}
