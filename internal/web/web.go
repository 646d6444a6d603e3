// Package web is Duet's server-rendered HTML interface. Each action is one
// handler in a noun_verb.go file; routes.go lists them all. A handler
// parses its form into an input struct, makes one core call and renders a
// typed page, and every error goes through Error.
package web

import (
	"context"
	"duet/internal/broker"
	"io/fs"
	"log/slog"
	"net"
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// Options configure the web interface.
type Options struct {
	Logger *slog.Logger
	// Secure is set behind TLS: the session cookie gets the Secure flag
	// and the __Host- prefix, and responses carry HSTS.
	Secure bool
	// Events serves live event streams; nil in tests that need none.
	Events *broker.Hub
}

// server holds what the handlers share; there is no package-level state.
type server struct {
	svc    *core.Service
	log    *slog.Logger
	cookie string // the session cookie's name
	secure bool
	events *broker.Hub
	views  *views
	assets *assets
}

// New returns the HTML application: every page, the static files under
// /static/ and GET /healthz. Wrap it (and the JSON API) with Secure.
func New(svc *core.Service, opts Options) http.Handler {
	return newServer(svc, opts, staticFiles()).handler()
}

// newServer builds the server on the given static files, so tests can
// check how the layout depends on them.
func newServer(svc *core.Service, opts Options, static fs.FS) *server {
	s := &server{svc: svc, log: opts.Logger, secure: opts.Secure, cookie: "duet_session", events: opts.Events}
	if s.log == nil {
		s.log = slog.Default()
	}
	if opts.Secure {
		s.cookie = "__Host-duet_session"
	}
	var err error
	if s.assets, err = newAssets(static); err != nil {
		panic("web: static files: " + err.Error()) // embedded at build time
	}
	if s.views, err = parseViews(s.assets); err != nil {
		panic("web: views: " + err.Error()) // embedded at build time; a test parses them
	}
	return s
}

// handler registers every route on a new mux.
func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, rt.handler)
	}
	return mux
}

// ctxKey keys the request context values of this package.
type ctxKey int

const (
	actorKey ctxKey = iota
	sessionKey
)

// withActor returns ctx carrying the signed-in actor and their session
// token.
func withActor(ctx context.Context, a *duet.Actor, token string) context.Context {
	ctx = context.WithValue(ctx, actorKey, a)
	return context.WithValue(ctx, sessionKey, token)
}

// actorOf returns the signed-in actor of the request, nil when anonymous.
func actorOf(r *http.Request) *duet.Actor {
	a, _ := r.Context().Value(actorKey).(*duet.Actor)
	return a
}

// sessionOf returns the request's valid session token, if any.
func sessionOf(r *http.Request) string {
	t, _ := r.Context().Value(sessionKey).(string)
	return t
}

// clientIP is the address the request came from, for login throttling.
// Duet is reached directly or through a proxy that sets RemoteAddr; no
// forwarding header is trusted here.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
