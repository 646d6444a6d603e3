package web

import (
	"net/http"

	"duet/internal/duet"
)

// DecisionEditPage changes a proposed decision's text. The form carries
// the version it was opened at, so an edit never overwrites a change its
// author has not read; saving resets the sign-offs.
type DecisionEditPage struct {
	Base
	D    DecisionView
	Form DecisionForm
	Err  FormError
}

// decisionEdit serves GET /w/{ws}/decisions/{decision}/edit.
func (s *server) decisionEdit(w http.ResponseWriter, r *http.Request) {
	v, d, err := s.decisionOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if v.guest() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can comment but not edit decisions."))
		return
	}
	dv := v.decision(d)
	fe := FormError{}
	if !dv.CanEdit {
		// Say why on the page, as core would on saving.
		fe.Msg = "Only proposed decisions can be edited; " + dv.Ref + " is " + dv.StatusLabel + "."
		if d.Status == duet.StatusApproved {
			fe.Msg = dv.Ref + " is approved and locked; to change it, propose a decision that supersedes it."
		}
	}
	s.showDecisionEdit(w, r, v, http.StatusOK, dv, DecisionForm{Kind: d.Kind, Title: d.Title, Body: d.Body, Rationale: d.Rationale, Version: d.Version}, fe)
}

func (s *server) showDecisionEdit(w http.ResponseWriter, r *http.Request, v *viewer, status int, dv DecisionView, f DecisionForm, fe FormError) {
	nav, bell, err := s.frame(r, v, "decisions", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "decision_edit", &DecisionEditPage{Base: Base{Title: "Edit " + dv.Ref + " · " + v.d.Name, Nav: nav, Bell: bell},
		D: dv, Form: f, Err: fe})
}
