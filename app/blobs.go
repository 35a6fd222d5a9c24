package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/minsheng/minsheng/blob"
	blobdb "github.com/minsheng/minsheng/blob/db"
	"github.com/minsheng/minsheng/blob/local"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/store"
)

// Blob store kinds (--blob-store): the local folder, the database itself,
// or an S3 URL.
const (
	BlobLocal = "local"
	BlobDB    = "db"
)

// DefaultBlobStore is where files go when --blob-store is not given: the
// database on PostgreSQL (every node reads it, a backup holds the files),
// the folder on SQLite (one node).
func DefaultBlobStore(databaseURL string) string {
	if store.IsPostgres(databaseURL) {
		return BlobDB
	}
	return BlobLocal
}

// OpenBlobStore opens the file store spec names ("" for the default) on db.
func OpenBlobStore(ctx context.Context, spec string, db *store.DB, dataDir string) (blob.Store, error) {
	if spec == "" {
		spec = DefaultBlobStore(db.URL)
	}
	switch {
	case spec == BlobLocal:
		return local.New(intake.LocalRoot(dataDir)), nil
	case spec == BlobDB:
		return blobdb.New(ctx, db.SQL, db.Dialect)
	case strings.HasPrefix(spec, "s3://"):
		return openS3(ctx, spec)
	}
	return nil, fmt.Errorf("app: --blob-store %q: want local, db or s3://bucket/prefix", spec)
}
