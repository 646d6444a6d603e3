package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// leadTeam is a served fixture with the two signers of the lead-share
// rules (the host's Demand Generation Lead and the partner's Sales
// Lead) and a second partner seller for the round-robin pool.
type leadTeam struct {
	*env
	f                        *coretest.Fixture
	DemandGen, Sales, Sales2 coretest.User
}

func newLeadTeam(t *testing.T, engine string) *leadTeam {
	e := serve(t, engine)
	f := e.f
	return &leadTeam{env: e, f: f,
		DemandGen: f.Join(t, f.WS.ID, "dana@host.test", duet.SideHost, duet.PermMember, "demand-gen-lead"),
		Sales:     f.Join(t, f.WS.ID, "sam@partner.test", duet.SidePartner, duet.PermMember, "partner-sales-lead"),
		Sales2:    f.Join(t, f.WS.ID, "sue@partner.test", duet.SidePartner, duet.PermMember),
	}
}

// teamRules is the rule set of the lead tests: customers of the partner
// go to its Sales Lead; European companies to the partner's round robin
// (Sam twice for each of Sue's); companies of 1,000 people or more from
// a webinar form to the host's Demand Generation Lead; everything else
// to the host's Project Manager, a role nobody holds, so it waits in the
// host's inbox.
func teamRules(t testing.TB, f *coretest.Fixture, sales, sales2 coretest.User) duet.RuleSet {
	thousand := 1000
	pool := []duet.PoolMember{{Member: memberIDOf(t, f, sales, f.WS.ID), Weight: 2}, {Member: memberIDOf(t, f, sales2, f.WS.ID), Weight: 1}}
	return duet.RuleSet{Rules: []duet.Rule{
		{Key: "partner-customers", Name: "Partner customers", When: []duet.Condition{{Field: duet.FieldPartnerCustomer, Op: duet.OpEquals, Values: []string{"yes"}}},
			Route: duet.Route{Side: duet.SidePartner, To: duet.ToRole, Role: "partner-sales-lead"}, SLA: duet.SLA{AcceptHours: 8, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrInfluenced, Side: duet.SideHost, Split: 100}},
		{Key: "europe", Name: "Europe", When: []duet.Condition{{Field: duet.FieldCountry, Op: duet.OpIn, Values: []string{"DE", "FR", "NL"}}},
			Route: duet.Route{Side: duet.SidePartner, To: duet.ToPool, Pool: pool}, SLA: duet.SLA{AcceptHours: 4, ContactDays: 1},
			Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SidePartner, Split: 70}, Escalate: "partner-marketing-lead", Reroute: true},
		{Key: "enterprise", Name: "Enterprise webinar sign-ups", When: []duet.Condition{
			{Field: duet.FieldEmployees, Op: duet.OpRange, Min: &thousand},
			{Field: duet.FieldFormID, Op: duet.OpIn, Values: []string{"webinar", "webinar-replay"}}},
			Route: duet.Route{Side: duet.SideHost, To: duet.ToRole, Role: "demand-gen-lead"}, SLA: duet.SLA{AcceptHours: 8, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SideHost, Split: 100}},
		{Key: "fallback", Name: "Everything else", Route: duet.Route{Side: duet.SideHost, To: duet.ToRole, Role: "project-manager"},
			SLA: duet.SLA{AcceptHours: 8, ContactDays: 2}, Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SideHost, Split: 100},
			Escalate: "partner-marketing-manager"},
	}}
}

// approveRules saves rs as the proposer, proposes it and has both
// signers sign the decision, all through core; it returns the version.
func approveRules(t testing.TB, f *coretest.Fixture, hostSigner, partnerSigner coretest.User, rs duet.RuleSet) int {
	t.Helper()
	ctx := context.Background()
	v, err := f.Svc.SaveRules(ctx, hostSigner.Actor, f.WS.ID, duet.DocSave{Base: latestOf(t, f, duet.DocRules)}, rs)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := f.Svc.ProposeRules(ctx, hostSigner.Actor, f.WS.ID, v.Latest.Version)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []coretest.User{hostSigner, partnerSigner} {
		if _, err := f.Svc.SignDecision(ctx, u.Actor, f.WS.ID, dec.ID, dec.Version); err != nil {
			t.Fatal(err)
		}
	}
	return v.Latest.Version
}

// intakeAs takes one lead through core as u.
func intakeAs(t testing.TB, f *coretest.Fixture, u coretest.User, in duet.LeadIn) duet.Lead {
	t.Helper()
	res, err := f.Svc.IntakeLeads(context.Background(), u.Actor, f.WS.ID, duet.SourceAPI, []duet.LeadIn{in})
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res[0].Err)
	}
	return res[0].Lead
}

