// Package local keeps files in a folder of this machine: the default with
// SQLite, where one node serves everything. Nodes that do not share the
// folder cannot read each other's files; use blob/db or blob/s3 for them.
package local

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"path/filepath"
	"strings"
	"time"

	"github.com/minsheng/minsheng/blob"
)

// Store keeps each file at root/<name>, written to a temporary file beside
// it, synced, and linked into place, so a reader never sees half a file and
// the first writer of a name wins.
type Store struct{ root string }

// New keeps files under root (created when needed).
func New(root string) *Store { return &Store{root: root} }

// Root is the folder the files are in.
func (s *Store) Root() string { return s.root }

func (s *Store) String() string { return "local folder " + s.root }

// TempPrefix starts the names of files being written; Walk skips them and
// removes those older than StaleTemp, left by a crash.
const TempPrefix = ".upload-"

// StaleTemp is how old a temporary file must be before Walk removes it.
const StaleTemp = time.Hour

func (s *Store) path(name string) (string, error) {
	if err := blob.CheckName(name); err != nil {
		return "", err
	}
	return filepath.Join(s.root, filepath.FromSlash(name)), nil
}

func (s *Store) Put(ctx context.Context, name string, r io.Reader) error {
	p, err := s.path(name)
	if err != nil {
		return err
	}
	if _, err := os.Stat(p); err == nil {
		// Written again: its time says it is needed now (the sweep of
		// unreferenced files goes by it).
		now := time.Now()
		_ = os.Chtimes(p, now, now)
		return nil
	}
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("blob/local: %w", err)
	}
	tmp, err := os.CreateTemp(dir, TempPrefix+"*")
	if err != nil {
		return fmt.Errorf("blob/local: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("blob/local: %w", err)
	}
	// A link fails when the name exists, so of two writers the first wins
	// and the second changes nothing.
	if err := os.Link(tmp.Name(), p); err != nil && !errors.Is(err, fs.ErrExist) {
		if _, serr := os.Stat(p); serr != nil {
			if rerr := os.Rename(tmp.Name(), p); rerr != nil {
				return fmt.Errorf("blob/local: %w", rerr)
			}
		}
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("blob/local: %w", err)
	}
	return nil
}

func (s *Store) Get(ctx context.Context, name string) (io.ReadCloser, error) {
	p, err := s.path(name)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", blob.ErrNotExist, name)
	}
	return f, err
}

func (s *Store) Stat(ctx context.Context, name string) (blob.Info, error) {
	p, err := s.path(name)
	if err != nil {
		return blob.Info{}, err
	}
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) || err == nil && st.IsDir() {
		return blob.Info{}, fmt.Errorf("%w: %s", blob.ErrNotExist, name)
	}
	if err != nil {
		return blob.Info{}, err
	}
	return blob.Info{Name: name, Size: st.Size(), Modified: st.ModTime()}, nil
}

func (s *Store) Delete(ctx context.Context, name string) error {
	p, err := s.path(name)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func (s *Store) Walk(ctx context.Context, prefix string, fn func(blob.Info) error) error {
	start := s.root
	if i := strings.LastIndex(prefix, "/"); i > 0 {
		start = filepath.Join(s.root, filepath.FromSlash(prefix[:i]))
	}
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if strings.HasPrefix(d.Name(), TempPrefix) {
			if time.Since(info.ModTime()) > StaleTemp {
				os.Remove(p)
			}
			return nil
		}
		rel, err := filepath.Rel(s.root, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if !strings.HasPrefix(name, prefix) || blob.CheckName(name) != nil {
			return nil
		}
		return fn(blob.Info{Name: name, Size: info.Size(), Modified: info.ModTime()})
	})
	return err
}

// syncDir makes a link or rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

var _ blob.Store = (*Store)(nil)
