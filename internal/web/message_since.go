package web

import (
	"net/http"
)

// messageSince serves GET /w/{ws}/c/{channel}/since?after=: the channel's
// top-level messages after the newest one a live page shows, oldest first.
// The page appends them when an event says something was posted.
func (s *server) messageSince(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	after, err := cursor(r, "after")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ms, err := s.svc.ChannelSince(r.Context(), actorOf(r), v.d.ID, r.PathValue("channel"), after)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.fragment(w, r, http.StatusOK, "messages", MessagesFragment{Messages: v.messages(ms, false)})
}
