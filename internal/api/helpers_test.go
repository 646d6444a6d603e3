package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"duet/internal/api"
	"duet/internal/broker"
	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
	"duet/internal/files"
	"duet/internal/store"
)

// env is an API server on a fixture's store, with a real event hub that
// the API's service publishes to, and a file store of its own in
// uploads: files reach it through the API only.
type env struct {
	t       *testing.T
	engine  string
	f       *coretest.Fixture
	hub     *broker.Hub
	url     string
	uploads string
}

// maxUpload is the API service's upload limit in tests: small, so that
// refusing a larger file is quick to show.
const maxUpload = 1 << 20

func (e *env) as(token string) client { return client{t: e.t, base: e.url, token: token} }

// serve builds the fixture and an httptest server around api.New. The
// fixture's own service does not publish; everything done through the
// API does (on SQLite directly, on PostgreSQL once relay is called).
func serve(t *testing.T, engine string) *env {
	t.Helper()
	return serveWith(t, engine, func(*http.Server) {})
}

// serveWith is serve with the server's settings changed by config
// before it starts.
func serveWith(t *testing.T, engine string, config func(*http.Server)) *env {
	t.Helper()
	f := coretest.New(t, engine)
	quiet := slog.New(slog.DiscardHandler)
	hub := broker.NewHub(broker.Options{Logger: quiet})
	uploads := t.TempDir()
	disk, err := files.NewDisk(uploads)
	if err != nil {
		t.Fatal(err)
	}
	svc := core.New(core.Config{DB: f.DB, Templates: coretest.Registry(t), Now: f.Clock.Now, Hasher: coretest.CheapHasher,
		BaseURL: "http://duet.test", Logger: quiet, Events: hub, Files: disk, MaxUpload: maxUpload})
	srv := httptest.NewUnstartedServer(api.New(svc, quiet, hub))
	config(srv.Config)
	srv.Start()
	t.Cleanup(func() {
		hub.Close() // closes the streams, so the server has nothing to wait for
		srv.Close()
	})
	return &env{t: t, engine: engine, f: f, hub: hub, url: srv.URL, uploads: uploads}
}

// relay makes committed events reach the hub on PostgreSQL, where they
// travel through NOTIFY: it runs broker.Listen and waits until a probe
// event posted through the API arrives on a stream.
func (e *env) relay(probeToken, channelID string) {
	t := e.t
	t.Helper()
	if e.engine != store.Postgres {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		broker.Listen(ctx, os.Getenv("DUET_TEST_DATABASE_URL"), e.hub, slog.New(slog.DiscardHandler))
	}()
	t.Cleanup(func() { cancel(); <-done })
	c := e.as(probeToken)
	for range 50 {
		s := c.stream("/api/v1/workspaces/"+e.f.WS.ID+"/events", nil)
		_, msg := c.do("POST", "/api/v1/workspaces/"+e.f.WS.ID+"/channels/"+channelID+"/messages", map[string]string{"body": "probe"})
		_, ok := s.until(time.Second, func(fr frame) bool { return fr.subject() == msg["id"] })
		s.close()
		if ok {
			return
		}
	}
	t.Fatal("events never reached the hub through LISTEN/NOTIFY")
}

// status sends a request without a body and returns only the status; for
// an event stream it does not wait for the stream to end.
func (c client) status(method, path string) int {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+path, nil)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// try is do for other goroutines: errors are returned, not fatal.
func (c client) try(method, path string, body any) (int, map[string]any, error) {
	buf, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, c.base+path, bytes.NewReader(buf))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out := map[string]any{}
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out); len(raw) > 0 && err != nil {
		return res.StatusCode, nil, fmt.Errorf("not JSON: %s", raw)
	}
	return res.StatusCode, out, nil
}

// frame is one Server-Sent Event as received.
type frame struct {
	id, event, data string
	lines           []string // the raw field lines, in order
}

func (f frame) payload() map[string]any {
	m := map[string]any{}
	json.Unmarshal([]byte(f.data), &m)
	return m
}

func (f frame) subject() any { return f.payload()["subject"] }

// sse is an open event stream read by a goroutine.
type sse struct {
	t      *testing.T
	res    *http.Response
	frames chan frame
}

// stream opens GET path as an event stream; it fails the test unless the
// answer is 200 text/event-stream.
func (c client) stream(path string, header map[string]string) *sse {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		c.t.Fatalf("GET %s: %d %s %s", path, res.StatusCode, res.Header.Get("Content-Type"), b)
	}
	s := &sse{t: c.t, res: res, frames: make(chan frame, 1024)}
	go func() {
		defer close(s.frames)
		sc := bufio.NewScanner(res.Body)
		var fr frame
		for sc.Scan() {
			line := sc.Text()
			if line == "" {
				if fr.id != "" || fr.data != "" {
					s.frames <- fr
				}
				fr = frame{}
				continue
			}
			if strings.HasPrefix(line, ":") || strings.HasPrefix(line, "retry:") {
				continue
			}
			fr.lines = append(fr.lines, line)
			k, v, _ := strings.Cut(line, ":")
			v = strings.TrimPrefix(v, " ")
			switch k {
			case "id":
				fr.id = v
			case "event":
				fr.event = v
			case "data":
				fr.data += v
			}
		}
	}()
	return s
}

