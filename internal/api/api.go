// Package api is Duet's JSON API under /api/v1: its own DTOs over the same
// core use cases as the HTML pages. Clients authenticate with an API token
// in the Authorization header, never in a URL.
package api

import (
	"context"
	"duet/internal/broker"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
)

// maxBody caps request bodies; nothing in this API needs more.
const maxBody = 1 << 20

// Handler serves /api/v1.
type Handler struct {
	svc    *core.Service
	log    *slog.Logger
	mux    *http.ServeMux
	bodies bodyCache
	events *broker.Hub // live streams; nil when none are served
}

// New returns the API handler.
func New(svc *core.Service, log *slog.Logger, events *broker.Hub) *Handler {
	h := &Handler{svc: svc, log: log, mux: http.NewServeMux(), events: events}
	h.routes()
	return h
}

// Routes lists every route with whether it needs a token; the route table
// and the authorization tests both read it.
func Routes() []Route { return routes }

// Route is one API endpoint.
type Route struct {
	Pattern string
	Public  bool // reachable without a token
}

var routes = []Route{
	{"POST /api/v1/tokens", true},
	{"POST /api/v1/invites/{token}/accept", true},
	{"GET /api/v1/me", false},
	{"GET /api/v1/templates", false},
	{"GET /api/v1/workspaces", false},
	{"POST /api/v1/workspaces", false},
	{"GET /api/v1/workspaces/{id}", false},
	{"GET /api/v1/workspaces/{id}/invites", false},
	{"POST /api/v1/workspaces/{id}/invites", false},
	{"DELETE /api/v1/workspaces/{id}/invites/{invite}", false},
}

func (h *Handler) routes() {
	handlers := map[string]func(http.ResponseWriter, *http.Request) error{
		"POST /api/v1/tokens":                             h.tokenCreate,
		"POST /api/v1/invites/{token}/accept":             h.inviteAccept,
		"GET /api/v1/me":                                  h.meGet,
		"GET /api/v1/templates":                           h.templateList,
		"GET /api/v1/workspaces":                          h.workspaceList,
		"POST /api/v1/workspaces":                         h.workspaceCreate,
		"GET /api/v1/workspaces/{id}":                     h.workspaceGet,
		"GET /api/v1/workspaces/{id}/invites":             h.inviteList,
		"POST /api/v1/workspaces/{id}/invites":            h.inviteCreate,
		"DELETE /api/v1/workspaces/{id}/invites/{invite}": h.inviteRevoke,
	}
	for _, rt := range routes {
		fn := handlers[rt.Pattern]
		if fn == nil {
			panic("api: no handler for " + rt.Pattern)
		}
		h.mux.Handle(rt.Pattern, h.wrap(fn, rt.Public))
	}
	h.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		h.Error(w, r, duet.NotFound("endpoint"))
	})
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

type actorKey struct{}

func actorFrom(ctx context.Context) *duet.Actor {
	a, _ := ctx.Value(actorKey{}).(*duet.Actor)
	return a
}

// wrap authenticates the token (required unless public) and sends any
// error through Error.
func (h *Handler) wrap(fn func(http.ResponseWriter, *http.Request) error, public bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("token") || r.URL.Query().Has("access_token") {
			h.Error(w, r, &duet.Error{Kind: duet.EBadRequest, Field: "token", Msg: "send API tokens in the Authorization header, never in the URL"})
			return
		}
		if !public {
			token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || token == "" {
				w.Header().Set("WWW-Authenticate", `Bearer realm="duet"`)
				h.Error(w, r, duet.Errorf(duet.EUnauthorized, "send an API token as Authorization: Bearer <token>"))
				return
			}
			a, err := h.svc.TokenActor(r.Context(), strings.TrimSpace(token))
			if err != nil {
				w.Header().Set("WWW-Authenticate", `Bearer realm="duet", error="invalid_token"`)
				h.Error(w, r, err)
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), actorKey{}, a))
		}
		if err := fn(w, r); err != nil {
			h.Error(w, r, err)
		}
	})
}

// errorBody is the one error shape of the API.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field,omitempty"`
	} `json:"error"`
}

// Error writes err as JSON with the status from the one kind table.
// Internal errors are logged and answered without detail.
func (h *Handler) Error(w http.ResponseWriter, r *http.Request, err error) {
	status := duet.HTTPStatus(err)
	if status == http.StatusInternalServerError {
		h.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var body errorBody
	body.Error.Code = duet.ErrorKind(err)
	body.Error.Message = duet.ErrorMessage(err)
	body.Error.Field = duet.ErrorField(err)
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decode reads a JSON object into v strictly: one object, known fields
// only, at most maxBody bytes. Errors name the field at fault.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return &duet.Error{Kind: duet.EBadRequest, Field: "Content-Type", Msg: "send application/json"}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if dec.Decode(&struct{}{}) != io.EOF {
			return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "send exactly one JSON object"}
		}
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &typeErr):
		return &duet.Error{Kind: duet.EBadRequest, Field: typeErr.Field, Msg: fmt.Sprintf("must be a JSON %s", jsonKind(typeErr.Type.Kind().String()))}
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "is not valid JSON"}
	case errors.As(err, &maxErr):
		return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: fmt.Sprintf("is larger than %d bytes", maxBody)}
	case errors.Is(err, io.EOF):
		return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "is empty; send a JSON object"}
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return &duet.Error{Kind: duet.EBadRequest, Field: strings.Trim(f, `"`), Msg: "is not a known field"}
	}
	return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "could not be read as JSON"}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "slice":
		return "array"
	case "struct", "map":
		return "object"
	case "bool":
		return "boolean"
	}
	return "number"
}

// clientIP is the peer's address; a trusted proxy in front has already
// rewritten RemoteAddr.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
