package asr

import (
	"bytes"
	"encoding/binary"
	"github.com/minsheng/minsheng/asr/asrtest"
	"math"
	"testing"
)

// energyModel is the hand-made test model: it hears loudness, not words,
// which makes exact assertions about words and timings possible.
func energyModel(t testing.TB) string { return asrtest.EnergyModel(t) }

// modelDir is the model the format, error and concurrency tests run on:
// $VOSK_MODEL when set (a real Mandarin model then gets the same checks),
// else the test model.
func modelDir(t testing.TB) string { return asrtest.Model(t) }

func open(t testing.TB, o Options) *Engine {
	t.Helper()
	if o.ModelDir == "" {
		o.ModelDir = modelDir(t)
	}
	e, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

// pcm builds 16-bit mono audio from segments of (seconds, sine amplitude);
// amplitude 0 is digital silence.
type segment struct {
	seconds   float64
	amplitude float64
}

func pcm(rate int, segs ...segment) []int16 {
	var s []int16
	for _, g := range segs {
		n := int(g.seconds * float64(rate))
		for i := 0; i < n; i++ {
			s = append(s, int16(g.amplitude*math.Sin(2*math.Pi*440*float64(i)/float64(rate))))
		}
	}
	return s
}

// wav16 wraps 16-bit mono samples in a canonical WAV header.
func wav16(rate int, samples []int16) []byte {
	var data bytes.Buffer
	binary.Write(&data, binary.LittleEndian, samples)
	return wavFile(rate, 1, 16, data.Bytes())
}

func wavFile(rate, channels, bits int, data []byte) []byte {
	var b bytes.Buffer
	b.Grow(44 + len(data))
	le := binary.LittleEndian
	block := channels * bits / 8
	b.WriteString("RIFF")
	binary.Write(&b, le, uint32(36+len(data)))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, le, uint32(16))
	binary.Write(&b, le, uint16(1))
	binary.Write(&b, le, uint16(channels))
	binary.Write(&b, le, uint32(rate))
	binary.Write(&b, le, uint32(rate*block))
	binary.Write(&b, le, uint16(block))
	binary.Write(&b, le, uint16(bits))
	b.WriteString("data")
	binary.Write(&b, le, uint32(len(data)))
	b.Write(data)
	return b.Bytes()
}
