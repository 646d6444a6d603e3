package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"duet/internal/broker"
	"duet/internal/duet"
)

// eventStream streams a workspace's live events as Server-Sent Events: ids and
// types, never content, and only those the caller's side may see. A client
// resuming sends the id of the last event it got, in the Last-Event-ID
// header (browsers do so by themselves) or as ?after=; the events it
// missed are replayed from the database first.
func (h *Handler) eventStream(w http.ResponseWriter, r *http.Request) error {
	ws := r.PathValue("id")
	side, err := h.svc.StreamSide(r.Context(), actorFrom(r.Context()), ws)
	if err != nil {
		return err
	}
	after, err := resumeAfter(r)
	if err != nil {
		return err
	}
	if h.events == nil {
		return &statusError{status: http.StatusServiceUnavailable, code: "unavailable",
			msg: "This server does not stream live events; read the resources instead."}
	}
	err = h.events.Serve(w, r, broker.Subscription{WorkspaceID: ws, Side: side, After: after,
		Replay: func(ctx context.Context, after int64) ([]duet.Event, error) {
			return h.svc.EventsAfter(ctx, ws, side, after)
		}})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, http.ErrHijacked):
		// The hub owns the connection and has answered or closed it.
		h.log.Warn("api: event stream ended early", "path", r.URL.Path, "err", err)
		return nil
	case errors.Is(err, broker.ErrClosed):
		w.Header().Set("Retry-After", "2")
		return &statusError{status: http.StatusServiceUnavailable, code: "unavailable", msg: "The server is shutting down; reconnect in a moment."}
	}
	return err // e.g. a connection that cannot be taken over (HTTP/2)
}

// resumeAfter reads where a stream resumes: Last-Event-ID, else ?after=,
// else 0 (live events only).
func resumeAfter(r *http.Request) (int64, error) {
	field, s := "Last-Event-ID", strings.TrimSpace(r.Header.Get("Last-Event-ID"))
	if s == "" {
		field, s = "after", r.URL.Query().Get("after")
	}
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, &duet.Error{Kind: duet.EBadRequest, Field: field, Msg: "must be the id of an event"}
	}
	return n, nil
}
