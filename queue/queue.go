// Package queue runs background jobs with River on the project's database:
// SQLite through riversqlite, PostgreSQL through riverpgxv5. It owns River's
// tables, its client and its start and stop; what a job does belongs to the
// package that registers the worker (intake, later notifications).
//
// A worker holds a job under a lease: a process that dies mid-job leaves the
// job running in the table, and River's rescuer hands it to a worker again
// once RescueAfter has passed. Workers must therefore be safe to run twice.
package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/minsheng/minsheng/store"
)

// Config says how many jobs run at once and how long they may take.
type Config struct {
	// Queues maps a queue name to the number of jobs of it one process runs
	// at once. A queue with 0 is not worked by this process (jobs still go in).
	Queues map[string]int
	// JobTimeout is the longest a job may run before its context is
	// cancelled; 0 means 10 minutes.
	JobTimeout time.Duration
	// Periodic jobs run on one process at a time, whatever the number of
	// processes (River elects a leader).
	Periodic []*river.PeriodicJob
}

// Queue inserts jobs and, once started, works them.
type Queue struct {
	client interface {
		Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
		Start(ctx context.Context) error
		Stop(ctx context.Context) error
	}
	close   func()
	started bool
}

// Open migrates River's tables in db and returns a queue whose workers are
// workers. It does not start working: call Start.
func Open(ctx context.Context, db *store.DB, workers *river.Workers, cfg Config, log *slog.Logger) (*Queue, error) {
	rc := riverConfig(workers, cfg, log)
	if store.IsPostgres(db.URL) {
		return openPostgres(ctx, db.URL, rc)
	}
	return openSQLite(ctx, db, rc)
}

func riverConfig(workers *river.Workers, cfg Config, log *slog.Logger) *river.Config {
	timeout := cfg.JobTimeout
	if timeout <= 0 {
		timeout = 10 * time.Minute
	}
	queues := map[string]river.QueueConfig{}
	for name, n := range cfg.Queues {
		if n > 0 {
			queues[name] = river.QueueConfig{MaxWorkers: n}
		}
	}
	rc := &river.Config{
		JobTimeout: timeout,
		// A job still "running" this long after it started belongs to a
		// process that died: it goes back to the queue.
		RescueStuckJobsAfter:        timeout + timeout/10 + time.Second,
		MaxAttempts:                 5,
		PeriodicJobs:                cfg.Periodic,
		Logger:                      log.With("component", "queue"),
		FetchPollInterval:           500 * time.Millisecond,
		CompletedJobRetentionPeriod: 7 * 24 * time.Hour,
	}
	if len(queues) > 0 {
		rc.Queues = queues
		rc.Workers = workers
	}
	return rc
}

func openPostgres(ctx context.Context, url string, rc *river.Config) (*Queue, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("queue: connect: %w", err)
	}
	driver := riverpgxv5.New(pool)
	if err := migrate[pgx.Tx](ctx, driver); err != nil {
		pool.Close()
		return nil, err
	}
	client, err := river.NewClient[pgx.Tx](driver, rc)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("queue: %w", err)
	}
	return &Queue{client: client, close: pool.Close}, nil
}

func openSQLite(ctx context.Context, db *store.DB, rc *river.Config) (*Queue, error) {
	// River's SQLite driver wants a pool of one connection: SQLite has one
	// writer, and River runs several operations at once.
	conn, err := db.OpenSQLite()
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(1)
	driver := riversqlite.New(conn)
	if err := migrate[*sql.Tx](ctx, driver); err != nil {
		conn.Close()
		return nil, err
	}
	client, err := river.NewClient[*sql.Tx](driver, rc)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("queue: %w", err)
	}
	return &Queue{client: client, close: func() { conn.Close() }}, nil
}

func migrate[TTx any](ctx context.Context, driver riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New[TTx](driver, nil)
	if err != nil {
		return fmt.Errorf("queue: migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("queue: migrate: %w", err)
	}
	return nil
}

// Insert queues a job. A job with unique options that is already queued,
// running or done is not queued again; that is not an error.
func (q *Queue) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error {
	_, err := q.client.Insert(ctx, args, opts)
	if err != nil {
		return fmt.Errorf("queue: insert %s: %w", args.Kind(), err)
	}
	return nil
}

// Start begins working jobs and running periodic jobs.
func (q *Queue) Start(ctx context.Context) error {
	if err := q.client.Start(ctx); err != nil {
		return fmt.Errorf("queue: start: %w", err)
	}
	q.started = true
	return nil
}

// Stop waits for running jobs to finish (until ctx is done), then closes
// the queue's connections.
func (q *Queue) Stop(ctx context.Context) error {
	var err error
	if q.started {
		err = q.client.Stop(ctx)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		err = nil // jobs cut short are rescued later; nothing is lost
	}
	q.close()
	return err
}
