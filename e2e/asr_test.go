package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/synth"
)

// asrCommand runs `minsheng asr` with the given VOSK_MODEL ("" unsets it).
func asrCommand(t *testing.T, model string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var env []string
	for _, kv := range environ() {
		if !strings.HasPrefix(kv, "VOSK_MODEL=") {
			env = append(env, kv)
		}
	}
	if model != "" {
		env = append(env, "VOSK_MODEL="+model)
	}
	return runEnv(t, env, append([]string{"asr"}, args...)...)
}

// TestE2EASRCommand: `minsheng asr FILE` prints the transcript as JSON, and
// says what to set when no model is configured or the file is not audio.
func TestE2EASRCommand(t *testing.T) {
	model, err := filepath.Abs(filepath.Join("..", "..", "shared", "models", "vosk-model-test-energy"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(model); err != nil {
		t.Fatalf("the test speech model is needed: %v", err)
	}
	dir := t.TempDir()
	audio, err := synth.Speech(context.Background(), "我要投诉小区垃圾无人清运", "amr")
	if err != nil {
		t.Fatal(err)
	}
	recording := filepath.Join(dir, "voice.amr")
	notAudio := filepath.Join(dir, "voice.wav")
	if err := os.WriteFile(recording, audio, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notAudio, []byte("not a recording"), 0o644); err != nil {
		t.Fatal(err)
	}

	stdout, stderr, code := asrCommand(t, model, recording)
	var tr struct {
		Text     string
		Words    []struct{ Text string }
		Silent   bool
		Duration float64
	}
	if code != 0 || json.Unmarshal([]byte(stdout), &tr) != nil {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if tr.Text == "" || tr.Silent || len(tr.Words) == 0 || tr.Duration < 3 || tr.Duration > 6 {
		t.Errorf("transcript %+v", tr)
	}

	_, stderr, code = asrCommand(t, "", recording)
	if code != 1 || !strings.Contains(stderr, "VOSK_MODEL") {
		t.Errorf("without a model: exit %d, %q; want exit 1 naming VOSK_MODEL", code, stderr)
	}
	_, stderr, code = asrCommand(t, "", "--model", dir, recording)
	if code != 1 || !strings.Contains(stderr, "am/final.mdl: missing") {
		t.Errorf("with a folder that is no model: exit %d, %q", code, stderr)
	}
	_, stderr, code = asrCommand(t, model, notAudio)
	if code != 1 || !strings.Contains(stderr, "bad audio: not a recording") {
		t.Errorf("a text file named .wav: exit %d, %q", code, stderr)
	}
}
