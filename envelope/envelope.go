// Package envelope seals files at rest: a small versioned header followed by
// the content in chunks, each encrypted and authenticated with AES-256-GCM
// under a key of its own for every file, so a file of any size is sealed and
// opened as a stream, holding one chunk at a time, and a chunk that was
// altered, dropped, reordered or cut short is refused. It also gives sealed
// files names that say nothing about their content (Key.Name).
//
// It owns the format only: where the bytes are kept (a folder, a database,
// an object store) is the caller's business, and so are the keys' origin and
// who may open what. It must not log or keep what it seals.
//
// Format, version 1 (all integers big-endian):
//
//	magic    "MSENV" (5 bytes)
//	version  1 (1 byte)
//	chunk    log2 of the chunk size (1 byte; 16 = 64 KiB)
//	reserved 0 (1 byte)
//	salt     32 random bytes
//	chunks   each ChunkSize bytes of content sealed to ChunkSize+16 bytes;
//	         the last one shorter (possibly empty content, 16 bytes)
//
// The file key is HKDF-SHA-256(key, salt, info = "minsheng envelope v1" ||
// the first 8 header bytes), so a header changed in any byte opens nothing.
// Chunk i is sealed with nonce = i as 11 bytes || 1 for the last chunk, 0
// otherwise (the STREAM construction): a file cut at a chunk boundary lacks
// its last chunk and is refused. A random key per file makes the counter
// nonce safe however many files one key seals.
package envelope

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/hkdf"
)

const (
	magic     = "MSENV"
	version   = 1
	chunkLog  = 16
	saltLen   = 32
	tagLen    = 16
	nonceLen  = 12
	fixedLen  = 8
	HeaderLen = fixedLen + saltLen
)

// ChunkSize is how much content one chunk holds.
const ChunkSize = 1 << chunkLog

// ErrDamaged means a sealed file was altered, cut short, or sealed under
// another key. It never says which.
var ErrDamaged = errors.New("envelope: the sealed file is damaged or was sealed with another key")

// ErrNotSealed means the bytes do not start with an envelope header: a file
// written before files were sealed, or something else entirely.
var ErrNotSealed = errors.New("envelope: not a sealed file")

// Key is a 256-bit secret files are sealed under. The zero Key is not
// usable: make one with NewKey.
type Key struct {
	k  [32]byte
	ok bool
}

// NewKey takes a secret of at least 32 uniformly random bytes.
func NewKey(secret []byte) (Key, error) {
	if len(secret) < 32 {
		return Key{}, fmt.Errorf("envelope: key has %d bytes, need at least 32", len(secret))
	}
	var k Key
	k.ok = true
	if len(secret) == 32 {
		copy(k.k[:], secret)
		return k, nil
	}
	copy(k.k[:], expand(secret, nil, "minsheng envelope key"))
	return k, nil
}

// Sub derives an independent key for one use, e.g. one per tenant: files
// sealed under one sub-key cannot be opened with another, nor with k.
func (k Key) Sub(label string) Key {
	k.mustBeValid()
	var out Key
	out.ok = true
	copy(out.k[:], expand(k.k[:], nil, "minsheng envelope sub "+label))
	return out
}

// Name is a keyed name for a content identifier (for instance its SHA-256):
// the same id always gets the same name under k, and without k the name
// reveals nothing about the id, not even whether two keys' files are equal.
func (k Key) Name(id []byte) string {
	k.mustBeValid()
	m := hmac.New(sha256.New, expand(k.k[:], nil, "minsheng envelope name"))
	m.Write(id)
	return hex.EncodeToString(m.Sum(nil))
}

// String and GoString keep the key out of logs.
func (k Key) String() string   { return "envelope.Key" }
func (k Key) GoString() string { return "envelope.Key{}" }

func (k Key) mustBeValid() {
	if !k.ok {
		panic("envelope: zero Key used; make one with NewKey")
	}
}

func expand(secret, salt []byte, info string) []byte {
	out := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, salt, []byte(info)), out); err != nil {
		panic(err) // only for outputs longer than 255 hashes
	}
	return out
}

func fileAEAD(k Key, header []byte) (cipher.AEAD, error) {
	key := expand(k.k[:], header[fixedLen:HeaderLen], "minsheng envelope v1"+string(header[:fixedLen]))
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func nonce(buf *[nonceLen]byte, i uint64, last bool) []byte {
	*buf = [nonceLen]byte{}
	binary.BigEndian.PutUint64(buf[3:11], i)
	if last {
		buf[11] = 1
	}
	return buf[:]
}

// IsSealed reports whether data starts like a sealed file.
func IsSealed(data []byte) bool {
	return len(data) >= fixedLen && string(data[:len(magic)]) == magic
}

// SealedSize is the size of content of n bytes once sealed.
func SealedSize(n int64) int64 {
	return HeaderLen + n + (n/ChunkSize+1)*tagLen
}

// OpenedSize is the size of the content of a sealed file of n bytes, or
// false if no sealed file has that size.
func OpenedSize(n int64) (int64, bool) {
	n -= HeaderLen
	if n < tagLen {
		return 0, false
	}
	full := n / (ChunkSize + tagLen)
	rest := n % (ChunkSize + tagLen)
	if rest < tagLen {
		return 0, false
	}
	return full*ChunkSize + rest - tagLen, true
}

// Writer seals what is written to it. Close writes the last chunk: a file
// whose Writer was not closed is refused when opened.
type Writer struct {
	w     io.Writer
	aead  cipher.AEAD
	buf   []byte // content waiting for a full chunk
	out   []byte
	n     uint64
	nonce [nonceLen]byte
	err   error
}

// NewWriter writes the header to w and returns a Writer sealing under k.
func NewWriter(w io.Writer, k Key) (*Writer, error) {
	k.mustBeValid()
	header := make([]byte, HeaderLen)
	copy(header, magic)
	header[5], header[6] = version, chunkLog
	if _, err := rand.Read(header[fixedLen:]); err != nil {
		return nil, fmt.Errorf("envelope: random salt: %w", err)
	}
	aead, err := fileAEAD(k, header)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(header); err != nil {
		return nil, err
	}
	return &Writer{w: w, aead: aead, buf: make([]byte, 0, ChunkSize), out: make([]byte, 0, ChunkSize+tagLen)}, nil
}

// Write seals p, a chunk at a time.
func (s *Writer) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n := len(p)
	for len(p) > 0 {
		k := copy(s.buf[len(s.buf):cap(s.buf)], p)
		s.buf = s.buf[:len(s.buf)+k]
		p = p[k:]
		// A full chunk is never the last: the last is written by Close and
		// is always shorter, so a reader knows it by its size.
		if len(s.buf) == ChunkSize {
			if err := s.flush(false); err != nil {
				return n - len(p), err
			}
		}
	}
	return n, nil
}

