package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/minsheng/minsheng/blob"
	blobdb "github.com/minsheng/minsheng/blob/db"
	"github.com/minsheng/minsheng/blob/local"
	"github.com/minsheng/minsheng/envelope"
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

// MigrateBlobs copies every file of the store from into the store to (each
// "" for the configured or default store), checking each file's hash; see
// intake.Blobs.CopyTo. It needs the master secret the files were sealed
// under.
func MigrateBlobs(ctx context.Context, cfg Config, from, to string, log *slog.Logger) (intake.CopyStats, error) {
	master, err := loadSecret(cfg)
	if err != nil {
		return intake.CopyStats{}, err
	}
	db, err := store.Open(cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return intake.CopyStats{}, err
	}
	defer db.Close()
	if from == "" {
		from = cfg.BlobStore
	}
	if to == "" {
		to = cfg.BlobStore
	}
	src, err := OpenBlobStore(ctx, from, db, cfg.DataDir)
	if err != nil {
		return intake.CopyStats{}, err
	}
	dst, err := OpenBlobStore(ctx, to, db, cfg.DataDir)
	if err != nil {
		return intake.CopyStats{}, err
	}
	if src.String() == dst.String() {
		return intake.CopyStats{}, fmt.Errorf("app: the files are in %s already: name another store with --to or --from", src)
	}
	key, err := envelope.NewKey(derive(master, "files"))
	if err != nil {
		return intake.CopyStats{}, err
	}
	log.Info("blobs: copying", "from", src.String(), "to", dst.String())
	return intake.NewBlobs(src, key).CopyTo(ctx, dst, log)
}

// warnLocalFilesLeft says so when files are kept elsewhere than the folder
// but the folder holds files (from before --blob-store, or a node that
// used local): they are not read until blobs migrate copies them.
func warnLocalFilesLeft(files blob.Store, dataDir string, log *slog.Logger) {
	if _, ok := files.(*local.Store); ok {
		return
	}
	found := false
	_ = local.New(intake.LocalRoot(dataDir)).Walk(context.Background(), "", func(blob.Info) error {
		found = true
		return errStop
	})
	if found {
		log.Warn("files in the data folder are not read with this --blob-store; copy them with: minsheng blobs migrate --from local",
			"folder", intake.LocalRoot(dataDir), "store", files.String())
	}
}

var errStop = errors.New("stop")