// leadsMatrix is the authorization matrix of the lead routes. A lead
// captured by the host and routed to it answers 404 to the partner on
// every route; only the side it is routed to acts on it, guests never;
// the webhook takes no token and answers every caller alike.
func leadsMatrix(t *testing.T, f *coretest.Fixture) []matrixRow {
	ctx := context.Background()
	w := "/api/v1/workspaces/" + f.WS.ID
	dana := f.Join(t, f.WS.ID, "dana@host.test", duet.SideHost, duet.PermMember, "demand-gen-lead")
	sam := f.Join(t, f.WS.ID, "sam@partner.test", duet.SidePartner, duet.PermMember, "partner-sales-lead")
	approveRules(t, f, dana, sam, teamRules(t, f, sam, f.Partner))
	if _, err := f.Svc.RotateLeadWebhook(ctx, f.Stranger.Actor, f.OtherWS.ID); err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	email := func() string { return fmt.Sprintf("matrix-%d@acme.example", n.Add(1)) }
	hostLead := intakeAs(t, f, f.HostMember, duet.LeadIn{Email: email(), Country: "US"})
	shared := intakeAs(t, f, f.HostMember, duet.LeadIn{Email: email(), Country: "DE", Consent: true})
	// A fresh lead in the host's inbox per request; version is its
	// version, for the body.
	var version int
	fresh := func(suffix string, accepted bool) func() string {
		return func() string {
			l := intakeAs(t, f, f.HostMember, duet.LeadIn{Email: email(), Country: "US"})
			if accepted {
				var err error
				if l, err = f.Svc.AcceptLead(ctx, f.Admin.Actor, f.WS.ID, l.ID, l.Version); err != nil {
					t.Fatal(err)
				}
			}
			version = l.Version
			return w + "/leads/" + l.ID + suffix
		}
	}
	withVersion := func(extra map[string]any) func() any {
		return func() any {
			extra["version"] = version
			return extra
		}
	}
	lead := func() any { return map[string]any{"email": email(), "country": "US"} }
	file := func() any { return csvBody("email,country\n" + email() + ",US\n") }
	hook := "/api/v1/hooks/leads/" + f.OtherWS.ID + "/partner"
	return []matrixRow{
		{method: "GET", path: w + "/leads", pattern: "GET /api/v1/workspaces/{id}/leads", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/leads", body: lead, pattern: "POST /api/v1/workspaces/{id}/leads", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "GET", path: w + "/leads.csv", stream: true, pattern: "GET /api/v1/workspaces/{id}/leads.csv", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/leads/report", pattern: "GET /api/v1/workspaces/{id}/leads/report", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/leads/import", body: file, pattern: "POST /api/v1/workspaces/{id}/leads/import", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "POST", path: w + "/leads/import?dry_run=1", body: file, pattern: "POST /api/v1/workspaces/{id}/leads/import", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "GET", path: w + "/leads/" + hostLead.ID, pattern: "GET /api/v1/workspaces/{id}/leads/{lead}", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "GET", path: w + "/leads/" + shared.ID, pattern: "GET /api/v1/workspaces/{id}/leads/{lead}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/leads/nope", pattern: "GET /api/v1/workspaces/{id}/leads/{lead}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "POST", fresh: fresh("/accept", false), body: withVersion(map[string]any{}), pattern: "POST /api/v1/workspaces/{id}/leads/{lead}/accept", want: []int{401, 200, 200, 404, 403, 404}},
		{method: "POST", path: w + "/leads/" + shared.ID + "/accept", body: map[string]any{"version": shared.Version}, pattern: "POST /api/v1/workspaces/{id}/leads/{lead}/accept", want: []int{401, 403, 403, 403, 403, 404}},
		{method: "POST", fresh: fresh("/reject", false), body: withVersion(map[string]any{"reason": "A student."}), pattern: "POST /api/v1/workspaces/{id}/leads/{lead}/reject", want: []int{401, 200, 200, 404, 403, 404}},
		{method: "POST", fresh: fresh("/contacted", true), body: withVersion(map[string]any{}), pattern: "POST /api/v1/workspaces/{id}/leads/{lead}/contacted", want: []int{401, 200, 403, 404, 403, 404}},
		{method: "PUT", path: w + "/me/away", body: map[string]bool{"away": false}, pattern: "PUT /api/v1/workspaces/{id}/me/away", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: hook, body: lead, pattern: "POST /api/v1/hooks/leads/{workspace}/{side}", want: []int{401, 401, 401, 401, 401, 401}},
		{method: "POST", path: "/api/v1/hooks/leads/" + f.WS.ID + "/partner", body: lead, pattern: "POST /api/v1/hooks/leads/{workspace}/{side}", want: []int{404, 404, 404, 404, 404, 404}},
	}
}

// signed posts body to a lead webhook signed with secret at ts.
func signed(t *testing.T, url, secret string, ts int64, body []byte) (int, map[string]any) {
	t.Helper()
	return signedWith(t, url, strconv.FormatInt(ts, 10), duet.SignWebhook([]byte(secret), ts, body), body)
}

func signedWith(t *testing.T, url, ts, sig string, body []byte) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if ts != "" {
		req.Header.Set(duet.HeaderWebhookTimestamp, ts)
	}
	if sig != "" {
		req.Header.Set(duet.HeaderWebhookSignature, sig)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]any{}
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("not JSON: %s", raw)
	}
	return res.StatusCode, out
}

// count is how many leads the caller's side sees.
func (c client) count(ws string) int {
	c.t.Helper()
	_, body := c.do("GET", "/api/v1/workspaces/"+ws+"/leads?limit=1000", nil)
	return len(list(body, "leads"))
}

