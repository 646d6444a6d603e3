package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// csvBody is a request body client.do sends as text/csv.
type csvBody string

// briefBody is a brief as PUT takes it, with one goal entered by hand
// (registrations) and one computed from leads.
func briefBody(base int, audience string) map[string]any {
	return map[string]any{"base": base, "note": "Goals agreed on the kickoff call.", "brief": map[string]any{
		"goals": []map[string]any{
			{"name": "Registrations", "target": 500, "unit": "people", "side": "host"},
			{"name": "Qualified leads", "target": 300, "unit": "leads", "side": "host", "measure": "leads"},
		},
		"audience": audience, "scope": "A joint webinar and its landing page.", "non_goals": "Paid media.",
		"messages": "Faster **pipelines**.", "timeline": "Launch on 19 January.", "currency": "eur",
		"budget": []map[string]any{
			{"item": "Webinar platform", "amount": 1200, "paid_by": "host"},
			{"item": "Design", "amount": 3000, "paid_by": "shared", "host_share": 60},
		},
		"budget_notes": "Invoiced monthly.", "contacts": "Pia Park, partner marketing."}}
}

// raciBody is a valid matrix as PUT takes it.
func raciBody(base int, workstream string) map[string]any {
	return map[string]any{"base": base, "rows": []map[string]any{
		{"workstream": workstream, "cells": map[string]string{"demand-gen-lead": "A", "content-lead": "R", "partner-marketing-lead": "c"}},
		{"workstream": "Asset reviews", "cells": map[string]string{"partner-marketing-manager": "RA", "partner-content-lead": "I"}},
	}}
}

