package web

import (
	"net/http"
)

// decisionWithdraw serves POST /w/{ws}/decisions/{decision}/withdraw: the
// proposer (or an admin of their side) takes a proposed decision back.
func (s *server) decisionWithdraw(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	d, err := s.svc.WithdrawDecision(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("decision"), r.PostForm.Get("reason"))
	if err != nil {
		s.decisionFailed(w, r, err, "withdraw")
		return
	}
	s.decisionDone(w, r, d)
}
