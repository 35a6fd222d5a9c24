// Package db keeps files in the database itself, in chunked rows: the
// default with PostgreSQL. A file is written in the transaction of the rows
// that refer to it (PutTx), so an upload and its job are committed together
// or not at all, every node reading the database reads the files, and a
// database backup holds them.
//
// Two tables, created by New when missing:
//
//	blob_files  (name PRIMARY KEY, size, chunks, created_at)
//	blob_chunks (name, seq, data; PRIMARY KEY (name, seq))
//
// The blob_files row is inserted first with ON CONFLICT DO NOTHING: of two
// transactions writing one name, the second waits for the first and then
// writes nothing (the first writer wins), or writes it all when the first
// rolled back.
package db

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/minsheng/minsheng/blob"
)

// ChunkSize is the most bytes one row holds.
const ChunkSize = 1 << 20

// Store keeps files in the database.
type Store struct {
	db       *sql.DB
	postgres bool
}

// New keeps files in db, whose dialect is "postgres" or "sqlite3", creating
// its tables when missing.
func New(ctx context.Context, db *sql.DB, dialect string) (*Store, error) {
	s := &Store{db: db, postgres: dialect == "postgres"}
	bin, ts, big := "BLOB", "TEXT", "INTEGER"
	if s.postgres {
		bin, ts, big = "BYTEA", "TIMESTAMPTZ", "BIGINT"
	}
	for _, q := range []string{
		`CREATE TABLE IF NOT EXISTS blob_files (name TEXT PRIMARY KEY, size ` + big + ` NOT NULL, chunks INTEGER NOT NULL, created_at ` + ts + ` NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS blob_chunks (name TEXT NOT NULL, seq INTEGER NOT NULL, data ` + bin + ` NOT NULL, PRIMARY KEY (name, seq))`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("blob/db: create tables: %w", err)
		}
	}
	return s, nil
}

func (s *Store) String() string { return "database (blob_files, blob_chunks)" }

// q rewrites $n placeholders to ? for SQLite.
func (s *Store) q(query string) string {
	if s.postgres {
		return query
	}
	for i := 9; i >= 1; i-- {
		query = strings.ReplaceAll(query, "$"+strconv.Itoa(i), "?")
	}
	return query
}

func (s *Store) now() any { return s.at(time.Now()) }

// sqliteTime is how SQLite rows hold instants: fixed width, so text order
// is time order.
const sqliteTime = "2006-01-02T15:04:05.000000000Z"

func (s *Store) at(t time.Time) any {
	if s.postgres {
		return t.UTC()
	}
	return t.UTC().Format(sqliteTime)
}

// DeleteIfOlder removes the file only if it was last written before
// before, in one transaction that a writer of the same name waits for.
func (s *Store) DeleteIfOlder(ctx context.Context, name string, before time.Time) (bool, error) {
	if err := blob.CheckName(name); err != nil {
		return false, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("blob/db: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.q(`DELETE FROM blob_files WHERE name = $1 AND created_at < $2`), name, s.at(before))
	if err != nil {
		return false, fmt.Errorf("blob/db: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM blob_chunks WHERE name = $1`), name); err != nil {
		return false, fmt.Errorf("blob/db: %w", err)
	}
	return true, tx.Commit()
}

// Put writes the file in a transaction of its own.
func (s *Store) Put(ctx context.Context, name string, r io.Reader) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("blob/db: %w", err)
	}
	if err := s.PutTx(ctx, tx, name, r); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("blob/db: commit: %w", err)
	}
	return nil
}

