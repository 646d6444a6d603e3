package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
)

// env is one test's server: the real service on a real store, the HTML
// app wrapped in Secure as cmd/duet serves it.
type env struct {
	t    *testing.T
	f    *coretest.Fixture
	svc  *core.Service
	h    http.Handler
	logs *syncBuffer

	mu       sync.Mutex
	sessions map[string]string
	ips      int
	// ctx, when set, is every request's context.
	ctx context.Context
}

// syncBuffer collects log output from concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// engines runs fn once per store engine, each with a fresh fixture.
func engines(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		fn(t, newEnv(t, f, f.Svc))
	})
}

// newEnv serves svc; f may be nil for a service of the test's own.
func newEnv(t *testing.T, f *coretest.Fixture, svc *core.Service) *env {
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(io.MultiWriter(logs, t.Output()), nil))
	opts := Options{Logger: log}
	return &env{t: t, f: f, svc: svc, h: Secure(New(svc, opts), opts), logs: logs, sessions: map[string]string{}}
}

// freshService is a service on an empty store: nobody has set Duet up.
func freshService(t *testing.T, engine string) *core.Service {
	return core.New(core.Config{DB: coretest.OpenDB(t, engine), Templates: coretest.Registry(t),
		Now: func() time.Time { return coretest.Start }, Hasher: coretest.CheapHasher, BaseURL: "http://duet.test"})
}

// ip returns a new client address, so login throttling per address never
// trips across the many sign-ins of a test.
func (e *env) ip() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ips++
	return fmt.Sprintf("203.0.113.%d", e.ips%250+1)
}

// session returns a session token of the user, signing in once per test.
func (e *env) session(email, password string) string {
	e.t.Helper()
	e.mu.Lock()
	tok, ok := e.sessions[email]
	e.mu.Unlock()
	if ok {
		return tok
	}
	tok = e.login(email, password)
	e.mu.Lock()
	e.sessions[email] = tok
	e.mu.Unlock()
	return tok
}

// login opens a new session, as POST /login would.
func (e *env) login(email, password string) string {
	e.t.Helper()
	tok, _, err := e.svc.Login(context.Background(), email, password, e.ip())
	if err != nil {
		e.t.Fatalf("login %s: %v", email, err)
	}
	return tok
}

// as returns the session of a fixture user.
func (e *env) as(u coretest.User) string { return e.session(u.Email, u.Password) }

// response is a finished request.
type response struct {
	*httptest.ResponseRecorder
	body string
}

// get requests a page with an optional session.
func (e *env) get(target, session string) response {
	return e.do(http.MethodGet, target, session, nil)
}

// post sends a form from a page of this site.
func (e *env) post(target, session string, form url.Values) response {
	return e.do(http.MethodPost, target, session, form)
}

func (e *env) do(method, target, session string, form url.Values) response {
	e.t.Helper()
	return e.doWith(method, target, session, form, nil)
}

// hx sends a request as htmx does, asking for a fragment.
func (e *env) hx(method, target, session string, form url.Values) response {
	e.t.Helper()
	return e.doWith(method, target, session, form, http.Header{"Hx-Request": {"true"}})
}

// doWith sends a request with extra headers.
func (e *env) doWith(method, target, session string, form url.Values, header http.Header) response {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if e.ctx != nil {
		req = req.WithContext(e.ctx)
	}
	req.RemoteAddr = e.ip() + ":41000"
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "duet_session", Value: session})
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return response{rec, rec.Body.String()}
}

// wantStatus fails unless the response has the status.
func (r response) wantStatus(t *testing.T, want int) {
	t.Helper()
	if r.Code != want {
		t.Fatalf("status = %d, want %d; Location %q; body:\n%s", r.Code, want, r.Header().Get("Location"), excerpt(r.body))
	}
}

// wantRedirect fails unless the response is a 303 to the location.
func (r response) wantRedirect(t *testing.T, location string) {
	t.Helper()
	r.wantStatus(t, http.StatusSeeOther)
	if got := r.Header().Get("Location"); got != location {
		t.Fatalf("Location = %q, want %q", got, location)
	}
}

// wantBody fails unless the page contains every string (HTML-escaped as
// the page writes it).
func (r response) wantBody(t *testing.T, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(r.body, w) {
			t.Errorf("page lacks %q; page:\n%s", w, excerpt(r.body))
		}
	}
}

// wantNoBody fails if the page contains any of the strings.
func (r response) wantNoBody(t *testing.T, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(r.body, w) {
			t.Errorf("page contains %q", w)
		}
	}
}

// cookie returns the session cookie the response set, if any.
func (r response) cookie(name string) *http.Cookie {
	for _, c := range r.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// fieldError returns the message shown next to a field.
func fieldError(body, field string) string {
	m := regexp.MustCompile(`<p class="field-error" id="` + regexp.QuoteMeta(field) + `-error"[^>]*>([^<]*)</p>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// inputValue returns the value attribute of the input with the id.
func inputValue(body, id string) (string, bool) {
	tag := regexp.MustCompile(`<input id="` + regexp.QuoteMeta(id) + `"[^>]*>`).FindString(body)
	if tag == "" {
		return "", false
	}
	m := regexp.MustCompile(` value="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		return "", true
	}
	return m[1], true
}

// excerpt keeps failure output readable.
func excerpt(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

var inviteLink = regexp.MustCompile(`/invite/(inv_[a-z0-9]+)`)

// inviteToken finds the invite token shown on the invite-created page.
func inviteToken(t *testing.T, body string) string {
	t.Helper()
	m := inviteLink.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no invite link on the page:\n%s", excerpt(body))
	}
	return m[1]
}
