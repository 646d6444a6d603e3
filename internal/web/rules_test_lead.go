package web

import (
	"net/http"

	"duet/internal/duet"
)

// rulesTestLead serves GET and POST /w/{ws}/rules/test: "test a lead".
// A sample lead runs through the latest draft and the approved rules,
// side by side, with the rule each would pick, why every earlier rule
// did not match, the owner, the deadlines and the credit. Nothing is
// written, so anyone who reads the rules may test. htmx swaps the box in
// place; without script the whole page comes back with the result.
func (s *server) rulesTestLead(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	tv := RulesTestView{Action: rulesURL(v.d.ID) + "/test", Form: leadTestFormOf(r.Form)}
	if r.Method == http.MethodGet && len(r.Form) == 0 {
		// Opened as a page: the rules with an empty box.
		s.showRules(w, r, v, http.StatusOK, nil)
		return
	}
	status := http.StatusOK
	in, err := tv.Form.lead()
	if err == nil {
		res, xerr := s.svc.ExplainLead(r.Context(), actorOf(r), v.d.ID, in)
		if xerr == nil {
			tv.Result = v.explainView(res)
		}
		err = xerr
	}
	if err != nil {
		fe, ok := formError(err, leadTestFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		tv.Err, status = fe, duet.HTTPStatus(err)
	}
	if wantsFragment(r) {
		s.fragment(w, r, status, "rules-test", tv)
		return
	}
	s.showRules(w, r, v, status, func(p *RulesPage) { p.Test = tv })
}
