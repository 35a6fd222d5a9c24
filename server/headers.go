package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
)

// secureHeaders sets the headers every answer carries: browsers must not
// guess content types (an uploaded or echoed body is never run as a
// script), and no other site may frame a page of ours (clickjacking). API
// answers also get a policy that allows nothing; pages set their own.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

var inlineBlock = regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`)

// pagePolicy is the Content-Security-Policy of one of our self-contained
// pages: its own inline <script> and <style> blocks are allowed by their
// SHA-256 hashes and nothing else inline is, so text injected into the page
// (a title, a reply) can never run. connect says where its script may send
// requests ("'self'" or "'none'").
func pagePolicy(page []byte, connect string) string {
	var scripts, styles []string
	for _, m := range inlineBlock.FindAllSubmatch(page, -1) {
		sum := sha256.Sum256(m[2])
		src := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if string(m[1]) == "script" {
			scripts = append(scripts, src)
		} else {
			styles = append(styles, src)
		}
	}
	return "default-src 'none'; script-src " + sources(scripts) + "; style-src " + sources(styles) +
		"; connect-src " + connect + "; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
}

func sources(s []string) string {
	if len(s) == 0 {
		return "'none'"
	}
	return strings.Join(s, " ")
}

// metricsHandler serves /metrics to a caller with the metrics token; any
// other caller gets 404, as if there were no such route (the figures say how
// busy each district is and which routes fail).
func (s *Server) metricsHandler(token string) http.Handler {
	metrics := s.Metrics()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) != 1 {
			http.NotFound(w, r)
			return
		}
		metrics.ServeHTTP(w, r)
	})
}
