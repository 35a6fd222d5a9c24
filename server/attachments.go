package server

import (
	"context"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent"
)

// AttachmentFiles opens the stored files of tickets.
type AttachmentFiles interface {
	// OpenAttachment is an attachment and its content for the viewer in
	// ctx, after its tenancy, row scope and permission checks and audit.
	OpenAttachment(ctx context.Context, id int) (*ent.Attachment, []byte, error)
}

// ServeAttachments adds GET /attachments/{id}/file: an uploaded file,
// opened from its sealed blob, for the caller's token (Authorization
// header only: the console fetches it and shows it from a blob: URL, so no
// credential ever sits in a link). No credential is 401, an ID card for a
// role that may not read personal data 403, another tenant's attachment or
// one of a ticket outside the caller's row scope 404.
func (s *Server) ServeAttachments(files AttachmentFiles) {
	s.mux.Handle("GET /attachments/{id}/file", s.metrics.wrap("/attachments/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, ok := s.caller(w, r, nil, "sign in to open attachments")
		if !ok {
			return
		}
		id, err := strconv.Atoi(r.PathValue("id"))
		if err != nil {
			writeError(w, http.StatusNotFound, minsheng.Errorf(minsheng.ENOTFOUND, "no such attachment"))
			return
		}
		a, data, err := files.OpenAttachment(ctx, id)
		if err != nil {
			s.refuse(ctx, w, err, "attachment file", "attachment", id)
			return
		}
		h := w.Header()
		// The type intake found from the content when it was uploaded,
		// never one guessed again from the bytes here (nosniff is set for
		// every answer by secureHeaders).
		h.Set("Content-Type", a.ContentType)
		h.Set("Content-Disposition", contentDisposition(a.FileName, a.ID))
		h.Set("Content-Length", strconv.Itoa(len(data)))
		_, _ = w.Write(data)
	})))
}

// contentDisposition names a download: inline (images are shown and
// recordings played in the page), with the uploaded name. mime encodes a
// Chinese name as filename*=utf-8”… (RFC 6266); a name it cannot encode
// falls back to one made of the ID.
func contentDisposition(name string, id int) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '/' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	if name == "" {
		name = "attachment-" + strconv.Itoa(id)
	}
	if d := mime.FormatMediaType("inline", map[string]string{"filename": name}); d != "" {
		return d
	}
	return "inline; filename=attachment-" + strconv.Itoa(id)
}
