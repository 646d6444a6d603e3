package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// maxRulesForm caps the rule editor's body: a domain list of a few
// thousand domains fits.
const maxRulesForm = 2 << 20

// rulesSave serves POST /w/{ws}/rules: the editor's rules saved as a new
// version, edited from the version the form names. The approved version
// keeps routing until the new one is approved; saving over a proposed
// version withdraws its decision. A refusal shows the editor again with
// what was typed and the error next to the input it is about.
func (s *server) rulesSave(w http.ResponseWriter, r *http.Request) {
	if err := parseFormMax(w, r, maxRulesForm); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if v.guest() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can read the lead-share rules but not edit them."))
		return
	}
	pf := r.PostForm
	base, _ := strconv.Atoi(pf.Get("version"))
	note := pf.Get("note")
	forms := parseRulesForm(pf)
	rs, err := ruleSet(forms)
	if err == nil {
		var saved int
		rv, serr := s.svc.SaveRules(r.Context(), actorOf(r), v.d.ID, duet.DocSave{Base: base, Note: note}, rs)
		if serr == nil {
			saved = latestVersion(rv)
			http.Redirect(w, r, rulesURL(v.d.ID)+"?saved="+strconv.Itoa(saved), http.StatusSeeOther)
			return
		}
		err = serr
	}
	switch duet.ErrorKind(err) {
	case duet.EInvalid, duet.EConflict, duet.ETooLarge:
	default:
		s.Error(w, r, err)
		return
	}
	rv, rerr := s.svc.Rules(r.Context(), actorOf(r), v.d.ID)
	if rerr != nil {
		s.Error(w, r, rerr)
		return
	}
	s.showRulesEdit(w, r, v, rv, duet.HTTPStatus(err), forms, base, note, err)
}
