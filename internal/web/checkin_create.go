package web

import (
	"net/http"

	"duet/internal/duet"
)

// checkinCreate serves POST /w/{ws}/check-ins: a new check-in, for
// workspace admins. Its first meeting opens for answers at once.
func (s *server) checkinCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	ws := r.PathValue("ws")
	f := checkInFormOf(r.PostForm)
	in, rows, err := f.save()
	if err == nil {
		var c duet.CheckIn
		if c, err = s.svc.CreateCheckIn(r.Context(), actorOf(r), ws, in); err == nil {
			http.Redirect(w, r, checkInURL(ws, c.ID), http.StatusSeeOther)
			return
		}
	}
	fe, ok := checkInFormError(err, rows)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	s.showCheckIns(w, r, v, duet.HTTPStatus(err), f, fe)
}
