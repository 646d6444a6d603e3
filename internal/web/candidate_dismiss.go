package web

import (
	"net/http"
)

// candidateDismiss serves POST /w/{ws}/m/{message}/dismiss: a message
// flagged as a possible decision is not one after all. htmx gets nothing,
// which removes the nudge it was asked from; a plain form post goes back
// to the page named by back.
func (s *server) candidateDismiss(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	ws := r.PathValue("ws")
	if err := s.svc.DismissCandidate(r.Context(), actorOf(r), ws, r.PathValue("message")); err != nil {
		s.messageActionFailed(w, r, err)
		return
	}
	if !wantsFragment(r) {
		http.Redirect(w, r, backOr(r, "/w/"+ws+"/decisions"), http.StatusSeeOther)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
}
