package asr

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// chunk is how much PCM is handed to the recognizer at a time: 0.25 s, small
// enough for a prompt cancellation, large enough that cgo calls cost nothing.
const chunk = SampleRate / 4 * 2

// demuxers name ffmpeg's input format for each sniffed format, so ffmpeg never
// guesses: a file is decoded as what its content says it is, or not at all.
var demuxers = map[string]string{
	"wav": "wav",
	"mp3": "mp3",
	"aac": "aac",
	"m4a": "mov",
	"amr": "amr",
}

// Check refuses, before any decoding, what is plainly not an acceptable
// recording — empty, of no supported format, or a WAV longer than max — and
// returns its format. Uploads are checked with it before they are stored.
func Check(audio []byte, max time.Duration) (string, error) {
	if len(audio) == 0 {
		return "", fmt.Errorf("%w: the file is empty", ErrBadAudio)
	}
	format, ok := Sniff(audio)
	if !ok {
		return "", fmt.Errorf("%w: not a recording in a supported format (WAV, MP3, AAC, M4A, AMR)", ErrBadAudio)
	}
	if format == "wav" {
		d, err := wavDuration(audio)
		if err != nil {
			return "", err
		}
		if d > max {
			return "", tooLong(d, max)
		}
	}
	return format, nil
}

func tooLong(d, max time.Duration) error {
	if d > 0 {
		return fmt.Errorf("%w: the recording lasts %s, longer than the %s accepted", ErrBadAudio, d.Round(time.Second), max)
	}
	return fmt.Errorf("%w: the recording is longer than the %s accepted", ErrBadAudio, max)
}

// wavDuration reads the duration of a WAV file from its header and size, so a
// recording that is too long is refused without decoding a byte of it.
func wavDuration(b []byte) (time.Duration, error) {
	var byteRate uint32
	for off := 12; off+8 <= len(b); {
		id := string(b[off : off+4])
		size := binary.LittleEndian.Uint32(b[off+4 : off+8])
		body := b[off+8:]
		switch id {
		case "fmt ":
			if len(body) < 16 {
				return 0, fmt.Errorf("%w: the WAV header is cut short", ErrBadAudio)
			}
			byteRate = binary.LittleEndian.Uint32(body[8:12])
			if byteRate == 0 {
				return 0, fmt.Errorf("%w: the WAV header gives no data rate", ErrBadAudio)
			}
		case "data":
			if byteRate == 0 {
				return 0, fmt.Errorf("%w: the WAV file has no format chunk before its data", ErrBadAudio)
			}
			// Writers that stream (espeak-ng, sox and ffmpeg to a pipe) put a
			// placeholder such as 0x7FFFF000 or 0xFFFFFFFF there and never
			// come back to fix it, so the bytes present are what counts
			// whenever the header claims more.
			n := uint64(len(body))
			if size != 0 && uint64(size) < n {
				n = uint64(size)
			}
			return time.Duration(n * uint64(time.Second) / uint64(byteRate)), nil
		}
		next := uint64(off) + 8 + uint64(size) + uint64(size&1)
		if next > uint64(len(b)) {
			break
		}
		off = int(next)
	}
	return 0, fmt.Errorf("%w: the WAV file has no audio data", ErrBadAudio)
}

// decode converts the recording to 16 kHz mono signed 16-bit PCM with ffmpeg
// and hands it to feed in chunks. It returns the number of samples decoded.
// ffmpeg stops a second after the longest accepted duration, so a long
// recording without a WAV header to tell its length costs at most that much
// decoding before it is refused.
func (e *Engine) decode(parent context.Context, format string, audio []byte, feed func([]byte) error) (int, error) {
	// ctx also ends when decoding stops early, which kills ffmpeg.
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	limit := e.maxDuration + time.Second
	maxBytes := int(e.maxDuration.Seconds()*SampleRate) * 2

	input := "pipe:0"
	cmd := exec.CommandContext(ctx, e.ffmpeg)
	if format == "m4a" {
		// MP4 files usually keep their index (moov) after the audio, which
		// ffmpeg cannot reach in a pipe. An in-memory file is seekable and
		// still touches no disk.
		f, err := memFile(audio)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		cmd.ExtraFiles = []*os.File{f}
		input = "file:/dev/fd/3"
	} else {
		cmd.Stdin = bytes.NewReader(audio)
	}
	cmd.Args = append(cmd.Args,
		"-nostdin", "-hide_banner", "-loglevel", "error", "-threads", "1",
		"-f", demuxers[format], "-i", input,
		"-t", strconv.FormatFloat(limit.Seconds(), 'f', 3, 64),
		"-vn", "-sn", "-dn", "-ac", "1", "-ar", strconv.Itoa(SampleRate),
		"-f", "s16le", "-acodec", "pcm_s16le", "pipe:1")
	stderr := &complaint{max: 2048}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("asr: start ffmpeg: %w", err)
	}

	buf := make([]byte, chunk)
	total := 0
	var stop error
	for stop == nil {
		n, rerr := io.ReadFull(out, buf)
		n -= n % 2 // a sample cut in half by a stopped decoder is dropped
		if n > 0 {
			if total+n > maxBytes {
				stop = tooLong(0, e.maxDuration)
				break
			}
			total += n
			if stop = parent.Err(); stop == nil {
				stop = feed(buf[:n])
			}
		}
		if rerr != nil {
			break
		}
	}
	if stop != nil {
		// Stopped early: ffmpeg may still be writing; kill it, and its exit
		// status says nothing more.
		cancel()
		_ = cmd.Wait()
		if err := parent.Err(); err != nil {
			return 0, err
		}
		return 0, stop
	}
	waitErr := cmd.Wait()
	if err := parent.Err(); err != nil {
		return 0, err
	}
	if waitErr != nil {
		reason := stderr.String()
		if reason == "" {
			reason = waitErr.Error()
		}
		return 0, fmt.Errorf("%w: the %s file cannot be decoded (%s)", ErrBadAudio, strings.ToUpper(format), reason)
	}
	if total == 0 {
		return 0, fmt.Errorf("%w: the %s file holds no sound", ErrBadAudio, strings.ToUpper(format))
	}
	return total / 2, nil
}

// memFile puts data in an anonymous in-memory file (memfd) that a child
// process can open and seek.
func memFile(data []byte) (*os.File, error) {
	fd, err := unix.MemfdCreate("minsheng-asr", 0)
	if err != nil {
		return nil, fmt.Errorf("asr: memfd: %w", err)
	}
	f := os.NewFile(uintptr(fd), "memfd:minsheng-asr")
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, fmt.Errorf("asr: memfd: %w", err)
	}
	return f, nil
}

// complaint keeps the first line of ffmpeg's complaints, which says what is wrong
// with the file, and drops the rest.
type complaint struct {
	buf []byte
	max int
}

func (t *complaint) Write(p []byte) (int, error) {
	if room := t.max - len(t.buf); room > 0 {
		t.buf = append(t.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (t *complaint) String() string {
	s := strings.TrimSpace(string(t.buf))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	// "[mp3 @ 0x55d…] Invalid frame size": the address means nothing to a reader.
	return strings.TrimSpace(ffmpegContext.ReplaceAllString(s, ""))
}

var ffmpegContext = regexp.MustCompile(`\[[^\]]* @ 0x[0-9a-f]+\] ?`)
