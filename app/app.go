// Package app assembles Minsheng from its parts — database, permissions,
// services, GraphQL and HTTP — from one Config. The binary and the tests
// build the service the same way through it; it holds no rules of its own.
package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/envelope"
	"github.com/minsheng/minsheng/graph"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/insight/report"
	"github.com/minsheng/minsheng/insight/rollup"
	"github.com/minsheng/minsheng/insight/warning"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/knowledge"
	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/pii"
	"github.com/minsheng/minsheng/queue"
	"github.com/minsheng/minsheng/ratelimit"
	"github.com/minsheng/minsheng/server"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/topics"
	"github.com/minsheng/minsheng/tracking"
	"github.com/minsheng/minsheng/workflow"
)

// Config is everything the service can be told at start.
type Config struct {
	Addr        string
	DataDir     string
	DatabaseURL string
	SecretFile  string
	// BlobStore is where uploaded files are kept: "local" (the folder
	// uploads in DataDir), "db" (the database) or "s3://bucket/prefix";
	// empty means DefaultBlobStore.
	BlobStore     string
	TokenTTL      time.Duration
	PolicyRefresh time.Duration
	HTTP          server.Config
	GraphQL       graph.Limits
	Intake        IntakeConfig
	Notify        NotifyConfig
	Now           func() time.Time // the clock; nil means time.Now
	// PublicURL is where citizens reach the server (the QR code's links);
	// "http://" + Addr when empty.
	PublicURL string
	Tracking  TrackingConfig
	Reports   ReportsConfig
}

// ReportsConfig says how this process makes reports.
type ReportsConfig struct {
	// NoSchedule leaves out the periodic job that makes the weekly and
	// monthly reports by themselves (tests that do not need it).
	NoSchedule bool
}

// TrackingConfig limits the citizen's tracking operations per client
// address, beyond the server's own limit.
type TrackingConfig struct {
	PerMinute float64 // 0 turns the limit off
	Burst     int
}

// NotifyConfig says how this process delivers notifications.
type NotifyConfig struct {
	// Workers is how many deliveries this process makes at once; 0 leaves
	// them to other processes.
	Workers int
	// MaxAttempts is how often a delivery is tried before it is FAILED;
	// 0 means notify.DefaultMaxAttempts.
	MaxAttempts int
	// SMS sends citizens' messages; nil logs them.
	SMS notify.SMS
	// WebhookAllowHosts are internal hosts (names or IP addresses) the
	// tenants' webhooks may reach; any other must be public.
	WebhookAllowHosts []string
	// WebhookResolver looks webhook hosts up; nil is the system's (tests
	// pass their own).
	WebhookResolver notify.Resolver
}

// IntakeConfig says how this process reads uploaded files.
type IntakeConfig struct {
	Limits intake.Limits
	// OCRWorkers and ASRWorkers are the images and recordings this
	// process reads at once; 0 means it reads none of that kind (another
	// process does).
	OCRWorkers int
	ASRWorkers int
	// OCRSecondModel is the folder of the second chi_sim model
	// (ocr.Options.SecondModel); empty: ocr's default.
	OCRSecondModel string
	// VoskModel is the folder of the Vosk model (VOSK_MODEL).
	VoskModel string
	// JobTimeout is the longest one job may run; a job held longer by a
	// process that died is given to another worker.
	JobTimeout time.Duration
	// Readers, when set, are used instead of opening new ones (tests
	// share one set across many services).
	Readers *intake.Readers
}

// knowledgeBackfill is how many closed cases per tenant a start indexes
// that the knowledge index lacks.
const knowledgeBackfill = 2000

// App is an assembled service.
type App struct {
	Config    Config
	DB        *store.DB
	Authz     *authz.Enforcer
	Auth      *auth.Service
	Directory *directory.Service
	Workflow  *workflow.Service
	Intake    *intake.Service
	Tracking  *tracking.Service
	Notify    *notify.Outbox
	Reports   *report.Service
	Knowledge *knowledge.Service
	Scheduler *notify.Scheduler
	// Warnings keeps the watch list and the warnings (预警); Surges is its
	// periodic check.
	Warnings *warning.Service
	Surges   *warning.Surges
	Queue    *queue.Queue
	Handler  http.Handler
	Metrics  http.Handler // Prometheus figures, for a listener of their own
	Log      *slog.Logger

	closeReaders func()
	// suggester answers suggestCategory; StartWorkers gives it the keyword
	// rule once the readers are open.
	suggester *insight.Suggester
}

