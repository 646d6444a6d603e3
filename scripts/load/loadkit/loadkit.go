// Package loadkit holds what the load runs share: a fresh database per
// engine, a service on it with the demo seeded, signing in through the
// login form, timing a page, and percentiles.
package loadkit

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for schema setup

	"duet/internal/core"
	"duet/internal/store"
	"duet/templates"
)

// DSN returns a fresh database for engine: SQLite in a temporary folder,
// or a new schema on the PostgreSQL at pgURL. cleanup removes it.
func DSN(engine, pgURL string) (dsn string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "duet-load-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	if engine != store.Postgres {
		return filepath.Join(dir, "duet.db"), cleanup, nil
	}
	schema := fmt.Sprintf("load_%d", time.Now().UnixNano())
	admin, err := sql.Open("pgx", pgURL)
	if err != nil {
		return "", cleanup, err
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		return "", cleanup, err
	}
	cleanup = func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
		os.RemoveAll(dir)
	}
	u, _ := url.Parse(pgURL)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), cleanup, nil
}

// Quiet is a logger that drops everything.
var Quiet = slog.New(slog.DiscardHandler)

// Login signs in through the login form and returns the session cookie.
func Login(base, email, password string) (*http.Cookie, error) {
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(base+"/login", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	for _, ck := range res.Cookies() {
		if strings.HasSuffix(ck.Name, "duet_session") {
			return ck, nil
		}
	}
	return nil, fmt.Errorf("login: %d, no session cookie", res.StatusCode)
}

// Pct returns the p-th percentile of ds.
func Pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

// Ms is d in milliseconds.
func Ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Env returns the environment variable k, or def when it is empty.
func Env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// Service opens the database at dsn, migrates it and returns a service
// on it with the embedded templates and cheap password hashing; events
// go to pub when it is not nil. Close the DB when done.
func Service(ctx context.Context, dsn string, pub core.Publisher) (*core.Service, *store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	reg, err := templates.Load("")
	if err == nil {
		err = db.Migrate(ctx)
	}
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	svc := core.New(core.Config{DB: db, Templates: reg, Events: pub, Hasher: core.Hasher{Time: 1, Memory: 64, Threads: 1}, Logger: Quiet})
	return svc, db, nil
}

// TimePage fetches url n times, one after another, signed in with
// cookie, and prints p50 and p99 under label.
func TimePage(url string, cookie *http.Cookie, n int, label string) error {
	var times []time.Duration
	for range n {
		t0 := time.Now()
		req, _ := http.NewRequest("GET", url, nil)
		req.AddCookie(cookie)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		size, _ := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			return fmt.Errorf("%s: %d", label, res.StatusCode)
		}
		times = append(times, time.Since(t0))
		if len(times) == 1 {
			label += fmt.Sprintf(" (%d KB)", size/1024)
		}
	}
	fmt.Printf("   %-52s p50 %6.1f ms  p99 %6.1f ms\n", label+":", Ms(Pct(times, 50)), Ms(Pct(times, 99)))
	return nil
}
