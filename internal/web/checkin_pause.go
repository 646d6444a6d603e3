package web

import (
	"net/http"
	"strconv"
)

// checkinPause serves POST /w/{ws}/check-ins/{checkin}/pause: paused=true
// pauses the check-in (its future meetings are withdrawn), paused=false
// resumes it; sent with the version read. Workspace admins only.
func (s *server) checkinPause(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	ws, id := r.PathValue("ws"), r.PathValue("checkin")
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	paused := r.PostForm.Get("paused") == "true"
	if _, err := s.svc.PauseCheckIn(r.Context(), actorOf(r), ws, id, version, paused); err != nil {
		fe, ok := actionError(err)
		s.checkInFailed(w, r, id, err, checkInFailure{action: "pause"}, fe, ok)
		return
	}
	http.Redirect(w, r, checkInURL(ws, id), http.StatusSeeOther)
}
