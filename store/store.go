// Package store opens the database — an SQLite file by default, PostgreSQL
// when the URL says postgres:// — and hands out the ent client wired with the
// project's global hooks. It owns connection settings and schema migration,
// nothing about what the data means.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/minsheng/minsheng/ent"
	_ "github.com/minsheng/minsheng/ent/runtime" // registers schema hooks, interceptors and policies
)

// DB is an open database.
type DB struct {
	Client  *ent.Client
	Driver  *entsql.Driver
	Dialect string
	SQL     *sql.DB
	// URL is the PostgreSQL URL; empty for SQLite.
	URL string
	// sqlitePath is the SQLite file; empty for PostgreSQL.
	sqlitePath string
	// stopStats ends the loop that keeps SQLite's planner statistics
	// fresh (keepStatistics); nil until Migrate starts it.
	stopStats chan struct{}
	statsDone sync.WaitGroup
	closeOnce sync.Once
}

// IsPostgres reports whether url names a PostgreSQL database.
func IsPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// SQLitePath is the database file used when no URL is given.
func SQLitePath(dataDir string) string { return filepath.Join(dataDir, "minsheng.db") }

// Open opens url, or the SQLite file under dataDir when url is empty.
func Open(url, dataDir string) (*DB, error) {
	var (
		db      *sql.DB
		dialect string
		path    string
		err     error
	)
	if IsPostgres(url) {
		dialect = dialectPostgres
		db, err = sql.Open("pgx", url)
	} else {
		dialect = dialectSQLite
		path, err = sqliteFile(url, dataDir)
		if err == nil {
			db, err = openSQLite(path)
		}
	}
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	drv := entsql.OpenDB(dialect, db)
	client := ent.NewClient(ent.Driver(drv))
	client.Use(guardEdges())
	d := &DB{Client: client, Driver: drv, Dialect: dialect, SQL: db, sqlitePath: path}
	if dialect == dialectPostgres {
		d.URL = url
	}
	return d, nil
}

const (
	dialectSQLite   = dialect.SQLite
	dialectPostgres = dialect.Postgres
)

func sqliteFile(url, dataDir string) (string, error) {
	path := strings.TrimPrefix(strings.TrimPrefix(url, "sqlite://"), "file:")
	if path == "" {
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return "", fmt.Errorf("store: data folder: %w", err)
		}
		path = SQLitePath(dataDir)
	}
	path, _, _ = strings.Cut(path, "?")
	return path, nil
}

// OpenSQLite opens another pool on the same SQLite file with the same
// settings, for a library that wants its own (the job queue).
func (d *DB) OpenSQLite() (*sql.DB, error) {
	if d.sqlitePath == "" {
		return nil, fmt.Errorf("store: not an SQLite database")
	}
	return openSQLite(d.sqlitePath)
}

func openSQLite(path string) (*sql.DB, error) {
	if err := ownerOnly(path); err != nil {
		return nil, err
	}
	// WAL lets readers work while one writer writes; IMMEDIATE transactions
	// take the write lock up front so two writers wait instead of deadlocking;
	// synchronous FULL syncs every commit, so an accepted petition survives a
	// power cut, not only a process crash.
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=busy_timeout(15000)&_pragma=synchronous(FULL)&_txlock=immediate" + sqliteTimeDSN
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// ownerOnly makes the SQLite file readable by its owner alone, creating it
// so when it does not exist yet: it holds sealed personal data, password
// hashes and the audit log. SQLite gives its -wal and -shm files the mode of
// the database file.
func ownerOnly(path string) error {
	if strings.HasPrefix(path, ":memory:") {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return fmt.Errorf("store: make %s readable by its owner only: %w", path, err)
		}
	}
	return nil
}

// Migrate creates or updates the schema (ent's tables, then the full-text
// index beside them) and, on SQLite, rewrites times
// stored by earlier versions in the form SQL can read.
func (d *DB) Migrate(ctx context.Context) error {
	if err := d.Client.Schema.Create(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if err := d.migrateFullText(ctx); err != nil {
		return err
	}
	if d.Dialect != dialectSQLite {
		return nil
	}
	if err := d.convertOldTimes(ctx); err != nil {
		return err
	}
	return d.keepStatistics(ctx)
}

// optimizeEvery is how often a running process lets SQLite refresh its
// planner statistics, as SQLite advises for long-lived connections.
const optimizeEvery = time.Hour

// optimize is SQLite's advised statistics upkeep; 0x10002 makes it look at
// every table, not only those the pool's chosen connection has used.
const optimize = "PRAGMA optimize=0x10002"

// keepStatistics gives SQLite's query planner statistics now and keeps them
// fresh, hourly and at Close (PRAGMA optimize: it analyses a table only
// when it was never analysed or has grown or shrunk tenfold since, within
// SQLite's own time limit, so a run is cheap). PostgreSQL's autovacuum does the same on
// its own. Without them the planner cannot tell a selective index from one
// that holds the whole tenant: "these 10 tickets of this tenant" walked
// every ticket of the tenant by the (tenant_id, …) index instead of looking
// up 10 IDs (19 ms instead of 0.4 ms at 100,000 tickets).
func (d *DB) keepStatistics(ctx context.Context) error {
	if _, err := d.SQL.ExecContext(ctx, optimize); err != nil {
		return fmt.Errorf("store: planner statistics: %w", err)
	}
	if d.stopStats != nil {
		return nil
	}
	d.stopStats = make(chan struct{})
	d.statsDone.Add(1)
	go func() {
		defer d.statsDone.Done()
		tick := time.NewTicker(optimizeEvery)
		defer tick.Stop()
		for {
			select {
			case <-d.stopStats:
				return
			case <-tick.C:
				// A failure here (the file busy past the timeout) only
				// leaves the statistics an hour older.
				_, _ = d.SQL.Exec(optimize)
			}
		}
	}()
	return nil
}

// Close closes the database, on SQLite after a last refresh of the planner
// statistics.
func (d *DB) Close() error {
	d.closeOnce.Do(func() {
		if d.stopStats == nil {
			return
		}
		close(d.stopStats)
		d.statsDone.Wait()
		_, _ = d.SQL.Exec(optimize)
	})
	return d.Client.Close()
}
