package web

import (
	"net/http"
)

// messageShow serves GET /w/{ws}/m/{message}/item: one message as the
// channel or thread shows it, which a live page swaps in when the message
// changes, and which cancelling an edit restores. A plain request gets the
// thread. ?thread=1 lays it out for a thread page.
func (s *server) messageShow(w http.ResponseWriter, r *http.Request) {
	v, m, err := s.messageOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !wantsFragment(r) {
		http.Redirect(w, r, "/w/"+v.d.ID+"/m/"+m.ID, http.StatusSeeOther)
		return
	}
	s.fragment(w, r, http.StatusOK, "message", v.message(m, r.URL.Query().Get("thread") != ""))
}