// Open connects to the database, migrates it, and builds the services.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	master, err := loadSecret(cfg)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	a, err := build(ctx, cfg, db, master, log)
	if err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

func build(ctx context.Context, cfg Config, db *store.DB, master []byte, log *slog.Logger) (*App, error) {
	if err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	// Tickets made before tracking tokens existed get theirs before any
	// request can ask for one.
	if _, err := tracking.Backfill(ctx, db.Client); err != nil {
		return nil, err
	}
	// Tickets made before their statistics facts existed get them computed
	// from their history (workflow/facts.go).
	if _, err := workflow.BackfillFacts(ctx, db.Client); err != nil {
		return nil, err
	}
	// The statistics rollup, built once, and again when a tenant's calendar,
	// time zone or department kinds changed since (insight/rollup).
	if _, err := rollup.Backfill(ctx, db.Client); err != nil {
		return nil, err
	}
	enforcer, err := authz.Open(db.Driver)
	if err != nil {
		return nil, err
	}
	box, err := pii.NewBox(derive(master, "pii"))
	if err != nil {
		return nil, err
	}
	// Tokens expire on the real clock: --clock-offset moves deadlines for
	// drills, and a token from before a restart keeps working after it.
	tokens, err := auth.NewTokens(derive(master, "jwt"), cfg.TokenTTL, nil)
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, DB: db, Authz: enforcer, Log: log}
	a.Auth = auth.New(db.Client, enforcer, tokens)
	a.Directory = directory.New(db.Client, enforcer, box)
	// Free text stored before it was masked at rest is masked before any
	// request can read it.
	if _, err := a.Directory.SealStoredText(ctx, db.Driver); err != nil {
		return nil, err
	}
	a.Workflow = workflow.New(db.Client, a.Directory, cfg.Now)
	// Keywords of each ticket for hot topics; the segmenter loads on first use.
	a.Workflow.SetKeywords(topics.NewExtractor(classifier))
	a.Notify = notify.New(notify.Config{
		Client: db.Client, Authz: enforcer, Box: box, SMS: cfg.Notify.SMS, Log: log, Now: cfg.Now,
		MaxAttempts: cfg.Notify.MaxAttempts, WebhookAllowHosts: cfg.Notify.WebhookAllowHosts,
		Resolver: cfg.Notify.WebhookResolver,
	})
	a.Workflow.SetOutbox(a.Notify)
	a.Knowledge = knowledge.New(db.Client, db.Dialect, knowledge.GSE(), cfg.Now)
	a.Workflow.SetCaseIndexer(a.Knowledge)
	// Cases closed before the knowledge base existed (or whose indexing
	// failed) become searchable, a bounded number per start.
	if _, err := a.Knowledge.IndexClosedCases(ctx, knowledgeBackfill); err != nil {
		return nil, err
	}
	a.Scheduler = notify.NewScheduler(a.Notify, a.Workflow.RedAt, a.Workflow.Escalate)
	a.Warnings = warning.New(db.Client, a.Directory, cfg.Now)
	a.Surges = warning.NewSurges(db.Client, a.Workflow.RaiseFindings, cfg.Now, log)
	fileKey, err := envelope.NewKey(derive(master, "files"))
	if err != nil {
		return nil, err
	}
	files, err := OpenBlobStore(ctx, cfg.BlobStore, db, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	warnLocalFilesLeft(files, cfg.DataDir, log)
	a.Intake = intake.New(intake.Config{
		Client: db.Client, Dir: a.Directory, Workflow: a.Workflow, DataDir: cfg.DataDir, Files: files,
		FileKey: fileKey, Limits: cfg.Intake.Limits, Log: log, Now: cfg.Now,
	})
	if err := a.Intake.SealOldFiles(); err != nil {
		return nil, err
	}
	// Workbooks are kept with the uploads, sealed the same way.
	a.Reports = report.New(report.Config{
		Client: db.Client, Files: a.Intake.Files(), Authz: enforcer, Log: log, Now: cfg.Now,
		LinkKey: derive(master, "report-links"), ViewerOf: a.Auth.UserViewer,
		Source: report.NewInsight(db.Client, cfg.Now),
	})
	a.Tracking = tracking.New(tracking.Config{
		Client: db.Client, Workflow: a.Workflow, Intake: a.Intake, Authz: enforcer, PublicURL: publicURL(cfg),
		PerMinute: cfg.Tracking.PerMinute, Burst: cfg.Tracking.Burst, Now: cfg.Now,
	})
	if err := a.openQueue(ctx); err != nil {
		return nil, err
	}
	// One rate limit per caller, whether requests come over HTTP or as
	// operations on a WebSocket.
	limiter := ratelimit.New(cfg.HTTP.RateLimit, cfg.HTTP.RateBurst, nil)
	a.suggester = insight.NewSuggester(db.Client, nil)
	gql := graph.NewHandler(&graph.Resolver{
		Client: db.Client, Authz: enforcer, Auth: a.Auth, Directory: a.Directory, Workflow: a.Workflow, Intake: a.Intake,
		Tracking: a.Tracking,
		Notify:   a.Notify, Reports: a.Reports, Limiter: limiter, Knowledge: a.Knowledge,
		Suggester: a.suggester,
		Warnings:  a.Warnings,
	}, cfg.GraphQL, log)
	httpCfg := cfg.HTTP
	httpCfg.Limiter = limiter
	srv := server.New(httpCfg, a.Auth, gql, db.SQL, log)
	srv.ServeTracking(a.Tracking)
	srv.ServeReports(a.Reports)
	srv.ServeAttachments(a.Intake)
	srv.ServeStatisticsExport(a.Reports)
	a.Handler = srv
	a.Metrics = srv.Metrics()
	return a, nil
}

