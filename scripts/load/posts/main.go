// Command posts measures the conversation's hot paths on SQLite and
// PostgreSQL, each next to a raw baseline measured in the same run:
//
//   - message posts per second with 256 concurrent posters, against the
//     engine's raw one-row-transaction rate with the same durability
//     settings, and how many posts failed (e.g. "database is locked");
//   - latency from a post being acknowledged to its event reaching the
//     last of 1,000 and of 10,000 live-stream subscribers;
//   - channel page render time with 100,000 messages in the channel.
//
// Usage: go run ./scripts/load/posts [-engines sqlite,postgres] [-duration 5s]
package main

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"duet/internal/broker"
	"duet/internal/core"
	"duet/internal/duet"
	"duet/internal/store"
	"duet/internal/web"
	"duet/scripts/load/loadkit"
)

func main() {
	engines := flag.String("engines", "sqlite,postgres", "engines to measure")
	duration := flag.Duration("duration", 5*time.Second, "how long each throughput run lasts")
	posters := flag.Int("posters", 256, "concurrent posters")
	subs := flag.String("subscribers", "1000,10000", "stream sizes for the fan-out latency runs")
	messages := flag.Int("messages", 100_000, "messages in the channel for the page render run")
	pgURL := flag.String("pg", loadkit.Env("DUET_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"), "PostgreSQL URL")
	flag.Parse()
	// Both ends of every stream live in this process: two descriptors per
	// subscriber. Raising the limit needs root or CAP_SYS_RESOURCE.
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: 65536, Max: 65536}); err != nil {
		fmt.Fprintf(os.Stderr, "raise the open-files limit: %v (10,000 subscribers need about 20,100)\n", err)
	}
	for _, engine := range strings.Split(*engines, ",") {
		if err := measure(engine, *pgURL, *duration, *posters, *subs, *messages); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", engine, err)
			os.Exit(1)
		}
	}
}

func measure(engine, pgURL string, d time.Duration, posters int, subs string, messages int) error {
	ctx := context.Background()
	dsn, cleanup, err := loadkit.DSN(engine, pgURL)
	if err != nil {
		return err
	}
	defer cleanup()
	fmt.Printf("== %s\n", engine)

	raw, err := rawRate(ctx, engine, dsn, d, posters)
	if err != nil {
		return fmt.Errorf("raw baseline: %w", err)
	}
	fmt.Printf("   raw one-row transactions: %8.0f/s (%d writers)\n", raw, posters)

	hub := broker.NewHub(broker.Options{Logger: loadkit.Quiet})
	defer hub.Close()
	svc, db, err := loadkit.Service(ctx, dsn, hub)
	if err != nil {
		return err
	}
	defer db.Close()
	if engine == store.Postgres {
		lctx, stop := context.WithCancel(ctx)
		defer stop()
		go broker.Listen(lctx, dsn, hub, loadkit.Quiet)
	}
	logins, err := svc.SeedDemo(ctx)
	if err != nil {
		return err
	}
	actor := func(email string) (*duet.Actor, string, error) {
		var pw string
		for _, l := range logins {
			if l.Email == email {
				pw = l.Password
			}
		}
		tok, err := svc.CreateToken(ctx, email, "load")
		if err != nil {
			return nil, "", err
		}
		a, err := svc.TokenActor(ctx, tok)
		return a, pw, err
	}
	host, hostPW, err := actor("maya@lumen.example")
	if err != nil {
		return err
	}
	wss, err := svc.Workspaces(ctx, host)
	if err != nil || len(wss) == 0 {
		return fmt.Errorf("demo workspace: %v", err)
	}
	ws, err := svc.Workspace(ctx, host, wss[0].ID)
	if err != nil {
		return err
	}
	var day, other string
	for _, c := range ws.Channels {
		switch c.Key {
		case "day-to-day":
			day = c.ID
		case "kickoff":
			other = c.ID
		}
	}

	// Posts per second.
	var posted, failed atomic.Int64
	var firstErr atomic.Value
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range posters {
		wg.Go(func() {
			for n := 0; time.Now().Before(deadline); n++ {
				_, err := svc.PostMessage(ctx, host, ws.ID, other, duet.MessagePost{Body: fmt.Sprintf("poster %d message %d", i, n)})
				if err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				posted.Add(1)
			}
		})
	}
	wg.Wait()
	rate := float64(posted.Load()) / time.Since(start).Seconds()
	fmt.Printf("   message posts:            %8.0f/s (%d posters) = %.0f%% of raw; %d failed", rate, posters, 100*rate/raw, failed.Load())
	if e := firstErr.Load(); e != nil {
		fmt.Printf(" (first: %s)", e)
	}
	fmt.Println()

	// Fan-out latency: a stream endpoint without the session lookup, on
	// the same hub the service publishes to.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		side := duet.Side(r.URL.Query().Get("side"))
		if err := hub.Serve(w, r, broker.Subscription{WorkspaceID: ws.ID, Side: side}); err != nil {
			http.Error(w, err.Error(), 500)
		}
	}))
	defer srv.Close()
	for _, f := range strings.Split(subs, ",") {
		n, _ := strconv.Atoi(f)
		if n <= 0 {
			continue
		}
		lat, err := fanout(ctx, svc, host, ws.ID, day, srv.Listener.Addr().String(), n)
		if err != nil {
			return fmt.Errorf("fan-out to %d: %w", n, err)
		}
		fmt.Printf("   post ack → last of %5d subscribers: p50 %6.1f ms  p99 %6.1f ms  (%d posts)\n", n, loadkit.Ms(loadkit.Pct(lat, 50)), loadkit.Ms(loadkit.Pct(lat, 99)), len(lat))
	}

	// Channel page render with many messages.
	if messages <= 0 {
		return nil
	}
	if err := fill(ctx, engine, dsn, ws.ID, day, messages); err != nil {
		return fmt.Errorf("fill channel: %w", err)
	}
	page := httptest.NewServer(web.New(svc, web.Options{Logger: loadkit.Quiet, Events: hub}))
	defer page.Close()
	cookie, err := loadkit.Login(page.URL, "maya@lumen.example", hostPW)
	if err != nil {
		return err
	}
	var times []time.Duration
	for range 300 {
		t0 := time.Now()
		req, _ := http.NewRequest("GET", page.URL+"/w/"+ws.ID+"/c/"+day, nil)
		req.AddCookie(cookie)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			return fmt.Errorf("channel page: %d", res.StatusCode)
		}
		times = append(times, time.Since(t0))
	}
	fmt.Printf("   channel page, %d messages: p50 %6.1f ms  p99 %6.1f ms\n", messages, loadkit.Ms(loadkit.Pct(times, 50)), loadkit.Ms(loadkit.Pct(times, 99)))
	return nil
}

