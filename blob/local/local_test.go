package local_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/minsheng/minsheng/blob/blobtest"
	"github.com/minsheng/minsheng/blob/local"
)

func TestContract(t *testing.T) {
	blobtest.Run(t, func(t *testing.T) blobtest.Backend {
		root := t.TempDir()
		path := func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }
		return blobtest.Backend{
			Store: local.New(root),
			Damage: func(t *testing.T, name string) {
				b, err := os.ReadFile(path(name))
				if err != nil {
					t.Fatal(err)
				}
				b[len(b)/2] ^= 1
				if err := os.WriteFile(path(name), b, 0o600); err != nil {
					t.Fatal(err)
				}
			},
			Truncate: func(t *testing.T, name string, n int) {
				if err := os.Truncate(path(name), int64(n)); err != nil {
					t.Fatal(err)
				}
			},
		}
	})
}
