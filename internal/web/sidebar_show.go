package web

import (
	"net/http"
)

// sidebarShow serves GET /w/{ws}/sidebar?current=: the channel list with
// fresh unread counts, which a live page swaps in when messages arrive or
// channels change.
func (s *server) sidebarShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	infos, err := s.svc.Channels(r.Context(), actorOf(r), v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.fragment(w, r, http.StatusOK, "channel-nav", sidebarOf(v, infos, r.URL.Query().Get("current")))
}
