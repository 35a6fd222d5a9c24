package store_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/viewer"
)

// TestSQLiteFileIsReadableByItsOwnerOnly: the database file holds sealed
// personal data, password hashes and the audit log; another account on the
// server must not read it, whatever the umask, and a file left readable by
// an earlier version is tightened.
func TestSQLiteFileIsReadableByItsOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := store.SQLitePath(dir)
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open("", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(viewer.SystemContext(context.Background())); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(path + "*")
	if len(files) < 2 {
		t.Fatalf("want the database and its WAL files, found %q", files)
	}
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s has mode %v: others can read it", filepath.Base(f), perm)
		}
	}
}
