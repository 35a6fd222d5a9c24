// Package asrtest finds the Vosk model tests run on: $VOSK_MODEL when set,
// else the hand-made test model kept beside the project in
// ../shared/models/vosk-model-test-energy (it hears loudness, not words).
package asrtest

import (
	"os"
	"path/filepath"
	"testing"
)

// EnergyModel is the folder of the hand-made test model.
func EnergyModel(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("asrtest: no go.mod above the working directory")
		}
		dir = parent
	}
	model := filepath.Join(dir, "..", "shared", "models", "vosk-model-test-energy")
	if _, err := os.Stat(model); err != nil {
		t.Fatalf("tests need the test model at %s (see ../shared/models/README.md): %v", model, err)
	}
	return model
}

// Model is $VOSK_MODEL when set, else the test model.
func Model(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("VOSK_MODEL"); dir != "" {
		return dir
	}
	return EnergyModel(t)
}
