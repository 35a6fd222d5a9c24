// Package server is the HTTP side of Minsheng: routes, authentication of
// each request into a viewer, body size and rate limits, metrics, health
// checks, the staff console and the explorer page. It wires transports; rules live elsewhere.
package server

import (
	"bytes"
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/auth"
	"github.com/minsheng/minsheng/ratelimit"
	"github.com/minsheng/minsheng/viewer"
	"github.com/minsheng/minsheng/web"
)

// Config sets the HTTP limits.
type Config struct {
	BodyLimit int64 // bytes of one request body
	// UploadLimit is the body limit of multipart requests (file uploads);
	// the per-kind limits of intake are checked after it.
	UploadLimit int64
	RateLimit   float64 // requests per second per client
	RateBurst   int     // requests a client may send at once
	TrustProxy  bool    // take the client address from X-Forwarded-For
	// MetricsToken, when set, serves /metrics on the main address to
	// callers sending it as a bearer token. Without it /metrics is served
	// only where cmd puts Metrics (its own address), or not at all.
	MetricsToken string
	// Limiter, when set, is the rate limiter to use, shared with what
	// counts the operations sent over WebSockets; nil makes one from
	// RateLimit and RateBurst.
	Limiter *ratelimit.Limiter
}

// Server routes HTTP requests.
type Server struct {
	cfg     Config
	auth    *auth.Service
	graphql http.Handler
	db      *sql.DB
	log     *slog.Logger
	limiter *ratelimit.Limiter
	metrics *metrics
	mux     *http.ServeMux
}

// New returns the HTTP handler of the service.
func New(cfg Config, authn *auth.Service, graphql http.Handler, db *sql.DB, log *slog.Logger) *Server {
	s := &Server{
		cfg: cfg, auth: authn, graphql: graphql, db: db, log: log,
		limiter: cfg.Limiter,
		metrics: newMetrics(log),
		mux:     http.NewServeMux(),
	}
	if s.limiter == nil {
		s.limiter = ratelimit.New(cfg.RateLimit, cfg.RateBurst, nil)
	}
	s.mux.Handle("/graphql", s.metrics.wrap("/graphql", s.limitBody(s.authenticate(graphql))))
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	s.mux.HandleFunc("GET /readyz", s.ready)
	if cfg.MetricsToken != "" {
		s.mux.Handle("GET /metrics", s.metricsHandler(cfg.MetricsToken))
	}
	s.mux.HandleFunc("GET /explorer", explorer)
	// Everything else that is no route of the server is the console's:
	// its files, or index.html for its client-side routes.
	s.mux.Handle("/", newConsole(web.Files))
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	secureHeaders(s.mux).ServeHTTP(w, r)
}

// Metrics is the Prometheus handler, for a listener of its own (--metrics-addr)
// that only the monitoring network reaches.
func (s *Server) Metrics() http.Handler {
	return promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		s.log.WarnContext(ctx, "not ready", "err", err.Error())
		http.Error(w, "database unreachable\n", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// clientAddr is the caller's address, from the proxy header when trusted.
func (s *Server) clientAddr(r *http.Request) string {
	if s.cfg.TrustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			first, _, _ := strings.Cut(f, ",")
			return strings.TrimSpace(first)
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// authenticate puts the caller's viewer in the request context, after the
// rate limit of the caller. A bad, expired or revoked credential is refused
// here, before any resolver runs.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		header := r.Header.Get("Authorization")
		addr := s.clientAddr(r)
		v, err := s.auth.Authenticate(r.Context(), header)
		if !s.limiter.Allow(rateKey(v, err, addr)) {
			s.refuseRate(w)
			return
		}
		if err != nil {
			writeError(w, http.StatusUnauthorized, err)
			return
		}
		ctx := auth.WithCredential(auth.WithClientAddr(r.Context(), addr), header)
		next.ServeHTTP(w, r.WithContext(viewer.NewContext(ctx, v)))
	})
}

// rateKey is who a request counts against: the principal a credential
// proved (however the header was spelled), else the client's address. A
// credential that failed counts against the address, so made-up tokens do
// not each get a bucket of their own.
func rateKey(v viewer.Viewer, err error, addr string) string {
	if p := v.Principal(); err == nil && p != "" {
		return p
	}
	return "addr:" + addr
}

// rateLimit refuses a client address that sends faster than the limit, on
// routes that take no credential.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.limiter.Allow("addr:" + s.clientAddr(r)) {
			s.refuseRate(w)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) refuseRate(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	writeError(w, http.StatusTooManyRequests,
		minsheng.Errorf(minsheng.ERATELIMITED, "rate limit of %g requests per second exceeded", s.cfg.RateLimit))
}

// limitBody refuses bodies over the limit with a coded error.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.cfg.BodyLimit
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") && s.cfg.UploadLimit > limit {
			limit = s.cfg.UploadLimit
		}
		if r.ContentLength > limit {
			writeError(w, http.StatusRequestEntityTooLarge,
				minsheng.Errorf(minsheng.EINVALID, "request body of %d bytes exceeds the body size limit of %d bytes", r.ContentLength, limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if r.ContentLength < 0 {
			// A chunked body tells its size only once read. Read here, so
			// one too large is refused like one with a Content-Length; the
			// GraphQL handler would answer 200 and an unclear message.
			body, err := io.ReadAll(r.Body)
			var tooLarge *http.MaxBytesError
			switch {
			case errors.As(err, &tooLarge):
				writeError(w, http.StatusRequestEntityTooLarge,
					minsheng.Errorf(minsheng.EINVALID, "request body exceeds the body size limit of %d bytes", limit))
				return
			case err != nil:
				writeError(w, http.StatusBadRequest, minsheng.Errorf(minsheng.EINVALID, "could not read the request body"))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.ContentLength = int64(len(body))
		}
		next.ServeHTTP(w, r)
	})
}

// writeError answers with a GraphQL-shaped error, so clients read transport
// refusals the same way as resolver errors.
func writeError(w http.ResponseWriter, status int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{
			"message":    minsheng.ErrorMessage(err),
			"extensions": map[string]any{"code": minsheng.ErrorCode(err)},
		}},
	})
}

type metrics struct {
	log      *slog.Logger
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(log *slog.Logger) *metrics {
	m := &metrics{
		log:      log,
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "minsheng_http_requests_total", Help: "HTTP requests by route and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "minsheng_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
	}
	m.registry.MustRegister(m.requests, m.duration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// wrap counts, times and logs the requests of one route (one JSON line
// each: what an operator greps when a district reports a slow page).
func (m *metrics) wrap(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		took := time.Since(start)
		m.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
		m.duration.WithLabelValues(route).Observe(took.Seconds())
		m.log.InfoContext(r.Context(), "request", "method", r.Method, "route", route,
			"status", rec.status, "ms", float64(took.Microseconds())/1000)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
