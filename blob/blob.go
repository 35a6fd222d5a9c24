// Package blob is where uploaded files are kept: a Store holds named,
// immutable byte strings, and backends keep them in a local folder
// (blob/local), in the database (blob/db) or in S3-compatible object storage
// (blob/s3). A store keeps bytes only: what it is given is already sealed
// (package envelope, by intake's Blobs), so no backend ever sees a file's
// content, and a backend's operator sees nothing either.
//
// Names are paths of letters, digits, '-', '_' and '.' separated by '/', such
// as "7/ab/ab12…"; a name never changes its content (the first writer of a
// name wins and later writers of the same name change nothing), so nodes
// writing the same file at once need no coordination.
package blob

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ErrNotExist means no file is stored under the name.
var ErrNotExist = errors.New("blob: no file is stored under that name")

// Info describes a stored file.
type Info struct {
	Name     string
	Size     int64
	Modified time.Time
}

// Store keeps files by name. Every method is safe for concurrent use, from
// this process and from others sharing the same backend.
type Store interface {
	// Put stores what r yields under name, durably, before it returns.
	// When name already holds a file, that file is kept and Put returns
	// nil: names never change content.
	Put(ctx context.Context, name string, r io.Reader) error
	// Get opens the file stored under name; ErrNotExist when there is none.
	Get(ctx context.Context, name string) (io.ReadCloser, error)
	// Stat describes the file stored under name; ErrNotExist when there is
	// none.
	Stat(ctx context.Context, name string) (Info, error)
	// Delete removes the file under name; a missing file is not an error.
	Delete(ctx context.Context, name string) error
	// Walk calls fn for every file whose name starts with prefix, in no
	// particular order; an error from fn stops the walk and is returned.
	Walk(ctx context.Context, prefix string, fn func(Info) error) error
	// String says where the files are, for logs (never a credential).
	String() string
}

// Execer runs statements, inside a transaction or not. ent's client (and a
// client bound to a transaction) is one, and so is *sql.Tx.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// TxStore is a store kept in the database the records are: it writes a file
// in the caller's transaction, so the file and the rows that refer to it are
// committed together or not at all.
type TxStore interface {
	Store
	PutTx(ctx context.Context, tx Execer, name string, r io.Reader) error
}

// CheckName refuses a name that is not a clean relative path of safe
// characters.
func CheckName(name string) error {
	if name == "" || len(name) > 512 || strings.HasPrefix(name, "/") || strings.HasSuffix(name, "/") {
		return fmt.Errorf("blob: bad name %q", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." {
			return fmt.Errorf("blob: bad name %q", name)
		}
		for _, c := range part {
			ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
			if !ok {
				return fmt.Errorf("blob: bad name %q", name)
			}
		}
	}
	return nil
}

// ReadAll reads the whole file stored under name.
func ReadAll(ctx context.Context, s Store, name string) ([]byte, error) {
	r, err := s.Get(ctx, name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// OlderDeleter is a store that removes a file only if it was last written
// before a time, in one step, so a file written again meanwhile (and so
// needed again) stays.
type OlderDeleter interface {
	DeleteIfOlder(ctx context.Context, name string, before time.Time) (bool, error)
}
