package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

func testSpeechModel(t *testing.T) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "..", "shared", "models", "vosk-model-test-energy")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the test speech model is needed: %v", err)
	}
	return dir
}

// TestSpeechNotMeasured: without a Mandarin model the section says so and
// why, and is not an error (the other sections' figures stand).
func TestSpeechNotMeasured(t *testing.T) {
	for model, why := range map[string]string{
		"":                    "VOSK_MODEL is not set",
		testSpeechModel(t):    "is not a Mandarin model",
		filepath.Join("nope"): "Vosk model folder nope",
	} {
		t.Setenv("VOSK_MODEL", model)
		md, err := evalSpeech(context.Background(), options{N: 2, Seed: 1})
		if err != nil || !strings.Contains(md, "Speech accuracy was not measured: ") || !strings.Contains(md, why) {
			t.Errorf("VOSK_MODEL=%q: %v\n%s", model, err, md)
		}
	}
}

// TestSpeechMeasurement runs the measuring path on the test model (which
// cannot hear words, so the CER is meaningless, but every tier must be
// decoded, transcribed and tabled).
func TestSpeechMeasurement(t *testing.T) {
	md, err := measureSpeech(context.Background(), options{N: 2, Seed: 1}, testSpeechModel(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tier := range speechTiers {
		if !strings.Contains(md, "| "+tier.label+" | mean ") {
			t.Errorf("no row for %s:\n%s", tier.label, md)
		}
	}
}

func TestSpeechSentences(t *testing.T) {
	for i := range 20 {
		s := speechSentence(sampleRand(1, "speech", i))
		if s != speechSentence(sampleRand(1, "speech", i)) {
			t.Errorf("sentence %d differs between two runs with the same seed", i)
		}
		n := 0
		for _, r := range s {
			switch {
			case unicode.Is(unicode.Han, r):
				n++
			case strings.ContainsRune("，。！？、；：“”", r):
			default:
				t.Errorf("sentence %q has %q, which a speaker would not say as written", s, r)
			}
		}
		if n < 6 || n > 80 {
			t.Errorf("sentence %q has %d characters", s, n)
		}
	}
}
