package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// decisionUpdate serves POST /w/{ws}/decisions/{decision}/edit. A locked
// (approved, rejected…) decision or a stale version is refused on the
// form, with the text typed kept.
func (s *server) decisionUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	version, _ := strconv.Atoi(pf.Get("version"))
	f := DecisionForm{Title: pf.Get("title"), Body: pf.Get("body"), Rationale: pf.Get("rationale"), Version: version}
	a, ws, id := actorOf(r), r.PathValue("ws"), r.PathValue("decision")
	if _, err := s.svc.EditDecision(r.Context(), a, ws, id, duet.DecisionUpdate{Version: version, Title: f.Title, Body: f.Body, Rationale: f.Rationale}); err != nil {
		fe, ok := actionError(err, decisionFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		v, d, derr := s.decisionOf(r)
		if derr != nil {
			s.Error(w, r, derr)
			return
		}
		f.Kind = d.Kind
		s.showDecisionEdit(w, r, v, duet.HTTPStatus(err), v.decision(d), f, fe)
		return
	}
	http.Redirect(w, r, "/w/"+ws+"/decisions/"+id, http.StatusSeeOther)
}
