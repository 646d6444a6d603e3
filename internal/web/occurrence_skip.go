package web

import (
	"net/http"
)

// occurrenceSkip serves POST /w/{ws}/occurrences/{occ}/skip: a meeting
// that has not met is skipped, with a reason; workspace admins only.
// Nobody is reminded of it and calendar feeds drop it.
func (s *server) occurrenceSkip(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	ws, id := r.PathValue("ws"), r.PathValue("occ")
	reason := r.PostForm.Get("reason")
	o, err := s.svc.SkipOccurrence(r.Context(), actorOf(r), ws, id, reason)
	if err != nil {
		fe, ok := actionError(err, "reason")
		if !ok {
			s.Error(w, r, err)
			return
		}
		// The refusal shows on the check-in's page, next to the meeting.
		od, oerr := s.svc.Occurrence(r.Context(), actorOf(r), ws, id)
		if oerr != nil {
			s.Error(w, r, oerr)
			return
		}
		s.checkInFailed(w, r, od.CheckIn.ID, err, checkInFailure{action: "skip", occ: id, reason: reason}, fe, true)
		return
	}
	http.Redirect(w, r, checkInURL(ws, o.CheckInID)+"#o-"+id, http.StatusSeeOther)
}
