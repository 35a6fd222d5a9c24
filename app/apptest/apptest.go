// Package apptest builds a complete Minsheng service for tests: a fresh
// database on the chosen backend, the real services and HTTP handler behind
// an httptest server, optionally the demo tenants, and a small GraphQL
// client. Tests talk HTTP to it exactly as clients do.
package apptest

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/minsheng/minsheng/app"
	"github.com/minsheng/minsheng/asr/asrtest"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/graph"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/server"
	"github.com/minsheng/minsheng/store/storetest"
)

// Env is a running service.
type Env struct {
	App    *app.App
	Server *httptest.Server
	URL    string // the /graphql endpoint
	Config app.Config
}

// Config returns the test defaults: generous limits, no rate limit, and a
// fresh data folder with a secret file.
func Config(t testing.TB, b storetest.Backend) app.Config {
	t.Helper()
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.key")
	if err := os.WriteFile(secret, []byte(hex.EncodeToString(bytes.Repeat([]byte{7}, 32))), 0o600); err != nil {
		t.Fatal(err)
	}
	return app.Config{
		DataDir: dir, DatabaseURL: b.URL, SecretFile: secret,
		TokenTTL: time.Hour, PolicyRefresh: time.Second,
		HTTP:    server.Config{BodyLimit: 1 << 20, UploadLimit: 44 << 20, RateLimit: 0, RateBurst: 1},
		GraphQL: graph.Limits{Depth: 12, Complexity: 100_000, PageSize: 100, Introspection: true, UploadSize: 44 << 20, ListLength: 1000},
		Intake: app.IntakeConfig{
			Limits: intake.DefaultLimits, OCRWorkers: 2, ASRWorkers: 1, JobTimeout: 2 * time.Minute,
			Readers: sharedReaders(t),
		},
		Notify: app.NotifyConfig{Workers: 2, MaxAttempts: 5},
		// The report schedule would make every environment's reports;
		// tests that need it call Reports.Schedule.
		Reports: app.ReportsConfig{NoSchedule: true},
	}
}

// sharedReaders are the OCR pool, Vosk engine (on the test model) and
// classifier, opened once per test binary: opening them per test would
// cost more than most tests.
func sharedReaders(t testing.TB) *intake.Readers {
	readersOnce.Do(func() {
		cfg := app.IntakeConfig{Limits: intake.DefaultLimits, OCRWorkers: 2, ASRWorkers: 1, VoskModel: asrtest.Model(t)}
		r, _ := app.OpenReaders(cfg, func(msg string, args ...any) { t.Logf("%s %v", msg, args) })
		readers = &r
	})
	return readers
}

var (
	readersOnce sync.Once
	readers     *intake.Readers
)

// Start builds the service from cfg and serves it until the test ends.
func Start(t testing.TB, cfg app.Config) *Env {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	a, err := app.Open(context.Background(), cfg, log)
	if err != nil {
		t.Fatalf("open app: %v", err)
	}
	if err := a.StartWorkers(context.Background()); err != nil {
		t.Fatalf("start workers: %v", err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	return &Env{App: a, Server: srv, URL: srv.URL + "/graphql", Config: cfg}
}

// New starts a service on backend b with the demo tenants seeded.
func New(t testing.TB, b storetest.Backend) *Env {
	t.Helper()
	e := Start(t, Config(t, b))
	if err := e.App.Seeder().Seed(context.Background()); err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	return e
}

// NewWithHistory is New with n past tickets (13 months, demo.History) in
// each demo tenant, for tests of statistics and reports. Other tests use
// New: the history costs time.
func NewWithHistory(t testing.TB, b storetest.Backend, n int) *Env {
	t.Helper()
	e := Start(t, Config(t, b))
	s := e.App.Seeder()
	s.History = n
	if err := s.Seed(context.Background()); err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	return e
}

// Response is a GraphQL answer plus the HTTP status.
type Response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []Error         `json:"errors"`
}

// Error is one GraphQL error.
type Error struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code is the extensions.code of the first error, or "" without errors.
func (r *Response) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// Decode unmarshals data into v, failing the test on errors.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decode %s: %v", r.Data, err)
	}
}

// Do posts a GraphQL request with an optional bearer token.
func (e *Env) Do(t testing.TB, token, query string, vars map[string]any) *Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return e.Post(t, token, "application/json", body)
}

// Post sends a raw body to /graphql.
func (e *Env) Post(t testing.TB, token, contentType string, body []byte) *Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.URL, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := e.Server.Client().Do(req)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := &Response{Status: res.StatusCode}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("answer is not JSON (status %d): %s", res.StatusCode, raw)
	}
	return out
}

// Login signs in with the demo password and returns the token.
func (e *Env) Login(t testing.TB, tenant, username string) string {
	t.Helper()
	r := e.Do(t, "", `mutation($t:String!,$u:String!,$p:String!){login(tenant:$t,username:$u,password:$p){token}}`,
		map[string]any{"t": tenant, "u": username, "p": demo.Password})
	var out struct{ Login struct{ Token string } }
	r.Decode(t, &out)
	return out.Login.Token
}

// Upload sends a GraphQL multipart request (the multipart request spec)
// with one file, placed at the variable path filePath (e.g.
// "variables.input.file"), whose value in vars must be nil.
func (e *Env) Upload(t testing.TB, token, query string, vars map[string]any, filePath, fileName string, data []byte) *Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	mapping, _ := json.Marshal(map[string][]string{"0": {filePath}})
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", string(mapping))
	part, err := w.CreateFormFile("0", fileName)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(data)
	w.Close()
	return e.Post(t, token, w.FormDataContentType(), body.Bytes())
}

// File is one file of a multipart request: its variable path (e.g.
// "variables.images.0", whose value in vars must be nil), name and bytes.
type File struct {
	Path, Name string
	Data       []byte
}

// UploadFiles sends a GraphQL multipart request with any number of files.
func (e *Env) UploadFiles(t testing.TB, token, query string, vars map[string]any, files []File) *Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	mapping := map[string][]string{}
	for i, f := range files {
		mapping[strconv.Itoa(i)] = []string{f.Path}
	}
	m, _ := json.Marshal(mapping)
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", string(m))
	for i, f := range files {
		part, err := w.CreateFormFile(strconv.Itoa(i), f.Name)
		if err != nil {
			t.Fatal(err)
		}
		part.Write(f.Data)
	}
	w.Close()
	return e.Post(t, token, w.FormDataContentType(), body.Bytes())
}
