package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestRulesSave(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID
		sally, pia := w.member(t, w.sally).ID, w.member(t, f.Partner).ID
		latest := func() (int, duet.RuleSet) {
			rv, err := f.Svc.Rules(context.Background(), f.Admin.Actor, f.WS.ID)
			if err != nil {
				t.Fatal(err)
			}
			return latestVersion(rv), rv.Draft
		}

		// The starter's spare fieldset filled in: a rule above the
		// fallback, to the partner's round robin, sourced by the partner.
		form := url.Values{"version": {"0"}, "note": {"EU to the partner"},
			"rules.0.name": {"EU leads"}, "rules.0.position": {"1"},
			"rules.0.when.0.field": {"country"}, "rules.0.when.0.op": {"in"}, "rules.0.when.0.values": {"DE, FR"},
			"rules.0.when.1.field": {""},
			"rules.0.route.side":   {"partner"}, "rules.0.route.to": {"pool"},
			"rules.0.route.pool.0.member": {sally}, "rules.0.route.pool.0.weight": {"2"},
			"rules.0.route.pool.1.member": {pia}, "rules.0.route.pool.1.weight": {"1"},
			"rules.0.route.pool.2.weight": {"1"},
			"rules.0.sla.accept_hours":    {"4"}, "rules.0.sla.contact_days": {"2"},
			"rules.0.attribution.kind": {"sourced"}, "rules.0.attribution.side": {"partner"}, "rules.0.attribution.split": {"100"},
			"rules.1.name": {"Everything else"}, "rules.1.key": {"fallback"}, "rules.1.position": {"2"},
			"rules.1.when.0.field": {""},
			"rules.1.route.side":   {"host"}, "rules.1.route.to": {"role"}, "rules.1.route.role": {"content-lead"},
			"rules.1.sla.accept_hours": {"8"}, "rules.1.sla.contact_days": {"2"},
			"rules.1.attribution.kind": {"sourced"}, "rules.1.attribution.side": {"host"}, "rules.1.attribution.split": {"100"}}
		e.post(ws+"/rules", e.as(f.HostMember), form).wantRedirect(t, ws+"/rules?saved=1")
		v, rs := latest()
		if v != 1 || len(rs.Rules) != 2 || rs.Rules[0].Name != "EU leads" || rs.Rules[0].Key == "" || len(rs.Rules[0].Route.Pool) != 2 ||
			rs.Rules[0].Route.Pool[0].Weight != 2 || rs.Rules[1].Key != "fallback" {
			t.Fatalf("saved %d: %+v", v, rs)
		}

		// A condition on the last rule: refused at the fallback's
		// conditions, with everything typed kept, and nothing saved.
		bad := ruleFormValues(rs, 1)
		bad.Set("rules.1.when.0.field", "company")
		bad.Set("rules.1.when.0.op", "equals")
		bad.Set("rules.1.when.0.values", "Initech")
		bad.Set("rules.0.name", "EU leads, renamed")
		r := e.post(ws+"/rules", e.as(f.HostMember), bad)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		// Shown: rule 1, the spare, then the last rule, numbered 2.
		if msg := fieldError(r.body, "r2-when"); !strings.Contains(msg, "The last rule must be the fallback, with no conditions") {
			t.Errorf("when error %q", msg)
		}
		r.wantBody(t, `value="EU leads, renamed"`, ">Initech</textarea>", `<option value="company" selected>Company</option>`)
		if v, _ := latest(); v != 1 {
			t.Errorf("a refused save made version %d", v)
		}

		// An unknown field, at its select; a count that is not one, at
		// its input.
		bad = ruleFormValues(rs, 1)
		bad.Set("rules.0.when.0.field", "budget")
		r = e.post(ws+"/rules", e.as(f.HostMember), bad)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "r0-c0-field"); !strings.HasPrefix(msg, "&#34;budget&#34; is not a lead field; use one of email_domain") {
			t.Errorf("field error %q", msg)
		}
		bad = ruleFormValues(rs, 1)
		bad.Set("rules.0.sla.accept_hours", "four")
		r = e.post(ws+"/rules", e.as(f.HostMember), bad)
		if msg := fieldError(r.body, "r0-sla-accept-hours"); msg != "Accept within must be a whole number of business hours, such as 4, not &#34;four&#34;." {
			t.Errorf("accept hours error %q", msg)
		}
		r.wantBody(t, `value="four"`)
		// A pool member of the other side, at the pool.
		bad = ruleFormValues(rs, 1)
		bad.Set("rules.0.route.pool.0.member", w.member(t, w.dora).ID)
		r = e.post(ws+"/rules", e.as(f.HostMember), bad)
		if msg := fieldError(r.body, "r0-pool"); msg != "Dora@host.test is on the host side; this rule routes to the partner side." {
			t.Errorf("pool error %q", msg)
		}

		// Saved meanwhile by someone else: a conflict above the form,
		// with the changes kept.
		stale := ruleFormValues(rs, 0)
		stale.Set("rules.0.name", "Stale edit")
		r = e.post(ws+"/rules", e.as(f.Partner), stale)
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, `id="rules-error"`, "Version 1 of the Lead-share rules was saved by", `value="Stale edit"`)

		// Without script: a rule moved by its position, one removed.
		three := ruleFormValues(rs, 1)
		three.Set("rules.5.name", "Big companies")
		three.Set("rules.5.position", "1")
		three.Set("rules.5.when.0.field", "employees")
		three.Set("rules.5.when.0.op", "range")
		three.Set("rules.5.when.0.min", "1000")
		for k, val := range map[string]string{"route.side": "host", "route.to": "role", "route.role": "demand-gen-lead", "sla.accept_hours": "2",
			"sla.contact_days": "1", "attribution.kind": "influenced", "attribution.side": "host", "attribution.split": "50"} {
			three.Set("rules.5."+k, val)
		}
		e.post(ws+"/rules", e.as(f.Partner), three).wantRedirect(t, ws+"/rules?saved=2")
		_, rs = latest()
		if len(rs.Rules) != 3 || rs.Rules[0].Name != "Big companies" || rs.Rules[1].Name != "EU leads" {
			t.Fatalf("moved: %+v", rs.Rules)
		}
		gone := ruleFormValues(rs, 2)
		gone.Set("rules.1.remove", "1")
		e.post(ws+"/rules", e.as(f.Partner), gone).wantRedirect(t, ws+"/rules?saved=3")
		if _, rs = latest(); len(rs.Rules) != 2 || rs.Rules[0].Name != "Big companies" {
			t.Fatalf("removed: %+v", rs.Rules)
		}

		// Guests and strangers change nothing.
		e.post(ws+"/rules", e.as(f.Guest), ruleFormValues(euRules(), 3)).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/rules", e.as(f.Stranger), ruleFormValues(euRules(), 3)).wantStatus(t, http.StatusNotFound)
		if v, _ := latest(); v != 3 {
			t.Errorf("version %d after refused saves", v)
		}
	})
}