// TestRulesFlow: refusals naming the rule's field; a draft tried with
// a sample lead; proposed as a decision and approved by its signers;
// then the approved version routes while a newer draft waits; each
// side's customer list; the webhook's secret, once.
func TestRulesFlow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		f := lt.f
		host, partner, admin, guest := lt.as(tokenOf(t, f, f.HostMember.Email)), lt.as(tokenOf(t, f, f.Partner.Email)), lt.as(tokenOf(t, f, f.Admin.Email)), lt.as(tokenOf(t, f, f.Guest.Email))
		dana, sam := lt.as(tokenOf(t, f, lt.DemandGen.Email)), lt.as(tokenOf(t, f, lt.Sales.Email))
		w := "/api/v1/workspaces/" + f.WS.ID

		status, start := partner.do("GET", w+"/rules", nil)
		if status != 200 || start["starter"] != true || start["latest"] != nil || len(list(start, "rules")) != 1 || start["approved_rules"] != nil ||
			start["webhook"] != nil || start["accounts"].(map[string]any)["host"] != nil {
			t.Fatalf("before the first save: %d %v", status, start)
		}
		rs := teamRules(t, f, lt.Sales, lt.Sales2)
		with := func(change func(rs []duet.Rule)) map[string]any {
			c := teamRules(t, f, lt.Sales, lt.Sales2)
			change(c.Rules)
			return map[string]any{"base": 0, "rules": c.Rules}
		}
		for _, c := range []refusal{
			{"an unknown field of a lead", host, "PUT", w + "/rules", with(func(rs []duet.Rule) { rs[2].When[0].Field = "budget" }), 422, "invalid", "rules[2].when[0].field"},
			{"an operator that does not apply", host, "PUT", w + "/rules", with(func(rs []duet.Rule) { rs[1].When[0].Op = "range" }), 422, "invalid", "rules[1].when[0].op"},
			{"no fallback", host, "PUT", w + "/rules", with(func(rs []duet.Rule) { rs[3].When = rs[1].When }), 422, "invalid", "rules[3].when"},
			{"a pool member of the other side", host, "PUT", w + "/rules", with(func(rs []duet.Rule) {
				rs[1].Route.Pool[1].Member = memberIDOf(t, f, f.HostMember, f.WS.ID)
			}), 422, "invalid", "rules[1].route.pool[1].member"},
			{"an SLA of nothing", host, "PUT", w + "/rules", with(func(rs []duet.Rule) { rs[0].SLA.AcceptHours = 0 }), 422, "invalid", "rules[0].sla.accept_hours"},
			{"a split over 100", host, "PUT", w + "/rules", with(func(rs []duet.Rule) { rs[1].Attribution.Split = 120 }), 422, "invalid", "rules[1].attribution.split"},
			{"no rules", host, "PUT", w + "/rules", map[string]any{"base": 0}, 422, "invalid", "rules"},
			{"no base", host, "PUT", w + "/rules", map[string]any{"rules": rs.Rules}, 422, "invalid", "base"},
			{"a minimum that is text", host, "PUT", w + "/rules", `{"base":0,"rules":[{"name":"x","when":[{"field":"employees","op":"range","min":"many"}]}]}`, 400, "bad_request", "rules.when.min"},
			{"a guest", guest, "PUT", w + "/rules", map[string]any{"base": 0, "rules": rs.Rules}, 403, "forbidden", ""},
		} {
			c.check(t)
		}
		if _, after := host.do("GET", w+"/rules", nil); after["latest_version"] != 0.0 {
			t.Fatalf("a refused save saved: %v", after)
		}
		status, v1 := dana.do("PUT", w+"/rules", map[string]any{"base": 0, "note": "First cut.", "rules": rs.Rules})
		if status != 200 || v1["latest_version"] != 1.0 || v1["status"] != "draft" || len(list(v1, "rules")) != 4 || len(v1["summary"].([]any)) != 4 ||
			!strings.HasPrefix(v1["summary"].([]any)[1].(string), "2. Europe — when country is one of DE, FR, NL → round robin sam@partner.test ×2, sue@partner.test (partner)") {
			t.Fatalf("save: %d %v", status, v1)
		}
		if _, ok := v1["latest"].(map[string]any)["sign_offs"]; ok {
			t.Error("a rules version answers sign-offs; its decision approves it")
		}

		// Try a lead against the draft: nothing is approved yet.
		status, ex := partner.do("POST", w+"/rules/explain", map[string]any{"email": "Ana@Acme.example", "country": "NL", "consent": true})
		if status != 200 || ex["approved"] != nil || ex["draft"] == nil || ex["lead"].(map[string]any)["email"] != "ana@acme.example" {
			t.Fatalf("explain: %d %v", status, ex)
		}
		draft := ex["draft"].(map[string]any)
		checks := list(draft, "checks")
		if rule := draft["rule"].(map[string]any); rule["index"] != 1.0 || rule["key"] != "europe" || draft["side"] != "partner" ||
			draft["owner"] != "sam@partner.test" || len(checks) != 2 || checks[0]["matched"] != false || checks[1]["matched"] != true ||
			draft["attribution"].(map[string]any)["split"] != 70.0 || draft["consent_kept"] != false {
			t.Errorf("the draft's try: %v", draft)
		}
		for _, c := range []refusal{
			{"explaining a lead without an email", partner, "POST", w + "/rules/explain", map[string]any{"country": "NL"}, 422, "invalid", "email"},
			{"explaining a lead with an unknown field", partner, "POST", w + "/rules/explain", map[string]any{"email": "a@b.example", "budget": 1}, 400, "bad_request", "budget"},
			{"proposing a version that is not the latest", dana, "POST", w + "/rules/propose", map[string]int{"version": 2}, 409, "conflict", ""},
			{"proposing without a version", dana, "POST", w + "/rules/propose", map[string]int{}, 422, "invalid", "version"},
		} {
			c.check(t)
		}
		status, dec := dana.do("POST", w+"/rules/propose", map[string]int{"version": 1})
		if status != 201 || dec["kind"] != "lead_share_rules" || dec["status"] != "proposed" || len(list(dec, "sign_offs")) != 2 {
			t.Fatalf("propose: %d %v", status, dec)
		}
		if s, _ := dana.do("POST", w+"/rules/propose", map[string]int{"version": 1}); s != 409 {
			t.Errorf("proposing twice: %d", s)
		}
		_, proposed := partner.do("GET", w+"/rules", nil)
		if proposed["status"] != "proposed" || proposed["latest"].(map[string]any)["decision"].(map[string]any)["id"] != dec["id"] {
			t.Errorf("proposed: %v", proposed)
		}
		for _, c := range []client{dana, sam} {
			if s, body := c.do("POST", w+"/decisions/"+dec["id"].(string)+"/signoffs", map[string]int{"version": 1}); s != 200 {
				t.Fatalf("signing the rules: %d %v", s, body)
			}
		}
		status, live := partner.do("GET", w+"/rules", nil)
		if status != 200 || live["status"] != "approved" || live["approved_version"] != 1.0 || len(live["approved_rules"].([]any)) != 4 {
			t.Fatalf("after approval: %d %v", status, live)
		}
		status, ex = host.do("POST", w+"/rules/explain", map[string]any{"email": "bo@big.example", "employees": 5000, "form_id": "webinar"})
		if approved := ex["approved"].(map[string]any); status != 200 || ex["draft"] != nil || approved["version"] != 1.0 ||
			approved["rule"].(map[string]any)["key"] != "enterprise" || approved["owner"] != "dana@host.test (Demand Generation Lead)" ||
			approved["accept_by"] != "2026-11-17T14:00:07Z" {
			t.Errorf("explain under approved rules: %d %v", status, ex)
		}

		// A newer draft is tried next to the approved rules.
		rs2 := teamRules(t, f, lt.Sales, lt.Sales2)
		rs2.Rules[1].When[0].Values = []string{"US"}
		if s, body := host.do("PUT", w+"/rules", map[string]any{"base": 1, "rules": rs2.Rules}); s != 200 || body["approved_version"] != 1.0 || body["status"] != "draft" {
			t.Fatalf("a second draft: %d %v", s, body)
		}
		_, ex = host.do("POST", w+"/rules/explain", map[string]any{"email": "al@acme.example", "country": "US", "consent": true})
		if ex["draft"].(map[string]any)["rule"].(map[string]any)["key"] != "europe" || ex["approved"].(map[string]any)["rule"].(map[string]any)["key"] != "fallback" {
			t.Errorf("draft and approved tries: %v", ex)
		}
		status, diff := host.do("GET", w+"/rules/diff?from=1&to=2", nil)
		if status != 200 || diff["inserted"] != 1.0 || diff["deleted"] != 1.0 {
			t.Errorf("rules diff: %d %v", status, diff)
		}
		if s, v := partner.do("GET", w+"/rules/versions/1", nil); s != 200 || v["status"] != "approved" || len(list(v, "rules")) != 4 {
			t.Errorf("rules version 1: %d %v", s, v)
		}

		// Each side's customer list: counted for both, read by routing.
		status, up := partner.do("PUT", w+"/rules/accounts", csvBody("domain\nhttps://www.Acme.example/about\nbeta.example\n"))
		if status != 200 || up["side"] != "partner" || up["domains"] != 2.0 {
			t.Fatalf("accounts: %d %v", status, up)
		}
		for _, c := range []refusal{
			{"a line that is no domain", partner, "PUT", w + "/rules/accounts", csvBody("acme.example\nnot a domain\n"), 422, "invalid", "file"},
			{"a JSON body", partner, "PUT", w + "/rules/accounts", map[string]any{"domains": []string{"a.example"}}, 400, "bad_request", "Content-Type"},
		} {
			c.check(t)
		}
		_, ex = host.do("POST", w+"/rules/explain", map[string]any{"email": "cy@acme.example", "consent": true})
		if ex["approved"].(map[string]any)["rule"].(map[string]any)["key"] != "partner-customers" {
			t.Errorf("a partner customer: %v", ex["approved"])
		}
		if _, page := host.do("GET", w+"/rules", nil); page["accounts"].(map[string]any)["partner"].(map[string]any)["domains"] != 2.0 {
			t.Errorf("accounts = %v", page["accounts"])
		}

		// The webhook: an admin's; the secret once.
		if s, body := host.do("POST", w+"/rules/webhook", nil); s != 403 {
			t.Errorf("a member sets up the webhook: %d %v", s, body)
		}
		status, hook := admin.do("POST", w+"/rules/webhook", nil)
		if status != 200 || !strings.HasPrefix(hook["secret"].(string), "whsec_") || hook["side"] != "host" ||
			hook["url"] != "/api/v1/hooks/leads/"+f.WS.ID+"/host" || hook["signature_header"] != "X-Duet-Signature" {
			t.Fatalf("rotate: %d %v", status, hook)
		}
		_, page := host.do("GET", w+"/rules", nil)
		if wh, _ := page["webhook"].(map[string]any); wh == nil || wh["url"] != hook["url"] || wh["secret"] != nil || strings.Contains(fmt.Sprint(page), hook["secret"].(string)) {
			t.Errorf("the host's webhook: %v", page["webhook"])
		}
		if _, page := partner.do("GET", w+"/rules", nil); page["webhook"] != nil {
			t.Errorf("the partner sees the host's webhook: %v", page["webhook"])
		}
		if s := admin.status("DELETE", w+"/rules/webhook"); s != 204 {
			t.Errorf("disable: %d", s)
		}
		if _, page := host.do("GET", w+"/rules", nil); page["webhook"] != nil {
			t.Errorf("after disabling: %v", page["webhook"])
		}
	})
}

