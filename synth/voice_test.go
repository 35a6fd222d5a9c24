package synth

import (
	"bytes"
	"context"
	"encoding/binary"
	"strings"
	"testing"
)

// TestSpeechFormats: every format comes out as the file a recorder of that
// kind would save (checked by its first bytes and, for WAV, a header whose
// sizes and rate match the contents), and the same text gives the same bytes.
func TestSpeechFormats(t *testing.T) {
	ctx := context.Background()
	const text = "我要投诉，小区垃圾无人清运。"
	magic := map[string]func([]byte) bool{
		"wav16k":      wav(16000, 1, 16),
		"wav8k":       wav(8000, 1, 16),
		"wav44stereo": wav(44100, 2, 16),
		"wav8bit":     wav(8000, 1, 8),
		"mp3":         func(b []byte) bool { return b[0] == 0xFF && b[1]&0xE0 == 0xE0 },
		"amr":         func(b []byte) bool { return bytes.HasPrefix(b, []byte("#!AMR\n")) },
		"m4a":         func(b []byte) bool { return string(b[4:8]) == "ftyp" },
		"aac":         func(b []byte) bool { return b[0] == 0xFF && b[1]&0xF6 == 0xF0 },
	}
	if len(magic) != len(SpeechFormats) {
		t.Fatalf("test covers %d formats, Speech has %d", len(magic), len(SpeechFormats))
	}
	for _, format := range SpeechFormats {
		b, err := Speech(ctx, text, format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(b) < 1000 || !magic[format](b) {
			t.Errorf("%s: %d bytes starting % x: not a %s file", format, len(b), b[:min(12, len(b))], format)
		}
		again, err := Speech(ctx, text, format)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, again) {
			t.Errorf("%s: the same text gave different bytes", format)
		}
	}
}

// wav checks a canonical 44-byte header: format, and sizes that match the file.
func wav(rate, channels, bits int) func([]byte) bool {
	return func(b []byte) bool {
		le := binary.LittleEndian
		return len(b) > 44 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WAVE" &&
			int(le.Uint32(b[4:8])) == len(b)-8 &&
			int(le.Uint16(b[22:24])) == channels && int(le.Uint32(b[24:28])) == rate && int(le.Uint16(b[34:36])) == bits &&
			string(b[36:40]) == "data" && int(le.Uint32(b[40:44])) == len(b)-44
	}
}

// TestSpeechDuration: the speech lasts as long as Mandarin read aloud, about
// four to five characters a second, whatever the format.
func TestSpeechDuration(t *testing.T) {
	b, err := Speech(context.Background(), "我要投诉小区垃圾无人清运", "wav16k")
	if err != nil {
		t.Fatal(err)
	}
	seconds := float64(len(b)-44) / (16000 * 2)
	if seconds < 2 || seconds > 6 {
		t.Errorf("12 characters took %.2f s", seconds)
	}
}

func TestSpeechRefuses(t *testing.T) {
	ctx := context.Background()
	if _, err := Speech(ctx, "  ", "wav16k"); err == nil {
		t.Error("blank text gave speech")
	}
	_, err := Speech(ctx, "你好", "ogg")
	if err == nil || !strings.Contains(err.Error(), "wav16k") {
		t.Errorf("unknown format: got %v, want an error listing the formats", err)
	}
	// Text is never read as an espeak-ng option.
	if b, err := Speech(ctx, "--help", "wav16k"); err != nil || len(b) < 1000 {
		t.Errorf("text starting with -- : %d bytes, %v", len(b), err)
	}
}
