package web

import (
	"net/http"
)

// inboxCount serves GET /inbox/count: the bell's badge, which pages fetch
// when they did not render it and whenever an event may have notified the
// viewer.
func (s *server) inboxCount(w http.ResponseWriter, r *http.Request) {
	n, err := s.svc.UnreadNotifications(r.Context(), actorOf(r))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.fragment(w, r, http.StatusOK, "bell-count", BellView{Count: n})
}
