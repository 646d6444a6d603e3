package broker

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"duet/internal/duet"
)

const readTimeout = 5 * time.Second

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// testServer serves hub streams at /?ws=W&side=S, with Last-Event-ID as
// After and replay as Replay. It presets X-Test and a Content-Type the
// hub must replace. Errors from Serve go to errs.
type testServer struct {
	*httptest.Server
	hub  *Hub
	errs chan error
}

func newTestServer(t testing.TB, o Options, replay func(ctx context.Context, after int64) ([]duet.Event, error)) *testServer {
	t.Helper()
	if o.Logger == nil {
		o.Logger = quietLogger()
	}
	ts := &testServer{hub: NewHub(o), errs: make(chan error, 64)}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var after int64
		if v := r.Header.Get("Last-Event-ID"); v != "" {
			after, _ = strconv.ParseInt(v, 10, 64)
		}
		w.Header().Set("X-Test", "preset")
		w.Header().Set("Content-Type", "text/html")
		err := ts.hub.Serve(w, r, Subscription{WorkspaceID: q.Get("ws"), Side: duet.Side(q.Get("side")), After: after, Replay: replay})
		if err == nil {
			return
		}
		select {
		case ts.errs <- err:
		default:
		}
		if errors.Is(err, http.ErrHijacked) {
			return
		}
		code := http.StatusInternalServerError
		if errors.Is(err, ErrClosed) {
			code = http.StatusServiceUnavailable
		}
		http.Error(w, err.Error(), code)
	}))
	t.Cleanup(func() {
		ts.hub.Close()
		ts.Server.Close()
	})
	return ts
}

func (ts *testServer) addr() string { return strings.TrimPrefix(ts.URL, "http://") }

// client is a raw TCP SSE client.
type client struct {
	t      testing.TB
	conn   net.Conn
	br     *bufio.Reader
	status string
	header textproto.MIMEHeader
}

// dial opens a stream and reads the response head (not the retry line).
func dial(t testing.TB, addr, ws string, side duet.Side, lastID int64) *client {
	t.Helper()
	c, err := dialRaw(addr, ws, side, lastID)
	if err != nil {
		t.Fatal(err)
	}
	c.t = t
	t.Cleanup(func() { c.conn.Close() })
	return c
}

func dialRaw(addr, ws string, side duet.Side, lastID int64) (*client, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	req := "GET /?ws=" + ws + "&side=" + string(side) + " HTTP/1.1\r\nHost: test\r\nAccept: text/event-stream\r\n"
	if lastID > 0 {
		req += "Last-Event-ID: " + strconv.FormatInt(lastID, 10) + "\r\n"
	}
	req += "\r\n"
	if _, err := conn.Write([]byte(req)); err != nil {
		conn.Close()
		return nil, err
	}
	c := &client{conn: conn, br: bufio.NewReader(conn)}
	conn.SetReadDeadline(time.Now().Add(readTimeout))
	tp := textproto.NewReader(c.br)
	if c.status, err = tp.ReadLine(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("status line: %w", err)
	}
	if c.header, err = tp.ReadMIMEHeader(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("header: %w", err)
	}
	return c, nil
}

// item is one SSE block: an event, a retry line or a comment.
type item struct {
	id, event, data, comment, retry string
}

func (c *client) next(timeout time.Duration) (item, error) {
	c.conn.SetReadDeadline(time.Now().Add(timeout))
	var it item
	seen := false
	for {
		line, err := c.br.ReadString('\n')
		if err != nil {
			return it, err
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			if seen {
				return it, nil
			}
			continue
		}
		seen = true
		k, v, _ := strings.Cut(line, ":")
		v = strings.TrimPrefix(v, " ")
		switch k {
		case "":
			it.comment = v
		case "id":
			it.id = v
		case "event":
			it.event = v
		case "data":
			it.data = v
		case "retry":
			it.retry = v
		default:
			return it, fmt.Errorf("unexpected line %q", line)
		}
	}
}

// mustNext reads the next item, failing the test on error.
func (c *client) mustNext() item {
	c.t.Helper()
	it, err := c.next(readTimeout)
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return it
}

// nextEvent reads the next event, skipping heartbeats.
func (c *client) nextEvent() item {
	c.t.Helper()
	for {
		it := c.mustNext()
		if it.comment == "" && it.retry == "" {
			return it
		}
	}
}