// latestOf returns a document's latest version number as the admin reads
// it (0 before the first save).
func latestOf(t testing.TB, f *coretest.Fixture, kind string) int {
	t.Helper()
	ctx := context.Background()
	var v int
	switch kind {
	case duet.DocBrief:
		b, err := f.Svc.Brief(ctx, f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b.Latest != nil {
			v = b.Latest.Version
		}
	case duet.DocRACI:
		r, err := f.Svc.RACI(ctx, f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Latest != nil {
			v = r.Latest.Version
		}
	default:
		r, err := f.Svc.Rules(ctx, f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Latest != nil {
			v = r.Latest.Version
		}
	}
	return v
}

// saveBriefAs saves a brief through core with the given audience and
// returns its version.
func saveBriefAs(t testing.TB, f *coretest.Fixture, u coretest.User, audience string) int {
	t.Helper()
	b := duet.Brief{Goals: []duet.KPI{{Name: "Registrations", Target: 500, Unit: "people", Side: duet.SideHost}}, Audience: audience}
	v, err := f.Svc.SaveBrief(context.Background(), u.Actor, f.WS.ID, duet.DocSave{Base: latestOf(t, f, duet.DocBrief)}, b)
	if err != nil {
		t.Fatal(err)
	}
	return v.Latest.Version
}

// saveRACIAs saves a valid matrix through core and returns its version.
func saveRACIAs(t testing.TB, f *coretest.Fixture, u coretest.User, workstream string) int {
	t.Helper()
	m := duet.RACI{Rows: []duet.RACIRow{{Workstream: workstream, Cells: map[string]string{"demand-gen-lead": "A", "content-lead": "R"}}}}
	v, err := f.Svc.SaveRACI(context.Background(), u.Actor, f.WS.ID, duet.DocSave{Base: latestOf(t, f, duet.DocRACI)}, m)
	if err != nil {
		t.Fatal(err)
	}
	return v.Latest.Version
}

// fallbackRules is a rule set of only a fallback to the host's role.
func fallbackRules(name, role string) duet.RuleSet {
	return duet.RuleSet{Rules: []duet.Rule{{Key: "fallback", Name: name, Route: duet.Route{Side: duet.SideHost, To: duet.ToRole, Role: role},
		SLA: duet.SLA{AcceptHours: 8, ContactDays: 2}, Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SideHost, Split: 100}}}}
}

// saveRulesAs saves rules through core and returns their version.
func saveRulesAs(t testing.TB, f *coretest.Fixture, u coretest.User, rs duet.RuleSet) int {
	t.Helper()
	v, err := f.Svc.SaveRules(context.Background(), u.Actor, f.WS.ID, duet.DocSave{Base: latestOf(t, f, duet.DocRules)}, rs)
	if err != nil {
		t.Fatal(err)
	}
	return v.Latest.Version
}

// docsMatrix is the authorization matrix of the brief, RACI and rules
// routes. Both sides read and edit the documents; guests read only; only
// an admin sets up a side's lead webhook.
func docsMatrix(t *testing.T, f *coretest.Fixture) []matrixRow {
	w := "/api/v1/workspaces/" + f.WS.ID
	saveBriefAs(t, f, f.Admin, "Data teams")
	saveRACIAs(t, f, f.Admin, "Landing page")
	saveRulesAs(t, f, f.Admin, fallbackRules("Everything else", "demand-gen-lead"))
	var n atomic.Int64
	brief := func() any { return briefBody(latestOf(t, f, duet.DocBrief), fmt.Sprintf("Audience %d", n.Add(1))) }
	raci := func() any { return raciBody(latestOf(t, f, duet.DocRACI), fmt.Sprintf("Workstream %d", n.Add(1))) }
	rules := func() any {
		rs := fallbackRules(fmt.Sprintf("Fallback %d", n.Add(1)), "demand-gen-lead")
		return map[string]any{"base": latestOf(t, f, duet.DocRules), "rules": rs.Rules}
	}
	// Each signature and proposal is of a version of its own.
	signBrief := func() any {
		return map[string]int{"version": saveBriefAs(t, f, f.Admin, fmt.Sprintf("Signed %d", n.Add(1)))}
	}
	signRACI := func() any {
		return map[string]int{"version": saveRACIAs(t, f, f.Admin, fmt.Sprintf("Signed %d", n.Add(1)))}
	}
	propose := func() any {
		return map[string]int{"version": saveRulesAs(t, f, f.Admin, fallbackRules(fmt.Sprintf("Proposed %d", n.Add(1)), "demand-gen-lead"))}
	}
	accounts := func() any { return csvBody(fmt.Sprintf("domain\nclient-%d.example\n", n.Add(1))) }
	return []matrixRow{
		{method: "GET", path: w + "/brief", pattern: "GET /api/v1/workspaces/{id}/brief", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "PUT", path: w + "/brief", body: brief, pattern: "PUT /api/v1/workspaces/{id}/brief", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "GET", path: w + "/brief/versions", pattern: "GET /api/v1/workspaces/{id}/brief/versions", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/brief/versions/1", pattern: "GET /api/v1/workspaces/{id}/brief/versions/{version}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/brief/versions/999", pattern: "GET /api/v1/workspaces/{id}/brief/versions/{version}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "GET", path: w + "/brief/diff?from=1&to=1", pattern: "GET /api/v1/workspaces/{id}/brief/diff", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/brief/sign", body: signBrief, pattern: "POST /api/v1/workspaces/{id}/brief/sign", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "PUT", path: w + "/brief/actuals/registrations", body: map[string]any{"value": 12}, pattern: "PUT /api/v1/workspaces/{id}/brief/actuals/{goal}", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "PUT", path: w + "/brief/actuals/nope", body: map[string]any{"value": 12}, pattern: "PUT /api/v1/workspaces/{id}/brief/actuals/{goal}", want: []int{401, 404, 404, 404, 404, 404}},

		{method: "GET", path: w + "/raci", pattern: "GET /api/v1/workspaces/{id}/raci", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "PUT", path: w + "/raci", body: raci, pattern: "PUT /api/v1/workspaces/{id}/raci", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "GET", path: w + "/raci/versions", pattern: "GET /api/v1/workspaces/{id}/raci/versions", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/raci/versions/1", pattern: "GET /api/v1/workspaces/{id}/raci/versions/{version}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/raci/diff?from=1&to=1", pattern: "GET /api/v1/workspaces/{id}/raci/diff", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/raci/sign", body: signRACI, pattern: "POST /api/v1/workspaces/{id}/raci/sign", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "POST", path: w + "/raci/draft", pattern: "POST /api/v1/workspaces/{id}/raci/draft", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/raci.csv", stream: true, pattern: "GET /api/v1/workspaces/{id}/raci.csv", want: []int{401, 200, 200, 200, 200, 404}},

		{method: "GET", path: w + "/rules", pattern: "GET /api/v1/workspaces/{id}/rules", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "PUT", path: w + "/rules", body: rules, pattern: "PUT /api/v1/workspaces/{id}/rules", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "GET", path: w + "/rules/versions", pattern: "GET /api/v1/workspaces/{id}/rules/versions", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/rules/versions/1", pattern: "GET /api/v1/workspaces/{id}/rules/versions/{version}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/rules/diff?from=1&to=1", pattern: "GET /api/v1/workspaces/{id}/rules/diff", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/rules/propose", body: propose, pattern: "POST /api/v1/workspaces/{id}/rules/propose", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "POST", path: w + "/rules/explain", body: map[string]any{"email": "x@acme.example", "country": "DE"}, pattern: "POST /api/v1/workspaces/{id}/rules/explain", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "PUT", path: w + "/rules/accounts", body: accounts, pattern: "PUT /api/v1/workspaces/{id}/rules/accounts", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "POST", path: w + "/rules/webhook", pattern: "POST /api/v1/workspaces/{id}/rules/webhook", want: []int{401, 200, 403, 403, 403, 404}},
		{method: "DELETE", path: w + "/rules/webhook", pattern: "DELETE /api/v1/workspaces/{id}/rules/webhook", want: []int{401, 204, 403, 403, 403, 404}},
	}
}

// TestBriefFlow: the template's goals before the first save; saves
// edited from the version read; refusals naming the field inside the
// brief; both sides sign the exact version; versions, a diff and
// actuals.
func TestBriefFlow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, guest := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Guest.Email))
		stranger := e.as(tokenOf(t, f, f.Stranger.Email))
		w := "/api/v1/workspaces/" + f.WS.ID

		status, start := partner.do("GET", w+"/brief", nil)
		goals := list(start["brief"].(map[string]any), "goals")
		if status != 200 || start["starter"] != true || start["latest"] != nil || start["latest_version"] != 0.0 || start["approved_version"] != nil ||
			len(goals) == 0 || goals[0]["key"] != "qualified-leads" || goals[0]["computed"] != true || goals[0]["actual"] != 0.0 || start["can_edit"] != true {
			t.Fatalf("before the first save: %d %v", status, start)
		}

		bad := func(change func(b map[string]any)) map[string]any {
			b := briefBody(0, "Data teams")
			change(b)
			return b
		}
		goal := func(b map[string]any) map[string]any {
			return b["brief"].(map[string]any)["goals"].([]map[string]any)[0]
		}
		for _, c := range []refusal{
			{"no base", host, "PUT", w + "/brief", bad(func(b map[string]any) { delete(b, "base") }), 422, "invalid", "base"},
			{"no brief", host, "PUT", w + "/brief", bad(func(b map[string]any) { delete(b, "brief") }), 422, "invalid", "brief"},
			{"a target of zero", host, "PUT", w + "/brief", bad(func(b map[string]any) { goal(b)["target"] = 0 }), 422, "invalid", "brief.goals[0].target"},
			{"a goal without a side", host, "PUT", w + "/brief", bad(func(b map[string]any) { delete(goal(b), "side") }), 422, "invalid", "brief.goals[0].side"},
			{"an unknown measure", host, "PUT", w + "/brief", bad(func(b map[string]any) { goal(b)["measure"] = "vibes" }), 422, "invalid", "brief.goals[0].measure"},
			{"a bad currency", host, "PUT", w + "/brief", bad(func(b map[string]any) { b["brief"].(map[string]any)["currency"] = "euro" }), 422, "invalid", "brief.currency"},
			{"a bad payer", host, "PUT", w + "/brief", bad(func(b map[string]any) {
				b["brief"].(map[string]any)["budget"].([]map[string]any)[1]["paid_by"] = "both"
			}), 422, "invalid", "brief.budget[1].paid_by"},
			{"a target that is text", host, "PUT", w + "/brief", bad(func(b map[string]any) { goal(b)["target"] = "lots" }), 400, "bad_request", "brief.goals.target"},
			{"an unknown field", host, "PUT", w + "/brief", bad(func(b map[string]any) { b["brief"].(map[string]any)["owner"] = "me" }), 400, "bad_request", "owner"},
			{"not JSON", host, "PUT", w + "/brief", "{nope", 400, "bad_request", "body"},
			{"a guest", guest, "PUT", w + "/brief", briefBody(0, "x"), 403, "forbidden", ""},
			{"another workspace's member", stranger, "PUT", w + "/brief", briefBody(0, "x"), 404, "not_found", ""},
			{"another workspace's member reads", stranger, "GET", w + "/brief", nil, 404, "not_found", ""},
		} {
			c.check(t)
		}
		if _, after := host.do("GET", w+"/brief", nil); after["latest_version"] != 0.0 {
			t.Fatalf("a refused save saved: %v", after)
		}

		status, v1 := host.do("PUT", w+"/brief", briefBody(0, "Data teams"))
		brief := v1["brief"].(map[string]any)
		if status != 200 || v1["latest_version"] != 1.0 || v1["status"] != "draft" || v1["starter"] != false || brief["currency"] != "EUR" ||
			list(brief, "goals")[0]["key"] != "registrations" || list(brief, "goals")[0]["actual"] != nil || list(brief, "goals")[1]["actual"] != 0.0 {
			t.Fatalf("first save: %d %v", status, v1)
		}
		if tot := v1["budget_totals"].(map[string]any); tot["total"] != 4200.0 || tot["host"] != 3000.0 || tot["partner"] != 1200.0 {
			t.Errorf("budget totals = %v", tot)
		}
		latest := v1["latest"].(map[string]any)
		if latest["note"] != "Goals agreed on the kickoff call." || latest["by"].(map[string]any)["side"] != "host" || len(latest["sign_offs"].([]any)) != 2 ||
			latest["url"] != w+"/brief/versions/1" {
			t.Errorf("latest = %v", latest)
		}
		for _, c := range []refusal{
			{"a stale base", partner, "PUT", w + "/brief", briefBody(0, "Partners"), 409, "conflict", ""},
			{"signing a version that is not the latest", partner, "POST", w + "/brief/sign", map[string]int{"version": 2}, 409, "conflict", ""},
			{"signing without a version", partner, "POST", w + "/brief/sign", map[string]int{}, 422, "invalid", "version"},
			{"a guest signs", guest, "POST", w + "/brief/sign", map[string]int{"version": 1}, 403, "forbidden", ""},
		} {
			c.check(t)
		}
		status, v2 := partner.do("PUT", w+"/brief", briefBody(1, "Data teams in Europe"))
		if status != 200 || v2["latest_version"] != 2.0 {
			t.Fatalf("partner's save: %d %v", status, v2)
		}
		status, signed := host.do("POST", w+"/brief/sign", map[string]int{"version": 2})
		sos := signed["latest"].(map[string]any)["sign_offs"].([]any)
		if status != 200 || signed["status"] != "draft" || sos[0].(map[string]any)["signed_by"] == nil || sos[1].(map[string]any)["signed_by"] != nil ||
			signed["can_sign"] != false {
			t.Fatalf("the host signs: %d %v", status, signed)
		}
		if s, body := host.do("POST", w+"/brief/sign", map[string]int{"version": 2}); s != 409 {
			t.Errorf("the host signs twice: %d %v", s, body)
		}
		status, approved := partner.do("POST", w+"/brief/sign", map[string]int{"version": 2})
		if status != 200 || approved["status"] != "approved" || approved["approved_version"] != 2.0 || approved["approved"].(map[string]any)["version"] != 2.0 {
			t.Fatalf("the partner signs: %d %v", status, approved)
		}

		status, versions := partner.do("GET", w+"/brief/versions", nil)
		vs := list(versions, "versions")
		if status != 200 || len(vs) != 2 || vs[0]["version"] != 2.0 || vs[0]["status"] != "approved" || vs[1]["status"] != "draft" {
			t.Fatalf("versions: %d %v", status, versions)
		}
		status, first := partner.do("GET", w+"/brief/versions/1", nil)
		if status != 200 || first["brief"].(map[string]any)["audience"] != "Data teams" || first["version"] != 1.0 {
			t.Errorf("version 1: %d %v", status, first)
		}
		if s, _ := partner.do("GET", w+"/brief/versions/x", nil); s != 404 {
			t.Errorf("version x: %d", s)
		}
		status, diff := partner.do("GET", w+"/brief/diff?from=1&to=2", nil)
		hunks := list(diff, "hunks")
		if status != 200 || diff["inserted"] != 1.0 || diff["deleted"] != 1.0 || len(hunks) != 1 {
			t.Fatalf("diff: %d %v", status, diff)
		}
		var ops []string
		for _, l := range list(hunks[0], "lines") {
			if l["op"] != "equal" {
				ops = append(ops, l["op"].(string)+" "+l["text"].(string))
			}
		}
		if strings.Join(ops, "|") != "delete Data teams|insert Data teams in Europe" {
			t.Errorf("changed lines = %v", ops)
		}
		for _, c := range []refusal{
			{"a diff without from", partner, "GET", w + "/brief/diff?to=2", nil, 422, "invalid", "from"},
			{"a diff from a version that is none", partner, "GET", w + "/brief/diff?from=1&to=9", nil, 404, "not_found", ""},
			{"a diff from a word", partner, "GET", w + "/brief/diff?from=one&to=2", nil, 400, "bad_request", "from"},
		} {
			c.check(t)
		}

		// Actuals: entered for a goal measured by hand; not part of the
		// signed brief.
		status, entered := host.do("PUT", w+"/brief/actuals/registrations", map[string]any{"value": 250})
		reg := list(entered["brief"].(map[string]any), "goals")[0]
		if status != 200 || reg["actual"] != 250.0 || reg["percent"] != 50.0 || reg["met"] != false || entered["latest_version"] != 2.0 {
			t.Fatalf("enter an actual: %d %v", status, entered)
		}
		for _, c := range []refusal{
			{"a computed goal", host, "PUT", w + "/brief/actuals/qualified-leads", map[string]any{"value": 3}, 422, "invalid", "goal"},
			{"no value", host, "PUT", w + "/brief/actuals/registrations", map[string]any{}, 422, "invalid", "value"},
			{"a negative value", host, "PUT", w + "/brief/actuals/registrations", map[string]any{"value": -1}, 422, "invalid", "value"},
			{"a value that is text", host, "PUT", w + "/brief/actuals/registrations", map[string]any{"value": "many"}, 400, "bad_request", "value"},
			{"an unknown goal", host, "PUT", w + "/brief/actuals/revenue", map[string]any{"value": 3}, 404, "not_found", ""},
			{"a guest", guest, "PUT", w + "/brief/actuals/registrations", map[string]any{"value": 3}, 403, "forbidden", ""},
		} {
			c.check(t)
		}
		status, cleared := partner.do("PUT", w+"/brief/actuals/registrations", map[string]any{"value": nil})
		if reg := list(cleared["brief"].(map[string]any), "goals")[0]; status != 200 || reg["actual"] != nil || reg["percent"] != nil {
			t.Errorf("clear an actual: %d %v", status, cleared)
		}
	})
}

