// Command minsheng is the Minsheng server and its tools:
//
//	minsheng serve     start the HTTP/GraphQL server
//	minsheng migrate   create or update the database schema, then exit
//	minsheng demo      seed the demo tenants demo-a and demo-b, then exit
//	minsheng operator  create a platform operator or reset its password
//	minsheng blobs     copy stored files into another store (blobs migrate --to …)
//	minsheng asr       transcribe a recording (Vosk) and print it as JSON
//	minsheng ocr       read an ID card or a letter from an image file
//
// Every flag can also be set through the environment variable named in
// `minsheng serve --help`.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/minsheng/minsheng/app"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/demo"
)

const usage = `usage: minsheng <command> [flags]

commands:
  serve     start the HTTP/GraphQL server
  migrate   create or update the database schema, then exit
  demo      seed the demo tenants demo-a and demo-b, then exit
  operator  create a platform operator or reset its password:
            minsheng operator --username NAME (password from
            $MINSHENG_OPERATOR_PASSWORD or the first line of standard input)
  blobs     move stored files to another store, checking each one:
            minsheng blobs migrate --to db|local|s3://bucket/prefix
            [--from local] (idempotent and resumable: run it again at will)
  asr       transcribe a recording and print it as JSON: minsheng asr FILE
            (model folder from $VOSK_MODEL or --model)
  ocr       read an image, print JSON: minsheng ocr idcard|idcard-back|text FILE

Run 'minsheng <command> --help' for the flags of a command.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "serve":
		err = serve(ctx, args)
	case "migrate":
		err = migrate(ctx, args)
	case "demo":
		err = seed(ctx, args)
	case "operator":
		err = setOperator(ctx, args)
	case "blobs":
		err = blobs(ctx, args)
	case "asr":
		err = transcribe(ctx, args)
	case "ocr":
		err = ocrCommand(ctx, args)
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "minsheng: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "minsheng:", err)
		os.Exit(1)
	}
}

func serve(ctx context.Context, args []string) error {
	opts, err := parseOptions("serve", args, true)
	if err != nil {
		return err
	}
	log := newLogger(opts.logLevel)
	a, err := app.Open(ctx, opts.Config, log)
	if err != nil {
		return err
	}
	defer a.Close()
	if opts.demo {
		seeder := a.Seeder()
		seeder.History = opts.history
		if err := seeder.Seed(ctx); err != nil {
			return err
		}
	}
	go a.Authz.RefreshEvery(ctx, opts.PolicyRefresh, func(err error) { log.Warn("policy refresh", "err", err.Error()) })
	// Workers stop through a.Close, after the HTTP server, so a signal
	// lets running jobs finish instead of cutting them.
	if err := a.StartWorkers(context.WithoutCancel(ctx)); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return err
	}
	if opts.PublicURL == "" {
		// The tracking links name the address actually listened on (a
		// port of 0 is chosen only now).
		a.Tracking.SetPublicURL("http://" + ln.Addr().String())
	}
	srv := &http.Server{Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	log.Info("listening", "addr", ln.Addr().String(), "database", describeDB(opts.Config))
	printWelcome(ln.Addr().String(), opts.demo)

	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if opts.metricsAddr != "" {
		msrv, err := serveMetrics(opts.metricsAddr, a.Metrics, errc)
		if err != nil {
			return err
		}
		defer msrv.Close()
		log.Info("metrics", "addr", opts.metricsAddr)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serveMetrics starts the listener of /metrics alone, so the figures can be
// kept on a monitoring network while --addr faces the public.
func serveMetrics(addr string, metrics http.Handler, errc chan<- error) (*http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--metrics-addr: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { errc <- srv.Serve(ln) }()
	return srv, nil
}

func migrate(ctx context.Context, args []string) error {
	opts, err := parseOptions("migrate", args, false)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, opts.Config, newLogger(opts.logLevel))
	if err != nil {
		return err
	}
	defer a.Close()
	fmt.Println("schema is up to date:", describeDB(opts.Config))
	return nil
}

func blobs(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "migrate" {
		return errors.New("usage: minsheng blobs migrate --to db|local|s3://bucket/prefix [--from local]")
	}
	opts, err := parseOptions("blobs migrate", args[1:], false)
	if err != nil {
		return err
	}
	st, err := app.MigrateBlobs(ctx, opts.Config, opts.blobFrom, opts.blobTo, newLogger(opts.logLevel))
	fmt.Println("files:", st)
	return err
}

func seed(ctx context.Context, args []string) error {
	opts, err := parseOptions("demo", args, false)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, opts.Config, newLogger(opts.logLevel))
	if err != nil {
		return err
	}
	defer a.Close()
	seeder := a.Seeder()
	seeder.History = opts.history
	if err := seeder.Seed(ctx); err != nil {
		return err
	}
	fmt.Println("demo tenants demo-a and demo-b are seeded:", describeDB(opts.Config))
	return nil
}

func setOperator(ctx context.Context, args []string) error {
	opts, err := parseOptions("operator", args, false)
	if err != nil {
		return err
	}
	if opts.operator == "" {
		return errors.New("operator: --username is required")
	}
	password, ok := os.LookupEnv("MINSHENG_OPERATOR_PASSWORD")
	if !ok {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("operator: give the password in $MINSHENG_OPERATOR_PASSWORD or on standard input")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	a, err := app.Open(ctx, opts.Config, newLogger(opts.logLevel))
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Directory.SetOperator(ctx, opts.operator, password); err != nil {
		return err
	}
	fmt.Printf("platform operator %q is ready: sign in with tenant %q\n", opts.operator, "platform")
	return nil
}

func newLogger(level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
}

func describeDB(cfg app.Config) string {
	if cfg.DatabaseURL != "" {
		return "PostgreSQL"
	}
	return "SQLite " + cfg.DataDir + "/minsheng.db"
}

func printWelcome(addr string, demoSeeded bool) {
	fmt.Printf("\nMinsheng is running.\n  console:  http://%s/\n  explorer: http://%s/explorer\n  GraphQL:  http://%s/graphql\n", addr, addr, addr)
	if demoSeeded {
		fmt.Printf("\nDemo logins (password %q):\n", demo.Password)
		for _, code := range []string{"demo-a", "demo-b"} {
			fmt.Printf("  tenant %s:", code)
			for _, role := range demo.Users {
				name := role
				if role == authz.TenantAdmin {
					name = "admin"
				}
				fmt.Printf(" %s", name)
			}
			fmt.Println()
		}
		fmt.Printf("  platform operator: tenant %q, user operator\n", "platform")
	}
	fmt.Println()
}
