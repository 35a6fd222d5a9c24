package asr

import (
	"errors"
	"testing"
	"time"
)

// FuzzSniff feeds the format sniffer and the upload check arbitrary bytes
// (seeds: testdata/fuzz/FuzzSniff, a tiny header of each format and a few
// images). Neither may panic or hang; Check accepts only what Sniff
// recognises, as the same format; every refusal is ErrBadAudio; an
// accepted WAV is within the duration.
func FuzzSniff(f *testing.F) {
	f.Add([]byte("RIFF\x00\x00\x00\x00WAVE"))
	f.Add([]byte("#!AMR\n"))
	formats := map[string]bool{"wav": true, "mp3": true, "aac": true, "m4a": true, "amr": true}
	f.Fuzz(func(t *testing.T, data []byte) {
		format, ok := Sniff(data)
		if ok != formats[format] {
			t.Fatalf("Sniff = %q, %v", format, ok)
		}
		checked, err := Check(data, time.Minute)
		switch {
		case err != nil && !errors.Is(err, ErrBadAudio):
			t.Fatalf("Check refused with %v, not ErrBadAudio", err)
		case err == nil && checked != format:
			t.Fatalf("Check accepted %q, Sniff says %q", checked, format)
		case err == nil && format == "wav":
			if d, derr := wavDuration(data); derr != nil || d > time.Minute {
				t.Fatalf("Check accepted a WAV of %v (%v)", d, derr)
			}
		}
	})
}
