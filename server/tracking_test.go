package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/tracking"
	"github.com/minsheng/minsheng/viewer"
)

type answer struct {
	status int
	ctype  string
	body   []byte
}

func get(t *testing.T, e *apptest.Env, path string) answer {
	t.Helper()
	res, err := e.Server.Client().Get(e.Server.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header.Get("Content-Type"), body}
}

func TestQRCodeOfTheTrackingLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		cfg.PublicURL = "https://12345.xuanwu.gov.cn/"
		// Five lookups at once, on a clock that does not move: the sixth
		// is refused whatever the speed of the machine.
		fixed := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		cfg.Now = func() time.Time { return fixed }
		cfg.Tracking = app.TrackingConfig{PerMinute: 10, Burst: 5}
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		sys := viewer.SystemContext(context.Background())
		demoA := e.App.DB.Client.Tenant.Query().Where(tenant.Code("demo-a")).OnlyIDX(sys)
		tk := e.App.DB.Client.Ticket.Query().Where(ticket.TenantID(demoA)).FirstX(sys)
		path := "/t/" + tk.Code + ".png?token=" + url.QueryEscape(tk.TrackingToken)

		// 1: the image.
		got := get(t, e, path)
		if got.status != http.StatusOK || got.ctype != "image/png" {
			t.Fatalf("GET %s: %d %s %s", path, got.status, got.ctype, got.body)
		}
		img, err := png.Decode(bytes.NewReader(got.body))
		if err != nil {
			t.Fatalf("not a PNG: %v", err)
		}
		// A QR code of version v has 17+4v modules a side; with the quiet
		// zone of four modules each side and 8 pixels a module, the image
		// is square, (25+4v)·8 pixels wide, white at the edge and black in
		// the top-left finder pattern.
		size := img.Bounds().Size()
		modules := size.X/8 - 8
		if size.X != size.Y || size.X%8 != 0 || modules < 21 || (modules-17)%4 != 0 {
			t.Errorf("image is %v, want a square of (25+4v)·8 pixels", size)
		}
		if !dark(img, 4*8+1, 4*8+1) || dark(img, 1, 1) || dark(img, size.X-2, size.Y-2) {
			t.Errorf("image has no quiet zone or no finder pattern where a QR code has them")
		}
		// It encodes exactly {public URL}/t/{code}?token={token}: drawing
		// that link gives the same image (the drawing is deterministic).
		want, err := tracking.QRCodePNG("https://12345.xuanwu.gov.cn/t/" + tk.Code + "?token=" + tk.TrackingToken)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.body, want) {
			t.Errorf("the image is not the QR code of the tracking link")
		}
		// 2: the same code gives the same image.
		if again := get(t, e, path); !bytes.Equal(again.body, got.body) {
			t.Errorf("asking twice gave two different images")
		}

		// 3, 4, 5: a wrong token, an unknown code and no token answer the same 404.
		wrong := get(t, e, "/t/"+tk.Code+".png?token="+strings.Repeat("A", len(tk.TrackingToken)))
		unknown := get(t, e, "/t/MS-19990101-0001.png?token="+url.QueryEscape(tk.TrackingToken))
		none := get(t, e, "/t/"+tk.Code+".png")
		for _, a := range []answer{wrong, unknown, none} {
			if a.status != http.StatusNotFound || !bytes.Equal(a.body, wrong.body) || a.ctype != wrong.ctype {
				t.Errorf("refusals differ: %d %s %s, want 404 %s", a.status, a.ctype, a.body, wrong.body)
			}
		}
		var body struct {
			Errors []struct{ Extensions struct{ Code string } }
		}
		if json.Unmarshal(wrong.body, &body) != nil || len(body.Errors) != 1 || body.Errors[0].Extensions.Code != "NOT_FOUND" {
			t.Errorf("404 body %s, want a NOT_FOUND error", wrong.body)
		}

		// The page the link opens asks trackCase itself and loads nothing
		// from elsewhere; it looks nothing up, so it does not count.
		page := get(t, e, "/t/"+tk.Code+"?token="+url.QueryEscape(tk.TrackingToken))
		if page.status != http.StatusOK || !strings.HasPrefix(page.ctype, "text/html") ||
			!bytes.Contains(page.body, []byte("trackCase")) || bytes.Contains(page.body, []byte(`src="http`)) {
			t.Errorf("tracking page: %d %s", page.status, page.ctype)
		}
		// A phone on a slow line loads it at once: the page is all there
		// is (no other file), and it stays under 200 KB.
		if len(page.body) > 200<<10 || bytes.Contains(page.body, []byte(`<link`)) || bytes.Contains(page.body, []byte(`<script src`)) {
			t.Errorf("tracking page is %d bytes or loads other files", len(page.body))
		}

		// 6: past the limit of the address.
		if a := get(t, e, path); a.status != http.StatusTooManyRequests || !bytes.Contains(a.body, []byte("RATE_LIMITED")) {
			t.Errorf("sixth lookup: %d %s, want 429 RATE_LIMITED", a.status, a.body)
		}
	})
}

// dark reports whether the pixel at x, y is closer to black than to white.
func dark(img image.Image, x, y int) bool {
	g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
	return g.Y < 128
}
