package intake

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"strings"
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

// pngHeader is a PNG of w×h pixels as far as its header goes: enough for
// the check, which refuses from the header.
func pngHeader(w, h uint32, depth, colourType byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = depth, colourType
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

// An image of 16 bits a channel decodes to twice the memory of one of 8,
// so it is held to half the pixel limit.
func TestDeepImagesAreHeldToHalfThePixels(t *testing.T) {
	s := &Service{limits: Limits{ImageBytes: 1 << 20, Pixels: 24_000_000}}
	check := func(data []byte) error {
		_, _, err := s.check(Upload{Kind: intakejob.KindLETTER, Content: bytes.NewReader(data)})
		return err
	}
	if err := check(pngHeader(5000, 4000, 8, 6)); err != nil {
		t.Errorf("20 MP at 8 bits: %v, want accepted", err)
	}
	if err := check(pngHeader(5000, 4000, 16, 6)); err == nil || !strings.Contains(err.Error(), "16 bits") {
		t.Errorf("20 MP at 16 bits: %v, want refused for its depth", err)
	}
	if err := check(pngHeader(4000, 3000, 16, 2)); err != nil {
		t.Errorf("12 MP at 16 bits: %v, want accepted", err)
	}
}
