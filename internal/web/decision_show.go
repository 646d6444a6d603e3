package web

import (
	"net/http"

	"duet/internal/duet"
)

// DecisionPage is one decision with its sign-offs and the actions open to
// the viewer.
type DecisionPage struct {
	Base
	Decision DecisionPanel
}

// DecisionPanel is the part of the page an action re-renders: the
// decision, and the error of the action that failed next to it.
type DecisionPanel struct {
	D         DecisionView
	Err       FormError
	ErrAction string // "sign", "reject" or "withdraw"
	Reason    string // the reason typed, kept on error
}

// ErrFor returns the error to show next to an action.
func (p DecisionPanel) ErrFor(action string) string {
	if p.ErrAction == action {
		return p.Err.Msg
	}
	return ""
}

// decisionShow serves GET /w/{ws}/decisions/{decision}.
func (s *server) decisionShow(w http.ResponseWriter, r *http.Request) {
	v, d, err := s.decisionOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showDecision(w, r, v, http.StatusOK, DecisionPanel{D: v.decision(d)})
}

// showDecision renders the decision: the panel alone for htmx, else the
// page.
func (s *server) showDecision(w http.ResponseWriter, r *http.Request, v *viewer, status int, p DecisionPanel) {
	if wantsFragment(r) {
		s.fragment(w, r, status, "decision", p)
		return
	}
	nav, bell, err := s.frame(r, v, "decisions", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "decision_show", &DecisionPage{Base: Base{Title: p.D.Ref + " " + p.D.Title + " · " + v.d.Name, Nav: nav, Bell: bell}, Decision: p})
}

// decisionDone answers a decision action: htmx gets the changed decision,
// a plain form post goes to its page.
func (s *server) decisionDone(w http.ResponseWriter, r *http.Request, d duet.Decision) {
	if !wantsFragment(r) {
		http.Redirect(w, r, "/w/"+r.PathValue("ws")+"/decisions/"+d.ID, http.StatusSeeOther)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.fragment(w, r, http.StatusOK, "decision", DecisionPanel{D: v.decision(d)})
}

// decisionFailed shows the decision again with core's refusal next to the
// action that was tried, and the reason typed.
func (s *server) decisionFailed(w http.ResponseWriter, r *http.Request, err error, action string) {
	fe, ok := actionError(err, "reason")
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, d, derr := s.decisionOf(r)
	if derr != nil {
		s.Error(w, r, derr)
		return
	}
	s.showDecision(w, r, v, duet.HTTPStatus(err), DecisionPanel{D: v.decision(d), Err: fe, ErrAction: action, Reason: r.PostForm.Get("reason")})
}
