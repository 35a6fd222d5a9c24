package db_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/minsheng/minsheng/blob"
	"github.com/minsheng/minsheng/blob/blobtest"
	"github.com/minsheng/minsheng/blob/db"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		blobtest.Run(t, func(t *testing.T) blobtest.Backend {
			url := b.URL
			if url != "" {
				url = storetest.PostgresURL(t)
			}
			d, err := store.Open(url, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { d.Close() })
			s, err := db.New(context.Background(), d.SQL, d.Dialect)
			if err != nil {
				t.Fatal(err)
			}
			// rewrite replaces a file's rows by one chunk of new bytes.
			rewrite := func(t *testing.T, name string, change func([]byte) []byte) {
				ctx := context.Background()
				data, err := blob.ReadAll(ctx, s, name)
				if err != nil {
					t.Fatal(err)
				}
				data = change(bytes.Clone(data))
				q := func(s string) string {
					if d.Dialect == "postgres" {
						return s
					}
					return string(bytes.ReplaceAll(bytes.ReplaceAll([]byte(s), []byte("$1"), []byte("?")), []byte("$2"), []byte("?")))
				}
				if _, err := d.SQL.Exec(q(`DELETE FROM blob_chunks WHERE name = $1`), name); err != nil {
					t.Fatal(err)
				}
				if _, err := d.SQL.Exec(q(`INSERT INTO blob_chunks (name, seq, data) VALUES ($1, 0, $2)`), name, data); err != nil {
					t.Fatal(err)
				}
				if _, err := d.SQL.Exec(q(`UPDATE blob_files SET chunks = 1, size = $1 WHERE name = $2`), len(data), name); err != nil {
					t.Fatal(err)
				}
			}
			return blobtest.Backend{
				Store: s,
				Damage: func(t *testing.T, name string) {
					rewrite(t, name, func(b []byte) []byte { b[len(b)/2] ^= 1; return b })
				},
				Truncate: func(t *testing.T, name string, n int) {
					rewrite(t, name, func(b []byte) []byte { return b[:n] })
				},
			}
		})
	})
}