// ready reads the retry line that opens every stream.
func (c *client) ready() {
	c.t.Helper()
	if !strings.HasPrefix(c.status, "HTTP/1.1 200") {
		c.t.Fatalf("status %q", c.status)
	}
	if it := c.mustNext(); it.retry != "2000" {
		c.t.Fatalf("first item %+v, want retry: 2000", it)
	}
}

func ev(id int64, ws, typ string, vis duet.Visibility) duet.Event {
	return duet.Event{ID: id, WorkspaceID: ws, ActorID: "u1", Type: typ, Subject: "s" + strconv.FormatInt(id, 10), Visibility: vis, Created: time.Now()}
}

func wantEvent(t testing.TB, it item, e duet.Event) {
	t.Helper()
	if it.id != strconv.FormatInt(e.ID, 10) || it.event != e.Type || it.data != e.Payload() {
		t.Fatalf("got %+v, want id %d event %s data %s", it, e.ID, e.Type, e.Payload())
	}
}

func TestStreamHead(t *testing.T) {
	ts := newTestServer(t, Options{}, nil)
	c := dial(t, ts.addr(), "w1", duet.SideHost, 0)
	if c.status != "HTTP/1.1 200 OK" {
		t.Fatalf("status %q", c.status)
	}
	for k, want := range map[string]string{
		"Content-Type":      "text/event-stream",
		"Cache-Control":     "no-store",
		"X-Accel-Buffering": "no",
		"Connection":        "close",
		"X-Test":            "preset",
	} {
		if got := c.header.Values(k); len(got) != 1 || got[0] != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
	for _, k := range []string{"Content-Length", "Transfer-Encoding"} {
		if v := c.header.Get(k); v != "" {
			t.Errorf("header %s = %q, want none", k, v)
		}
	}
	c.ready()
	e := ev(1, "w1", "message.posted", duet.VisShared)
	ts.hub.Publish(e)
	wantEvent(t, c.nextEvent(), e)
	if n := ts.hub.Subscribers(); n != 1 {
		t.Fatalf("Subscribers() = %d, want 1", n)
	}
}

// TestHTTPClient reads a stream with net/http's client: the close-delimited
// body must be readable as it comes.
func TestHTTPClient(t *testing.T) {
	ts := newTestServer(t, Options{}, nil)
	req, _ := http.NewRequest("GET", ts.URL+"/?ws=w1&side=partner", nil)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" || resp.Header.Get("X-Test") != "preset" {
		t.Fatalf("status %d, header %v", resp.StatusCode, resp.Header)
	}
	if resp.ContentLength != -1 || len(resp.TransferEncoding) != 0 {
		t.Fatalf("length %d, encoding %v: want a close-delimited body", resp.ContentLength, resp.TransferEncoding)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	read := func() string {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("stream ended")
			}
			return l
		case <-time.After(readTimeout):
			t.Fatal("timeout")
		}
		return ""
	}
	if l := read(); l != "retry: 2000" {
		t.Fatalf("first line %q", l)
	}
	read() // blank
	e := ev(3, "w1", "task.updated", duet.VisPartner)
	ts.hub.Publish(e)
	want := []string{"id: 3", "event: task.updated", "data: " + e.Payload(), ""}
	for _, w := range want {
		if l := read(); l != w {
			t.Fatalf("line %q, want %q", l, w)
		}
	}
	resp.Body.Close()
	ts.hub.Close()
	for range lines {
	}
}

func TestSideFiltering(t *testing.T) {
	ts := newTestServer(t, Options{}, nil)
	host := dial(t, ts.addr(), "w1", duet.SideHost, 0)
	partner := dial(t, ts.addr(), "w1", duet.SidePartner, 0)
	host.ready()
	partner.ready()

	hostOnly := ev(1, "w1", "task.created", duet.VisHost)
	shared := ev(2, "w1", "message.posted", duet.VisShared)
	partnerOnly := ev(3, "w1", "task.created", duet.VisPartner)
	ts.hub.Publish(hostOnly)
	ts.hub.Publish(shared, partnerOnly)

	// The partner's first event is the shared one: the host-only one
	// never reached it; and the reverse for the host.
	wantEvent(t, partner.nextEvent(), shared)
	wantEvent(t, partner.nextEvent(), partnerOnly)
	wantEvent(t, host.nextEvent(), hostOnly)
	wantEvent(t, host.nextEvent(), shared)
	last := ev(4, "w1", "message.posted", duet.VisShared)
	ts.hub.Publish(last)
	wantEvent(t, host.nextEvent(), last)
}