// rawRate is the engine's one-row-transaction rate with writers writing
// concurrently, with the store's durability settings.
func rawRate(ctx context.Context, engine, dsn string, d time.Duration, writers int) (float64, error) {
	var db *sql.DB
	var err error
	if engine == store.Postgres {
		db, err = sql.Open("pgx", dsn+"&synchronous_commit=on")
		db.SetMaxOpenConns(32)
	} else {
		db, err = sql.Open("sqlite", "file:"+dsn+".raw?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_txlock=immediate")
		db.SetMaxOpenConns(1)
	}
	if err != nil {
		return 0, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TABLE raw_rows (id TEXT PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		return 0, err
	}
	var n atomic.Int64
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			for j := 0; time.Now().Before(deadline); j++ {
				tx, err := db.BeginTx(ctx, nil)
				if err != nil {
					continue
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO raw_rows (id, body) VALUES ($1, $2)`, fmt.Sprintf("%d-%d", i, j), "a message of ordinary length"); err != nil {
					tx.Rollback()
					continue
				}
				if tx.Commit() == nil {
					n.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return float64(n.Load()) / time.Since(start).Seconds(), nil
}

// fanout connects n subscribers, then posts messages one at a time and
// measures from each post's acknowledgement to its event reaching the
// last subscriber.
func fanout(ctx context.Context, svc *core.Service, a *duet.Actor, wsID, chID, addr string, n int) ([]time.Duration, error) {
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	// Posts go one at a time and each appends one event, so every event
	// a subscriber reads after a post started is that post's.
	var pending atomic.Int64
	done := make(chan time.Time, 1)
	for i := range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return nil, err
		}
		conns = append(conns, c)
		side := "host"
		if i%2 == 1 {
			side = "partner"
		}
		fmt.Fprintf(c, "GET /?side=%s HTTP/1.1\r\nHost: load\r\n\r\n", side)
		r := bufio.NewReader(c)
		for { // the head and the retry line: the subscriber is live
			line, err := r.ReadString('\n')
			if err != nil {
				return nil, err
			}
			if strings.HasPrefix(line, "retry:") {
				break
			}
		}
		go func() {
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if strings.HasPrefix(line, "id: ") && pending.Add(-1) == 0 {
					done <- time.Now()
				}
			}
		}()
	}
	var lat []time.Duration
	for range 50 {
		pending.Store(int64(n))
		_, err := svc.PostMessage(ctx, a, wsID, chID, duet.MessagePost{Body: "fan-out probe"})
		acked := time.Now()
		if err != nil {
			return nil, err
		}
		select {
		case t := <-done:
			lat = append(lat, t.Sub(acked))
		case <-time.After(10 * time.Second):
			return nil, fmt.Errorf("%d subscribers never got the event", pending.Load())
		}
	}
	return lat, nil
}

// fill adds messages to a channel in large transactions, straight into
// the table: posting them one by one would measure nothing of interest.
func fill(ctx context.Context, engine, dsn, wsID, chID string, n int) error {
	driver, src := "pgx", dsn
	if engine == store.SQLite {
		driver, src = "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)&_txlock=immediate"
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		return err
	}
	defer db.Close()
	var author, side string
	var seq int64
	if err := db.QueryRowContext(ctx, `SELECT id, side FROM members WHERE workspace_id = $1 ORDER BY joined_at LIMIT 1`, wsID).Scan(&author, &side); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, `SELECT activity FROM workspaces WHERE id = $1`, wsID).Scan(&seq); err != nil {
		return err
	}
	at := time.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
	for done := 0; done < n; {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for i := 0; i < 5000 && done < n; i, done = i+1, done+1 {
			seq++
			if _, err := tx.ExecContext(ctx, `INSERT INTO messages (id, workspace_id, channel_id, seq, author_id, author_side, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				fmt.Sprintf("fill%07d", done), wsID, chID, seq, author, side, fmt.Sprintf("Filler message **%d** with a [link](https://example.com) and some words.", done), at); err != nil {
				tx.Rollback()
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	_, err = db.ExecContext(ctx, `UPDATE workspaces SET activity = $1 WHERE id = $2`, seq, wsID)
	return err
}
