package server

import (
	"context"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/minsheng/minsheng"
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
		id, idErr := strconv.Atoi(r.PathValue("id"))
		var link func() (viewer.Viewer, error)
		if r.URL.Query().Has("sig") && idErr == nil {
			link = func() (viewer.Viewer, error) { return files.LinkViewer(r.Context(), id, r.URL.Query()) }
		}
		ctx, ok := s.caller(w, r, link, "sign in, or use a download link, to download a report")
		if !ok {
			return
		}
		if idErr != nil {
			writeError(w, http.StatusNotFound, minsheng.Errorf(minsheng.ENOTFOUND, "no such report"))
			return
		}
		name, data, err := files.Download(ctx, id)
		if err != nil {
			s.refuse(ctx, w, err, "report download", "report", id)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		_, _ = w.Write(data)
	})))
}
