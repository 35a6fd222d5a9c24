package tracking_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/attachment"
	"github.com/minsheng/minsheng/ent/tenant"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/ent/timelineevent"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/workflow"
)

// picture draws a small photo-like image and encodes it.
func picture(t *testing.T, format string, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{shade, uint8(x * 4), uint8(y * 5), 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func photo(name string, data []byte) intake.Photo {
	return intake.Photo{FileName: name, Content: bytes.NewReader(data)}
}

// TestCitizenPhotosAreCheckedAndStoredWithTheSupplement is the rule of
// photos added with the tracking code: checked by their content, stored
// sealed as PHOTO attachments of the ticket, listed on the SUPPLEMENT step;
// anything refused stores nothing.
func TestCitizenPhotosAreCheckedAndStoredWithTheSupplement(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		c := e.App.DB.Client
		sys := viewer.SystemContext(context.Background())
		tenantID := c.Tenant.Query().Where(tenant.Code("demo-a")).OnlyIDX(sys)
		ctx := viewer.TenantSystemContext(context.Background(), tenantID)
		tk := c.Ticket.Query().Where(ticket.StatusEQ(ticket.StatusREGISTERED)).FirstX(ctx)
		tr := e.App.Tracking
		files := e.App.Intake.Files()

		// What is stored: attachments, SUPPLEMENT steps and sealed files.
		type counts struct{ attachments, supplements, files int }
		count := func() counts {
			t.Helper()
			n := 0
			if err := files.Store().Walk(context.Background(), "", func(blob.Info) error { n++; return nil }); err != nil {
				t.Fatal(err)
			}
			return counts{
				c.Attachment.Query().Where(attachment.TicketID(tk.ID)).CountX(ctx),
				c.TimelineEvent.Query().Where(timelineevent.TicketID(tk.ID), timelineevent.Action(workflow.ActionSupplement)).CountX(ctx),
				n,
			}
		}
		before := count()

		pngData, jpegData := picture(t, "png", 10), picture(t, "jpeg", 200)
		pc, err := tr.Supplement(context.Background(), tk.Code, tk.TrackingToken, "楼道积水，附照片",
			// The same photo twice is stored once.
			[]intake.Photo{photo("现场1.png", pngData), photo("13905141234.jpg", jpegData), photo("again.png", pngData)})
		if err != nil || pc == nil {
			t.Fatalf("Supplement with photos = %v, %v", pc, err)
		}
		if got := count(); got != (counts{before.attachments + 2, before.supplements + 1, before.files + 2}) {
			t.Fatalf("after a supplement with two distinct photos: %+v (before %+v)", got, before)
		}
		last := pc.Timeline[len(pc.Timeline)-1]
		if last.Action != workflow.ActionSupplement || last.Photos != 2 || last.Actor != "市民" {
			t.Errorf("the citizen sees the last step as %+v, want their supplement with 2 photos", last)
		}
		atts := c.Attachment.Query().Where(attachment.TicketID(tk.ID), attachment.Kind(intake.KindPhoto)).
			Order(ent.Asc(attachment.FieldID)).AllX(ctx)
		ev := c.TimelineEvent.Query().Where(timelineevent.TicketID(tk.ID), timelineevent.Action(workflow.ActionSupplement)).
			Order(ent.Desc(timelineevent.FieldID)).FirstX(ctx)
		ids, _ := ev.After[workflow.AfterAttachmentIDs].([]any)
		if len(atts) != 2 || len(ids) != 2 || int(ids[0].(float64)) != atts[0].ID || int(ids[1].(float64)) != atts[1].ID || ev.Reason != "楼道积水，附照片" {
			t.Fatalf("attachments %v, step's after %v (%q)", atts, ev.After, ev.Reason)
		}
		for i, want := range []struct {
			ct   string
			data []byte
		}{{"image/png", pngData}, {"image/jpeg", jpegData}} {
			if atts[i].ContentType != want.ct || atts[i].Size != int64(len(want.data)) || atts[i].Sha256 != intake.Hash(want.data) {
				t.Errorf("attachment %d: %s %d bytes, want %s %d", i, atts[i].ContentType, atts[i].Size, want.ct, len(want.data))
			}
			if strings.Contains(atts[i].FileName, "13905141234") {
				t.Errorf("a phone number in a photo's name is stored in clear: %q", atts[i].FileName)
			}
			got, err := files.Get(tenantID, atts[i].Sha256)
			if err != nil || !bytes.Equal(got, want.data) {
				t.Errorf("stored photo %d reads back %d bytes, %v", i, len(got), err)
			}
			name, _ := files.Name(tenantID, atts[i].Sha256)
			raw, _ := blob.ReadAll(context.Background(), files.Store(), name)
			if len(raw) == 0 || bytes.Contains(raw, want.data[:32]) {
				t.Errorf("photo %d is not sealed in the store", i)
			}
		}

		// A photo alone is enough; nothing at all is not.
		if _, err := tr.Supplement(context.Background(), tk.Code, tk.TrackingToken, "  ", []intake.Photo{photo("p.png", picture(t, "png", 90))}); err != nil {
			t.Errorf("a photo without text: %v", err)
		}
		before = count()
		refused := []struct {
			name   string
			text   string
			photos []intake.Photo
			want   string
		}{
			{"nothing", " ", nil, "blank"},
			{"text named as a photo", "看图", []intake.Photo{photo("fake.jpg", []byte(strings.Repeat("not an image ", 50)))}, "not a JPEG, PNG or WebP"},
			{"a GIF", "看图", []intake.Photo{photo("a.gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))}, "not a JPEG, PNG or WebP"},
			{"a damaged PNG", "看图", []intake.Photo{photo("a.png", pngData[:20])}, "damaged"},
			{"an empty file", "看图", []intake.Photo{photo("a.png", nil)}, "empty"},
			{"a photo over 8 MB", "看图", []intake.Photo{photo("ok.png", pngData), photo("big.jpg", append(append([]byte{}, jpegData...), make([]byte, intake.MaxPhotoBytes)...))}, "photo 2 is larger than 8 MB"},
			{"five photos", "看图", []intake.Photo{photo("1.png", pngData), photo("2.png", pngData), photo("3.png", pngData), photo("4.png", pngData), photo("5.png", pngData)}, "at most 4"},
		}
		for _, r := range refused {
			pc, err := tr.Supplement(context.Background(), tk.Code, tk.TrackingToken, r.text, r.photos)
			if minsheng.ErrorCode(err) != minsheng.EINVALID || !strings.Contains(err.Error(), r.want) || pc != nil {
				t.Errorf("%s: %v, want BAD_USER_INPUT saying %q", r.name, err, r.want)
			}
		}
		// A wrong token finds nothing, like an unknown code.
		if pc, err := tr.Supplement(context.Background(), tk.Code, strings.Repeat("A", len(tk.TrackingToken)), "冒名", []intake.Photo{photo("x.png", pngData)}); pc != nil || err != nil {
			t.Errorf("a wrong token: %v, %v; want nothing", pc, err)
		}
		if got := count(); got != before {
			t.Errorf("refused supplements stored something: %+v, before %+v", got, before)
		}

		// A closed case takes nothing, photos or not.
		c.Ticket.UpdateOneID(tk.ID).SetStatus(ticket.StatusCLOSED).ExecX(ctx)
		for _, ph := range [][]intake.Photo{nil, {photo("late.png", picture(t, "png", 33))}} {
			_, err := tr.Supplement(context.Background(), tk.Code, tk.TrackingToken, "还没修好", ph)
			if minsheng.ErrorCode(err) != minsheng.ECONFLICT {
				t.Errorf("a closed case with %d photos: %v, want CONFLICT", len(ph), err)
			}
		}
		if got := count(); got != before {
			t.Errorf("a closed case stored something: %+v, before %+v", got, before)
		}
	})
}
