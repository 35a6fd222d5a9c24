package intake

import (
	"bytes"
	"context"
	"image"
	"image/color"
	_ "image/jpeg" // decoders for image.DecodeConfig
	_ "image/png"
	"io"
	"net/http"
	"strings"

	_ "golang.org/x/image/webp"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/asr"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/attachment"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// Upload is a file as it arrived.
type Upload struct {
	Kind     intakejob.Kind
	FileName string
	Content  io.Reader
	// TicketID names the ticket to fill; nil opens a draft.
	TicketID *int
}

// Submit checks the file, stores it and records its job, then queues the
// job. The job is in the database before Submit returns: a crash after
// that point delays it, never loses it.
func (s *Service) Submit(ctx context.Context, up Upload) (*ent.IntakeJob, error) {
	if err := intakejob.KindValidator(up.Kind); err != nil {
		return nil, minsheng.Errorf(minsheng.EINVALID, "unknown intake kind %q", up.Kind)
	}
	data, contentType, err := s.check(up)
	if err != nil {
		return nil, err
	}
	// A ticket the caller cannot see is refused before anything is stored.
	if up.TicketID != nil {
		if _, err := s.client.Ticket.Get(ctx, *up.TicketID); err != nil {
			return nil, err
		}
	}
	// The file is sealed beside its place first (the slow part), and put
	// in place last in the transaction that records it: an upload refused
	// on the way leaves no file behind, and an accepted one has its file
	// in place before its job exists.
	staged, err := s.blobs.Stage(viewer.FromContext(ctx).TenantID, data)
	if err != nil {
		return nil, err
	}
	var job *ent.IntakeJob
	err = store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		job, err = s.record(ctx, tx, up, staged.Hash, contentType, len(data))
		if err != nil {
			return err
		}
		return staged.Place(ctx, tx)
	})
	staged.Done(err == nil || s.recorded(ctx, staged.Hash))
	if err != nil {
		return nil, err
	}
	s.enqueue(ctx, job)
	return job.Unwrap(), nil
}

// recorded reports whether an attachment of the tenant holds the file with
// this hash, so that a failed commit (which may have committed after all)
// or another upload of the same file does not lose its file. In doubt it
// says yes: a spare file is better than a lost one.
func (s *Service) recorded(ctx context.Context, hash string) bool {
	v := viewer.FromContext(ctx)
	ctx = viewer.TenantSystemContext(context.WithoutCancel(ctx), v.TenantID)
	n, err := s.client.Attachment.Query().Where(attachment.Sha256(hash)).Count(ctx)
	return err != nil || n > 0
}

// record writes the draft (when needed), the attachment and the job.
func (s *Service) record(ctx context.Context, tx *ent.Client, up Upload, hash, contentType string, size int) (*ent.IntakeJob, error) {
	t, err := s.target(ctx, tx, up)
	if err != nil {
		return nil, err
	}
	att, err := tx.Attachment.Create().
		SetFileName(clip(up.FileName, 255)).SetContentType(contentType).SetSize(int64(size)).
		SetSha256(hash).SetKind(string(up.Kind)).SetTicket(t).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	create := tx.IntakeJob.Create().SetKind(up.Kind).SetAttachment(att).SetTicket(t)
	if v := viewer.FromContext(ctx); v.Kind == viewer.User {
		create.SetSubmittedByID(v.UserID)
	}
	return create.Save(ctx)
}

// target is the ticket the file fills: the one named, or a new draft.
func (s *Service) target(ctx context.Context, tx *ent.Client, up Upload) (*ent.Ticket, error) {
	if up.TicketID == nil {
		return s.workflow.CreateDraft(ctx, tx, workflow.NewTicket{
			Title:   placeholderTitle[up.Kind],
			Channel: channelOf[up.Kind],
		})
	}
	t, err := tx.Ticket.Get(ctx, *up.TicketID)
	if err != nil {
		return nil, err
	}
	if t.Status == ticket.StatusCLOSED || t.Status == ticket.StatusMERGED {
		return nil, minsheng.Errorf(minsheng.ECONFLICT, "ticket %s is %s: files are no longer read into it", t.Code, t.Status)
	}
	return t, nil
}