// TestLeadFlow: a single lead and a batch with new, invalid and
// duplicate leads; routing by the approved rules; filters; a lead kept
// from the other side; accept, reject and first contact at the version
// read; CSV, the report, imports and being away.
func TestLeadFlow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		f := lt.f
		host, partner, guest := lt.as(tokenOf(t, f, f.HostMember.Email)), lt.as(tokenOf(t, f, f.Partner.Email)), lt.as(tokenOf(t, f, f.Guest.Email))
		stranger, admin := lt.as(tokenOf(t, f, f.Stranger.Email)), lt.as(tokenOf(t, f, f.Admin.Email))
		dana, sam, sue := lt.as(tokenOf(t, f, lt.DemandGen.Email)), lt.as(tokenOf(t, f, lt.Sales.Email)), lt.as(tokenOf(t, f, lt.Sales2.Email))
		w := "/api/v1/workspaces/" + f.WS.ID

		// Before approval a lead waits.
		status, early := host.do("POST", w+"/leads", map[string]any{"email": "Early@Example.com", "country": "US"})
		if status != 201 || early["status"] != "unrouted" || early["route"] != nil || early["email"] != "early@example.com" || early["origin"] != "host" ||
			early["source"] != "api" || early["ref"] != "L-1" {
			t.Fatalf("early lead: %d %v", status, early)
		}
		approveRules(t, f, lt.DemandGen, lt.Sales, teamRules(t, f, lt.Sales, lt.Sales2))
		_, early = host.do("GET", early["url"].(string), nil)
		if early["status"] != "assigned" || early["route"].(map[string]any)["rule_key"] != "fallback" || early["route"].(map[string]any)["owner"] != nil {
			t.Fatalf("the early lead after approval: %v", early)
		}

		status, ent := host.do("POST", w+"/leads", map[string]any{"email": "bo@big.example", "name": "Bo", "company": "Big", "employees": 5000,
			"form_id": "webinar", "utm_source": "leads"})
		route, _ := ent["route"].(map[string]any)
		if status != 201 || ent["status"] != "assigned" || route == nil || route["rule_key"] != "enterprise" || route["owner"].(map[string]any)["name"] != "dana@host.test" ||
			route["role_key"] != "demand-gen-lead" || route["accept_by"] != "2026-11-17T14:00:07Z" || ent["version"] != 2.0 || ent["number"] != 2.0 {
			t.Fatalf("a single lead: %d %v", status, ent)
		}
		status, again := host.do("POST", w+"/leads", map[string]any{"email": "BO@big.example"})
		if status != 200 || again["id"] != ent["id"] || again["number"] != 2.0 {
			t.Errorf("the same lead again: %d %v", status, again)
		}
		for _, c := range []refusal{
			{"a lead without an email", host, "POST", w + "/leads", map[string]any{"name": "Nobody"}, 422, "invalid", "email"},
			{"a negative headcount", host, "POST", w + "/leads", map[string]any{"email": "n@neg.example", "employees": -1}, 422, "invalid", "employees"},
			{"a headcount that is text", host, "POST", w + "/leads", map[string]any{"email": "n@neg.example", "employees": "many"}, 400, "bad_request", "employees"},
			{"an unknown field", host, "POST", w + "/leads", map[string]any{"email": "n@neg.example", "score": 9}, 400, "bad_request", "score"},
			{"not JSON", host, "POST", w + "/leads", "{nope", 400, "bad_request", "body"},
			{"no body", host, "POST", w + "/leads", nil, 400, "bad_request", "body"},
			{"two leads, not a list", host, "POST", w + "/leads", `{"email":"a@two.example"} {"email":"b@two.example"}`, 400, "bad_request", "body"},
			{"an empty batch", host, "POST", w + "/leads", map[string]any{"leads": []any{}}, 422, "invalid", "leads"},
			{"a guest", guest, "POST", w + "/leads", map[string]any{"email": "g@guest.example"}, 403, "forbidden", ""},
			{"another workspace's member", stranger, "POST", w + "/leads", map[string]any{"email": "s@other.example"}, 404, "not_found", ""},
			// The partner cannot see the host's lead: a duplicate of it
			// is refused, without it.
			{"the other side's lead", partner, "POST", w + "/leads", map[string]any{"email": "bo@big.example"}, 409, "conflict", ""},
		} {
			c.check(t)
		}
		tooMany := make([]map[string]string, duet.MaxLeadBatch+1)
		for i := range tooMany {
			tooMany[i] = map[string]string{"email": fmt.Sprintf("n%d@many.example", i)}
		}
		refusal{"a batch over the limit", host, "POST", w + "/leads", map[string]any{"leads": tooMany}, 422, "invalid", "leads"}.check(t)
		refusal{"a batch of one bad lead", host, "POST", w + "/leads", map[string]any{"leads": []any{map[string]any{"email": "x"}}}, 200, "", ""}.check2(t, func(body map[string]any) bool {
			r := list(body, "results")
			return len(r) == 1 && r[0]["status"] == "invalid" && r[0]["error"].(map[string]any)["field"] == "leads[0].email"
		})
		if n := host.count(f.WS.ID); n != 2 {
			t.Fatalf("refused leads were taken: %d leads", n)
		}

		// A batch: new, invalid, a duplicate of a lead there, a duplicate
		// within the batch, and a European lead for the partner's pool.
		status, batch := host.do("POST", w+"/leads", map[string]any{"leads": []map[string]any{
			{"email": "cy@corp.example", "country": "US"},
			{"email": "not an email"},
			{"email": "bo@big.example"},
			{"email": "di@eu.example", "country": "DE", "consent": true, "external_id": "crm-7"},
			{"email": "other@eu.example", "external_id": "crm-7"},
			{"email": "ed@eu.example", "country": "FR"},
		}})
		rs := list(batch, "results")
		var got []string
		for i, r := range rs {
			got = append(got, r["status"].(string))
			if r["index"] != float64(i) {
				t.Errorf("result %d has index %v", i, r["index"])
			}
		}
		if status != 200 || strings.Join(got, ",") != "created,invalid,duplicate,created,duplicate,created" || batch["created"] != 3.0 ||
			batch["duplicates"] != 2.0 || batch["invalid"] != 1.0 {
			t.Fatalf("batch: %d %v", status, batch)
		}
		if e := rs[1]["error"].(map[string]any); e["field"] != "leads[1].email" || e["code"] != "invalid" || rs[1]["lead"] != nil {
			t.Errorf("the invalid lead: %v", rs[1])
		}
		if rs[2]["lead"].(map[string]any)["id"] != ent["id"] || rs[4]["lead"].(map[string]any)["id"] != rs[3]["lead"].(map[string]any)["id"] {
			t.Errorf("duplicates: %v %v", rs[2], rs[4])
		}
		di := rs[3]["lead"].(map[string]any)
		if r := di["route"].(map[string]any); r["side"] != "partner" || r["owner"].(map[string]any)["name"] != "sam@partner.test" || r["escalate"] != "partner-marketing-lead" ||
			r["reroute"] != true || r["attribution"].(map[string]any)["kind"] != "sourced" {
			t.Errorf("the European lead: %v", di)
		}
		// Without consent a lead stays with its side: the rule that
		// would share it does not match.
		ed := rs[5]["lead"].(map[string]any)
		if r := ed["route"].(map[string]any); r["side"] != "host" || r["rule_key"] != "fallback" || r["owner"] != nil {
			t.Errorf("a lead without consent: %v", ed)
		}

		// What each side sees.
		if n := partner.count(f.WS.ID); n != 1 {
			t.Errorf("the partner sees %d leads, want the one routed to it", n)
		}
		for _, c := range []refusal{
			{"the host's lead, as the partner", partner, "GET", ent["url"].(string), nil, 404, "not_found", ""},
			{"accepting the host's lead, as the partner", partner, "POST", ent["url"].(string) + "/accept", map[string]int{"version": 2}, 404, "not_found", ""},
			{"rejecting the host's lead, as the partner", partner, "POST", ent["url"].(string) + "/reject", map[string]any{"version": 2, "reason": "x"}, 404, "not_found", ""},
			{"a lead of another workspace", stranger, "GET", ent["url"].(string), nil, 404, "not_found", ""},
			{"a bad status filter", host, "GET", w + "/leads?status=hot", nil, 422, "invalid", "status"},
			{"a bad side filter", host, "GET", w + "/leads?side=both", nil, 422, "invalid", "side"},
			{"a limit of 0", host, "GET", w + "/leads?limit=0", nil, 422, "invalid", "limit"},
			{"a limit that is a word", host, "GET", w + "/leads?limit=ten", nil, 400, "bad_request", "limit"},
		} {
			c.check(t)
		}
		_, mine := dana.do("GET", w+"/leads?owner=me", nil)
		if ls := list(mine, "leads"); len(ls) != 1 || ls[0]["id"] != ent["id"] {
			t.Errorf("dana's leads: %v", mine)
		}
		_, toPartner := host.do("GET", w+"/leads?side=partner&status=assigned", nil)
		if ls := list(toPartner, "leads"); len(ls) != 1 || ls[0]["id"] != di["id"] {
			t.Errorf("routed to the partner: %v", toPartner)
		}
		_, found := host.do("GET", w+"/leads?q=corp", nil)
		if ls := list(found, "leads"); len(ls) != 1 || ls[0]["email"] != "cy@corp.example" {
			t.Errorf("search: %v", found)
		}

		// Acting on a lead: its owner, at the version read.
		status, page := sam.do("GET", di["url"].(string), nil)
		if status != 200 || page["can_act"] != true || len(list(page, "routes")) != 1 || len(list(page, "history")) != 2 {
			t.Fatalf("the lead page: %d %v", status, page)
		}
		if _, p := sue.do("GET", di["url"].(string), nil); p["can_act"] != false {
			t.Errorf("sue may act on sam's lead: %v", p["can_act"])
		}
		for _, c := range []refusal{
			{"accepting without a version", sam, "POST", di["url"].(string) + "/accept", map[string]any{}, 422, "invalid", "version"},
			{"accepting at a stale version", sam, "POST", di["url"].(string) + "/accept", map[string]int{"version": 1}, 409, "conflict", ""},
			{"accepting someone else's lead", sue, "POST", di["url"].(string) + "/accept", map[string]int{"version": 2}, 403, "forbidden", ""},
			{"accepting from the capturing side", host, "POST", di["url"].(string) + "/accept", map[string]int{"version": 2}, 403, "forbidden", ""},
			{"contact before accepting", sam, "POST", di["url"].(string) + "/contacted", map[string]int{"version": 2}, 409, "conflict", ""},
			{"rejecting without a reason", sam, "POST", di["url"].(string) + "/reject", map[string]int{"version": 2}, 422, "invalid", "reason"},
		} {
			c.check(t)
		}
		status, accepted := sam.do("POST", di["url"].(string)+"/accept", map[string]int{"version": 2})
		if status != 200 || accepted["status"] != "accepted" || accepted["accepted_at"] == nil || accepted["version"] != 3.0 {
			t.Fatalf("accept: %d %v", status, accepted)
		}
		if s, body := sam.do("POST", di["url"].(string)+"/accept", map[string]int{"version": 3}); s != 409 {
			t.Errorf("accepting twice: %d %v", s, body)
		}
		status, contacted := sam.do("POST", di["url"].(string)+"/contacted", map[string]int{"version": 3})
		if status != 200 || contacted["contacted_at"] == nil || contacted["version"] != 4.0 {
			t.Errorf("contacted: %d %v", status, contacted)
		}
		// The host's inbox: anyone of the host side takes it.
		status, rejected := host.do("POST", rs[0]["lead"].(map[string]any)["url"].(string)+"/reject", map[string]any{"version": 2, "reason": "A student."})
		if status != 200 || rejected["status"] != "rejected" || rejected["reject_reason"] != "A student." {
			t.Errorf("reject: %d %v", status, rejected)
		}

		// Being away: skipped by the pool.
		status, away := sam.do("PUT", w+"/me/away", map[string]bool{"away": true})
		if status != 200 || away["away"] != true || away["name"] != "sam@partner.test" {
			t.Fatalf("away: %d %v", status, away)
		}
		refusal{"away without away", sam, "PUT", w + "/me/away", map[string]any{}, 422, "invalid", "away"}.check(t)
		_, next := host.do("POST", w+"/leads", map[string]any{"email": "fa@eu.example", "country": "NL", "consent": true})
		if owner := next["route"].(map[string]any)["owner"].(map[string]any); owner["name"] != "sue@partner.test" {
			t.Errorf("with sam away the pool gives %v", owner)
		}

		// CSV and the report.
		req, _ := http.NewRequest("GET", lt.url+w+"/leads.csv?side=partner", nil)
		req.Header.Set("Authorization", "Bearer "+host.token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		csv, _ := io.ReadAll(res.Body)
		res.Body.Close()
		lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || len(lines) != 3 || !strings.HasPrefix(lines[0], "lead,email,") {
			t.Errorf("leads.csv: %d %q", res.StatusCode, csv)
		}
		status, rep := partner.do("GET", w+"/leads/report", nil)
		bySide := rep["by_side"].(map[string]any)
		if status != 200 || rep["total"] != 6.0 || rep["unrouted"] != 0.0 || bySide["partner"].(map[string]any)["routed"] != 2.0 ||
			bySide["partner"].(map[string]any)["accepted"] != 1.0 || bySide["host"].(map[string]any)["rejected"] != 1.0 || len(list(rep, "by_rule")) != 3 {
			t.Errorf("report: %d %v", status, rep)
		}

		// Importing a CSV: a dry run first, changing nothing.
		file := "Email,Country,Employees,Consent,Notes\ngi@eu.example,DE,201-500,yes,met at the booth\nbo@big.example,US,,,\nnot-an-email,US,,,\nha@corp.example,US,12,no,\n"
		status, preview := partner.do("POST", w+"/leads/import?dry_run=1", csvBody(file))
		prow := list(preview, "rows")
		if status != 200 || len(prow) != 4 || preview["valid"] != 2.0 || preview["duplicates"] != 1.0 || preview["invalid"] != 1.0 || preview["has_rules"] != true ||
			prow[0]["rule"] != "Europe" || prow[0]["line"] != 2.0 || prow[1]["status"] != "duplicate" || prow[2]["error"].(map[string]any)["field"] != "email" ||
			fmt.Sprint(preview["ignored_columns"]) != "[notes]" {
			t.Fatalf("preview: %d %v", status, preview)
		}
		if n := partner.count(f.WS.ID); n != 2 {
			t.Fatalf("the preview imported: %d", n)
		}
		for _, c := range []refusal{
			{"a file without an email column", partner, "POST", w + "/leads/import", csvBody("name\nAna\n"), 422, "invalid", "file"},
			{"a JSON body", partner, "POST", w + "/leads/import", map[string]any{"email": "a@b.example"}, 400, "bad_request", "Content-Type"},
			{"a dry run that is neither", partner, "POST", w + "/leads/import?dry_run=maybe", csvBody(file), 422, "invalid", "dry_run"},
			{"a guest imports", guest, "POST", w + "/leads/import", csvBody(file), 403, "forbidden", ""},
		} {
			c.check(t)
		}
		status, imported := partner.do("POST", w+"/leads/import", csvBody(file))
		errs := list(imported, "errors")
		if status != 200 || imported["created"] != 2.0 || imported["duplicates"] != 1.0 || imported["invalid"] != 1.0 || len(errs) != 1 ||
			errs[0]["line"] != 4.0 || errs[0]["field"] != "email" {
			t.Fatalf("import: %d %v", status, imported)
		}
		if s, again := partner.do("POST", w+"/leads/import", csvBody(file)); s != 200 || again["created"] != 0.0 || again["duplicates"] != 3.0 {
			t.Errorf("importing again: %d %v", s, again)
		}
		_, _ = admin, guest
	})
}

