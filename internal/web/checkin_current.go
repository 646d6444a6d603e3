package web

import (
	"net/http"
)

// checkinCurrent serves GET /w/{ws}/check-ins/{checkin}/current: a
// redirect to the meeting people work on now, the open one meeting
// soonest, else the next to open.
func (s *server) checkinCurrent(w http.ResponseWriter, r *http.Request) {
	ws := r.PathValue("ws")
	o, err := s.svc.CurrentOccurrence(r.Context(), actorOf(r), ws, r.PathValue("checkin"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, occurrenceURL(ws, o.ID), http.StatusSeeOther)
}