func TestWorkspaceFiltering(t *testing.T) {
	ts := newTestServer(t, Options{Shards: 3}, nil)
	a := dial(t, ts.addr(), "wa", duet.SideHost, 0)
	b := dial(t, ts.addr(), "wb", duet.SideHost, 0)
	a.ready()
	b.ready()
	eb := ev(1, "wb", "message.posted", duet.VisShared)
	ea := ev(2, "wa", "message.posted", duet.VisShared)
	ts.hub.Publish(eb)
	ts.hub.Publish(ea)
	wantEvent(t, a.nextEvent(), ea)
	wantEvent(t, b.nextEvent(), eb)
	// Invalid events are ignored.
	ts.hub.Publish(duet.Event{WorkspaceID: "wa", Type: "x", Visibility: duet.VisShared}, duet.Event{ID: 9, Type: "x", Visibility: duet.VisShared})
	ea2 := ev(10, "wa", "message.posted", duet.VisShared)
	ts.hub.Publish(ea2)
	wantEvent(t, a.nextEvent(), ea2)
}

// TestDuplicatesAndOrder: an event is never written twice, nor one with a
// lower id than the last written (e.g. when two nodes relay the same one).
func TestDuplicatesAndOrder(t *testing.T) {
	ts := newTestServer(t, Options{}, nil)
	c := dial(t, ts.addr(), "w1", duet.SideHost, 0)
	c.ready()
	e1, e2, e3 := ev(1, "w1", "a", duet.VisShared), ev(2, "w1", "b", duet.VisShared), ev(3, "w1", "c", duet.VisShared)
	ts.hub.Publish(e2)
	ts.hub.Publish(e2, e1, e3, e3)
	wantEvent(t, c.nextEvent(), e2)
	wantEvent(t, c.nextEvent(), e3)
	e4 := ev(4, "w1", "d", duet.VisShared)
	ts.hub.Publish(e1)
	ts.hub.Publish(e4)
	wantEvent(t, c.nextEvent(), e4)
}

func TestReplayHandshake(t *testing.T) {
	started := make(chan int64, 1)
	release := make(chan struct{})
	e6 := ev(6, "w1", "message.posted", duet.VisShared)
	e7 := ev(7, "w1", "message.posted", duet.VisShared)
	e8 := ev(8, "w1", "task.updated", duet.VisShared)
	ts := newTestServer(t, Options{}, func(ctx context.Context, after int64) ([]duet.Event, error) {
		started <- after
		<-release
		return []duet.Event{e6, e7}, nil
	})

	type dialed struct {
		c   *client
		err error
	}
	got := make(chan dialed, 1)
	go func() {
		c, err := dialRaw(ts.addr(), "w1", duet.SideHost, 5)
		got <- dialed{c, err}
	}()
	if after := <-started; after != 5 {
		t.Fatalf("Replay after %d, want 5", after)
	}
	// Published while the replay runs: 7 is in both, 8 only live.
	ts.hub.Publish(e7, e8)
	close(release)
	d := <-got
	if d.err != nil {
		t.Fatal(d.err)
	}
	c := d.c
	c.t = t
	defer c.conn.Close()
	c.ready()
	wantEvent(t, c.nextEvent(), e6)
	wantEvent(t, c.nextEvent(), e7)
	wantEvent(t, c.nextEvent(), e8)
	e9 := ev(9, "w1", "task.updated", duet.VisShared)
	ts.hub.Publish(e7, e9)
	wantEvent(t, c.nextEvent(), e9)
}

// TestReplayFiltersAndSkipsKnown: the hub drops replayed events that are
// not the subscriber's or not above Last-Event-ID, and live events at or
// below it.
func TestReplayFilters(t *testing.T) {
	e3 := ev(3, "w1", "a", duet.VisShared)
	e4 := ev(4, "w1", "a", duet.VisPartner) // not for the host
	e5 := ev(5, "w2", "a", duet.VisShared)  // other workspace
	e6 := ev(6, "w1", "a", duet.VisHost)
	ts := newTestServer(t, Options{}, func(ctx context.Context, after int64) ([]duet.Event, error) {
		return []duet.Event{e3, e4, e5, e6}, nil
	})
	c := dial(t, ts.addr(), "w1", duet.SideHost, 3)
	c.ready()
	wantEvent(t, c.nextEvent(), e6)
	e7 := ev(7, "w1", "a", duet.VisShared)
	ts.hub.Publish(e3, e7)
	wantEvent(t, c.nextEvent(), e7)
}