func (s *Writer) flush(last bool) error {
	s.out = s.aead.Seal(s.out[:0], nonce(&s.nonce, s.n, last), s.buf, nil)
	s.n++
	s.buf = s.buf[:0]
	if _, err := s.w.Write(s.out); err != nil {
		s.err = err
		return err
	}
	return nil
}

// Close writes the last chunk. It does not close the underlying writer.
func (s *Writer) Close() error {
	if s.err != nil {
		return s.err
	}
	err := s.flush(true)
	if err == nil {
		s.err = errors.New("envelope: write after Close")
	}
	return err
}

// Reader opens a sealed file as it is read. Every byte it returns was
// authenticated; io.EOF comes only after the last chunk was.
type Reader struct {
	r     io.Reader
	aead  cipher.AEAD
	in    []byte
	plain []byte // opened content not yet returned
	n     uint64
	nonce [nonceLen]byte
	done  bool
	err   error
}

// NewReader reads the header from r. It returns ErrNotSealed when r does
// not start with one, ErrDamaged when the header is of an unknown version
// or damaged.
func NewReader(r io.Reader, k Key) (*Reader, error) {
	k.mustBeValid()
	header := make([]byte, HeaderLen)
	if n, err := io.ReadFull(r, header); err != nil {
		if IsSealed(header[:n]) {
			return nil, ErrDamaged
		}
		return nil, ErrNotSealed
	}
	if !IsSealed(header) {
		return nil, ErrNotSealed
	}
	if header[5] != version || header[6] != chunkLog || header[7] != 0 {
		// Only one version and chunk size exist yet; a later one gets its
		// own branch here.
		return nil, fmt.Errorf("%w (unknown format %d/%d)", ErrDamaged, header[5], header[6])
	}
	aead, err := fileAEAD(k, header)
	if err != nil {
		return nil, err
	}
	return &Reader{r: r, aead: aead, in: make([]byte, ChunkSize+tagLen)}, nil
}

// Read returns opened content.
func (o *Reader) Read(p []byte) (int, error) {
	for len(o.plain) == 0 {
		if o.err != nil {
			return 0, o.err
		}
		if o.done {
			return 0, io.EOF
		}
		o.next()
	}
	n := copy(p, o.plain)
	o.plain = o.plain[n:]
	return n, nil
}

// next opens the next chunk: a full one is not the last, a shorter one is.
func (o *Reader) next() {
	n, err := io.ReadFull(o.r, o.in)
	last := false
	switch {
	case err == nil:
	case errors.Is(err, io.ErrUnexpectedEOF):
		last = true
	case errors.Is(err, io.EOF):
		o.err = ErrDamaged // cut at a chunk boundary: the last chunk is missing
		return
	default:
		o.err = err
		return
	}
	plain, err := o.aead.Open(o.in[:0], nonce(&o.nonce, o.n, last), o.in[:n], nil)
	if err != nil {
		o.err = ErrDamaged
		return
	}
	o.n++
	o.plain = plain
	o.done = last
}

// Seal seals content whole under k.
func Seal(k Key, content []byte) ([]byte, error) {
	out := &sliceWriter{b: make([]byte, 0, SealedSize(int64(len(content))))}
	w, err := NewWriter(out, k)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(content); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.b, nil
}

// Open opens a sealed file whole, into one buffer of the content's size.
func Open(k Key, sealed []byte) ([]byte, error) {
	return ReadAll(bytes.NewReader(sealed), int64(len(sealed)), k)
}

// ReadAll opens a sealed file of size bytes from r into one buffer of the
// content's size: the sealed bytes are never all in memory at once.
func ReadAll(r io.Reader, size int64, k Key) ([]byte, error) {
	n, ok := OpenedSize(size)
	if !ok {
		if size >= fixedLen {
			// Told apart from a plain file by its header, not its size.
			head := make([]byte, fixedLen)
			if _, err := io.ReadFull(r, head); err == nil && !IsSealed(head) {
				return nil, ErrNotSealed
			}
			return nil, ErrDamaged
		}
		return nil, ErrNotSealed
	}
	o, err := NewReader(r, k)
	if err != nil {
		return nil, err
	}
	out := make([]byte, n)
	if _, err := io.ReadFull(o, out); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			err = ErrDamaged
		}
		return nil, err
	}
	// The content is complete only once the last chunk was opened.
	if _, err := o.Read(make([]byte, 1)); err != io.EOF {
		if err == nil {
			err = ErrDamaged
		}
		return nil, err
	}
	return out, nil
}

type sliceWriter struct{ b []byte }

func (w *sliceWriter) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }

// IsZero reports whether k is the zero Key, which seals nothing.
func (k Key) IsZero() bool { return !k.ok }
