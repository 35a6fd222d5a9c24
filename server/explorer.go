package server

import (
	_ "embed"
	"net/http"
)

// The explorer is one self-contained page: district networks are often cut
// off from the internet, so it loads nothing from elsewhere.
//
//go:embed explorer.html
var explorerPage []byte

var explorerPolicy = pagePolicy(explorerPage, "'self'")

func explorer(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", explorerPolicy)
	_, _ = w.Write(explorerPage)
}