func TestReplayError(t *testing.T) {
	ts := newTestServer(t, Options{}, func(ctx context.Context, after int64) ([]duet.Event, error) {
		return nil, errors.New("database down")
	})
	c := dial(t, ts.addr(), "w1", duet.SideHost, 5)
	c.ready()
	if it, err := c.next(readTimeout); err != io.EOF {
		t.Fatalf("after a failed replay got %+v, %v; want EOF", it, err)
	}
	err := <-ts.errs
	if !errors.Is(err, http.ErrHijacked) || !strings.Contains(err.Error(), "database down") {
		t.Fatalf("Serve error %v", err)
	}
	// The failed subscriber is unregistered: a new one sees Subscribers 1
	// once its own events flow.
	c2 := dial(t, ts.addr(), "w1", duet.SideHost, 0)
	c2.ready()
	e := ev(1, "w1", "a", duet.VisShared)
	ts.hub.Publish(e)
	wantEvent(t, c2.nextEvent(), e)
	if n := ts.hub.Subscribers(); n != 1 {
		t.Fatalf("Subscribers() = %d, want 1", n)
	}
}

// TestPendingOverflow: a subscriber that falls maxPending events behind
// while replaying is dropped.
func TestPendingOverflow(t *testing.T) {
	started := make(chan struct{}, 1)
	release := make(chan struct{})
	ts := newTestServer(t, Options{}, func(ctx context.Context, after int64) ([]duet.Event, error) {
		started <- struct{}{}
		<-release
		return nil, nil
	})
	done := make(chan error, 1)
	go func() {
		c, err := dialRaw(ts.addr(), "w1", duet.SideHost, 1)
		if err == nil {
			defer c.conn.Close()
			if _, err = c.next(readTimeout); err == nil {
				_, err = c.next(readTimeout)
			}
		}
		done <- err
	}()
	<-started
	for i := range maxPending + 1 {
		ts.hub.Publish(ev(int64(i+2), "w1", "a", duet.VisShared))
	}
	close(release)
	if err := <-done; err == nil {
		t.Fatal("stream survived an overflowing replay queue")
	}
	if err := <-ts.errs; !errors.Is(err, http.ErrHijacked) {
		t.Fatalf("Serve error %v", err)
	}
}

func TestHeartbeat(t *testing.T) {
	ts := newTestServer(t, Options{Heartbeat: 20 * time.Millisecond}, nil)
	c := dial(t, ts.addr(), "w1", duet.SideHost, 0)
	c.ready()
	for range 3 {
		if it := c.mustNext(); it.comment != "ping" {
			t.Fatalf("got %+v, want a ping", it)
		}
	}
}

// TestHeartbeatDropsDeadClients: a client gone away is noticed by the
// heartbeat's failed write.
func TestHeartbeatDropsDeadClients(t *testing.T) {
	ts := newTestServer(t, Options{Heartbeat: 10 * time.Millisecond}, nil)
	alive := dial(t, ts.addr(), "w1", duet.SideHost, 0)
	alive.ready()
	gone := dial(t, ts.addr(), "w1", duet.SideHost, 0)
	gone.ready()
	gone.conn.(*net.TCPConn).SetLinger(0) // reset, so the next write fails
	gone.conn.Close()
	for ts.hub.Subscribers() != 1 {
		if it := alive.mustNext(); it.comment != "ping" {
			t.Fatalf("got %+v", it)
		}
	}
}

func TestClose(t *testing.T) {
	ts := newTestServer(t, Options{}, nil)
	var cs []*client
	for i := range 5 {
		c := dial(t, ts.addr(), "w"+strconv.Itoa(i%2), duet.Side([]string{"host", "partner"}[i%2]), 0)
		c.ready()
		cs = append(cs, c)
	}
	ts.hub.Close()
	for _, c := range cs {
		if it, err := c.next(readTimeout); err != io.EOF {
			t.Fatalf("after Close got %+v, %v; want EOF", it, err)
		}
	}
	if n := ts.hub.Subscribers(); n != 0 {
		t.Fatalf("Subscribers() = %d after Close", n)
	}
	c, err := dialRaw(ts.addr(), "w1", duet.SideHost, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer c.conn.Close()
	if !strings.HasPrefix(c.status, "HTTP/1.1 503") {
		t.Fatalf("after Close status %q", c.status)
	}
	// (Streams that were still going live when the hub closed report
	// ErrClosed after hijacking.)
	for err := range ts.errs {
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("Serve: %v", err)
		}
		if !errors.Is(err, http.ErrHijacked) {
			break
		}
	}
	ts.hub.Publish(ev(1, "w1", "a", duet.VisShared)) // no effect, no panic
	ts.hub.Close()                                   // idempotent
}

