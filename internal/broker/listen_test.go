package broker

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"duet/internal/duet"
)

func testDSN() string {
	if dsn := os.Getenv("DUET_TEST_DATABASE_URL"); dsn != "" {
		return dsn
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// pgConn connects to the test database, skipping the test when it is
// unreachable outside CI.
func pgConn(t *testing.T) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, testDSN())
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL unreachable: %v", err)
		}
		t.Skipf("PostgreSQL unreachable: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func TestListen(t *testing.T) {
	db := pgConn(t)
	ctx := context.Background()
	ws := "listen-" + time.Now().Format("150405.000000000") // other runs may share the channel
	ts := newTestServer(t, Options{}, nil)

	lctx, stop := context.WithCancel(ctx)
	listenDone := make(chan error, 1)
	app := "broker_test_" + strconv.Itoa(os.Getpid())
	dsn := testDSN()
	if strings.Contains(dsn, "?") {
		dsn += "&application_name=" + app
	} else {
		dsn += "?application_name=" + app
	}
	go func() { listenDone <- Listen(lctx, dsn, ts.hub, quietLogger()) }()
	defer func() {
		stop()
		if err := <-listenDone; !errors.Is(err, context.Canceled) {
			t.Errorf("Listen returned %v, want context.Canceled", err)
		}
	}()

	send := func(q func(context.Context, string, ...any) error, e duet.Event) {
		t.Helper()
		if err := q(ctx, "select pg_notify('duet_events', $1)", e.Payload()); err != nil {
			t.Fatal(err)
		}
	}
	exec := func(ctx context.Context, sql string, args ...any) error {
		_, err := db.Exec(ctx, sql, args...)
		return err
	}

	// Wait until Listen relays: send committed probes until one arrives.
	// Listen drops the hub's subscribers once it listens, so a stream that
	// ends is dialed again.
	var id int64 = 1000
	var c *client
	waitRelay := func() {
		t.Helper()
		for start := id; ; {
			if id > start+200 {
				t.Fatal("Listen never relayed a notification")
			}
			if c == nil {
				c = dial(t, ts.addr(), ws, duet.SideHost, 0)
				c.ready()
			}
			id++
			send(exec, ev(id, ws, "probe", duet.VisShared))
			it, err := c.next(50 * time.Millisecond)
			if err == nil && it.event == "probe" {
				return
			}
			if err != nil && !isTimeout(err) {
				c.conn.Close()
				c = nil
			}
		}
	}
	waitRelay()
	// Drain probes that were still on their way.
	base := id + 100
	marker := ev(base, ws, "marker", duet.VisShared)
	send(exec, marker)
	for it := c.nextEvent(); it.event != "marker"; it = c.nextEvent() {
	}

	// Notified inside a transaction: nothing before COMMIT.
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	committed := ev(base+1, ws, "message.posted", duet.VisShared)
	send(func(ctx context.Context, sql string, args ...any) error {
		_, err := tx.Exec(ctx, sql, args...)
		return err
	}, committed)
	if it, err := c.next(300 * time.Millisecond); !isTimeout(err) {
		t.Fatalf("before COMMIT got %+v, %v", it, err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	wantEvent(t, c.nextEvent(), committed)

	// Rolled back: never; the next committed one comes first.
	tx, err = db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rolledBack := ev(base+2, ws, "message.posted", duet.VisShared)
	send(func(ctx context.Context, sql string, args ...any) error {
		_, err := tx.Exec(ctx, sql, args...)
		return err
	}, rolledBack)
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	// Undecodable payloads are skipped.
	if err := exec(ctx, "select pg_notify('duet_events', 'not json')"); err != nil {
		t.Fatal(err)
	}
	next := ev(base+3, ws, "task.updated", duet.VisHost)
	tx, err = db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	send(func(ctx context.Context, sql string, args ...any) error {
		_, err := tx.Exec(ctx, sql, args...)
		return err
	}, next)
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	wantEvent(t, c.nextEvent(), next)

	// Kill the listening connection: Listen reconnects, and drops the
	// subscribers, which may have missed notifications meanwhile.
	var killed int
	if err := db.QueryRow(ctx, "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = $1", app).Scan(&killed); err != nil {
		t.Fatal(err)
	}
	if killed != 1 {
		t.Fatalf("terminated %d listening backends, want 1", killed)
	}
	if _, err := c.next(readTimeout); !errors.Is(err, io.EOF) {
		t.Fatalf("stream after reconnect: %v, want EOF", err)
	}
	c.conn.Close()
	c = nil
	waitRelay()
}

func TestListenBadDSN(t *testing.T) {
	h := NewHub(Options{Logger: quietLogger()})
	defer h.Close()
	if err := Listen(context.Background(), "postgres://%zz", h, quietLogger()); err == nil {
		t.Fatal("Listen accepted an invalid dsn")
	}
}

// TestListenRetries: an unreachable server is retried until ctx is done.
func TestListenRetries(t *testing.T) {
	h := NewHub(Options{Logger: quietLogger()})
	defer h.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	// A port nothing listens on: connecting fails at once, every time.
	err := Listen(ctx, "postgres://postgres@127.0.0.1:1/test?sslmode=disable&connect_timeout=1", h, quietLogger())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Listen returned %v", err)
	}
}

func isTimeout(err error) bool {
	var ne interface{ Timeout() bool }
	return errors.As(err, &ne) && ne.Timeout() && !errors.Is(err, io.EOF)
}
