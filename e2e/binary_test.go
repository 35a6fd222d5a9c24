package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/minsheng/minsheng/store/storetest"
)

// binary is the minsheng executable built once by TestMain.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "minsheng-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "minsheng")
	build := exec.Command("go", "build", "-o", binary, "github.com/minsheng/minsheng/cmd/minsheng")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	build.Env = withVoskHeader(os.Environ())
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build minsheng:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// withVoskHeader adds the project's vosk_api.h folder to CGO_CFLAGS, as the
// Makefile does, so `go test ./e2e/` builds the binary without make too.
func withVoskHeader(env []string) []string {
	include, err := filepath.Abs(filepath.Join("..", "asr", "include"))
	if err != nil {
		return env
	}
	flags := os.Getenv("CGO_CFLAGS")
	if strings.Contains(flags, include) {
		return env
	}
	if flags == "" {
		flags = "-O2 -g" // Go's default, which setting CGO_CFLAGS replaces
	}
	return append(env, "CGO_CFLAGS="+flags+" -I"+include)
}

// Bounds on waiting for the binary; generous, since they only matter when
// something is wrong.
const (
	readyTimeout = 60 * time.Second
	stopTimeout  = 20 * time.Second
	runTimeout   = 90 * time.Second
)

// database is where a test's binary keeps its data: the flags that name it.
// With PostgreSQL the secret file is given, as it must be; with SQLite the
// binary makes its own secret in the data folder.
func database(t *testing.T, b storetest.Backend) []string {
	t.Helper()
	dir := t.TempDir()
	args := []string{"--data", filepath.Join(dir, "data")}
	if b.URL != "" {
		secret := make([]byte, 32)
		_, _ = rand.Read(secret)
		file := filepath.Join(dir, "secret.key")
		if err := os.WriteFile(file, []byte(hex.EncodeToString(secret)+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--database", b.URL, "--secret-file", file)
	}
	return args
}

// environ is the test's environment without Minsheng's own variables, so
// a developer's settings cannot change what the binary is told.
func environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "MINSHENG_") || strings.HasPrefix(kv, "DATABASE_URL=") {
			continue
		}
		env = append(env, kv)
	}
	// No demo history: a year of it costs the first start tens of seconds,
	// and its open tickets would be escalated beside a test's own (a test
	// wanting it passes --history).
	return append(env, "MINSHENG_DEMO_HISTORY=0")
}

// output collects what the process writes, safe to read while it writes.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// server is a running `minsheng serve`.
type server struct {
	t      *testing.T
	cmd    *exec.Cmd
	addr   string // host:port
	stdout output
	stderr output
	done   chan struct{}
	err    error // from Wait, once done is closed
	ready  bool  // it answered /readyz: from then on it must stop cleanly
}

// URL is the address of path on the server.
func (s *server) URL(path string) string { return "http://" + s.addr + path }

// serve starts `minsheng serve` on a free port with the given flags and
// waits until /readyz answers. The process is stopped when the test ends.
func serve(t *testing.T, flags ...string) *server {
	t.Helper()
	// The port is free when picked but may be taken before the binary
	// listens; then it exits at once and another port is tried.
	for attempt := 1; ; attempt++ {
		s := start(t, freePort(t), flags)
		err := s.waitReady()
		if err == nil {
			s.ready = true
			return s
		}
		s.stop()
		if attempt < 3 && strings.Contains(s.stderr.String(), "address already in use") {
			continue
		}
		t.Fatalf("minsheng serve %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(flags, " "), err, s.stdout.String(), s.stderr.String())
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func start(t *testing.T, addr string, flags []string) *server {
	t.Helper()
	s := &server{t: t, addr: addr, done: make(chan struct{})}
	s.cmd = exec.Command(binary, append([]string{"serve", "--addr", addr}, flags...)...)
	s.cmd.Env = environ()
	s.cmd.Stdout, s.cmd.Stderr = &s.stdout, &s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		if err := s.stop(); err != nil && s.ready {
			t.Errorf("minsheng serve did not stop cleanly: %v", err)
		}
		if t.Failed() {
			t.Logf("minsheng serve on %s, stderr:\n%s", s.addr, s.stderr.String())
		}
	})
	return s
}

// waitReady polls /readyz until it answers 200, the process exits, or the
// bound passes.
func (s *server) waitReady() error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(readyTimeout)
	for {
		select {
		case <-s.done:
			return fmt.Errorf("exited before it was ready: %v", s.err)
		default:
		}
		if res, err := client.Get(s.URL("/readyz")); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not ready after %s", readyTimeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop ends the process as an operator would, with SIGTERM, and kills it
// if it does not exit in time. It returns the exit error: nil after a
// clean shutdown. Calling it again is harmless.
func (s *server) stop() error {
	select {
	case <-s.done:
		return s.exitErr()
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		return s.exitErr()
	case <-time.After(stopTimeout):
		_ = s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("still running %s after SIGTERM; killed", stopTimeout)
	}
}

func (s *server) exitErr() error {
	var exit *exec.ExitError
	if errors.As(s.err, &exit) && exit.ExitCode() == -1 {
		return fmt.Errorf("killed by a signal: %v", s.err)
	}
	return s.err
}

// waitOutput waits until the process has written want to its standard
// output; what it prints reaches the test through a pipe, a moment after
// it is written.
func (s *server) waitOutput(t *testing.T, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		out := s.stdout.String()
		if strings.Contains(out, want) {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("standard output does not contain %q:\n%s", want, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// get fetches path and returns the status, headers and body.
func (s *server) get(t *testing.T, path string) (int, http.Header, string) {
	t.Helper()
	res, err := http.Get(s.URL(path))
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return res.StatusCode, res.Header, string(body)
}

// getWithToken fetches url with a bearer token (none when empty).
func getWithToken(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return res.StatusCode, string(body)
}

// answer is a GraphQL response.
type answer struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// decode unmarshals the data into v, failing the test on errors.
func (a *answer) decode(t *testing.T, v any) {
	t.Helper()
	if len(a.Errors) > 0 || a.Status != http.StatusOK {
		t.Fatalf("status %d, errors %+v", a.Status, a.Errors)
	}
	if err := json.Unmarshal(a.Data, v); err != nil {
		t.Fatalf("decode %s: %v", a.Data, err)
	}
}

// graphql posts a query to /graphql with an optional bearer token.
func (s *server) graphql(t *testing.T, token, query string, vars map[string]any) *answer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.URL("/graphql"), bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	a := &answer{Status: res.StatusCode}
	if err := json.Unmarshal(raw, a); err != nil {
		t.Fatalf("answer is not JSON (status %d): %s", res.StatusCode, raw)
	}
	return a
}

// run runs a minsheng command to its end and returns its output and exit
// code.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runEnv(t, environ(), args...)
}

// runEnv is run with the environment env.
func runEnv(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("minsheng %s: %v", strings.Join(args, " "), err)
	}
	if ctx.Err() != nil {
		t.Fatalf("minsheng %s did not finish in %s", strings.Join(args, " "), runTimeout)
	}
	return out.String(), errOut.String(), code
}