// check2 is check for a request that succeeds: status and a test of the
// body.
func (c refusal) check2(t *testing.T, ok func(map[string]any) bool) {
	t.Helper()
	status, body := c.client.do(c.method, c.path, c.body)
	if status != c.status || !ok(body) {
		t.Errorf("%s: %d %v", c.name, status, body)
	}
}

// TestSameLeadConcurrently: the same lead sent ten times at once through
// the API is one lead; every answer names it.
func TestSameLeadConcurrently(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		f := lt.f
		approveRules(t, f, lt.DemandGen, lt.Sales, teamRules(t, f, lt.Sales, lt.Sales2))
		host := lt.as(tokenOf(t, f, f.HostMember.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		type answer struct {
			status int
			body   map[string]any
			err    error
		}
		answers := make([]answer, 10)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range answers {
			wg.Go(func() {
				<-start
				s, b, err := host.try("POST", w+"/leads", map[string]any{"email": "Same@Lead.example", "country": "DE", "consent": true})
				answers[i] = answer{s, b, err}
			})
		}
		close(start)
		wg.Wait()
		created := 0
		for i, a := range answers {
			if a.err != nil {
				t.Fatalf("request %d: %v", i, a.err)
			}
			if a.status == 201 {
				created++
			}
			if (a.status != 200 && a.status != 201) || a.body["number"] != 1.0 || a.body["email"] != "same@lead.example" {
				t.Errorf("request %d: %d %v", i, a.status, a.body)
			}
		}
		if created != 1 {
			t.Errorf("%d answers say created", created)
		}
		if n := host.count(f.WS.ID); n != 1 {
			t.Errorf("%d leads", n)
		}
		_, page := host.do("GET", answers[0].body["url"].(string), nil)
		if len(list(page, "routes")) != 1 {
			t.Errorf("the lead was routed %d times", len(list(page, "routes")))
		}
	})
}

