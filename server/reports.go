package server

import (
	"context"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/viewer"
)

// ReportFiles hands out the stored report workbooks.
type ReportFiles interface {
	// Download is the workbook of a report of the viewer's tenant, after
	// its permission check and audit.
	Download(ctx context.Context, id int) (name string, data []byte, err error)
	// LinkViewer checks a signed download link and returns whose it is.
	LinkViewer(ctx context.Context, id int, q url.Values) (viewer.Viewer, error)
}

// ServeReports adds GET /reports/{id}/file: the workbook, for the caller's
// token (Authorization header) or a signed link that expires within
// minutes. No credential is 401, a role without report:read 403, a report
// of another tenant (or none) 404, one not DONE yet 409.
func (s *Server) ServeReports(files ReportFiles) {
	s.mux.Handle("GET /reports/{id}/file", s.metrics.wrap("/reports/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Referrer-Policy", "no-referrer")
		addr := s.clientAddr(r)
		id, idErr := strconv.Atoi(r.PathValue("id"))
		header := r.Header.Get("Authorization")
		var v viewer.Viewer
		var err error
		if header == "" && r.URL.Query().Has("sig") && idErr == nil {
			v, err = files.LinkViewer(r.Context(), id, r.URL.Query())
		} else {
			v, err = s.auth.Authenticate(r.Context(), header)
		}
		if !s.limiter.Allow(rateKey(v, err, addr)) {
			s.refuseRate(w)
			return
		}
		if err == nil && v.Kind == viewer.Anonymous {
			err = minsheng.Errorf(minsheng.EUNAUTHENTICATED, "sign in, or use a download link, to download a report")
		}
		if err != nil {
			writeError(w, http.StatusUnauthorized, err)
			return
		}
		if idErr != nil {
			writeError(w, http.StatusNotFound, minsheng.Errorf(minsheng.ENOTFOUND, "no such report"))
			return
		}
		ctx := viewer.NewContext(auth.WithClientAddr(r.Context(), addr), v)
		name, data, err := files.Download(ctx, id)
		if err != nil {
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
			default:
				s.log.ErrorContext(ctx, "report download", "report", id, "err", err.Error())
				err = errors.New("internal error")
			}
			writeError(w, status, err)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		_, _ = w.Write(data)
	})))
}
