package graph_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/attachment"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/store/storetest"
)

const supplementPhotosDoc = `mutation($c:String!,$t:String!,$x:String,$i:[Upload!]) {
	supplementCase(code:$c, token:$t, text:$x, images:$i) { status timeline { action actor photos } } }`

// testPNG is a small PNG whose pixels depend on shade.
func testPNG(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = shade + uint8(i)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCitizenAddsPhotosOverMultipart: the citizen's photos go through the
// GraphQL multipart transport without a login, with the case code and
// token; staff who see the ticket see them; wrong tokens, other tenants'
// codes, closed cases, wrong types and oversize files store nothing.
func TestCitizenAddsPhotosOverMultipart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a, bt := readDemoTenant(t, e, "demo-a"), readDemoTenant(t, e, "demo-b")
		c := e.App.DB.Client
		clerk := e.Login(t, "demo-a", "clerk")
		var created struct{ CreateTicket staffTicket }
		e.Do(t, clerk, `mutation { createTicket(input:{title:"路灯不亮", body:"中山路12号门口路灯坏了一周", channel:PHONE}) { id code trackingToken } }`, nil).Decode(t, &created)
		tk := created.CreateTicket
		id := mustAtoi(t, tk.ID)
		other := c.Ticket.Query().Where(ticket.StatusNEQ(ticket.StatusCLOSED), ticket.StatusNEQ(ticket.StatusMERGED), ticket.CodeNEQ(tk.Code)).FirstX(bt.ctx)
		photos := func(data ...[]byte) (map[string]any, []apptest.File) {
			nulls := make([]any, len(data))
			var files []apptest.File
			for i, d := range data {
				files = append(files, apptest.File{Path: fmt.Sprintf("variables.i.%d", i), Name: fmt.Sprintf("IMG_%d.jpg", i), Data: d})
			}
			return map[string]any{"c": tk.Code, "t": tk.TrackingToken, "x": "灯杆照片", "i": nulls}, files
		}
		stored := func() (int, int) {
			return c.Attachment.Query().Where(attachment.TicketID(id)).CountX(a.ctx),
				c.Attachment.Query().Where(attachment.TicketID(other.ID)).CountX(bt.ctx)
		}

		// Two photos, anonymous, with code and token.
		vars, files := photos(testPNG(t, 1), testPNG(t, 2))
		r := e.UploadFiles(t, "", supplementPhotosDoc, vars, files)
		var out struct {
			SupplementCase *struct {
				Status   string
				Timeline []struct {
					Action, Actor string
					Photos        int
				}
			}
		}
		r.Decode(t, &out)
		if out.SupplementCase == nil {
			t.Fatalf("supplementCase with photos answered null")
		}
		tl := out.SupplementCase.Timeline
		if last := tl[len(tl)-1]; last.Action != "SUPPLEMENT" || last.Photos != 2 || last.Actor != "市民" || tl[0].Photos != 0 {
			t.Errorf("the citizen's timeline ends with %+v", last)
		}

		// Staff who see the ticket see the photos and the step listing them;
		// a grid worker, who sees only his own tickets, sees neither.
		doc := `query($id:ID!) { node(id:$id) { ... on Ticket { attachments { id kind contentType size }
			timeline { action reason after } } } }`
		var staff struct {
			Node *struct {
				Attachments []struct {
					ID, Kind, ContentType string
					Size                  int
				}
				Timeline []struct {
					Action, Reason string
					After          map[string]any
				}
			}
		}
		e.Do(t, clerk, doc, map[string]any{"id": tk.ID}).Decode(t, &staff)
		if staff.Node == nil || len(staff.Node.Attachments) != 2 {
			t.Fatalf("the clerk sees %+v, want the ticket with two photos", staff.Node)
		}
		for _, at := range staff.Node.Attachments {
			if at.Kind != intake.KindPhoto || at.ContentType != "image/png" || at.Size == 0 {
				t.Errorf("attachment %+v, want a PNG photo (the type read from the content, not the .jpg name)", at)
			}
		}
		step := staff.Node.Timeline[len(staff.Node.Timeline)-1]
		if ids, _ := step.After["attachmentIDs"].([]any); step.Action != "SUPPLEMENT" || step.Reason != "灯杆照片" || len(ids) != 2 ||
			fmt.Sprintf("%.0f", ids[0]) != staff.Node.Attachments[0].ID {
			t.Errorf("the staff timeline ends with %+v, want the supplement naming its photos %v", step, staff.Node.Attachments)
		}
		var grid struct {
			Node *struct{ Attachments []struct{ ID string } }
		}
		e.Do(t, e.Login(t, "demo-a", "grid_worker"), doc, map[string]any{"id": tk.ID}).Decode(t, &grid)
		if grid.Node != nil {
			t.Errorf("the grid worker sees the clerk's ticket and its photos: %+v", grid.Node)
		}

		wantA, wantB := stored()
		refused := []struct {
			name  string
			mod   func(map[string]any)
			data  [][]byte
			code  string
			words string
		}{
			{"a wrong token", func(v map[string]any) { v["t"] = otherToken(tk.TrackingToken) }, [][]byte{testPNG(t, 3)}, "", ""},
			{"demo-b's code with demo-a's token", func(v map[string]any) { v["c"] = other.Code }, [][]byte{testPNG(t, 4)}, "", ""},
			{"demo-a's code with demo-b's token", func(v map[string]any) { v["t"] = other.TrackingToken }, [][]byte{testPNG(t, 5)}, "", ""},
			{"text sent as a photo", nil, [][]byte{[]byte(strings.Repeat("<html>不是图片</html>", 40))}, "BAD_USER_INPUT", "not a JPEG, PNG or WebP"},
			{"a photo over 8 MB", nil, [][]byte{append(testPNG(t, 6), make([]byte, intake.MaxPhotoBytes)...)}, "BAD_USER_INPUT", "larger than 8 MB"},
			{"five photos", nil, [][]byte{testPNG(t, 7), testPNG(t, 8), testPNG(t, 9), testPNG(t, 10), testPNG(t, 11)}, "BAD_USER_INPUT", "at most 4"},
		}
		for _, x := range refused {
			vars, files := photos(x.data...)
			if x.mod != nil {
				x.mod(vars)
			}
			r := e.UploadFiles(t, "", supplementPhotosDoc, vars, files)
			switch {
			case x.code == "" && (string(r.Data) != `{"supplementCase":null}` || len(r.Errors) > 0):
				t.Errorf("%s: %s %+v, want null like an unknown code", x.name, r.Data, r.Errors)
			case x.code != "" && (r.Code() != x.code || !strings.Contains(r.Errors[0].Message, x.words)):
				t.Errorf("%s: %+v, want %s saying %q", x.name, r.Errors, x.code, x.words)
			}
		}
		if gotA, gotB := stored(); gotA != wantA || gotB != wantB {
			t.Errorf("refused uploads stored files: %d and %d attachments, want %d and %d", gotA, gotB, wantA, wantB)
		}

		// A closed case takes no more photos.
		c.Ticket.UpdateOneID(id).SetStatus(ticket.StatusCLOSED).ExecX(a.ctx)
		vars, files = photos(testPNG(t, 12))
		if r := e.UploadFiles(t, "", supplementPhotosDoc, vars, files); r.Code() != "CONFLICT" {
			t.Errorf("photos for a closed case: %+v, want CONFLICT", r.Errors)
		}
		if gotA, _ := stored(); gotA != wantA {
			t.Errorf("a closed case took a photo: %d attachments, want %d", gotA, wantA)
		}
	})
}
