package web

import (
	"net/http"
)

// messageReact serves POST /w/{ws}/m/{message}/react: the viewer's
// reaction (emoji) on a message is toggled. htmx gets the message with its
// reactions; a plain form post goes back to it.
func (s *server) messageReact(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	a, ws := actorOf(r), r.PathValue("ws")
	m, err := s.svc.React(r.Context(), a, ws, r.PathValue("message"), r.PostForm.Get("emoji"))
	if err != nil {
		s.messageActionFailed(w, r, err)
		return
	}
	if !wantsFragment(r) {
		http.Redirect(w, r, placeOf(ws, m), http.StatusSeeOther)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.fragment(w, r, http.StatusOK, "message", v.message(m, r.PostForm.Get("thread") != ""))
}
