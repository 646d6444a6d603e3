package web

import (
	"net/http"
)

// decisionReject serves POST /w/{ws}/decisions/{decision}/reject: a
// required signer closes a proposed decision, saying why.
func (s *server) decisionReject(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	d, err := s.svc.RejectDecision(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("decision"), r.PostForm.Get("reason"))
	if err != nil {
		s.decisionFailed(w, r, err, "reject")
		return
	}
	s.decisionDone(w, r, d)
}
