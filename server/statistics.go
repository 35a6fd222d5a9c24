package server

import (
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/calendar"
	"github.com/minsheng/minsheng/insight/stats"
)

// StatisticsTables writes statistics tables as workbooks.
type StatisticsTables interface {
	// StatisticsWorkbook is the table of in for the viewer in ctx as an
	// .xlsx file, after the same permission check as the statistics query.
	StatisticsWorkbook(ctx context.Context, in stats.Input) (name string, data []byte, err error)
}

// maxExportBody bounds the JSON of an export request: a period, two
// dimensions and filters of at most 100 values each fit many times over.
const maxExportBody = 64 << 10

// exportRequest is the body of POST /statistics/export: the same fields
// as the GraphQL StatisticsInput.
type exportRequest struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	GroupBy []string `json:"groupBy"`
	Filter  []struct {
		Dimension string   `json:"dimension"`
		Values    []string `json:"values"`
	} `json:"filter"`
}

// ServeStatisticsExport adds POST /statistics/export: the statistics table
// of the JSON body (a StatisticsInput) as an Excel workbook, for the
// caller's token (Authorization header only). No credential is 401, a role
// without statistics:read 403, a body that is not a valid input 400 with
// BAD_USER_INPUT.
func (s *Server) ServeStatisticsExport(tables StatisticsTables) {
	s.mux.Handle("POST /statistics/export", s.metrics.wrap("/statistics/export", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, ok := s.caller(w, r, nil, "sign in to export statistics")
		if !ok {
			return
		}
		in, err := readExport(http.MaxBytesReader(w, r.Body, maxExportBody))
		if err != nil {
			s.refuse(ctx, w, err, "statistics export")
			return
		}
		name, data, err := tables.StatisticsWorkbook(ctx, in)
		if err != nil {
			s.refuse(ctx, w, err, "statistics export")
			return
		}
		h := w.Header()
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		h.Set("Content-Length", strconv.Itoa(len(data)))
		_, _ = w.Write(data)
	})))
}

// readExport decodes an export request; the statistics service checks the
// dimensions, the filters' values and the period's length.
func readExport(body io.Reader) (stats.Input, error) {
	var req exportRequest
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return stats.Input{}, minsheng.Errorf(minsheng.EINVALID, "the body is not a statistics input (JSON with from, to, groupBy, filter): %v", err)
	}
	var in stats.Input
	var err error
	if in.From, err = calendar.ParseDay(req.From); err != nil {
		return in, minsheng.Errorf(minsheng.EINVALID, "from %q is not a date (YYYY-MM-DD)", req.From)
	}
	if in.To, err = calendar.ParseDay(req.To); err != nil {
		return in, minsheng.Errorf(minsheng.EINVALID, "to %q is not a date (YYYY-MM-DD)", req.To)
	}
	for _, d := range req.GroupBy {
		in.GroupBy = append(in.GroupBy, stats.Dimension(d))
	}
	for _, f := range req.Filter {
		in.Filter = append(in.Filter, stats.Filter{Dimension: stats.Dimension(f.Dimension), Values: f.Values})
	}
	return in, nil
}
