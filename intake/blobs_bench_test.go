package intake

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/minsheng/minsheng/blob"
	blobdb "github.com/minsheng/minsheng/blob/db"
	"github.com/minsheng/minsheng/blob/local"
	blobs3 "github.com/minsheng/minsheng/blob/s3"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
)

// benchStores are the backends the benchmarks run on: the folder, the
// database (SQLite, and PostgreSQL when MINSHENG_TEST_POSTGRES is set), and
// S3 on an in-process server (gofakes3: the figure is the client's and the
// protocol's cost, not a real object store's network and disks).
func benchStores(b *testing.B) map[string]func(b *testing.B) (blob.Store, *store.DB) {
	open := func(url string) func(b *testing.B) (blob.Store, *store.DB) {
		return func(b *testing.B) (blob.Store, *store.DB) {
			if url == "pg" {
				url = storetest.PostgresURL(b)
			}
			d, err := store.Open(url, b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { d.Close() })
			s, err := blobdb.New(context.Background(), d.SQL, d.Dialect)
			if err != nil {
				b.Fatal(err)
			}
			return s, d
		}
	}
	m := map[string]func(b *testing.B) (blob.Store, *store.DB){
		"local":     func(b *testing.B) (blob.Store, *store.DB) { return local.New(b.TempDir()), nil },
		"db-sqlite": open(""),
		"s3": func(b *testing.B) (blob.Store, *store.DB) {
			backend := s3mem.New()
			backend.CreateBucket("files")
			srv := httptest.NewServer(gofakes3.New(backend).Server())
			b.Cleanup(srv.Close)
			s, err := blobs3.New(context.Background(), blobs3.Config{Endpoint: srv.URL, Bucket: "files", Region: "us-east-1", Addressing: "path", AccessKey: "k", SecretKey: "s"})
			if err != nil {
				b.Fatal(err)
			}
			return s, nil
		},
	}
	if os.Getenv("MINSHENG_TEST_POSTGRES") != "" {
		m["db-postgres"] = open("pg")
	}
	return m
}

// benchFileSize is a phone photo of an ID card or a letter page.
const benchFileSize = 1 << 20

// BenchmarkBlobUpload is uploads accepted per second per backend: sealing
// and storing a 1 MiB file, in a transaction as Submit does (the database
// store writes in it; the others write before it commits).
func BenchmarkBlobUpload(b *testing.B) {
	for name, open := range benchStores(b) {
		b.Run(name, func(b *testing.B) {
			s, d := open(b)
			bl := NewBlobs(s, benchKey(b))
			data := make([]byte, benchFileSize)
			rand.Read(data)
			ctx := context.Background()
			b.SetBytes(benchFileSize)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				binary.BigEndian.PutUint64(data, uint64(i)) // a new file each time
				st, err := bl.Stage(1, data)
				if err != nil {
					b.Fatal(err)
				}
				var tx blob.Execer
				if d != nil {
					t, err := d.SQL.BeginTx(ctx, nil)
					if err != nil {
						b.Fatal(err)
					}
					tx = t
					defer t.Rollback()
				}
				if err := st.Place(ctx, tx); err != nil {
					b.Fatal(err)
				}
				if d != nil {
					if err := tx.(interface{ Commit() error }).Commit(); err != nil {
						b.Fatal(err)
					}
				}
				st.Done(true)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "uploads/s")
		})
	}
}

// BenchmarkBlobRead is the latency of reading one stored 1 MiB file back
// (fetch, open, check its hash) per backend.
func BenchmarkBlobRead(b *testing.B) {
	for name, open := range benchStores(b) {
		b.Run(name, func(b *testing.B) {
			s, _ := open(b)
			bl := NewBlobs(s, benchKey(b))
			data := make([]byte, benchFileSize)
			rand.Read(data)
			hash, err := bl.Put(1, data)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(benchFileSize)
			b.ResetTimer()
			for b.Loop() {
				if _, err := bl.Get(1, hash); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/read")
		})
	}
}

func benchKey(b *testing.B) envelopeKey {
	k, err := newEnvelopeKey(make([]byte, 32))
	if err != nil {
		b.Fatal(err)
	}
	return k
}