// TestCloseDuringReplay: a subscriber still replaying when the hub closes
// is closed too and Serve fails.
func TestCloseDuringReplay(t *testing.T) {
	started := make(chan struct{}, 1)
	ts := newTestServer(t, Options{}, func(ctx context.Context, after int64) ([]duet.Event, error) {
		started <- struct{}{}
		<-ctx.Done() // Close cancels the replay
		return nil, ctx.Err()
	})
	done := make(chan error, 1)
	go func() {
		c, err := dialRaw(ts.addr(), "w1", duet.SideHost, 1)
		if err == nil {
			defer c.conn.Close()
			for err == nil {
				_, err = c.next(readTimeout)
			}
		}
		done <- err
	}()
	<-started
	ts.hub.Close()
	if err := <-done; !errors.Is(err, io.EOF) {
		t.Fatalf("client: %v, want EOF", err)
	}
	if err := <-ts.errs; !errors.Is(err, http.ErrHijacked) {
		t.Fatalf("Serve: %v", err)
	}
	if n := ts.hub.Subscribers(); n != 0 {
		t.Fatalf("Subscribers() = %d after Close", n)
	}
}

func TestServeErrors(t *testing.T) {
	h := NewHub(Options{Logger: quietLogger()})
	defer h.Close()
	r := httptest.NewRequest("GET", "/", nil)
	err := h.Serve(httptest.NewRecorder(), r, Subscription{WorkspaceID: "w1", Side: duet.SideHost})
	if err == nil || !errors.Is(err, http.ErrNotSupported) {
		t.Fatalf("Serve on a recorder: %v, want ErrNotSupported", err)
	}
	if err := h.Serve(httptest.NewRecorder(), r, Subscription{WorkspaceID: "w1", Side: "guest"}); err == nil {
		t.Fatal("Serve accepted an invalid side")
	}
	h.Close()
	if err := h.Serve(httptest.NewRecorder(), r, Subscription{WorkspaceID: "w1", Side: duet.SideHost}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Serve after Close: %v", err)
	}
}

// TestSlowSubscriberDropped: a client that never reads is dropped once
// its socket buffers fill; Publish stays fast and a reading subscriber on
// the same (single) writer receives everything.
func TestSlowSubscriberDropped(t *testing.T) {
	// A long write timeout: were Publish to wait for the writer, it would
	// take that long once the slow client's buffers are full.
	ts := newTestServer(t, Options{Shards: 1, WriteTimeout: time.Second}, nil)
	good := dial(t, ts.addr(), "w1", duet.SidePartner, 0)
	good.ready()
	slow := dial(t, ts.addr(), "w1", duet.SidePartner, 0)
	slow.ready()

	big := strings.Repeat("x", 4000)
	var maxPublish time.Duration
	var id int64
	const limit = 50000 // ~200 MB: far beyond any socket buffer
	for ts.hub.Subscribers() == 2 {
		if id == limit {
			t.Fatalf("slow subscriber not dropped after %d events", id)
		}
		id++
		e := ev(id, "w1", "message.posted", duet.VisShared)
		e.Subject = big
		t0 := time.Now()
		ts.hub.Publish(e)
		maxPublish = max(maxPublish, time.Since(t0))
		wantEvent(t, good.nextEvent(), e)
	}
	t.Logf("dropped after %d events of %d bytes; slowest Publish %v", id, len(big), maxPublish)
	if maxPublish > 500*time.Millisecond {
		t.Errorf("Publish took %v", maxPublish)
	}
	// The slow client's stream ends (after what it had buffered).
	slow.conn.SetReadDeadline(time.Now().Add(readTimeout))
	if _, err := io.Copy(io.Discard, slow.conn); err != nil {
		t.Fatalf("slow client: %v, want EOF", err)
	}
	// Publishing a burst without reading does not block either.
	t0 := time.Now()
	for i := range 1000 {
		ts.hub.Publish(ev(id+1+int64(i), "w1", "a", duet.VisShared))
	}
	if d := time.Since(t0); d > time.Second {
		t.Errorf("1000 Publish calls took %v", d)
	}
	for i := range 1000 {
		if it := good.nextEvent(); it.id != strconv.FormatInt(id+1+int64(i), 10) {
			t.Fatalf("got %+v", it)
		}
	}
}

