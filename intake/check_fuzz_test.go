package intake

import (
	"bytes"
	"errors"
	"image"
	"testing"
	"time"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/ent/intakejob"
)

// FuzzCheck feeds an upload's content check (type by content, image size,
// recording length) arbitrary bytes as an image or a recording (seeds:
// testdata/fuzz/FuzzCheck, a tiny header of each format). It may not panic;
// a refusal is BAD_USER_INPUT, never internal; an accepted image is of an
// accepted type and within the pixel limit.
func FuzzCheck(f *testing.F) {
	f.Add([]byte("\x89PNG\r\n\x1a\n"), false)
	f.Add([]byte("RIFF\x00\x00\x00\x00WAVE"), true)
	s := &Service{limits: Limits{ImageBytes: 1 << 20, VoiceBytes: 1 << 20, Pixels: 4_000_000, VoiceDuration: time.Minute}}
	f.Fuzz(func(t *testing.T, data []byte, voice bool) {
		kind := intakejob.KindID_CARD
		if voice {
			kind = intakejob.KindVOICE
		}
		_, ct, err := s.check(Upload{Kind: kind, Content: bytes.NewReader(data)})
		var me *minsheng.Error
		if err != nil {
			if !errors.As(err, &me) || me.Code != minsheng.EINVALID {
				t.Fatalf("refused with %v, want BAD_USER_INPUT", err)
			}
			return
		}
		if voice {
			if ct == "" {
				t.Fatal("a recording accepted without a content type")
			}
			return
		}
		cfg, _, derr := image.DecodeConfig(bytes.NewReader(data))
		if !imageTypes[ct] || derr != nil || cfg.Width*cfg.Height > s.limits.Pixels {
			t.Fatalf("accepted %s %dx%d (%v)", ct, cfg.Width, cfg.Height, derr)
		}
	})
}
