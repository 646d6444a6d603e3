package web

import (
	"net/http"
	"strconv"
)

// decisionSign serves POST /w/{ws}/decisions/{decision}/sign: the viewer
// signs the version they read (the form sends it), for every role of
// theirs still to sign. Signing twice, for the other side or a version
// that changed meanwhile is refused next to the button.
func (s *server) decisionSign(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	d, err := s.svc.SignDecision(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("decision"), version)
	if err != nil {
		s.decisionFailed(w, r, err, "sign")
		return
	}
	s.decisionDone(w, r, d)
}
