// Package blobtest is the contract every blob.Store keeps, run by each
// backend's tests against a real instance of that backend.
package blobtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"testing"

	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/envelope"
)

// Backend is a store under test.
type Backend struct {
	Store blob.Store
	// Damage changes the stored bytes of name in place (flips one byte,
	// keeping the length), as a disk or an operator might.
	Damage func(t *testing.T, name string)
	// Truncate cuts the stored bytes of name to n bytes.
	Truncate func(t *testing.T, name string, n int)
}

func key(t *testing.T) envelope.Key {
	secret := make([]byte, 32)
	rand.Read(secret)
	k, err := envelope.NewKey(secret)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func content(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// Run runs the contract on a fresh store made by open for each part.
func Run(t *testing.T, open func(t *testing.T) Backend) {
	ctx := context.Background()
	t.Run("WriteRead", func(t *testing.T) {
		s := open(t).Store
		// Sealed files are never empty (the envelope header alone is 40 bytes).
		for i, n := range []int{1, 1000, envelope.ChunkSize*3 + 17, 2<<20 + 5} {
			name := fmt.Sprintf("7/ab/file%d", i)
			want := content(n)
			if err := s.Put(ctx, name, bytes.NewReader(want)); err != nil {
				t.Fatalf("put %d bytes: %v", n, err)
			}
			got, err := blob.ReadAll(ctx, s, name)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("read %d bytes back: %d bytes, %v", n, len(got), err)
			}
			info, err := s.Stat(ctx, name)
			if err != nil || info.Size != int64(n) || info.Name != name || info.Modified.IsZero() {
				t.Fatalf("stat: %+v %v, want %d bytes", info, err, n)
			}
		}
		// A name keeps its first content.
		first, _ := blob.ReadAll(ctx, s, "7/ab/file2")
		if err := s.Put(ctx, "7/ab/file2", bytes.NewReader(content(10))); err != nil {
			t.Fatal(err)
		}
		if got, _ := blob.ReadAll(ctx, s, "7/ab/file2"); !bytes.Equal(got, first) {
			t.Error("a second Put changed a stored file")
		}
	})
	t.Run("Missing", func(t *testing.T) {
		s := open(t).Store
		if _, err := s.Get(ctx, "7/zz/none"); !errors.Is(err, blob.ErrNotExist) {
			t.Errorf("get missing: %v, want ErrNotExist", err)
		}
		if _, err := s.Stat(ctx, "7/zz/none"); !errors.Is(err, blob.ErrNotExist) {
			t.Errorf("stat missing: %v, want ErrNotExist", err)
		}
		if err := s.Delete(ctx, "7/zz/none"); err != nil {
			t.Errorf("delete missing: %v", err)
		}
		if err := s.Put(ctx, "7/zz/gone", bytes.NewReader([]byte("x"))); err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(ctx, "7/zz/gone"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Get(ctx, "7/zz/gone"); !errors.Is(err, blob.ErrNotExist) {
			t.Errorf("get deleted: %v, want ErrNotExist", err)
		}
		for _, bad := range []string{"", "/abs", "a/../b", "a//b", "a/b/", "a b"} {
			if err := s.Put(ctx, bad, bytes.NewReader(nil)); err == nil {
				t.Errorf("put %q: accepted", bad)
			}
		}
	})
	t.Run("Walk", func(t *testing.T) {
		s := open(t).Store
		want := []string{"1/aa/x", "1/bb/y", "12/aa/z"}
		for _, n := range append(want, "2/aa/w") {
			if err := s.Put(ctx, n, bytes.NewReader([]byte(n))); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		err := s.Walk(ctx, "1", func(i blob.Info) error {
			got = append(got, i.Name)
			if i.Size != int64(len(i.Name)) {
				t.Errorf("%s: size %d", i.Name, i.Size)
			}
			return nil
		})
		sort.Strings(got)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("walk 1: %v %v, want %v", got, err, want)
		}
		got = nil
		s.Walk(ctx, "1/", func(i blob.Info) error { got = append(got, i.Name); return nil })
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(want[:2]) {
			t.Errorf("walk 1/: %v, want %v", got, want[:2])
		}
		stop := errors.New("stop")
		if err := s.Walk(ctx, "", func(blob.Info) error { return stop }); !errors.Is(err, stop) {
			t.Errorf("walk stopped by its function: %v", err)
		}
	})
	t.Run("Damaged", func(t *testing.T) {
		b := open(t)
		k := key(t)
		plain := content(envelope.ChunkSize*2 + 100)
		sealed, err := envelope.Seal(k, plain)
		if err != nil {
			t.Fatal(err)
		}
		for i, damage := range []func(name string){
			func(name string) { b.Damage(t, name) },
			func(name string) { b.Truncate(t, name, len(sealed)-envelope.ChunkSize) },
			func(name string) { b.Truncate(t, name, 10) },
		} {
			name := fmt.Sprintf("3/dd/damaged%d", i)
			if err := b.Store.Put(ctx, name, bytes.NewReader(sealed)); err != nil {
				t.Fatal(err)
			}
			damage(name)
			got, err := blob.ReadAll(ctx, b.Store, name)
			if err != nil {
				continue // refusing to read is fine too
			}
			if bytes.Equal(got, sealed) {
				t.Fatalf("damage %d: the store hid the damage", i)
			}
			if _, err := envelope.Open(k, got); err == nil {
				t.Errorf("damage %d: a damaged file opened", i)
			}
		}
	})
	t.Run("ConcurrentWriters", func(t *testing.T) {
		s := open(t).Store
		k := key(t)
		plain := content(envelope.ChunkSize + 3000)
		const writers = 8
		sealed := make([][]byte, writers)
		for i := range sealed {
			var err error
			// The same content sealed each time with a fresh salt: the
			// bytes differ, as when two nodes store one upload.
			if sealed[i], err = envelope.Seal(k, plain); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		errs := make([]error, writers)
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.Put(ctx, "5/cc/same", bytes.NewReader(sealed[i]))
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("writer %d: %v", i, err)
			}
		}
		got, err := blob.ReadAll(ctx, s, "5/cc/same")
		if err != nil {
			t.Fatal(err)
		}
		one := false
		for _, w := range sealed {
			one = one || bytes.Equal(got, w)
		}
		if !one {
			t.Error("the stored file is none of the writers' whole file")
		}
		if opened, err := envelope.Open(k, got); err != nil || !bytes.Equal(opened, plain) {
			t.Errorf("the stored file does not open to the content: %v", err)
		}
	})
	t.Run("Stream", func(t *testing.T) {
		s := open(t).Store
		r, w := io.Pipe()
		want := content(3<<20 + 1)
		go func() {
			for off := 0; off < len(want); off += 7777 {
				w.Write(want[off:min(off+7777, len(want))])
			}
			w.Close()
		}()
		if err := s.Put(ctx, "9/ff/stream", r); err != nil {
			t.Fatal(err)
		}
		got, err := blob.ReadAll(ctx, s, "9/ff/stream")
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("a streamed file: %d bytes back, %v", len(got), err)
		}
	})
}
