package web

import (
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestLeadShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		w.approveRules(t, euRules())
		n := 1200
		ls := w.intake(t, f.Admin,
			duet.LeadIn{Email: "ana@acme.example", Name: "Ana Diaz", Company: "Acme", Country: "FR", Region: "EMEA", Employees: &n,
				FormID: "webinar-signup", UTMSource: "newsletter", Campaign: "Q1", Consent: true},
			duet.LeadIn{Email: "kept@initech.example", Country: "DE"})
		shared, kept := leadURL(f.WS.ID, ls[0].ID), leadURL(f.WS.ID, ls[1].ID)

		// The owner's page: the lead, its consent, its routing record with
		// deadlines in Berlin time, the history and the buttons.
		r := e.get(shared, e.as(w.sally))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "L-1", "Ana Diaz", "ana@acme.example", "Acme", "1,200", "webinar-signup", "newsletter", "EMEA",
			"Consents to be shared with the other side", `Rule “EU leads”, rules version 1`,
			"Rule 1 &#34;EU leads&#34; matched: country “FR” is one of DE, FR.", "sally@partner.test", "(Partner Sales/Channel Lead)",
			"Tue 17 Nov, 11:00 CET", "Wed 18 Nov, 17:00 CET", "Sourced by Partnerco", "If not accepted in time, Partner Marketing Lead is told.",
			"Arrived through the API.", "Routed to sally@partner.test by rule", "captured by", "Hostco", "through the API",
			"Accept the lead", "Reject it…", `name="version" value="2"`)
		r.wantNoBody(t, "First contact made")

		// The host captured it, and reads it; only its owner acts on it.
		h := e.get(shared, e.as(f.HostMember))
		h.wantBody(t, "Ana Diaz", "It is routed to Partnerco; only its owner there accepts or rejects it.")
		h.wantNoBody(t, "Accept the lead")
		e.get(shared, e.as(f.Partner)).wantBody(t, "It is sally@partner.test&#39;s to accept or reject.")

		// Without consent, a lead stays with the host: the partner rule did
		// not take it, and the partner gets 404 like a stranger.
		k := e.get(kept, e.as(f.HostMember))
		k.wantBody(t, "No consent to be shared: it never goes to the other side", "Everything else", "Accept the lead")
		e.get(kept, e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		e.get(kept, e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		e.get(kept, e.as(f.Guest)).wantBody(t, "Guests read leads but do not accept or reject them.")

		// The notices after an act.
		e.get(shared+"?done=accepted", e.as(w.sally)).wantBody(t, "Accepted: the lead is yours to follow up.")
	})
}
