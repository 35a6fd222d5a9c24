package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/store/storetest"
)

// firstLoadBudget is what a browser may transfer to show the sign-in page:
// district offices sit behind slow links.
const firstLoadBudget = 1500 * 1024

func rawGet(t *testing.T, c *http.Client, url string, gz bool) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	res, err := c.Transport.RoundTrip(req) // no transparent decompression
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func readAll(t *testing.T, res *http.Response) []byte {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	assetRef  = regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	jsImport  = regexp.MustCompile(`(?:from|import)\s*"\./([^"]+\.js)"`)
	anyScript = regexp.MustCompile(`(?s)<script\b([^>]*)>(.*?)</script>`)
)

// TestConsoleServedFromTheBinary: the staff console is at / and on each of
// its client-side routes (a reload of /dispatch shows the console, not a
// 404), with a policy that runs only the console's own files; its assets
// are cached for a year and sent compressed; the first load stays under
// budget; server routes still answer as before and a missing asset is a
// 404, not the page.
func TestConsoleServedFromTheBinary(t *testing.T) {
	e := apptest.Start(t, apptest.Config(t, storetest.Backend{Name: "sqlite"}))
	c := e.Server.Client()
	base := e.Server.URL

	var index []byte
	for _, path := range []string{"/", "/login", "/dispatch", "/tickets/123"} {
		res := rawGet(t, c, base+path, false)
		body := readAll(t, res)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("GET %s: %d %s, want the console page", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if !bytes.Contains(body, []byte(`<div id="app">`)) || !bytes.Contains(body, []byte(`lang="zh-CN"`)) {
			t.Fatalf("GET %s: not the console's index.html:\n%s", path, body)
		}
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: CSP %q lacks %q", path, csp, want)
			}
		}
		if res.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q: a new release would not be picked up", path, res.Header.Get("Cache-Control"))
		}
		index = body
	}
	for _, m := range anyScript.FindAllSubmatch(index, -1) {
		if !bytes.Contains(m[1], []byte("src=")) || len(bytes.TrimSpace(m[2])) > 0 {
			t.Errorf("index.html has an inline script %q: the policy would block it", m[0])
		}
	}
	if bytes.Contains(index, []byte("<style")) {
		t.Error("index.html has an inline <style>: the policy would block it")
	}

	// Every file index.html names comes from this server, is cached for a
	// year and is sent gzipped; the static imports of the entry and of the
	// sign-in page are fetched too: that is the first load.
	var refs []string
	for _, m := range assetRef.FindAllSubmatch(index, -1) {
		ref := string(m[1])
		if !strings.HasPrefix(ref, "/assets/") {
			t.Errorf("index.html loads %q: not one of the console's own assets", ref)
			continue
		}
		refs = append(refs, ref)
	}
	if len(refs) < 2 {
		t.Fatalf("index.html names %d assets (%v); want its script and style", len(refs), refs)
	}
	login := ""
	var dir []string
	// The login chunk's name is known only from the entry's dynamic imports.
	seen := map[string]bool{}
	total := 0
	var fetch func(ref string)
	fetch = func(ref string) {
		if seen[ref] {
			return
		}
		seen[ref] = true
		res := rawGet(t, c, base+ref, true)
		zipped := readAll(t, res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", ref, res.StatusCode)
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
			t.Errorf("GET %s: Cache-Control %q, want a year, immutable", ref, cc)
		}
		body := zipped
		if len(zipped) > 512 {
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("GET %s with Accept-Encoding gzip: Content-Encoding %q", ref, res.Header.Get("Content-Encoding"))
			}
			zr, err := gzip.NewReader(bytes.NewReader(zipped))
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
			plain := readAll(t, rawGet(t, c, base+ref, false))
			if !bytes.Equal(plain, body) {
				t.Fatalf("GET %s: the gzipped answer does not unpack to the plain one", ref)
			}
		}
		total += len(zipped)
		if strings.HasSuffix(ref, ".css") && regexp.MustCompile(`url\(\s*['"]?(https?:)?//`).Match(body) {
			t.Errorf("%s loads a file from another site", ref)
		}
		if strings.HasSuffix(ref, ".js") {
			if login == "" {
				if m := regexp.MustCompile(`assets/(LoginPage-[\w-]+\.js)`).FindSubmatch(body); m != nil {
					login = "/assets/" + string(m[1])
					dir = append(dir, login)
				}
			}
			for _, m := range jsImport.FindAllSubmatch(body, -1) {
				fetch("/assets/" + string(m[1]))
			}
		}
	}
	for _, ref := range refs {
		fetch(ref)
	}
	if login == "" {
		t.Fatal("the entry script does not name the sign-in page's chunk (LoginPage-*.js)")
	}
	for _, ref := range dir {
		fetch(ref)
		css := strings.TrimSuffix(ref, ".js") + ".css"
		if res := rawGet(t, c, base+css, true); res.StatusCode == http.StatusOK {
			readAll(t, res)
			fetch(css)
		} else {
			readAll(t, res)
		}
	}
	t.Logf("first load of the sign-in page: %d files, %d bytes transferred (gzip)", len(seen), total+len(index))
	if total+len(index) > firstLoadBudget {
		t.Errorf("first load is %d bytes, over the budget of %d", total+len(index), firstLoadBudget)
	}

	// What is not the console's stays as it was.
	for path, want := range map[string]int{
		"/assets/missing-0000.js": http.StatusNotFound,
		"/favicon.ico":            http.StatusNotFound,
		"/graphqlx":               http.StatusOK, // a console route, not the API
		"/metrics":                http.StatusNotFound,
		"/t/":                     http.StatusNotFound,
		"/reports/":               http.StatusNotFound,
		"/attachments/":           http.StatusNotFound,
		"/healthz":                http.StatusOK,
		"/explorer":               http.StatusOK,
	} {
		res := rawGet(t, c, base+path, false)
		body := readAll(t, res)
		if res.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
		}
		if path != "/graphqlx" && bytes.Contains(body, []byte(`<div id="app">`)) {
			t.Errorf("GET %s answers the console page", path)
		}
	}
	res := rawGet(t, c, base+"/explorer", false)
	if body := readAll(t, res); !bytes.Contains(body, []byte("/graphql")) || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /explorer is not the explorer")
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/dispatch", strings.NewReader("x"))
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, res)
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /dispatch: %d, want 405", res.StatusCode)
	}
}
