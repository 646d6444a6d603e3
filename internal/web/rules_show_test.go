package web

import (
	"net/http"
	"testing"
)

func TestRulesShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID

		// Before the first save: the starter, only a fallback, and the
		// banner says leads wait.
		first := e.get(ws+"/rules", e.as(f.Partner))
		first.wantStatus(t, http.StatusOK)
		first.wantBody(t, "No version is approved yet.", "A starting point: only the fallback", "Everything else", "Fallback",
			`<a href="/w/`+f.WS.ID+`/rules"`+` aria-current="page">Rules</a>`, `action="/w/`+f.WS.ID+`/rules/test#rules-test"`,
			"Nothing saved yet.", "Edit the rules")
		first.wantNoBody(t, "Propose version")

		// Approved, then a newer draft: the banner says which routes, and
		// offers to propose the draft.
		w.approveRules(t, euRules())
		rs := euRules()
		rs.Rules[0].When[0].Values = []string{"DE", "FR", "AT"}
		w.saveRules(t, rs)
		page := e.get(ws+"/rules", e.as(f.HostMember))
		page.wantBody(t, "Version 1 routes leads now.", "D-1 Lead-share rules, version 1", "Version 2 is a draft.",
			"The approved version keeps routing until this one is approved.", "Propose version 2 for approval",
			`<input type="hidden" name="version" value="2">`, "Version 2 · Draft", "country is one of DE, FR, AT",
			"Whoever holds Partner Sales/Channel Lead", "Accept within 4 business hours", "Contact within 2 business days",
			"Sourced by Partnerco", "Partner Marketing Lead is told", "Show the approved rules that route now",
			"Version 1 · approved, routes leads now", `<option value="1" selected>Version 1 (approved)</option>`)

		// Proposed: the decision and its sign-offs, and no button.
		dec := w.propose(t, 2)
		prop := e.get(ws+"/rules", e.as(f.Partner))
		prop.wantBody(t, "Version 2 is proposed for approval.", "D-2 Lead-share rules, version 2", "/w/"+f.WS.ID+"/decisions/"+dec.ID,
			"0 of 2 signed", "Demand Generation Lead", "Partner Sales/Channel Lead", "not signed yet")
		prop.wantNoBody(t, "Propose version 2")
		e.get(ws+"/rules", e.as(w.sally)).wantBody(t, "Open D-2 to sign")

		// Guests read it all but edit nothing; the stranger sees nothing.
		g := e.get(ws+"/rules", e.as(f.Guest))
		g.wantStatus(t, http.StatusOK)
		g.wantBody(t, "Version 1 routes leads now.", "country is one of DE, FR, AT")
		g.wantNoBody(t, "Edit the rules", "Upload Hostco’s list", "Set up the webhook")
		e.get(ws+"/rules", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)

		// The notices after the actions that redirect here.
		e.get(ws+"/rules?saved=3", e.as(f.Admin)).wantBody(t, "Saved as version 3.")
		e.get(ws+"/rules?proposed=2", e.as(f.Admin)).wantBody(t, "Version 2 is proposed for approval. Its signers on both sides were asked")
		e.get(ws+"/rules?accounts=12", e.as(f.Admin)).wantBody(t, "Your customer list now has 12 domains.")
		e.get(ws+"/rules?webhook=off", e.as(f.Admin)).wantBody(t, "The lead webhook is off")
	})
}
