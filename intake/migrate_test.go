package intake

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/minsheng/minsheng/blob"
	blobdb "github.com/minsheng/minsheng/blob/db"
	"github.com/minsheng/minsheng/blob/local"
	"github.com/minsheng/minsheng/envelope"
	"github.com/minsheng/minsheng/store"
)

func testKey(t *testing.T) envelope.Key {
	k, err := envelope.NewKey(bytes.Repeat([]byte{9}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Copying files to another store checks every file, copies the sound ones
// (sealing plain ones from before), reports the damaged ones, and can be
// run again and again: an interrupted copy resumes, a damaged copy in the
// destination is replaced, and nothing is copied twice.
func TestCopyToAnotherStore(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	root := t.TempDir()
	src := NewBlobs(local.New(root), testKey(t))
	var hashes []string
	for i := range 6 {
		h, err := src.Put(1+i%2, []byte(fmt.Sprintf("file %d", i)))
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, h)
	}
	// A plain file from before sealing.
	plain := []byte("a plain file from before")
	ph := Hash(plain)
	if err := src.store.Put(context.Background(), legacyName(2, ph), bytes.NewReader(plain)); err != nil {
		t.Fatal(err)
	}
	// A damaged file.
	bad, _ := src.Put(1, []byte("to be damaged"))
	badName, _ := src.Name(1, bad)
	p := filepath.Join(root, filepath.FromSlash(badName))
	data, _ := os.ReadFile(p)
	data[len(data)-3] ^= 1
	os.WriteFile(p, data, 0o600)

	d, err := store.Open("", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	dbStore, err := blobdb.New(context.Background(), d.SQL, d.Dialect)
	if err != nil {
		t.Fatal(err)
	}
	for _, dst := range []blob.Store{local.New(t.TempDir()), dbStore} {
		t.Run(dst.String(), func(t *testing.T) {
			// Interrupted after two files.
			ctx, cancel := context.WithCancel(context.Background())
			n := 0
			wrapped := &cancelAfter{Store: dst, n: &n, cancel: cancel}
			if _, err := src.CopyTo(ctx, wrapped, quiet); err == nil {
				t.Fatal("an interrupted copy reported no error")
			}
			st, err := src.CopyTo(context.Background(), dst, quiet)
			if st.Copied+st.Present != 7 || st.Present < 1 || st.Damaged != 1 || st.Failed != 0 || err == nil {
				t.Fatalf("resumed copy: %v, %v; want 7 copied or present, 1 damaged, an error naming it", st, err)
			}
			// Again: everything is there.
			st, _ = src.CopyTo(context.Background(), dst, quiet)
			if st.Copied != 0 || st.Present != 7 {
				t.Errorf("copy run again: %v, want all 7 present", st)
			}
			// A copy damaged in the destination is replaced.
			name, _ := src.Name(hashesTenant(0), hashes[0])
			sealed, _ := blob.ReadAll(context.Background(), dst, name)
			sealed[len(sealed)/2] ^= 1
			dst.Delete(context.Background(), name)
			dst.Put(context.Background(), name, bytes.NewReader(sealed))
			st, _ = src.CopyTo(context.Background(), dst, quiet)
			if st.Copied != 1 || st.Present != 6 {
				t.Errorf("copy over a damaged copy: %v, want it replaced", st)
			}
			moved := NewBlobs(dst, testKey(t))
			for i, h := range hashes {
				got, err := moved.Get(hashesTenant(i), h)
				if err != nil || string(got) != fmt.Sprintf("file %d", i) {
					t.Errorf("file %d in the destination: %q %v", i, got, err)
				}
			}
			if got, err := moved.Get(2, ph); err != nil || !bytes.Equal(got, plain) {
				t.Errorf("the plain file, sealed on the way: %q %v", got, err)
			}
			if err := dst.Walk(context.Background(), "", func(i blob.Info) error {
				s, _ := blob.ReadAll(context.Background(), dst, i.Name)
				if !envelope.IsSealed(s) {
					t.Errorf("%s is not sealed in the destination", i.Name)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := moved.Get(1, bad); !errors.Is(err, ErrMissing) {
				t.Errorf("the damaged file in the destination: %v, want it not copied", err)
			}
		})
	}
}

func hashesTenant(i int) int { return 1 + i%2 }

// cancelAfter cancels the copy after two files were written.
type cancelAfter struct {
	blob.Store
	n      *int
	cancel func()
}

func (c *cancelAfter) Put(ctx context.Context, name string, r io.Reader) error {
	if *c.n >= 2 {
		c.cancel()
		return context.Canceled
	}
	*c.n++
	return c.Store.Put(ctx, name, r)
}
