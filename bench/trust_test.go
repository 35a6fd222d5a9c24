package bench

import (
	"fmt"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/store/storetest"
)

// letterBody is a complaint as people write them: a phone number and an ID
// number in the text, so masking, sealing and the audited clear read all
// have work to do.
const letterBody = "本人张建国，身份证号320102198802141237，住梅园新村3栋。门口路灯坏了一周，" +
	"晚上出行不便，多次向物业反映无果。请尽快修复，联系电话138-1234-5678，座机025-84561234。"

// BenchmarkTrustChecks measures, in one run, what the personal-data checks
// add to the two requests a bureau notices: registering a ticket whose
// text carries numbers, and a page of such tickets read in clear by a
// clerk (each field with a number opened from its sealed copy and
// audited). Beside each request it times the checks' own work on the same
// text — masking and sealing on the way in, masking on the way out — and
// reports it as a share of the request (checks_%). The document walk of
// the query is BenchmarkDocumentCheck in graph, in the same `make bench`;
// page_masked is the same page for a reader of masked text.
func BenchmarkTrustChecks(b *testing.B) {
	eachBackend(b, func(b *testing.B, be storetest.Backend) {
		e := apptest.New(b, be)
		d := loadDemoA(b, e)
		token := e.Login(b, "demo-a", "clerk")
		box, err := pii.NewBox([]byte("a bench key of thirty-two bytes!"))
		if err != nil {
			b.Fatal(err)
		}
		var ids idNumbers
		create := func(b *testing.B, i int) {
			r := e.Do(b, token, `mutation($in: CreateTicketInput!) { createTicket(input: $in) { id code } }`,
				map[string]any{"in": map[string]any{
					"title": fmt.Sprintf("路灯不亮 %d", i), "body": letterBody, "channel": "LETTER",
					"categoryID": d.categories[0], "departmentID": d.departments[0],
					"citizen": map[string]any{"name": "张建国", "idNumber": ids.next(), "phone": "13812345678"},
				}})
			if len(r.Errors) > 0 {
				b.Fatalf("createTicket: %+v", r.Errors)
			}
		}
		for i := range pageSize {
			create(b, i)
		}

		b.Run("createTicket", func(b *testing.B) {
			var request, checks time.Duration
			for i := range b.N {
				start := time.Now()
				create(b, i)
				mid := time.Now()
				title, _ := pii.MaskText(fmt.Sprintf("路灯不亮 %d", i))
				body, found := pii.MaskText(letterBody)
				if found {
					if _, err := box.Seal(letterBody); err != nil {
						b.Fatal(err)
					}
				}
				_, _ = title, body
				request += mid.Sub(start)
				checks += time.Since(mid)
			}
			b.ReportMetric(float64(request.Microseconds())/1000/float64(b.N), "ms/request")
			b.ReportMetric(100*checks.Seconds()/request.Seconds(), "checks_%")
		})

		const query = `query($first: Int!) { tickets(first: $first, where: {channel: LETTER},
			orderBy: [{field: CREATED_AT, direction: DESC}]) { totalCount edges { node { id code title body } } } }`
		// The same page for the analyst, who reads the stored (masked) text:
		// no sealed copy opened, no audit record. The clerk's page above
		// minus this one is what clear reads cost.
		b.Run("page_masked", func(b *testing.B) {
			analyst := e.Login(b, "demo-a", "analyst")
			vars := map[string]any{"first": pageSize}
			start := time.Now()
			for range b.N {
				if r := e.Do(b, analyst, query, vars); len(r.Errors) > 0 {
					b.Fatalf("tickets: %+v", r.Errors)
				}
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/request")
		})
		b.Run("page", func(b *testing.B) {
			vars := map[string]any{"first": pageSize}
			var request, checks time.Duration
			for range b.N {
				start := time.Now()
				r := e.Do(b, token, query, vars)
				mid := time.Now()
				if len(r.Errors) > 0 {
					b.Fatalf("tickets: %+v", r.Errors)
				}
				for range pageSize {
					_, _ = pii.MaskText(letterBody) // what a reveal checks the clear copy against
				}
				request += mid.Sub(start)
				checks += time.Since(mid)
			}
			b.ReportMetric(float64(request.Microseconds())/1000/float64(b.N), "ms/request")
			b.ReportMetric(100*checks.Seconds()/request.Seconds(), "checks_%")
		})
	})
}
