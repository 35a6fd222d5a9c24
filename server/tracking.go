package server

import (
	"context"
	_ "embed"
	"net/http"
	"strings"

	"github.com/minsheng/minsheng/auth"
)

// Tracker is the citizen's side of cases that the /t/ routes serve.
type Tracker interface {
	// QRCode is the PNG of the case's tracking link, or a NOT_FOUND error
	// alike for an unknown code and a wrong token.
	QRCode(ctx context.Context, code, token string) ([]byte, error)
}

// ServeTracking adds the citizen's routes, which need no login:
// GET /t/{code}.png?token=… is the QR code of the case's tracking link, and
// GET /t/{code}?token=… the page that link opens, which asks trackCase.
func (s *Server) ServeTracking(t Tracker) {
	s.mux.Handle("GET /t/{code}", s.metrics.wrap("/t/", s.rateLimit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The token is in the address: keep it out of the Referer of
		// anything the page links to.
		w.Header().Set("Referrer-Policy", "no-referrer")
		code, png := strings.CutSuffix(r.PathValue("code"), ".png")
		if !png {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Security-Policy", trackingPolicy)
			_, _ = w.Write(trackingPage)
			return
		}
		ctx := auth.WithClientAddr(r.Context(), s.clientAddr(r))
		img, err := t.QRCode(ctx, code, r.URL.Query().Get("token"))
		if err != nil {
			s.refuse(ctx, w, err, "qr code")
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "private, max-age=86400")
		_, _ = w.Write(img)
	}))))
}

//go:embed tracking.html
var trackingPage []byte

var trackingPolicy = pagePolicy(trackingPage, "'self'")