// TestRACIFlow: a draft from the task lists before the first save; a
// matrix that does not validate is refused naming the row; both sides
// sign; CSV.
func TestRACIFlow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email))
		w := "/api/v1/workspaces/" + f.WS.ID

		status, start := partner.do("GET", w+"/raci", nil)
		if status != 200 || start["drafted"] != true || start["latest"] != nil || len(list(start, "rows")) == 0 || len(list(start, "roles")) != 12 {
			t.Fatalf("before the first save: %d %v", status, start)
		}
		status, draft := host.do("POST", w+"/raci/draft", nil)
		if status != 200 || len(list(draft, "rows")) != len(list(start, "rows")) {
			t.Fatalf("draft: %d %v", status, draft)
		}
		if _, after := host.do("GET", w+"/raci", nil); after["latest_version"] != 0.0 {
			t.Errorf("the draft saved a version: %v", after)
		}
		if s, body := partner.do("GET", w+"/raci.csv", nil); s != 404 {
			t.Errorf("CSV before any version: %d %v", s, body)
		}

		two := raciBody(0, "Landing page")
		two["rows"].([]map[string]any)[0]["cells"].(map[string]string)["designer"] = "A"
		ceo := raciBody(0, "Landing page")
		ceo["rows"].([]map[string]any)[1]["cells"].(map[string]string)["ceo"] = "R"
		letter := raciBody(0, "Landing page")
		letter["rows"].([]map[string]any)[0]["cells"].(map[string]string)["content-lead"] = "X"
		for _, c := range []refusal{
			{"two accountables", host, "PUT", w + "/raci", two, 422, "invalid", "rows[0]"},
			{"a role that is none", host, "PUT", w + "/raci", ceo, 422, "invalid", "rows[1].cells.ceo"},
			{"a letter that is none", host, "PUT", w + "/raci", letter, 422, "invalid", "rows[0].cells.content-lead"},
			{"no rows", host, "PUT", w + "/raci", map[string]any{"base": 0}, 422, "invalid", "rows"},
			{"empty rows", host, "PUT", w + "/raci", map[string]any{"base": 0, "rows": []any{}}, 422, "invalid", "rows"},
			{"cells that are a list", host, "PUT", w + "/raci", map[string]any{"base": 0, "rows": []any{map[string]any{"workstream": "x", "cells": []string{"R"}}}}, 400, "bad_request", "rows.cells"},
		} {
			c.check(t)
		}
		status, v1 := host.do("PUT", w+"/raci", raciBody(0, "Landing page"))
		rows := list(v1, "rows")
		if status != 200 || v1["latest_version"] != 1.0 || v1["drafted"] != false || v1["problem"] != nil || len(rows) != 2 ||
			rows[0]["cells"].(map[string]any)["partner-marketing-lead"] != "C" {
			t.Fatalf("save: %d %v", status, v1)
		}
		used := map[string]bool{}
		for _, r := range list(v1, "roles") {
			if r["used"] == true {
				used[r["key"].(string)] = true
			}
		}
		if len(used) != 5 || !used["partner-content-lead"] || used["designer"] {
			t.Errorf("roles used = %v", used)
		}
		if s, body := partner.do("POST", w+"/raci/sign", map[string]int{"version": 1}); s != 200 || body["status"] != "draft" {
			t.Fatalf("partner signs: %d %v", s, body)
		}
		status, approved := host.do("POST", w+"/raci/sign", map[string]int{"version": 1})
		if status != 200 || approved["status"] != "approved" || approved["approved_version"] != 1.0 {
			t.Fatalf("host signs: %d %v", status, approved)
		}
		status, v1again := partner.do("GET", w+"/raci/versions/1", nil)
		if status != 200 || len(list(v1again, "rows")) != 2 || v1again["status"] != "approved" {
			t.Errorf("version 1: %d %v", status, v1again)
		}

		req, _ := http.NewRequest("GET", e.url+w+"/raci.csv", nil)
		req.Header.Set("Authorization", "Bearer "+partner.token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		want := "Workstream,Partner Marketing Manager (host),Content Lead (host),Demand Generation Lead (host),Partner Marketing Lead (partner),Partner Content Lead (partner)\n" +
			"Landing page,,R,A,C,\nAsset reviews,RA,,,,I\n"
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") ||
			strings.ReplaceAll(string(body), "\r\n", "\n") != want {
			t.Errorf("CSV: %d %s %q", res.StatusCode, res.Header.Get("Content-Type"), body)
		}
		if s, body := partner.do("GET", w+"/raci.csv?version=7", nil); s != 404 {
			t.Errorf("CSV of a version that is none: %d %v", s, body)
		}
	})
}
