// Command duet runs the Duet workspace server and its operator commands.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"duet/internal/api"
	"duet/internal/broker"
	"duet/internal/core"
	"duet/internal/duet"
	"duet/internal/files"
	"duet/internal/jobs"
	"duet/internal/mail"
	"duet/internal/store"
	"duet/internal/web"
	"duet/templates"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "duet:", err)
		}
		os.Exit(exitCode(err))
	}
}

// usageError marks a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// Main is the program with its environment as fields, so tests can run
// every subcommand in-process and boot the server on port 0.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Hasher overrides the password hashing cost (tests only lower it).
	Hasher core.Hasher
	// Listening, when set, receives the server's address once it accepts
	// connections.
	Listening func(addr string)
}

// NewMain returns a Main wired to the process.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

const usage = `Duet — a shared workspace for a joint co-marketing campaign.

Usage:
  duet serve [--addr 127.0.0.1:8080] [--demo]   run the server
  duet setup --email E --name N --org ORG       create the host organization and first admin (password on stdin)
  duet token create --email E [--label L]       print a new API token for a user
  duet template list                            list the workspace templates
  duet template validate FILE                   check a template file
  duet migrate                                  apply database migrations and exit

Every command takes --data DIR (default ./duet-data; the SQLite file lives
there) or --database-url postgres://... (or DUET_DATABASE_URL), and
--templates DIR to load more templates.
`