// until reads frames until match accepts one, and returns the frames read
// before it; false when the stream ends or the time runs out first.
func (s *sse) until(timeout time.Duration, match func(frame) bool) ([]frame, bool) {
	var seen []frame
	deadline := time.After(timeout)
	for {
		select {
		case fr, ok := <-s.frames:
			if !ok {
				return seen, false
			}
			if match(fr) {
				return append(seen, fr), true
			}
			seen = append(seen, fr)
		case <-deadline:
			return seen, false
		}
	}
}

func (s *sse) close() { s.res.Body.Close() }

// postAs posts through core (not the API) and returns the message id.
func postAs(t testing.TB, f *coretest.Fixture, u coretest.User, channelID, body string) string {
	t.Helper()
	m, err := f.Svc.PostMessage(context.Background(), u.Actor, f.WS.ID, channelID, duet.MessagePost{Body: body})
	if err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// proposeAs proposes a decision of kind "other", signed by the Partner
// Marketing Manager (the admin) and the Partner Marketing Lead (the
// partner member).
func proposeAs(t testing.TB, f *coretest.Fixture, u coretest.User) string {
	t.Helper()
	d, err := f.Svc.ProposeDecision(context.Background(), u.Actor, f.WS.ID, duet.DecisionCreate{Kind: duet.KindOther, Title: "Use the red banner", Body: "Red it is."})
	if err != nil {
		t.Fatal(err)
	}
	return d.ID
}

// approvedAs proposes a decision and has both sides sign it.
func approvedAs(t testing.TB, f *coretest.Fixture) string {
	t.Helper()
	id := proposeAs(t, f, f.Admin)
	for _, u := range []coretest.User{f.Admin, f.Partner} {
		if _, err := f.Svc.SignDecision(context.Background(), u.Actor, f.WS.ID, id, 1); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// listOf returns the fixture workspace's task list with the given key.
func listOf(t testing.TB, f *coretest.Fixture, key string) duet.TaskList {
	t.Helper()
	for _, l := range f.WS.TaskLists {
		if l.Key == key {
			return l
		}
	}
	t.Fatalf("no task list %q", key)
	return duet.TaskList{}
}

// milestoneOf reads the fixture workspace's milestone with the given key
// through core, evaluated and at its current version.
func milestoneOf(t testing.TB, f *coretest.Fixture, key string) duet.Milestone {
	t.Helper()
	ms, err := f.Svc.Milestones(context.Background(), f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Key == key {
			return m
		}
	}
	t.Fatalf("no milestone %q", key)
	return duet.Milestone{}
}

// taskAs creates a task through core (not the API) as u.
func taskAs(t testing.TB, f *coretest.Fixture, u coretest.User, in duet.TaskCreate) duet.Task {
	t.Helper()
	if in.ListID == "" {
		in.ListID = listOf(t, f, "kickoff-alignment").ID
	}
	if in.DRI == "" {
		in.DRI = "role:content-lead"
	}
	task, err := f.Svc.CreateTask(context.Background(), u.Actor, f.WS.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	return task
}

// taskNumbered returns the fixture workspace's task T-n, as the admin sees it.
func taskNumbered(t testing.TB, f *coretest.Fixture, n int) duet.Task {
	t.Helper()
	ts, err := f.Svc.Tasks(context.Background(), f.Admin.Actor, f.WS.ID, duet.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range ts {
		if task.Number == n {
			return task
		}
	}
	t.Fatalf("no task T-%d", n)
	return duet.Task{}
}

// memberIDOf returns u's member id in a workspace.
func memberIDOf(t testing.TB, f *coretest.Fixture, u coretest.User, wsID string) string {
	t.Helper()
	d, err := f.Svc.Workspace(context.Background(), u.Actor, wsID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range d.Members {
		if m.UserID == u.ID {
			return m.ID
		}
	}
	t.Fatalf("%s is not a member of %s", u.Email, wsID)
	return ""
}

// refusal is a request that must be refused with status, code and the
// field named ("" for none).
type refusal struct {
	name         string
	client       client
	method, path string
	body         any
	status       int
	code, field  string
}

// check sends the refused request and compares the error.
func (c refusal) check(t *testing.T) {
	t.Helper()
	status, body := c.client.do(c.method, c.path, c.body)
	er := errOf(body)
	field, _ := er["field"].(string)
	if status != c.status || er["code"] != c.code || field != c.field || er["message"] == "" || er["message"] == nil {
		t.Errorf("%s: %d %v, want %d %s naming %q", c.name, status, body, c.status, c.code, c.field)
	}
}