// placeholderTitle names a draft until its file is read. A draft whose
// title is still the placeholder takes the title read from the file.
var placeholderTitle = map[intakejob.Kind]string{
	intakejob.KindID_CARD:      "待识别：身份证正面",
	intakejob.KindID_CARD_BACK: "待识别：身份证背面",
	intakejob.KindLETTER:       "待识别：来信",
	intakejob.KindVOICE:        "待识别：来电录音",
}

var channelOf = map[intakejob.Kind]ticket.Channel{
	intakejob.KindID_CARD:      ticket.ChannelVISIT,
	intakejob.KindID_CARD_BACK: ticket.ChannelVISIT,
	intakejob.KindLETTER:       ticket.ChannelLETTER,
	intakejob.KindVOICE:        ticket.ChannelPHONE,
}

// check reads the upload within its kind's size limit and checks its type
// by content, and for images their pixel count, before anything is stored.
func (s *Service) check(up Upload) ([]byte, string, error) {
	max := s.limits.ImageBytes
	if up.Kind == intakejob.KindVOICE {
		max = s.limits.VoiceBytes
	}
	data, err := io.ReadAll(io.LimitReader(up.Content, max+1))
	if err != nil {
		return nil, "", minsheng.Errorf(minsheng.EINVALID, "the file could not be read: %v", err)
	}
	switch {
	case len(data) == 0:
		return nil, "", minsheng.Errorf(minsheng.EINVALID, "the file is empty")
	case int64(len(data)) > max:
		return nil, "", minsheng.Errorf(minsheng.EINVALID, "the file is larger than %d MB, the limit for %s", max>>20, up.Kind)
	}
	if up.Kind == intakejob.KindVOICE {
		ct, err := s.checkAudio(data)
		return data, ct, err
	}
	ct, err := s.checkImage(data)
	return data, ct, err
}

var imageTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/webp": true}

func (s *Service) checkImage(data []byte) (string, error) {
	ct := http.DetectContentType(data)
	if !imageTypes[ct] {
		return "", minsheng.Errorf(minsheng.EINVALID, "the file is %s, not a JPEG, PNG or WebP image", describe(ct, data))
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", minsheng.Errorf(minsheng.EINVALID, "the image is damaged: %v", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return "", minsheng.Errorf(minsheng.EINVALID, "the image has no pixels")
	}
	if px := cfg.Width * cfg.Height; px > s.limits.Pixels || cfg.Width > 100_000 || cfg.Height > 100_000 {
		return "", minsheng.Errorf(minsheng.EINVALID, "the image is %d×%d pixels; the limit is %d megapixels", cfg.Width, cfg.Height, s.limits.Pixels/1_000_000)
	}
	// What decoding holds is the pixels times the bytes a pixel takes;
	// the limit is sized for 8 bits a channel (4 bytes a pixel at most).
	if wide(cfg.ColorModel) && cfg.Width*cfg.Height > s.limits.Pixels/2 {
		return "", minsheng.Errorf(minsheng.EINVALID, "the image is %d×%d pixels at 16 bits a channel; the limit for such images is %d megapixels", cfg.Width, cfg.Height, s.limits.Pixels/2_000_000)
	}
	return ct, nil
}

// wide reports a colour model of 16 bits a channel, which decodes to 8
// bytes a pixel (PNG's deep colour). Compared one by one: a palette is a
// model too, and a slice cannot be a map key.
func wide(m color.Model) bool {
	return m == color.RGBA64Model || m == color.NRGBA64Model
}

var audioTypes = map[string]string{
	"wav": "audio/wav", "mp3": "audio/mpeg", "aac": "audio/aac", "m4a": "audio/mp4", "amr": "audio/amr",
}

func (s *Service) checkAudio(data []byte) (string, error) {
	format, err := asr.Check(data, s.limits.VoiceDuration)
	if err != nil {
		if _, ok := asr.Sniff(data); !ok {
			return "", minsheng.Errorf(minsheng.EINVALID, "the file is %s, not a WAV, MP3, AAC, M4A or AMR recording", describe(http.DetectContentType(data), data))
		}
		return "", minsheng.Errorf(minsheng.EINVALID, "%s", strings.TrimPrefix(err.Error(), asr.ErrBadAudio.Error()+": "))
	}
	return audioTypes[format], nil
}

// describe names a refused file's type for the message.
func describe(ct string, data []byte) string {
	if ct == "application/octet-stream" {
		if _, ok := asr.Sniff(data); ok {
			return "a recording"
		}
		return "of an unknown type"
	}
	return ct
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
