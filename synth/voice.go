package synth

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// SpeechFormats are the formats Speech renders, as citizens' recordings
// reach a bureau:
//
//	wav16k       16 kHz mono 16-bit PCM WAV (what Vosk models are trained on)
//	wav8k        8 kHz mono 16-bit PCM WAV (a hotline recording)
//	wav44stereo  44.1 kHz stereo 16-bit PCM WAV (a phone's voice recorder)
//	wav8bit      8 kHz mono 8-bit unsigned PCM WAV (old call-centre systems)
//	mp3          8 kHz mono MP3 at 32 kbit/s (hotline archives)
//	amr          8 kHz AMR-NB at 12.2 kbit/s, "#!AMR" storage format (phones, WeChat voice)
//	m4a          16 kHz mono AAC-LC at 48 kbit/s in MP4, index after the audio as
//	             ffmpeg writes it by default (a mini-program recorder)
//	aac          16 kHz mono AAC-LC at 48 kbit/s in ADTS frames (a mini-program recorder)
var SpeechFormats = []string{"wav16k", "wav8k", "wav44stereo", "wav8bit", "mp3", "amr", "m4a", "aac"}

// Speech renders Mandarin text with espeak-ng's cmn voice and converts it to
// format (one of SpeechFormats). espeak-ng is a formant synthesiser: robotic
// but intelligible, and the same text always gives the same 22 050 Hz audio.
// Conversions use sox without dither (-R) and ffmpeg in bit-exact mode, so a
// text and format always give the same bytes on one machine.
//
// The encoders are Debian's: ffmpeg has libmp3lame for MP3 and its native AAC
// encoder, but no AMR-NB encoder (Debian builds it without
// libopencore-amrnb), so AMR comes from sox, whose libsox-fmt-base uses
// libopencore-amrnb.
func Speech(ctx context.Context, text string, format string) ([]byte, error) {
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("synth: speech: no text")
	}
	// The text goes in on stdin, so nothing in it can be read as an option.
	cmd := exec.CommandContext(ctx, "espeak-ng", "-v", "cmn", "--stdout")
	cmd.Stdin = strings.NewReader(text)
	wav, err := voiceRun(cmd)
	if err != nil {
		return nil, fmt.Errorf("synth: speech: espeak-ng: %w", err)
	}
	sox := func(args ...string) ([]byte, error) {
		args = append([]string{"-R", "-t", "wav", "-"}, args...)
		cmd := exec.CommandContext(ctx, "sox", args...)
		cmd.Stdin = bytes.NewReader(wav)
		return voiceRun(cmd)
	}
	ffmpeg := func(args ...string) ([]byte, error) {
		args = append([]string{"-nostdin", "-hide_banner", "-loglevel", "error", "-f", "wav", "-i", "pipe:0",
			"-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact"}, args...)
		cmd := exec.CommandContext(ctx, "ffmpeg", args...)
		cmd.Stdin = bytes.NewReader(wav)
		return voiceRun(cmd)
	}

	var out []byte
	switch format {
	case "wav16k":
		out, err = sox("-t", "wav", "-e", "signed", "-b", "16", "-c", "1", "-", "rate", "16000")
	case "wav8k":
		out, err = sox("-t", "wav", "-e", "signed", "-b", "16", "-c", "1", "-", "rate", "8000")
	case "wav44stereo":
		out, err = sox("-t", "wav", "-e", "signed", "-b", "16", "-c", "2", "-", "rate", "44100")
	case "wav8bit":
		out, err = sox("-t", "wav", "-e", "unsigned", "-b", "8", "-c", "1", "-", "rate", "8000")
	case "amr":
		// -C 7 is AMR-NB's 12.2 kbit/s mode, the one phones use on a good line.
		out, err = sox("-t", "amr-nb", "-C", "7", "-c", "1", "-", "rate", "8000")
	case "mp3":
		out, err = ffmpeg("-ar", "8000", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k", "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3", "pipe:1")
	case "aac":
		out, err = ffmpeg("-ar", "16000", "-ac", "1", "-c:a", "aac", "-b:a", "48k", "-f", "adts", "pipe:1")
	case "m4a":
		out, err = speechM4A(ctx, wav)
	default:
		return nil, fmt.Errorf("synth: speech: unknown format %q (have %s)", format, strings.Join(SpeechFormats, ", "))
	}
	if err == nil && len(out) == 0 {
		err = errors.New("no output")
	}
	if err != nil {
		return nil, fmt.Errorf("synth: speech %s: %w", format, err)
	}
	if strings.HasPrefix(format, "wav") {
		fixWAVSizes(out)
	}
	return out, nil
}

// fixWAVSizes writes the real sizes into a WAV header. sox writing to a pipe
// cannot seek back and leaves a placeholder (0x7FFFF000) there; a recording
// saved by a phone or a hotline has the true sizes.
func fixWAVSizes(b []byte) {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return
	}
	binary.LittleEndian.PutUint32(b[4:8], uint32(len(b)-8))
	for off := 12; off+8 <= len(b); {
		size := int(binary.LittleEndian.Uint32(b[off+4 : off+8]))
		if string(b[off:off+4]) == "data" {
			binary.LittleEndian.PutUint32(b[off+4:off+8], uint32(len(b)-off-8))
			return
		}
		off += 8 + size + size&1
	}
}

// speechM4A goes through a temporary file: the MP4 muxer writes the index
// last and goes back to fix sizes, which a pipe does not allow.
func speechM4A(ctx context.Context, wav []byte) ([]byte, error) {
	f, err := os.CreateTemp("", "minsheng-speech-*.m4a")
	if err != nil {
		return nil, err
	}
	name := f.Name()
	f.Close()
	defer os.Remove(name)
	cmd := exec.CommandContext(ctx, "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
		"-f", "wav", "-i", "pipe:0", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
		"-ar", "16000", "-ac", "1", "-c:a", "aac", "-b:a", "48k", "-f", "ipod", name)
	cmd.Stdin = bytes.NewReader(wav)
	if _, err := voiceRun(cmd); err != nil {
		return nil, err
	}
	return os.ReadFile(name)
}

// voiceRun runs cmd and returns its stdout, or an error carrying its stderr.
func voiceRun(cmd *exec.Cmd) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%w: %s", err, msg)
		}
		return nil, err
	}
	return stdout.Bytes(), nil
}
