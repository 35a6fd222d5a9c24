// Package synth owns generating realistic synthetic test inputs whose truth
// is known: people with valid resident ID numbers, their ID cards rendered in
// the real second-generation layout, petition letters, phone-photo variants
// of any image, and (synth/voice.go) speech.
//
// It is used by tests, by cmd/minsheng-eval and by benchmarks, never by the
// server: nothing here is real personal data, and nothing a citizen sends is
// generated. Every generator takes a *rand.Rand so a seed reproduces the same
// set; none reads the clock.
package synth