// publicURL is the configured public URL, or the listening address.
func publicURL(cfg Config) string {
	switch {
	case cfg.PublicURL != "":
		return cfg.PublicURL
	case cfg.Addr != "":
		return "http://" + cfg.Addr
	}
	return "http://localhost"
}

// Seeder returns the demo seeder on the app's services.
func (a *App) Seeder() *demo.Seeder {
	return &demo.Seeder{Client: a.DB.Client, Authz: a.Authz, Auth: a.Auth, Directory: a.Directory, Workflow: a.Workflow,
		Knowledge: a.Knowledge, Warnings: a.Warnings, Now: a.Config.Now}
}

// Close stops the workers and releases the database.
func (a *App) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	qerr := a.Queue.Stop(ctx)
	if a.closeReaders != nil {
		a.closeReaders()
	}
	return errors.Join(qerr, a.DB.Close())
}

// derive gives each use of the master secret its own key, so the token key
// and the personal-data key never coincide.
func derive(master []byte, purpose string) []byte {
	m := hmac.New(sha256.New, master)
	m.Write([]byte("minsheng/" + purpose))
	return m.Sum(nil)
}

// loadSecret reads the master secret. With the embedded SQLite default a
// missing file is created; with PostgreSQL it must be given, because every
// process sharing the database must share the secret too, and data
// encrypted under a lost secret cannot be read back.
func loadSecret(cfg Config) ([]byte, error) {
	path := cfg.SecretFile
	if path == "" {
		if store.IsPostgres(cfg.DatabaseURL) {
			return nil, errors.New("app: with PostgreSQL, MINSHENG_SECRET_FILE must name the secret shared by all serve processes")
		}
		path = filepath.Join(cfg.DataDir, "secret.key")
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && cfg.SecretFile == "" {
		return createSecret(path)
	}
	if err != nil {
		return nil, fmt.Errorf("app: read secret: %w", err)
	}
	secret, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(secret) < 32 {
		return nil, fmt.Errorf("app: secret file %s must hold at least 64 hex digits (32 bytes)", path)
	}
	return secret, nil
}

func createSecret(path string) ([]byte, error) {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("app: data folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("app: create secret: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(hex.EncodeToString(secret) + "\n"); err != nil {
		return nil, fmt.Errorf("app: write secret: %w", err)
	}
	return secret, f.Sync()
}
