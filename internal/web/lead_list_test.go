package web

import (
	"net/http"
	"testing"
	"time"

	"duet/internal/duet"
)

func TestLeadList(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID

		// Before the rules are approved, leads wait, and the page says so.
		empty := e.get(ws+"/leads", e.as(f.Partner))
		empty.wantStatus(t, http.StatusOK)
		empty.wantBody(t, "Leads wait until both sides approve the lead-share rules.", "Open the lead-share rules", "No leads here yet")
		w.intake(t, f.Admin, duet.LeadIn{Email: "early@acme.example", Name: "Early Bird", Country: "DE", Consent: true})
		waiting := e.get(ws+"/leads", e.as(f.Admin))
		waiting.wantBody(t, "Early Bird", `<span class="lstatus lstatus-unrouted">`, "Waiting for rules")

		// Approved: the waiting lead is routed at once, to Sally.
		w.approveRules(t, euRules())
		ls := w.intake(t, f.Admin,
			duet.LeadIn{Email: "ana@acme.example", Name: "Ana Diaz", Company: "Acme", Country: "FR", Consent: true},
			duet.LeadIn{Email: "kept@initech.example", Name: "Kept Here", Company: "Initech", Country: "US"})
		all := e.get(ws+"/leads", e.as(f.Admin))
		all.wantBody(t, "3 leads", "L-1", "L-2", "L-3", "Ana Diaz", "ana@acme.example", "Acme", "EU leads", "Everything else",
			"sally@partner.test", "hal@host.test", `<a href="/w/`+f.WS.ID+`/leads/`+ls[0].ID+`">L-2</a>`,
			`href="/w/`+f.WS.ID+`/leads.csv"`, "You are available for leads", "I’m away")
		all.wantNoBody(t, "Leads wait until both sides approve")

		// The partner sees what was routed to it, not the lead kept here.
		p := e.get(ws+"/leads", e.as(f.Partner))
		p.wantBody(t, "2 leads", "Ana Diaz", "Early Bird")
		p.wantNoBody(t, "Kept Here", "kept@initech.example")

		// Mine: the leads routed to the viewer by name, role or pool.
		mine := e.get(ws+"/leads?view=mine", e.as(f.HostMember))
		mine.wantBody(t, "1 lead", "Kept Here", `aria-current="page">Mine</a>`)
		mine.wantNoBody(t, "Ana Diaz")
		e.get(ws+"/leads?view=mine", e.as(f.Partner)).wantBody(t, "No lead is yours yet.")
		side := e.get(ws+"/leads?view=side", e.as(f.Admin))
		side.wantBody(t, "Routed to Hostco", "Kept Here")
		side.wantNoBody(t, "Ana Diaz")

		// Filters: a status, a search; a status that is not one.
		e.get(ws+"/leads?q=initech", e.as(f.Admin)).wantBody(t, "1 lead", "Kept Here")
		none := e.get(ws+"/leads?status=accepted", e.as(f.Admin))
		none.wantBody(t, "No lead matches this filter.", `<option value="accepted" selected>Accepted</option>`, "Clear")
		bad := e.get(ws+"/leads?status=hot", e.as(f.Admin))
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		bad.wantBody(t, `id="status-error"`, "is not a lead status")

		// Past its accept deadline and still open: red, and marked late.
		f.Clock.Advance(48 * time.Hour)
		late := e.get(ws+"/leads", e.login(f.HostMember.Email, f.HostMember.Password))
		late.wantBody(t, `class="ld-row is-assigned is-late"`, `<span class="late-mark">Late</span>`)

		e.get(ws+"/leads", e.as(f.Guest)).wantStatus(t, http.StatusOK)
		e.get(ws+"/leads", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