// Run runs one subcommand.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return usageError{"no command given"}
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		return m.serve(ctx, rest)
	case "setup":
		return m.setup(ctx, rest)
	case "token":
		if len(rest) == 0 || rest[0] != "create" {
			return usageError{"usage: duet token create --email E [--label L]"}
		}
		return m.tokenCreate(ctx, rest[1:])
	case "template":
		if len(rest) == 0 {
			return usageError{"usage: duet template list | duet template validate FILE"}
		}
		switch rest[0] {
		case "list":
			return m.templateList(rest[1:])
		case "validate":
			return m.templateValidate(rest[1:])
		}
		return usageError{fmt.Sprintf("unknown template command %q", rest[0])}
	case "migrate":
		return m.migrate(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	fmt.Fprint(m.Stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

// common holds the flags every command takes.
type common struct {
	data        string
	databaseURL string
	templates   string
}

func (m *Main) flags(name string, c *common) *flag.FlagSet {
	fs := flag.NewFlagSet("duet "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&c.data, "data", "./duet-data", "data directory; the SQLite database lives here")
	fs.StringVar(&c.databaseURL, "database-url", m.Getenv("DUET_DATABASE_URL"), "postgres:// URL to use PostgreSQL instead of SQLite (or DUET_DATABASE_URL)")
	fs.StringVar(&c.templates, "templates", "", "folder with more workspace templates (*.yaml)")
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// dsn returns the database to open: the PostgreSQL URL, or the SQLite file.
func (c *common) dsn() string {
	if c.databaseURL != "" {
		return c.databaseURL
	}
	return filepath.Join(c.data, "duet.db")
}

// describe names the database without its credentials.
func (c *common) describe() string {
	if c.databaseURL == "" {
		return "SQLite at " + c.dsn()
	}
	if u, err := url.Parse(c.databaseURL); err == nil {
		return "PostgreSQL at " + u.Host + u.Path
	}
	return "PostgreSQL"
}

// open connects, migrates and builds the service.
func (m *Main) open(ctx context.Context, c *common, log *slog.Logger, cfg core.Config) (*core.Service, *store.DB, error) {
	if c.databaseURL != "" && !strings.HasPrefix(c.databaseURL, "postgres://") && !strings.HasPrefix(c.databaseURL, "postgresql://") {
		return nil, nil, usageError{"--database-url must be a postgres:// URL"}
	}
	reg, err := templates.Load(c.templates)
	if err != nil {
		return nil, nil, err
	}
	db, err := store.Open(ctx, c.dsn())
	if err != nil {
		return nil, nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, nil, err
	}
	cfg.DB, cfg.Templates, cfg.Logger, cfg.Now, cfg.Hasher = db, reg, log, m.Now, m.Hasher
	return core.New(cfg), db, nil
}

func (m *Main) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func (m *Main) serve(ctx context.Context, args []string) error {
	var c common
	fs := m.flags("serve", &c)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	demo := fs.Bool("demo", false, "seed the demo campaign (once) and print its logins")
	baseURL := fs.String("base-url", "", "public URL of this server, for links in email (default http://ADDR)")
	smtpURL := fs.String("smtp-url", m.Getenv("DUET_SMTP_URL"), "smtp://user:password@host:587?from=... to mail invites (or DUET_SMTP_URL)")
	secure := fs.Bool("secure", false, "served over TLS (directly or behind a proxy): Secure cookies and HSTS")
	trusted := fs.String("trusted-proxy", "", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is believed")
	maxUpload := fs.Int64("max-upload-mb", core.DefaultMaxUpload>>20, "largest file an asset version may upload, in MB")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *maxUpload < 1 {
		return usageError{"--max-upload-mb must be at least 1"}
	}
	log := m.logger()
	start := time.Now()
	proxies, err := parseCIDRs(*trusted)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	public := strings.TrimRight(*baseURL, "/")
	if public == "" {
		public = "http://" + ln.Addr().String()
	}
	hub := broker.NewHub(broker.Options{Logger: log})
	defer hub.Close()
	// Uploaded files live in the data directory, by content hash,
	// whichever database holds their rows.
	fstore, err := files.NewDisk(filepath.Join(c.data, "files"))
	if err != nil {
		return err
	}
	cfg := core.Config{BaseURL: public, Events: hub, Files: fstore, MaxUpload: *maxUpload << 20}
	deliverers := map[string]jobs.Deliverer{}
	if *smtpURL != "" {
		mailer, err := mail.New(*smtpURL)
		if err != nil {
			return usageError{err.Error()}
		}
		cfg.Mailer = mailer
		deliverers[jobs.KindMail] = core.MailDeliverer(mailer)
	}
	svc, db, err := m.open(ctx, &c, log, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Engine == store.Postgres {
		// Every node, this one included, hears committed events through
		// NOTIFY; core publishes nothing itself on PostgreSQL.
		lctx, stop := context.WithCancel(ctx)
		defer stop()
		go broker.Listen(lctx, c.dsn(), hub, log)
	}

	if *demo {
		logins, err := svc.SeedDemo(ctx)
		if err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
		fmt.Fprintf(m.Stdout, "Demo campaign ready at %s — sign in as any of these (passwords are new on every start):\n", public)
		for _, l := range logins {
			fmt.Fprintf(m.Stdout, "  %-28s %-18s  %-7s %-6s  %s\n", l.Email, l.Password, l.Side, l.Permission, l.Roles)
		}
	} else if token, ok, err := svc.SetupToken(ctx); err != nil {
		return err
	} else if ok {
		fmt.Fprintf(m.Stdout, "Duet has no administrator yet. Open this one-time link to set it up:\n  %s/setup?token=%s\n", public, token)
	}
	// A crash between writing an upload and committing its version
	// leaves a file nothing refers to. With SQLite this process is the
	// only writer, so any such file is removed now; on PostgreSQL other
	// nodes may be mid-upload, so only old ones are.
	grace := core.SweepGrace
	if db.Engine == store.SQLite {
		grace = 0
	}
	if _, err := svc.SweepFiles(ctx, svc.Now(), grace); err != nil {
		return fmt.Errorf("sweep files: %w", err)
	}
	// The demo seeding hashes several passwords; give that memory back.
	debug.FreeOSMemory()

	opts := web.Options{Logger: log, Secure: *secure, Events: hub}
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", api.New(svc, log, hub))
	mux.Handle("/", web.New(svc, opts))
	srv := &http.Server{
		Handler:           trustProxies(proxies, web.Secure(mux, opts)),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Background work: check-in occurrences, reminders and the outbox.
	// Every node runs it; the database decides who does each piece.
	node, _ := os.Hostname()
	outbox := &jobs.Outbox{DB: db, Node: fmt.Sprintf("%s:%d:%s", node, os.Getpid(), store.NewID()), Deliverers: deliverers, Log: log}
	sched := &jobs.Scheduler{Now: m.Now, Log: log, Tasks: []jobs.Task{
		{Name: "materialize check-ins", Run: svc.MaterializeCheckIns},
		{Name: "check-in reminders", Run: svc.SendReminders},
		{Name: "outbox", Run: outbox.Run},
		{Name: "lead escalations", Run: svc.EscalateLeads},
		{Name: "sweep files", Run: func(ctx context.Context, now time.Time) (time.Time, error) {
			return svc.SweepFiles(ctx, now, core.SweepGrace)
		}},
	}}
	jctx, stopJobs := context.WithCancel(ctx)
	jobsDone := make(chan struct{})
	go func() { defer close(jobsDone); sched.Run(jctx) }()
	defer func() { stopJobs(); <-jobsDone }()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("duet serving", "addr", ln.Addr().String(), "database", c.describe(), "started_in", time.Since(start).Round(time.Millisecond))
	if m.Listening != nil {
		m.Listening(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests")
	shut, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func parseCIDRs(s string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return nil, usageError{fmt.Sprintf("--trusted-proxy: %q is not a CIDR like 10.0.0.0/8", part)}
		}
		out = append(out, n)
	}
	return out, nil
}

// trustProxies takes the client address from X-Forwarded-For, but only
// when the connection comes from a configured proxy: the rightmost
// address that is not itself a trusted proxy is the client.
func trustProxies(proxies []*net.IPNet, next http.Handler) http.Handler {
	if len(proxies) == 0 {
		return next
	}
	trusted := func(s string) bool {
		ip := net.ParseIP(strings.TrimSpace(s))
		for _, n := range proxies {
			if ip != nil && n.Contains(ip) {
				return true
			}
		}
		return false
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err == nil && trusted(host) {
			hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
			for i := len(hops) - 1; i >= 0; i-- {
				if h := strings.TrimSpace(hops[i]); h != "" && !trusted(h) && net.ParseIP(h) != nil {
					r2 := r.Clone(r.Context())
					r2.RemoteAddr = net.JoinHostPort(h, "0")
					r = r2
					break
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (m *Main) setup(ctx context.Context, args []string) error {
	var c common
	fs := m.flags("setup", &c)
	email := fs.String("email", "", "the administrator's email")
	name := fs.String("name", "", "the administrator's name")
	org := fs.String("org", "", "the host organization's name")
	if err := parse(fs, args); err != nil {
		return err
	}
	password, err := bufio.NewReader(m.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password from stdin: %w", err)
	}
	password = strings.TrimRight(password, "\r\n")
	svc, db, err := m.open(ctx, &c, m.logger(), core.Config{})
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := svc.Setup(ctx, "", core.SetupInput{Email: *email, Name: *name, Org: *org, Password: password}, true)
	if err != nil {
		return cliError(err)
	}
	fmt.Fprintf(m.Stdout, "Created %s and its administrator %s <%s>.\n", *org, u.Name, u.Email)
	return nil
}

func (m *Main) tokenCreate(ctx context.Context, args []string) error {
	var c common
	fs := m.flags("token create", &c)
	email := fs.String("email", "", "the user's email")
	label := fs.String("label", "CLI token", "what the token is for")
	if err := parse(fs, args); err != nil {
		return err
	}
	svc, db, err := m.open(ctx, &c, m.logger(), core.Config{})
	if err != nil {
		return err
	}
	defer db.Close()
	token, err := svc.CreateToken(ctx, *email, *label)
	if err != nil {
		return cliError(err)
	}
	fmt.Fprintln(m.Stdout, token)
	return nil
}

func (m *Main) templateList(args []string) error {
	var c common
	fs := m.flags("template list", &c)
	if err := parse(fs, args); err != nil {
		return err
	}
	reg, err := templates.Load(c.templates)
	if err != nil {
		return err
	}
	for _, t := range reg.List() {
		fmt.Fprintf(m.Stdout, "%-24s %s\n", t.Key, t.Name)
	}
	return nil
}

func (m *Main) templateValidate(args []string) error {
	if len(args) != 1 {
		return usageError{"usage: duet template validate FILE"}
	}
	issues := templates.ValidateFile(args[0])
	for _, is := range issues {
		fmt.Fprintln(m.Stdout, is.String())
	}
	if len(issues) > 0 {
		return fmt.Errorf("%s: %d problem(s)", args[0], len(issues))
	}
	fmt.Fprintf(m.Stdout, "%s: ok\n", args[0])
	return nil
}

func (m *Main) migrate(ctx context.Context, args []string) error {
	var c common
	fs := m.flags("migrate", &c)
	if err := parse(fs, args); err != nil {
		return err
	}
	_, db, err := m.open(ctx, &c, m.logger(), core.Config{})
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(m.Stdout, "Migrated %s.\n", c.describe())
	return nil
}

// cliError words a use-case error for the terminal, naming the flag (or
// the input) at fault.
func cliError(err error) error {
	var e *duet.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Field {
	case "":
		return errors.New(e.Msg)
	case "password":
		return fmt.Errorf("password (read from stdin): %s", e.Msg)
	}
	return fmt.Errorf("--%s: %s", e.Field, e.Msg)
}
