// Package storetest gives tests a fresh database on each backend: an SQLite
// file in a temporary folder and a PostgreSQL schema of its own in the
// database named by MINSHENG_TEST_POSTGRES (set by `make test`).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Backend is one database to run a test on.
type Backend struct {
	Name string // "sqlite" or "postgres"
	URL  string // "" for SQLite: the file goes into the data folder
}

// Each runs fn as a subtest on SQLite and on PostgreSQL.
func Each(t *testing.T, fn func(t *testing.T, b Backend)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, Backend{Name: "sqlite"}) })
	t.Run("postgres", func(t *testing.T) { fn(t, Backend{Name: "postgres", URL: PostgresURL(t)}) })
}

// PostgresURL returns the URL of a new, empty schema that is dropped when
// the test ends. Without MINSHENG_TEST_POSTGRES the test is skipped, unless
// MINSHENG_REQUIRE_POSTGRES is set (make test, CI), where it fails.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("MINSHENG_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("MINSHENG_REQUIRE_POSTGRES") != "" {
			t.Fatal("MINSHENG_TEST_POSTGRES is not set but PostgreSQL is required: run `make test`")
		}
		t.Skip("PostgreSQL not configured: set MINSHENG_TEST_POSTGRES or run `make test`")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
