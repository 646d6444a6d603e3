package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestRulesTestLead(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID
		sample := url.Values{"email": {"Ana@Acme.example"}, "company": {"Acme"}, "country": {"FR"}, "employees": {"1,200"}, "consent": {"1"}}

		// Before any approval: only the draft (the starter) answers, and
		// the box says real leads wait.
		r := e.hx(http.MethodPost, ws+"/rules/test", e.as(f.Partner), sample)
		r.wantStatus(t, http.StatusOK)
		r.wantNoBody(t, "<html")
		r.wantBody(t, `id="rules-test"`, "Latest draft", "No version is approved yet: real leads wait unrouted",
			"No earlier rule matched; the fallback &#34;Everything else&#34; takes it.", `value="Acme"`, `value="1,200"`)

		// Approved, and a newer draft with a rule for big companies above:
		// side by side, the draft picks the new rule, the approved version
		// the EU rule, each saying why every earlier rule did not match.
		w.approveRules(t, euRules())
		rs := euRules()
		big := 1000
		first := duet.Rule{Name: "Big French companies",
			When:  []duet.Condition{{Field: duet.FieldCountry, Op: duet.OpEquals, Values: []string{"FR"}}, {Field: duet.FieldEmployees, Op: duet.OpRange, Min: &big}},
			Route: duet.Route{Side: duet.SideHost, To: duet.ToRole, Role: "demand-gen-lead"}, SLA: duet.SLA{AcceptHours: 4, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SideHost, Split: 100}}
		rs.Rules = append([]duet.Rule{first}, rs.Rules...)
		w.saveRules(t, rs)
		r = e.hx(http.MethodPost, ws+"/rules/test", e.as(f.Partner), sample)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Version 2 · not approved yet", "Rule 1 · Big French companies", "Version 1 · approved, routes now", "Rule 1 · EU leads",
			"Country “FR” is one of DE, FR.", "dora@host.test (Demand Generation Lead)", "sally@partner.test (Partner Sales/Channel Lead)",
			"Sourced by Partnerco", "Sourced by Hostco", "email domain acme.example")
		// The accept deadline is 4 business hours from Monday 15:00 in
		// Berlin (and the seconds the fixture's members took to join):
		// Tuesday 11:00.
		r.wantBody(t, `<time datetime="2026-11-17T11:00:06&#43;01:00">Tue 17 Nov, 11:00 CET</time>`)

		// A lead the draft's first rule does not take says why.
		small := url.Values{"email": {"bo@globex.example"}, "country": {"FR"}, "employees": {"50"}, "consent": {"1"}}
		r = e.hx(http.MethodPost, ws+"/rules/test", e.as(f.HostMember), small)
		r.wantBody(t, "Employee count 50 is outside 1,000 or more.", "Rule 2 · EU leads")
		// Without consent, the partner's rule does not match.
		r = e.hx(http.MethodPost, ws+"/rules/test", e.as(f.HostMember), url.Values{"email": {"bo@globex.example"}, "country": {"DE"}})
		r.wantBody(t, "but the lead has no consent to be shared and this rule routes to the partner side", "Rule 2 · Everything else")

		// Without script: the whole page, the result in the box.
		page := e.get(ws+"/rules/test?"+sample.Encode(), e.as(f.Guest))
		page.wantStatus(t, http.StatusOK)
		page.wantBody(t, "<html", "Lead-share rules", "Rule 1 · Big French companies", `value="Ana@Acme.example"`)

		// A bad email or count is refused at its field, what was typed kept.
		bad := e.hx(http.MethodPost, ws+"/rules/test", e.as(f.HostMember), url.Values{"email": {"not an email"}, "company": {"Acme"}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(bad.body, "email"); msg == "" {
			t.Errorf("no email error:\n%s", excerpt(bad.body))
		}
		bad.wantBody(t, `value="Acme"`)
		lots := e.post(ws+"/rules/test", e.as(f.HostMember), url.Values{"email": {"a@b.example"}, "employees": {"lots"}})
		lots.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(lots.body, "employees"); !strings.Contains(msg, "is not an employee count such as 250 or 201-500") {
			t.Errorf("employees error %q", msg)
		}
		e.post(ws+"/rules/test", e.as(f.Stranger), sample).wantStatus(t, http.StatusNotFound)
	})
}
