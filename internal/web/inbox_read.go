package web

import (
	"net/http"
)

// inboxRead serves POST /inbox/read: the notifications named by ids are
// read, or all of them when none is named.
func (s *server) inboxRead(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.svc.MarkNotificationsRead(r.Context(), actorOf(r), r.PostForm["ids"]); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/inbox", http.StatusSeeOther)
}
