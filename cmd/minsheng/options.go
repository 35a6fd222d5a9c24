package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/minsheng/minsheng/app"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/graph"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/ocr"
)

type options struct {
	app.Config
	demo     bool
	history  int    // past tickets per new demo tenant
	operator string // the operator command's --username
	// blobFrom and blobTo are the stores of blobs migrate.
	blobFrom, blobTo string
	logLevel         slog.Level
	// metricsAddr is where /metrics is served on a listener of its own.
	metricsAddr string
}

// parseOptions reads the flags of a command; each flag's default comes from
// its environment variable when that is set.
func parseOptions(cmd string, args []string, serving bool) (options, error) {
	var o options
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	env := func(name, def string) string {
		if v, ok := os.LookupEnv(name); ok {
			return v
		}
		return def
	}
	str := func(p *string, name, envName, def, help string) {
		fs.StringVar(p, name, env(envName, def), help+" ($"+envName+")")
	}
	p := parser{}
	boolean := func(dst *bool, name, envName string, def bool, help string) {
		v := env(envName, strconv.FormatBool(def))
		fs.BoolVar(dst, name, p.bool(name, v), help+" ($"+envName+")")
	}
	var level, ttl, refresh, bodyLimit, rateLimit, rateBurst, depth, complexity, pageSize string
	var trackRate, trackBurst string
	var uploadLimit, ocrWorkers, asrWorkers, jobTimeout, maxVoice, imageLimit, voiceLimit, maxPixels string
	var notifyWorkers, notifyAttempts, clockOffset string
	var webhookAllow string
	var queryBytes, fragments, fields, aliases, listLength, maxErrors string
	var maxSubscriptions, socketRecheck string
	str(&o.DataDir, "data", "MINSHENG_DATA", "./data", "folder for the SQLite file, the generated secret and stored files")
	str(&o.DatabaseURL, "database", "DATABASE_URL", "", "database URL; postgres://user:pass@host/db switches to PostgreSQL (default: SQLite file in --data)")
	str(&o.BlobStore, "blob-store", "MINSHENG_BLOB_STORE", "", "where uploaded files are kept: db (the database; the default with PostgreSQL), local (the folder uploads in --data; the default with SQLite, one node only) or s3://bucket/prefix (endpoint and keys from $MINSHENG_S3_ENDPOINT, $AWS_ACCESS_KEY_ID, $AWS_SECRET_ACCESS_KEY)")
	str(&o.SecretFile, "secret-file", "MINSHENG_SECRET_FILE", "", "file with the master secret (64+ hex digits) for tokens and personal-data encryption; generated in --data when unset with SQLite, required with PostgreSQL")
	str(&level, "log-level", "MINSHENG_LOG_LEVEL", "info", "log level: debug, info, warn or error")
	if cmd == "blobs migrate" {
		fs.StringVar(&o.blobFrom, "from", "local", "store to copy from: local (the folder uploads in --data, where files were kept before --blob-store), db or s3://bucket/prefix")
		fs.StringVar(&o.blobTo, "to", "", "store to copy into (default: --blob-store, else the default for the database: db with PostgreSQL)")
	}
	var history string
	if serving || cmd == "demo" {
		str(&history, "history", "MINSHENG_DEMO_HISTORY", strconv.Itoa(demo.DefaultHistory), "past tickets (13 months) each new demo tenant gets, for statistics and reports to show something; 0 for none")
	}
	if cmd == "operator" {
		fs.StringVar(&o.operator, "username", "", "login name of the platform operator")
	}
	if serving {
		str(&o.Addr, "addr", "MINSHENG_ADDR", "127.0.0.1:8080", "address to listen on")
		boolean(&o.demo, "demo", "MINSHENG_DEMO", false, "seed the demo tenants demo-a and demo-b (idempotent)")
		str(&ttl, "token-ttl", "MINSHENG_TOKEN_TTL", "12h", "how long a login token is valid")
		str(&refresh, "policy-refresh", "MINSHENG_POLICY_REFRESH", "10s", "how often permissions are reloaded from the database (role changes made by other processes)")
		str(&bodyLimit, "body-limit", "MINSHENG_BODY_LIMIT", "1048576", "largest request body in bytes")
		str(&rateLimit, "rate-limit", "MINSHENG_RATE_LIMIT", "20", "requests per second per client (the signed-in user or API key, else the address); 0 disables")
		str(&rateBurst, "rate-burst", "MINSHENG_RATE_BURST", "40", "requests a client may send at once")
		str(&depth, "max-depth", "MINSHENG_MAX_DEPTH", "12", "deepest GraphQL selection")
		str(&complexity, "max-complexity", "MINSHENG_MAX_COMPLEXITY", "5000", "largest GraphQL complexity: one per field, a connection counts its page size times its items")
		str(&pageSize, "max-page-size", "MINSHENG_MAX_PAGE_SIZE", "100", "largest first/last of a connection")
		boolean(&o.GraphQL.Introspection, "introspection", "MINSHENG_INTROSPECTION", true, "answer GraphQL introspection (the explorer needs it); when off, errors suggest no field or type names either")
		str(&queryBytes, "max-query-bytes", "MINSHENG_MAX_QUERY_BYTES", strconv.Itoa(graph.DefaultLimits.QueryBytes), "longest GraphQL query text in bytes, refused before it is parsed")
		str(&fragments, "max-fragments", "MINSHENG_MAX_FRAGMENTS", strconv.Itoa(graph.DefaultLimits.Fragments), "most fragment definitions in one GraphQL query")
		str(&fields, "max-fields", "MINSHENG_MAX_FIELDS", strconv.Itoa(graph.DefaultLimits.Fields), "most fields in one GraphQL query, a fragment's counted wherever it is spread")
		str(&aliases, "max-aliases", "MINSHENG_MAX_ALIASES", strconv.Itoa(graph.DefaultLimits.Aliases), "most aliased fields in one GraphQL query")
		str(&listLength, "max-list", "MINSHENG_MAX_LIST", strconv.Itoa(graph.DefaultLimits.ListLength), "longest list in a GraphQL argument or variable, e.g. nodes(ids:)")
		str(&maxErrors, "max-errors", "MINSHENG_MAX_ERRORS", strconv.Itoa(graph.DefaultLimits.Errors), "most errors in one GraphQL answer; the rest are left out")
		str(&maxSubscriptions, "max-subscriptions", "MINSHENG_MAX_SUBSCRIPTIONS", "20", "subscriptions one WebSocket may run at once; the next is refused with RATE_LIMITED")
		str(&socketRecheck, "socket-recheck", "MINSHENG_SOCKET_RECHECK", "30s", "how often an open WebSocket's credential is checked between operations (each operation and event is checked anyway); a revoked or expired one closes the socket")
		boolean(&o.HTTP.TrustProxy, "trust-proxy", "MINSHENG_TRUST_PROXY", false, "take client addresses from X-Forwarded-For (behind a load balancer)")
		str(&uploadLimit, "upload-limit", "MINSHENG_UPLOAD_LIMIT", "44040192", "largest multipart request (file uploads) in bytes")
		str(&imageLimit, "image-limit", "MINSHENG_IMAGE_LIMIT", "15728640", "largest ID card or letter image in bytes")
		str(&voiceLimit, "voice-limit", "MINSHENG_VOICE_LIMIT", "41943040", "largest voice recording in bytes")
		str(&maxPixels, "max-pixels", "MINSHENG_MAX_PIXELS", "24000000", "largest image in pixels (width × height), refused from its header before decoding; half for 16 bits a channel")
		str(&maxVoice, "max-voice", "MINSHENG_MAX_VOICE", "10m", "longest voice recording accepted")
		str(&ocrWorkers, "ocr-workers", "MINSHENG_OCR_WORKERS", "2", "images this process reads at once (one Tesseract client each); 0 leaves them to other processes")
		str(&o.Intake.OCRSecondModel, "ocr-second-model", ocr.SecondModelEnv, "", "folder of the second chi_sim model an ID card's address is read again with (empty: "+ocr.DefaultSecondModel+", where make deps installs it); without it image jobs fail with that reason")
		str(&asrWorkers, "asr-workers", "MINSHENG_ASR_WORKERS", "1", "recordings this process transcribes at once; 0 leaves them to other processes")
		str(&o.Intake.VoskModel, "vosk-model", "VOSK_MODEL", "", "folder of the Vosk speech model, e.g. vosk-model-small-cn-0.22 (voice intake fails with a clear reason without it)")
		str(&o.PublicURL, "public-url", "MINSHENG_PUBLIC_URL", "", "URL citizens reach the server at, for the tracking links in QR codes (default \"http://\" + --addr)")
		str(&trackRate, "track-rate", "MINSHENG_TRACK_RATE", "10", "case lookups (trackCase, supplementCase, rateCase, QR codes) per minute per client address; 0 disables")
		str(&trackBurst, "track-burst", "MINSHENG_TRACK_BURST", "5", "case lookups a client address may make at once")
		str(&jobTimeout, "job-timeout", "MINSHENG_JOB_TIMEOUT", "10m", "longest one intake job may run; a job held longer by a process that died is given to another")
		str(&notifyWorkers, "notify-workers", "MINSHENG_NOTIFY_WORKERS", "2", "notifications this process delivers at once; 0 leaves them to other processes")
		str(&notifyAttempts, "notify-attempts", "MINSHENG_NOTIFY_ATTEMPTS", "8", "delivery attempts (with growing waits) before a notification is FAILED")
		str(&o.metricsAddr, "metrics-addr", "MINSHENG_METRICS_ADDR", "", "address of a listener of its own for /metrics (e.g. 127.0.0.1:9090, reached only by monitoring); empty: not served there")
		str(&o.HTTP.MetricsToken, "metrics-token", "MINSHENG_METRICS_TOKEN", "", "serve /metrics on --addr too, to callers sending this bearer token; empty: /metrics is not served on --addr")
		str(&webhookAllow, "webhook-allow-hosts", "MINSHENG_WEBHOOK_ALLOW_HOSTS", "", "comma-separated internal hosts (names or IP addresses) tenants' webhooks may reach; any other host must resolve to public internet addresses only")
		str(&clockOffset, "clock-offset", "MINSHENG_CLOCK_OFFSET", "0", "for testing and drills only: shift the server's clock by this duration, e.g. 72h, so deadlines, colours and escalations can be tried without waiting")
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o.logLevel = p.level(level)
	if history != "" {
		o.history = p.int("history", history)
	}
	if serving {
		o.TokenTTL = p.duration("token-ttl", ttl)
		o.PolicyRefresh = p.duration("policy-refresh", refresh)
		o.HTTP.BodyLimit = int64(p.int("body-limit", bodyLimit))
		o.HTTP.RateLimit = p.float("rate-limit", rateLimit)
		o.HTTP.RateBurst = p.int("rate-burst", rateBurst)
		o.GraphQL.Depth = p.int("max-depth", depth)
		o.GraphQL.Complexity = p.int("max-complexity", complexity)
		o.GraphQL.PageSize = p.int("max-page-size", pageSize)
		o.GraphQL.QueryBytes = p.positive("max-query-bytes", queryBytes)
		o.GraphQL.Fragments = p.positive("max-fragments", fragments)
		o.GraphQL.Fields = p.positive("max-fields", fields)
		o.GraphQL.Aliases = p.positive("max-aliases", aliases)
		o.GraphQL.ListLength = p.positive("max-list", listLength)
		o.GraphQL.Errors = p.positive("max-errors", maxErrors)
		o.GraphQL.Subscriptions = p.int("max-subscriptions", maxSubscriptions)
		o.GraphQL.SocketRecheck = p.duration("socket-recheck", socketRecheck)
		o.HTTP.UploadLimit = int64(p.int("upload-limit", uploadLimit))
		o.Intake.Limits = intake.Limits{
			ImageBytes:    int64(p.int("image-limit", imageLimit)),
			VoiceBytes:    int64(p.int("voice-limit", voiceLimit)),
			Pixels:        p.int("max-pixels", maxPixels),
			VoiceDuration: p.duration("max-voice", maxVoice),
		}
		o.Intake.OCRWorkers = p.int("ocr-workers", ocrWorkers)
		o.Intake.ASRWorkers = p.int("asr-workers", asrWorkers)
		o.Intake.JobTimeout = p.duration("job-timeout", jobTimeout)
		o.Tracking.PerMinute = p.float("track-rate", trackRate)
		o.Tracking.Burst = p.int("track-burst", trackBurst)
		o.Notify.Workers = p.int("notify-workers", notifyWorkers)
		o.Notify.MaxAttempts = p.int("notify-attempts", notifyAttempts)
		o.Notify.WebhookAllowHosts = hostList(webhookAllow)
		if off := p.offset("clock-offset", clockOffset); off != 0 {
			o.Now = func() time.Time { return time.Now().Add(off) }
		}
	} else {
		o.TokenTTL = 12 * time.Hour
	}
	return o, p.err
}

// hostList splits a comma-separated list of hosts, dropping blanks.
func hostList(v string) []string {
	var out []string
	for _, h := range strings.Split(v, ",") {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// parser converts flag text, keeping the first error.
type parser struct{ err error }

func (p *parser) fail(name, value, want string) {
	if p.err == nil {
		p.err = fmt.Errorf("--%s=%q: want %s", name, value, want)
	}
}

func (p *parser) int(name, v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		p.fail(name, v, "a whole number ≥ 0")
	}
	return n
}

// positive is a whole number ≥ 1: a cap of 0 would refuse everything.
func (p *parser) positive(name, v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		p.fail(name, v, "a whole number ≥ 1")
	}
	return n
}

func (p *parser) float(name, v string) float64 {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 {
		p.fail(name, v, "a number ≥ 0")
	}
	return f
}

func (p *parser) bool(name, v string) bool {
	b, err := strconv.ParseBool(v)
	if err != nil {
		p.fail(name, v, "true or false")
	}
	return b
}

func (p *parser) duration(name, v string) time.Duration {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		p.fail(name, v, "a duration like 30s or 12h")
	}
	return d
}

// offset is a duration that may be 0 or negative; a bare 0 is allowed.
func (p *parser) offset(name, v string) time.Duration {
	if strings.TrimSpace(v) == "0" {
		return 0
	}
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		p.fail(name, v, "a duration like 72h or -30m, or 0")
	}
	return d
}

func (p *parser) level(v string) slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(v))); err != nil {
		p.fail("log-level", v, "debug, info, warn or error")
	}
	return l
}
