package server_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"mime"
	"net/http"
	"strconv"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/auditlog"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// pngOf is a small PNG whose pixels depend on shade.
func pngOf(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 48, 32))
	for i := range img.Pix {
		img.Pix[i] = shade + uint8(i*7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type fileAnswer struct {
	status int
	header http.Header
	body   []byte
}

func getFile(t *testing.T, e *apptest.Env, token, path string) fileAnswer {
	t.Helper()
	return send(t, e, http.MethodGet, token, path, nil)
}

// send asks a route outside GraphQL with an optional bearer token.
func send(t *testing.T, e *apptest.Env, method, token, path string, body []byte) fileAnswer {
	t.Helper()
	req, _ := http.NewRequest(method, e.Server.URL+path, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := e.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return fileAnswer{res.StatusCode, res.Header, data}
}

const uploadDoc = `mutation($in:SubmitIntakeInput!) { submitIntake(input:$in) { ticket { id } attachment { id url } } }`

// TestAttachmentFiles: GET /attachments/{id}/file gives back the bytes
// uploaded, with their type, a Chinese file name and no caching, to staff
// who see the ticket; refuses without a credential (401), an ID card to a
// role that may not read personal data (403), another tenant's file and
// one of a ticket outside a handler's department (404); and writes each
// opening to the audit log.
func TestAttachmentFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := e.Login(t, "demo-a", "clerk")
		card, letter := pngOf(t, 3), pngOf(t, 90)

		var up struct {
			SubmitIntake struct {
				Ticket     struct{ ID string }
				Attachment struct {
					ID  string
					URL *string
				}
			}
		}
		e.Upload(t, clerk, uploadDoc, map[string]any{"in": map[string]any{"kind": "ID_CARD", "file": nil}},
			"variables.in.file", "身份证 正面.png", card).Decode(t, &up)
		draft := up.SubmitIntake.Ticket.ID
		if u := up.SubmitIntake.Attachment.URL; u == nil || *u != "/attachments/"+up.SubmitIntake.Attachment.ID+"/file" {
			t.Fatalf("clerk's url of the ID card = %v", u)
		}
		// A copy: decoding the next answer into up writes through the pointer.
		cardURL := new(string)
		*cardURL = *up.SubmitIntake.Attachment.URL
		up.SubmitIntake.Attachment.URL = nil
		e.Upload(t, clerk, uploadDoc, map[string]any{"in": map[string]any{"kind": "LETTER", "file": nil, "ticketID": draft}},
			"variables.in.file", "来信.png", letter).Decode(t, &up)
		letterURL := *up.SubmitIntake.Attachment.URL

		opens := func() int {
			return e.App.DB.Client.AuditLog.Query().Where(auditlog.Action("attachment.read")).CountX(viewer.SystemContext(context.Background()))
		}
		// The clerk gets the bytes back, as uploaded.
		got := getFile(t, e, clerk, *cardURL)
		if got.status != http.StatusOK || !bytes.Equal(got.body, card) {
			t.Fatalf("clerk GET %s: %d, %d bytes (uploaded %d): %s", *cardURL, got.status, len(got.body), len(card), got.body)
		}
		h := got.header
		if h.Get("Content-Type") != "image/png" || h.Get("Cache-Control") != "no-store" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("headers: type %q, cache %q, nosniff %q", h.Get("Content-Type"), h.Get("Cache-Control"), h.Get("X-Content-Type-Options"))
		}
		if _, params, err := mime.ParseMediaType(h.Get("Content-Disposition")); err != nil || params["filename"] != "身份证 正面.png" {
			t.Errorf("Content-Disposition %q reads as %q (%v), want the uploaded name", h.Get("Content-Disposition"), params["filename"], err)
		}
		if n := opens(); n != 1 {
			t.Errorf("%d openings audited after one, want 1", n)
		}

		// No credential, or a made-up one: 401.
		for _, token := range []string{"", "not-a-token"} {
			if got := getFile(t, e, token, letterURL); got.status != http.StatusUnauthorized {
				t.Errorf("GET with token %q: %d, want 401", token, got.status)
			}
		}
		// Another tenant's clerk: 404, as if it did not exist; so is a
		// number that is no attachment, or no number.
		other := e.Login(t, "demo-b", "clerk")
		for _, path := range []string{*cardURL, letterURL} {
			if got := getFile(t, e, other, path); got.status != http.StatusNotFound || bytes.Contains(got.body, card[8:]) {
				t.Errorf("demo-b clerk GET %s: %d, want 404", path, got.status)
			}
		}
		for _, path := range []string{"/attachments/999999/file", "/attachments/abc/file"} {
			if got := getFile(t, e, clerk, path); got.status != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, got.status)
			}
		}
		// The analyst sees the ticket but may not read personal data: the
		// letter yes, the ID card 403 and no url for it.
		analyst := e.Login(t, "demo-a", "analyst")
		if got := getFile(t, e, analyst, *cardURL); got.status != http.StatusForbidden {
			t.Errorf("analyst GET the ID card: %d, want 403", got.status)
		}
		if got := getFile(t, e, analyst, letterURL); got.status != http.StatusOK || !bytes.Equal(got.body, letter) {
			t.Errorf("analyst GET the letter: %d, %d bytes", got.status, len(got.body))
		}
		var seen struct {
			Node struct {
				Attachments []struct {
					Kind string
					URL  *string
				}
			}
		}
		e.Do(t, analyst, `query($id:ID!){ node(id:$id){ ... on Ticket { attachments { kind url } } } }`, map[string]any{"id": draft}).Decode(t, &seen)
		for _, a := range seen.Node.Attachments {
			if (a.Kind == "ID_CARD") != (a.URL == nil) {
				t.Errorf("analyst's url of the %s attachment: %v", a.Kind, a.URL)
			}
		}
		if len(seen.Node.Attachments) != 2 {
			t.Errorf("analyst sees %d attachments, want 2", len(seen.Node.Attachments))
		}

		// The handler: the draft is no ticket of his department, so 404;
		// once it is dispatched to his department he opens both (an ID
		// card with pii:read_held).
		handler := e.Login(t, "demo-a", "handler")
		for _, path := range []string{*cardURL, letterURL} {
			if got := getFile(t, e, handler, path); got.status != http.StatusNotFound {
				t.Errorf("handler of another department GET %s: %d, want 404", path, got.status)
			}
		}
		sys := viewer.SystemContext(context.Background())
		dept := *e.App.DB.Client.User.Query().Where(user.Username("handler"), user.HasTenantWith(tenant.Code("demo-a"))).OnlyX(sys).DepartmentID
		if r := e.Do(t, clerk, `mutation($id:ID!){ registerTicket(id:$id){ status } }`, map[string]any{"id": draft}); r.Code() != "" {
			t.Fatalf("register: %+v", r.Errors)
		}
		dispatcher := e.Login(t, "demo-a", "dispatcher")
		if r := e.Do(t, dispatcher, `mutation($id:ID!,$d:ID!){ dispatchTicket(id:$id, input:{departmentID:$d}){ status } }`,
			map[string]any{"id": draft, "d": strconv.Itoa(dept)}); r.Code() != "" {
			t.Fatalf("dispatch: %+v", r.Errors)
		}
		before := opens()
		for path, want := range map[string][]byte{*cardURL: card, letterURL: letter} {
			if got := getFile(t, e, handler, path); got.status != http.StatusOK || !bytes.Equal(got.body, want) {
				t.Errorf("handler of the department GET %s: %d, %d bytes", path, got.status, len(got.body))
			}
		}
		if n := opens() - before; n != 2 {
			t.Errorf("%d openings audited after two, want 2", n)
		}
	})
}
