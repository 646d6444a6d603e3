package web

import (
	"net/http"
)

// checkinUpdate serves POST /w/{ws}/check-ins/{checkin}: the check-in's
// settings, sent with the version they were edited from; workspace
// admins only. Meetings not yet open move to the new schedule.
func (s *server) checkinUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	ws, id := r.PathValue("ws"), r.PathValue("checkin")
	f := checkInFormOf(r.PostForm)
	in, rows, err := f.save()
	if err == nil {
		if _, err = s.svc.UpdateCheckIn(r.Context(), actorOf(r), ws, id, in); err == nil {
			http.Redirect(w, r, checkInURL(ws, id), http.StatusSeeOther)
			return
		}
	}
	fe, ok := checkInFormError(err, rows)
	s.checkInFailed(w, r, id, err, checkInFailure{action: "edit", form: f}, fe, ok)
}
