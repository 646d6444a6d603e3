package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestLeadReport(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID

		empty := e.get(ws+"/leads/report", e.as(f.Guest))
		empty.wantStatus(t, http.StatusOK)
		empty.wantBody(t, "Lead report", "No leads yet", "Nothing to count yet.", "The brief’s goals")

		w.approveRules(t, euRules())
		ls := w.intake(t, f.Admin,
			duet.LeadIn{Email: "ana@acme.example", Country: "FR", Consent: true},
			duet.LeadIn{Email: "bo@acme.example", Country: "DE", Consent: true},
			duet.LeadIn{Email: "cy@globex.example", Country: "US"})
		if _, err := f.Svc.AcceptLead(context.Background(), w.sally.Actor, f.WS.ID, ls[0].ID, ls[0].Version); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.RejectLead(context.Background(), f.HostMember.Actor, f.WS.ID, ls[2].ID, ls[2].Version, "Spam."); err != nil {
			t.Fatal(err)
		}
		// Both sides read the same numbers.
		for _, u := range []string{"host", "partner"} {
			s := e.as(f.Admin)
			if u == "partner" {
				s = e.as(f.Partner)
			}
			r := e.get(ws+"/leads/report", s)
			r.wantBody(t, `<p class="ld-sum-big">3</p><p>leads in all</p>`, `<p class="ld-sum-big">3</p><p>routed</p>`,
				"2 leads routed here", "1 lead routed here", "accepted 50%, open 50%", "100% on time",
				`<th scope="row">EU leads</th><td><span class="side-tag side-tag-partner">Partnerco</span></td><td class="num">2</td>`,
				`<th scope="row">Everything else</th>`, "Export your side’s leads as CSV")
		}
		e.get(ws+"/leads/report", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)

		// A later version drops the EU rule and adds another, which takes
		// its free key: the report still tells the two rules apart.
		rv, err := f.Svc.Rules(context.Background(), f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		next := rv.Draft
		next.Rules[0] = duet.Rule{Name: "Americas", When: []duet.Condition{{Field: duet.FieldCountry, Op: duet.OpIn, Values: []string{"US", "CA"}}},
			Route: duet.Route{Side: duet.SidePartner, To: duet.ToRole, Role: "partner-sales-lead"}, SLA: duet.SLA{AcceptHours: 4, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrInfluenced, Side: duet.SidePartner, Split: 50}}
		w.approveRules(t, next)
		w.intake(t, f.Admin, duet.LeadIn{Email: "di@initech.example", Country: "CA", Consent: true})
		r := e.get(ws+"/leads/report", e.as(f.Admin))
		r.wantBody(t, `<th scope="row">EU leads</th><td><span class="side-tag side-tag-partner">Partnerco</span></td><td class="num">2</td>`,
			`<th scope="row">Americas</th><td><span class="side-tag side-tag-partner">Partnerco</span></td><td class="num">1</td>`)
	})
}
