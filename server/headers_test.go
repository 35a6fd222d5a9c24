package server_test

import (
	"crypto/sha256"
	"encoding/base64"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/store/storetest"
)

var inline = regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`)

// TestPagesRunOnlyTheirOwnScripts: the explorer and the citizen's tracking
// page allow their own inline script and style by hash and nothing else
// inline, so text that reaches a page (a title, a reply) cannot run; the
// staff console allows no inline code at all, only its own files; no
// other site may frame them; and no answer lets a browser guess its type.
func TestPagesRunOnlyTheirOwnScripts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.Start(t, apptest.Config(t, b))
		for _, path := range []string{"/explorer", "/", "/clerk", "/t/MS-20261123-0001?token=x", "/graphql?query=%7B__typename%7D", "/healthz"} {
			res, err := e.Server.Client().Get(e.Server.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := io.ReadAll(res.Body)
			res.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			body := string(raw)
			h := res.Header
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", path, h.Get("X-Content-Type-Options"))
			}
			csp := h.Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'none'") || h.Get("X-Frame-Options") != "DENY" {
				t.Errorf("GET %s: other sites may frame it (CSP %q, X-Frame-Options %q)", path, csp, h.Get("X-Frame-Options"))
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("GET %s: CSP %q allows any inline code", path, csp)
			}
			if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
				continue
			}
			blocks := inline.FindAllStringSubmatch(body, -1)
			if path == "/" || path == "/clerk" {
				// The console: its own files only, nothing inline.
				if len(blocks) > 0 || !strings.Contains(csp, "script-src 'self'") || !strings.Contains(body, `<script type="module" crossorigin src="/assets/`) {
					t.Errorf("GET %s: the console page has inline code or a policy %q that does not run its own script", path, csp)
				}
				continue
			}
			if len(blocks) == 0 {
				t.Errorf("GET %s: no inline script or style found; the test no longer sees the page", path)
			}
			for _, m := range blocks {
				sum := sha256.Sum256([]byte(m[2]))
				if hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, m[1]+"-src "+hash) && !strings.Contains(csp, " "+hash) {
					t.Errorf("GET %s: its own <%s> (%s) is not allowed by CSP %q: the page would not work", path, m[1], hash, csp)
				}
			}
		}
	})
}
