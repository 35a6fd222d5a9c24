package envelope_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"strconv"
	"testing"

	"github.com/minsheng/minsheng/envelope"
)

func key(t testing.TB, b byte) envelope.Key {
	t.Helper()
	k, err := envelope.NewKey(bytes.Repeat([]byte{b}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func content(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// Every size around the chunk boundaries comes back as it went in, whole
// or streamed, and the sealed file holds none of it in clear.
func TestSealOpenRoundTrip(t *testing.T) {
	k := key(t, 1)
	cs := envelope.ChunkSize
	for _, n := range []int{0, 1, 100, cs - 1, cs, cs + 1, 3 * cs, 3*cs + 7} {
		plain := content(n)
		sealed, err := envelope.Seal(k, plain)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(sealed)) != envelope.SealedSize(int64(n)) {
			t.Errorf("%d bytes sealed to %d, SealedSize says %d", n, len(sealed), envelope.SealedSize(int64(n)))
		}
		if m, ok := envelope.OpenedSize(int64(len(sealed))); !ok || m != int64(n) {
			t.Errorf("OpenedSize(%d) = %d %v, want %d", len(sealed), m, ok, n)
		}
		if n >= 16 && bytes.Contains(sealed, plain[:16]) {
			t.Errorf("%d bytes: the sealed file holds the content in clear", n)
		}
		got, err := envelope.Open(k, sealed)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("%d bytes: opened %d bytes, %v", n, len(got), err)
		}
		r, err := envelope.NewReader(bytes.NewReader(sealed), k)
		if err != nil {
			t.Fatal(err)
		}
		streamed, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(streamed, plain) {
			t.Fatalf("%d bytes streamed: %d bytes, %v", n, len(streamed), err)
		}
	}
}

// Any change to a sealed file — a flipped bit anywhere, a cut at or
// between chunks, chunks swapped, bytes added, another key — is refused
// with ErrDamaged, never answered with altered content.
func TestDamageIsRefused(t *testing.T) {
	k := key(t, 1)
	cs := envelope.ChunkSize
	plain := content(3*cs + 100)
	sealed, err := envelope.Seal(k, plain)
	if err != nil {
		t.Fatal(err)
	}
	chunk := cs + 16
	h := envelope.HeaderLen
	swapped := append([]byte{}, sealed...)
	copy(swapped[h:h+chunk], sealed[h+chunk:h+2*chunk])
	copy(swapped[h+chunk:h+2*chunk], sealed[h:h+chunk])
	cases := map[string][]byte{
		"cut at a chunk boundary": sealed[:h+3*chunk],
		"cut inside a chunk":      sealed[:h+chunk+10],
		"cut in the header":       sealed[:20],
		"last chunk dropped":      sealed[:len(sealed)-116],
		"bytes added":             append(append([]byte{}, sealed...), 0),
		"chunks swapped":          swapped,
	}
	for _, at := range []int{5, 6, 7, 8, 39, h, h + chunk + 3, len(sealed) - 1} {
		b := append([]byte{}, sealed...)
		b[at] ^= 0x20
		cases["bit flipped at "+strconv.Itoa(at)] = b
	}
	for name, b := range cases {
		if _, err := envelope.Open(k, b); !errors.Is(err, envelope.ErrDamaged) {
			t.Errorf("%s: Open gave %v, want ErrDamaged", name, err)
		}
		if r, err := envelope.NewReader(bytes.NewReader(b), k); err == nil {
			if _, err := io.ReadAll(r); !errors.Is(err, envelope.ErrDamaged) {
				t.Errorf("%s: streaming gave %v, want ErrDamaged", name, err)
			}
		} else if !errors.Is(err, envelope.ErrDamaged) {
			t.Errorf("%s: NewReader gave %v, want ErrDamaged", name, err)
		}
	}
	for name, other := range map[string]envelope.Key{"another key": key(t, 2), "a sub-key": k.Sub("tenant/1")} {
		if _, err := envelope.Open(other, sealed); !errors.Is(err, envelope.ErrDamaged) {
			t.Errorf("%s: Open gave %v, want ErrDamaged", name, err)
		}
	}
}

func TestPlainFilesAreNotSealed(t *testing.T) {
	k := key(t, 1)
	for _, b := range [][]byte{nil, []byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0xFF, 0xD8}, 5000)} {
		if envelope.IsSealed(b) {
			t.Errorf("%q looks sealed", b[:min(len(b), 8)])
		}
		if _, err := envelope.Open(k, b); !errors.Is(err, envelope.ErrNotSealed) {
			t.Errorf("%d plain bytes: Open gave %v, want ErrNotSealed", len(b), err)
		}
	}
}

// Names are stable under one key and unrelated under two: a tenant's file
// names say nothing about another tenant's.
func TestNames(t *testing.T) {
	k := key(t, 1)
	a, b := k.Sub("tenant/1"), k.Sub("tenant/2")
	id := []byte("content id")
	if a.Name(id) != a.Name(id) {
		t.Error("a name changed")
	}
	if a.Name(id) == b.Name(id) || a.Name(id) == a.Name([]byte("other")) {
		t.Error("names collide across keys or ids")
	}
	if _, err := envelope.NewKey(make([]byte, 16)); err == nil {
		t.Error("a 16-byte key was accepted")
	}
}

func BenchmarkSeal40MB(b *testing.B) {
	k := key(b, 1)
	plain := content(40 << 20)
	b.SetBytes(int64(len(plain)))
	for b.Loop() {
		if _, err := envelope.Seal(k, plain); err != nil {
			b.Fatal(err)
		}
	}
}
