package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// rulesPropose serves POST /w/{ws}/rules/propose: the draft version the
// form names is proposed for approval, as a decision of kind lead-share
// rules that the template's signers on both sides sign. Once approved,
// it routes. A refusal (the rules changed meanwhile, a guest) is shown
// at the button on the rules page.
func (s *server) rulesPropose(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	if _, err := s.svc.ProposeRules(r.Context(), actorOf(r), v.d.ID, version); err != nil {
		fe, ok := actionError(err, "version")
		if !ok {
			s.Error(w, r, err)
			return
		}
		fe.Field = ""
		s.showRules(w, r, v, duet.HTTPStatus(err), func(p *RulesPage) { p.Err = fe })
		return
	}
	http.Redirect(w, r, rulesURL(v.d.ID)+"?proposed="+strconv.Itoa(version), http.StatusSeeOther)
}
