package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"duet/internal/broker"
	"duet/internal/duet"
)

// eventStream serves GET /w/{ws}/events: the workspace's live events for
// the viewer's side, as Server-Sent Events. Events carry ids and types,
// never content; the page fetches what changed under its own session. A
// browser reconnecting sends Last-Event-ID and gets what it missed. Without
// a hub (some tests) the stream is 503.
func (s *server) eventStream(w http.ResponseWriter, r *http.Request) {
	a, ws := actorOf(r), r.PathValue("ws")
	side, err := s.svc.StreamSide(r.Context(), a, ws)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if s.events == nil {
		http.Error(w, "Live updates are not available.", http.StatusServiceUnavailable)
		return
	}
	// The browser sends Last-Event-ID when it reconnects by itself; a page
	// that had to open a new stream says where it was in ?after=.
	last := r.Header.Get("Last-Event-ID")
	if last == "" {
		last = r.URL.Query().Get("after")
	}
	after, _ := strconv.ParseInt(last, 10, 64)
	err = s.events.Serve(w, r, broker.Subscription{WorkspaceID: ws, Side: side, After: max(after, 0),
		Replay: func(ctx context.Context, after int64) ([]duet.Event, error) {
			return s.svc.EventsAfter(ctx, ws, side, after)
		}})
	switch {
	case err == nil:
	case errors.Is(err, http.ErrHijacked):
		// The hub answered already, or closed the connection; the browser
		// reconnects.
		s.log.Debug("event stream ended", "workspace", ws, "err", err)
	default:
		// The hub is closing (the server stops), or the connection cannot
		// be taken over: the page opens a new stream later.
		s.log.Warn("event stream refused", "workspace", ws, "err", err)
		w.Header().Set("Retry-After", "2")
		http.Error(w, "Live updates are not available.", http.StatusServiceUnavailable)
	}
}
