package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/viewer"
)

// caller is the prologue of every file route (reports, attachments,
// statistics export): no caching and no referrer, the credential from the
// Authorization header — or, when the route takes signed links and the
// request has no header, the viewer link returns —, the caller's rate limit,
// and a refusal of anonymous callers with the reason need. When it refuses
// it has written the answer and ok is false.
func (s *Server) caller(w http.ResponseWriter, r *http.Request, link func() (viewer.Viewer, error), need string) (ctx context.Context, ok bool) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	addr := s.clientAddr(r)
	header := r.Header.Get("Authorization")
	var v viewer.Viewer
	var err error
	if header == "" && link != nil {
		v, err = link()
	} else {
		v, err = s.auth.Authenticate(r.Context(), header)
	}
	if !s.limiter.Allow(rateKey(v, err, addr)) {
		s.refuseRate(w)
		return nil, false
	}
	if err == nil && v.Kind == viewer.Anonymous {
		err = minsheng.Errorf(minsheng.EUNAUTHENTICATED, "%s", need)
	}
	if err != nil {
		writeError(w, http.StatusUnauthorized, err)
		return nil, false
	}
	return viewer.NewContext(auth.WithClientAddr(r.Context(), addr), v), true
}

// refuse answers a failure of a route outside GraphQL (files, the QR code)
// with the HTTP status of its error code. An error without a code is logged with what and answered as an
// internal error, so that no detail of the database or the disk leaks.
func (s *Server) refuse(ctx context.Context, w http.ResponseWriter, err error, what string, args ...any) {
	status := http.StatusInternalServerError
	switch minsheng.ErrorCode(err) {
	case minsheng.EUNAUTHENTICATED:
		status = http.StatusUnauthorized
	case minsheng.EFORBIDDEN:
		status = http.StatusForbidden
	case minsheng.ENOTFOUND:
		status = http.StatusNotFound
	case minsheng.ECONFLICT:
		status = http.StatusConflict
	case minsheng.EINVALID:
		status = http.StatusBadRequest
	case minsheng.ERATELIMITED:
		status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", "60")
	default:
		s.log.ErrorContext(ctx, what, append(args, "err", err.Error())...)
		err = errors.New("internal error")
	}
	writeError(w, status, err)
}
