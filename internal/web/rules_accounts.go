package web

import (
	"net/http"
	"strconv"
	"strings"

	"duet/internal/duet"
)

// rulesAccounts serves POST /w/{ws}/rules/accounts: the viewer's side's
// customer list, replaced by the uploaded file or the pasted domains
// (one domain, email address or website per line, or a CSV with a
// domain, website or email column). The other side never sees it, only
// how many domains it has. A bad line refuses the whole list, naming the
// line; the list before stays.
func (s *server) rulesAccounts(w http.ResponseWriter, r *http.Request) {
	text, fields, err := readTextForm(w, r, "domains")
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	var n int
	if err == nil {
		n, err = s.svc.UploadAccounts(r.Context(), actorOf(r), v.d.ID, strings.NewReader(text))
	}
	if err != nil {
		fe, ok := fileFormError(err)
		if !ok {
			s.Error(w, r, err)
			return
		}
		pasted := ""
		if fields != nil {
			pasted = fields.Get("domains")
		}
		s.showRules(w, r, v, duet.HTTPStatus(err), func(p *RulesPage) {
			p.Accounts.Err, p.Accounts.Domains = fe, pasted
		})
		return
	}
	http.Redirect(w, r, rulesURL(v.d.ID)+"?accounts="+strconv.Itoa(n)+"#accounts", http.StatusSeeOther)
}