// TestLeadWebhook: a signed request takes leads as the side's; a bad or
// missing signature and a stale timestamp are refused naming the header,
// taking nothing; a replay takes nothing again; a workspace, side or
// webhook that is not there is 404; an oversized body 413.
func TestLeadWebhook(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		f := lt.f
		approveRules(t, f, lt.DemandGen, lt.Sales, teamRules(t, f, lt.Sales, lt.Sales2))
		admin, host := lt.as(tokenOf(t, f, f.Admin.Email)), lt.as(tokenOf(t, f, f.HostMember.Email))
		_, hook := admin.do("POST", "/api/v1/workspaces/"+f.WS.ID+"/rules/webhook", nil)
		secret, url := hook["secret"].(string), lt.url+hook["url"].(string)
		now := f.Clock.Now().Unix()
		body := []byte(`{"leads":[{"email":"Hook@Acme.example","country":"US","form_id":"webinar"},{"email":"nope"},{"email":"eu@acme.example","country":"DE","consent":true}]}`)

		for _, c := range []struct {
			name, ts, sig, field string
		}{
			{"no signature", strconv.FormatInt(now, 10), "", duet.HeaderWebhookSignature},
			{"a signature of another body", strconv.FormatInt(now, 10), duet.SignWebhook([]byte(secret), now, []byte(`{}`)), duet.HeaderWebhookSignature},
			{"a signature under another secret", strconv.FormatInt(now, 10), duet.SignWebhook([]byte("whsec_guess"), now, body), duet.HeaderWebhookSignature},
			{"no timestamp", "", duet.SignWebhook([]byte(secret), now, body), duet.HeaderWebhookTimestamp},
			{"a stale timestamp", strconv.FormatInt(now-301, 10), duet.SignWebhook([]byte(secret), now-301, body), duet.HeaderWebhookTimestamp},
			{"a timestamp in the future", strconv.FormatInt(now+301, 10), duet.SignWebhook([]byte(secret), now+301, body), duet.HeaderWebhookTimestamp},
		} {
			status, got := signedWith(t, url, c.ts, c.sig, body)
			e := errOf(got)
			if status != 401 || e["code"] != "unauthorized" || e["field"] != c.field || !strings.Contains(e["message"].(string), c.field) ||
				strings.Contains(fmt.Sprint(got), secret) {
				t.Errorf("%s: %d %v", c.name, status, got)
			}
		}
		if n := host.count(f.WS.ID); n != 0 {
			t.Fatalf("refused requests took %d leads", n)
		}

		status, got := signed(t, url, secret, now, body)
		rs := list(got, "results")
		if status != 200 || got["replayed"] != false || got["created"] != 2.0 || got["invalid"] != 1.0 || len(rs) != 3 ||
			rs[1]["error"].(map[string]any)["field"] != "leads[1].email" {
			t.Fatalf("a signed batch: %d %v", status, got)
		}
		if l := rs[0]["lead"].(map[string]any); l["source"] != "webhook" || l["origin"] != "host" || l["route"].(map[string]any)["rule_key"] != "fallback" {
			t.Errorf("a webhook lead: %v", l)
		}
		status, again := signed(t, url, secret, now, body)
		if status != 200 || again["replayed"] != true || len(again) != 1 {
			t.Errorf("a replay: %d %v", status, again)
		}
		if n := host.count(f.WS.ID); n != 2 {
			t.Errorf("after the replay: %d leads", n)
		}
		// The same body signed again later is a new delivery: its leads
		// are duplicates.
		f.Clock.Advance(time.Second)
		status, later := signed(t, url, secret, now+1, body)
		if status != 200 || later["replayed"] != false || later["duplicates"] != 2.0 || later["created"] != 0.0 {
			t.Errorf("a second delivery: %d %v", status, later)
		}
		status, one := signed(t, url, secret, now+1, []byte(`{"email":"solo@acme.example","campaign":"leads"}`))
		if rs := list(one, "results"); status != 200 || len(rs) != 1 || rs[0]["status"] != "created" {
			t.Errorf("a single lead: %d %v", status, one)
		}
		status, bad := signed(t, url, secret, now+1, []byte(`{"email":"x@y.example","score":1}`))
		if status != 400 || errOf(bad)["field"] != "score" {
			t.Errorf("an unknown field: %d %v", status, bad)
		}

		big := append([]byte(`{"leads":[{"email":"a@b.example","name":"`), bytes.Repeat([]byte("x"), 1<<20)...)
		big = append(big, `"}]}`...)
		if status, got := signed(t, url, secret, now+1, big); status != 413 || errOf(got)["code"] != "too_large" {
			t.Errorf("a body over 1 MiB: %d %v", status, got)
		}
		for _, c := range []struct{ name, url string }{
			{"another side without a webhook", lt.url + "/api/v1/hooks/leads/" + f.WS.ID + "/partner"},
			{"a side that is none", lt.url + "/api/v1/hooks/leads/" + f.WS.ID + "/both"},
			{"a workspace that is none", lt.url + "/api/v1/hooks/leads/nope/host"},
			{"another workspace", lt.url + "/api/v1/hooks/leads/" + f.OtherWS.ID + "/host"},
		} {
			if status, got := signed(t, c.url, secret, now+1, body); status != 404 {
				t.Errorf("%s: %d %v", c.name, status, got)
			}
		}
		if s := admin.status("DELETE", "/api/v1/workspaces/"+f.WS.ID+"/rules/webhook"); s != 204 {
			t.Fatalf("disable: %d", s)
		}
		if status, got := signed(t, url, secret, now+1, []byte(`{"email":"late@acme.example"}`)); status != 404 {
			t.Errorf("after disabling: %d %v", status, got)
		}
	})
}