// PutTx writes the file in the caller's transaction tx.
func (s *Store) PutTx(ctx context.Context, tx blob.Execer, name string, r io.Reader) error {
	if err := blob.CheckName(name); err != nil {
		return err
	}
	// Written again: its time is brought up to now (the sweep of
	// unreferenced files goes by it), and its row is locked until the
	// transaction ends, so a sweep cannot remove it meanwhile.
	res, err := tx.ExecContext(ctx, s.q(`UPDATE blob_files SET created_at = $1 WHERE name = $2 AND size >= 0`), s.now(), name)
	if err != nil {
		return fmt.Errorf("blob/db: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("blob/db: %w", err)
	} else if n > 0 {
		return nil
	}
	res, err = tx.ExecContext(ctx, s.q(`INSERT INTO blob_files (name, size, chunks, created_at) VALUES ($1, -1, 0, $2) ON CONFLICT (name) DO NOTHING`), name, s.now())
	if err != nil {
		return fmt.Errorf("blob/db: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("blob/db: %w", err)
	} else if n == 0 {
		return nil // stored already: the first writer wins
	}
	buf := make([]byte, ChunkSize)
	var size int64
	seq := 0
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 || seq == 0 {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO blob_chunks (name, seq, data) VALUES ($1, $2, $3)`), name, seq, buf[:n]); err != nil {
				return fmt.Errorf("blob/db: %w", err)
			}
			seq++
			size += int64(n)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("blob/db: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE blob_files SET size = $1, chunks = $2 WHERE name = $3`), size, seq, name); err != nil {
		return fmt.Errorf("blob/db: %w", err)
	}
	return nil
}

// Get reads the file a chunk at a time, each chunk a query of its own, so
// no connection is held between reads.
func (s *Store) Get(ctx context.Context, name string) (io.ReadCloser, error) {
	info, chunks, err := s.stat(ctx, name)
	if err != nil {
		return nil, err
	}
	_ = info
	return &reader{ctx: ctx, s: s, name: name, chunks: chunks}, nil
}

type reader struct {
	ctx    context.Context
	s      *Store
	name   string
	chunks int
	seq    int
	cur    *bytes.Reader
}

func (r *reader) Read(p []byte) (int, error) {
	for r.cur == nil || r.cur.Len() == 0 {
		if r.seq >= r.chunks {
			return 0, io.EOF
		}
		var data []byte
		err := r.s.db.QueryRowContext(r.ctx, r.s.q(`SELECT data FROM blob_chunks WHERE name = $1 AND seq = $2`), r.name, r.seq).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			// A chunk gone from a recorded file: the file is damaged,
			// which the envelope reports when the content is opened.
			return 0, io.ErrUnexpectedEOF
		}
		if err != nil {
			return 0, fmt.Errorf("blob/db: %w", err)
		}
		r.seq++
		r.cur = bytes.NewReader(data)
	}
	return r.cur.Read(p)
}

func (r *reader) Close() error { return nil }

func (s *Store) stat(ctx context.Context, name string) (blob.Info, int, error) {
	if err := blob.CheckName(name); err != nil {
		return blob.Info{}, 0, err
	}
	var (
		info   = blob.Info{Name: name}
		chunks int
		mod    any
	)
	err := s.db.QueryRowContext(ctx, s.q(`SELECT size, chunks, created_at FROM blob_files WHERE name = $1`), name).Scan(&info.Size, &chunks, &mod)
	if errors.Is(err, sql.ErrNoRows) {
		return blob.Info{}, 0, fmt.Errorf("%w: %s", blob.ErrNotExist, name)
	}
	if err != nil {
		return blob.Info{}, 0, fmt.Errorf("blob/db: %w", err)
	}
	info.Modified = timeOf(mod)
	return info, chunks, nil
}

func (s *Store) Stat(ctx context.Context, name string) (blob.Info, error) {
	info, _, err := s.stat(ctx, name)
	return info, err
}

func (s *Store) Delete(ctx context.Context, name string) error {
	if err := blob.CheckName(name); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("blob/db: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM blob_files WHERE name = $1`), name); err != nil {
		return fmt.Errorf("blob/db: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM blob_chunks WHERE name = $1`), name); err != nil {
		return fmt.Errorf("blob/db: %w", err)
	}
	return tx.Commit()
}

// Walk lists the files a page at a time, in name order.
func (s *Store) Walk(ctx context.Context, prefix string, fn func(blob.Info) error) error {
	after := ""
	for {
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT name, size, created_at FROM blob_files WHERE name > $1 AND size >= 0 ORDER BY name LIMIT 500`), max(after, prefix))
		if err != nil {
			return fmt.Errorf("blob/db: %w", err)
		}
		var page []blob.Info
		for rows.Next() {
			var (
				info blob.Info
				mod  any
			)
			if err := rows.Scan(&info.Name, &info.Size, &mod); err != nil {
				rows.Close()
				return fmt.Errorf("blob/db: %w", err)
			}
			info.Modified = timeOf(mod)
			page = append(page, info)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("blob/db: %w", err)
		}
		for _, info := range page {
			if !strings.HasPrefix(info.Name, prefix) {
				return nil // past the prefix: names are in order
			}
			if err := fn(info); err != nil {
				return err
			}
		}
		if len(page) < 500 {
			return nil
		}
		after = page[len(page)-1].Name
	}
}

// timeOf reads a created_at: a time from PostgreSQL, text from SQLite.
func timeOf(v any) time.Time {
	switch t := v.(type) {
	case time.Time:
		return t
	case string:
		if p, err := time.Parse(sqliteTime, t); err == nil {
			return p
		}
	case []byte:
		if p, err := time.Parse(sqliteTime, string(t)); err == nil {
			return p
		}
	}
	return time.Time{}
}

var _ blob.TxStore = (*Store)(nil)
