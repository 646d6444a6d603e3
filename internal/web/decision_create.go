package web

import (
	"net/http"

	"duet/internal/duet"
)

// decisionCreate serves POST /w/{ws}/decisions: a proposed decision, then
// its page, where the signers are asked to sign. On error the form comes
// back with what was typed.
func (s *server) decisionCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	f := DecisionForm{Kind: pf.Get("kind"), Title: pf.Get("title"), Body: pf.Get("body"), Rationale: pf.Get("rationale"),
		FromMessage: pf.Get("from_message"), Supersedes: pf.Get("supersedes")}
	ws := r.PathValue("ws")
	d, err := s.svc.ProposeDecision(r.Context(), actorOf(r), ws, duet.DecisionCreate{Kind: f.Kind, Title: f.Title, Body: f.Body,
		Rationale: f.Rationale, FromMessage: f.FromMessage, Supersedes: f.Supersedes})
	if err != nil {
		fe, ok := formError(err, decisionFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		v, verr := s.viewerOf(r)
		if verr != nil {
			s.Error(w, r, verr)
			return
		}
		s.showDecisionNew(w, r, v, duet.HTTPStatus(err), &DecisionNewPage{Form: f, Err: fe})
		return
	}
	http.Redirect(w, r, "/w/"+ws+"/decisions/"+d.ID, http.StatusSeeOther)
}