// TestDropAll: what Listen does after (re)subscribing.
func TestDropAll(t *testing.T) {
	ts := newTestServer(t, Options{}, nil)
	c := dial(t, ts.addr(), "w1", duet.SideHost, 0)
	c.ready()
	ts.hub.dropAll()
	if _, err := c.next(readTimeout); err != io.EOF {
		t.Fatalf("got %v, want EOF", err)
	}
}

// TestConcurrent attaches, publishes and detaches concurrently; run with
// -race. Every stream sees strictly ascending ids.
func TestConcurrent(t *testing.T) {
	ts := newTestServer(t, Options{Shards: 3, Heartbeat: 5 * time.Millisecond}, func(ctx context.Context, after int64) ([]duet.Event, error) {
		return []duet.Event{ev(after+1, "w1", "replayed", duet.VisShared)}, nil
	})
	const publishers, perPublisher, readers = 3, 200, 8
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for r := range readers {
		wg.Go(func() {
			c, err := dialRaw(ts.addr(), "w1", duet.SideHost, int64(r))
			if err != nil {
				t.Error(err)
				return
			}
			defer c.conn.Close()
			stopped := func() bool {
				select {
				case <-stop:
					return true
				default:
					return false
				}
			}
			if !strings.HasPrefix(c.status, "HTTP/1.1 200") {
				if !stopped() {
					t.Errorf("status %q", c.status)
				}
				return
			}
			var last int64
			for {
				it, err := c.next(readTimeout)
				if err != nil {
					if !stopped() {
						t.Error(err)
					}
					return
				}
				if it.id == "" {
					continue
				}
				id, _ := strconv.ParseInt(it.id, 10, 64)
				if id <= last {
					t.Errorf("id %d after %d", id, last)
					return
				}
				last = id
			}
		})
	}
	var pw sync.WaitGroup
	var mu sync.Mutex
	var next int64 = 100
	for range publishers {
		pw.Go(func() {
			for range perPublisher {
				mu.Lock()
				next++
				e := ev(next, "w1", "a", duet.VisShared)
				ts.hub.Publish(e)
				mu.Unlock()
				ts.hub.Publish(ev(1, "w2", "b", duet.VisHost))
			}
		})
	}
	pw.Wait()
	close(stop)
	ts.hub.Close()
	wg.Wait()
}

// TestTLS: over TLS the hub writes through the connection with a deadline
// on every write (there is no bare socket to write to).
func TestTLS(t *testing.T) {
	h := NewHub(Options{Logger: quietLogger(), Heartbeat: 20 * time.Millisecond})
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Test", "preset")
		if err := h.Serve(w, r, Subscription{WorkspaceID: "w1", Side: duet.SideHost}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}))
	srv.StartTLS()
	defer srv.Close()
	defer h.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" || resp.Header.Get("X-Test") != "preset" {
		t.Fatalf("status %d, header %v", resp.StatusCode, resp.Header)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	e := ev(1, "w1", "message.posted", duet.VisShared)
	published := false
	pings := 0
	for got := false; !got || pings < 2; {
		var l string
		select {
		case l = <-lines:
		case <-time.After(readTimeout):
			t.Fatal("timeout")
		}
		switch {
		case l == "retry: 2000" && !published:
			h.Publish(e)
			published = true
		case l == ": ping":
			pings++
		case l == "data: "+e.Payload():
			got = true
		}
	}
	h.Close()
	for range lines {
	}
}

// TestQueueOverflow: more events than a shard may queue drop its
// subscribers (they replay when they come back) rather than grow memory
// without bound or lose events silently.
func TestQueueOverflow(t *testing.T) {
	ts := newTestServer(t, Options{}, nil)
	c := dial(t, ts.addr(), "w1", duet.SideHost, 0)
	c.ready()
	first := ev(1, "w1", "a", duet.VisShared)
	ts.hub.Publish(first)
	burst := make([]duet.Event, maxQueue+1)
	for i := range burst {
		burst[i] = ev(int64(i+2), "w1", "a", duet.VisShared)
	}
	ts.hub.Publish(burst...)
	wantEvent(t, c.nextEvent(), first)
	if it, err := c.next(readTimeout); err != io.EOF {
		t.Fatalf("after overflow got %+v, %v; want EOF", it, err)
	}
}
