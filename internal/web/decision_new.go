package web

import (
	"net/http"
	"strings"

	"duet/internal/duet"
)

// DecisionNewPage proposes a decision: from scratch, recorded from a chat
// message (prefilled with its text), or superseding an approved decision.
type DecisionNewPage struct {
	Base
	WS         string
	Form       DecisionForm
	Err        FormError
	Kinds      []Option
	Source     *MessageView
	Supersedes *DecisionRefView
}

// decisionNew serves GET /w/{ws}/decisions/new, ?from={message} to record
// a message, ?supersedes={decision} to propose a change to an approved one.
func (s *server) decisionNew(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if v.guest() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can comment but not propose decisions."))
		return
	}
	a, q := actorOf(r), r.URL.Query()
	p := &DecisionNewPage{Form: DecisionForm{Kind: duet.KindOther}}
	switch {
	case q.Get("from") != "":
		m, err := s.svc.Message(r.Context(), a, v.d.ID, q.Get("from"))
		if err != nil {
			s.Error(w, r, err)
			return
		}
		mv := v.message(m, true)
		p.Source = &mv
		p.Form.FromMessage, p.Form.Body, p.Form.Title = m.ID, m.Body, titleFrom(m.Body)
	case q.Get("supersedes") != "":
		d, err := s.svc.Decision(r.Context(), a, v.d.ID, q.Get("supersedes"))
		if err != nil {
			s.Error(w, r, err)
			return
		}
		p.Supersedes = v.ref(&duet.DecisionRef{ID: d.ID, Number: d.Number, Title: d.Title, Status: d.Status})
		p.Form = DecisionForm{Kind: d.Kind, Title: d.Title, Body: d.Body, Rationale: d.Rationale, Supersedes: d.ID}
	}
	s.showDecisionNew(w, r, v, http.StatusOK, p)
}

func (s *server) showDecisionNew(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *DecisionNewPage) {
	nav, bell, err := s.frame(r, v, "decisions", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Propose a decision · " + v.d.Name, Nav: nav, Bell: bell}
	if p.Supersedes != nil {
		p.Title = "Propose a change to " + p.Supersedes.Ref + " · " + v.d.Name
	}
	p.WS, p.Kinds = v.d.ID, kindOptions(p.Form.Kind)
	s.render(w, r, status, "decision_new", p)
}

// titleFrom suggests a decision's title from a message: its first line
// without Markdown marks, shortened.
func titleFrom(body string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
	line = strings.TrimLeft(line, "#>*-+ ")
	line = strings.NewReplacer("**", "", "__", "", "`", "", "~~", "").Replace(line)
	return capitalize(excerptOf(line, 90))
}
