package web

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// Builders for the rules and leads tests: they go through the real
// service, as the pages' own forms would. The fixture's clock stands at
// Monday 16 November 2026, 15:00 in Berlin, the workspace's zone.

// leadWorld is the fixture with the signers of the lead-share rules:
// Dora, the host's Demand Generation Lead, and Sally, the partner's
// Partner Sales Lead.
type leadWorld struct {
	f           *coretest.Fixture
	dora, sally coretest.User
}

func newLeadWorld(t testing.TB, f *coretest.Fixture) *leadWorld {
	t.Helper()
	return &leadWorld{f: f,
		dora:  f.Join(t, f.WS.ID, "dora@host.test", duet.SideHost, duet.PermMember, "demand-gen-lead"),
		sally: f.Join(t, f.WS.ID, "sally@partner.test", duet.SidePartner, duet.PermMember, "partner-sales-lead")}
}

// member returns the workspace membership of u.
func (w *leadWorld) member(t testing.TB, u coretest.User) duet.Member {
	t.Helper()
	d, err := w.f.Svc.Workspace(context.Background(), u.Actor, w.f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	m, ok := memberOf(d, u.Actor)
	if !ok {
		t.Fatalf("%s is not a member", u.Email)
	}
	return m
}

// euRules are two rules: leads from Germany or France go to Sally on the
// partner side (4 business hours to accept, 2 days to contact, sourced
// by the partner); everything else goes to the host's Content Lead, Hal.
func euRules() duet.RuleSet {
	return duet.RuleSet{Rules: []duet.Rule{
		{Name: "EU leads", When: []duet.Condition{{Field: duet.FieldCountry, Op: duet.OpIn, Values: []string{"DE", "FR"}}},
			Route: duet.Route{Side: duet.SidePartner, To: duet.ToRole, Role: "partner-sales-lead"}, SLA: duet.SLA{AcceptHours: 4, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SidePartner, Split: 100}, Escalate: "partner-marketing-lead"},
		{Name: "Everything else", Route: duet.Route{Side: duet.SideHost, To: duet.ToRole, Role: "content-lead"}, SLA: duet.SLA{AcceptHours: 8, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SideHost, Split: 100}},
	}}
}

// saveRules saves rs as the next version, as the admin.
func (w *leadWorld) saveRules(t testing.TB, rs duet.RuleSet) core.RulesView {
	t.Helper()
	ctx := context.Background()
	rv, err := w.f.Svc.Rules(ctx, w.f.Admin.Actor, w.f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	rv, err = w.f.Svc.SaveRules(ctx, w.f.Admin.Actor, w.f.WS.ID, duet.DocSave{Base: latestVersion(rv), Note: "Test rules"}, rs)
	if err != nil {
		t.Fatal(err)
	}
	return rv
}

// approveRules saves rs, proposes it and has both signers sign: it
// routes from then on. It returns the approved version.
func (w *leadWorld) approveRules(t testing.TB, rs duet.RuleSet) int {
	t.Helper()
	ctx := context.Background()
	version := latestVersion(w.saveRules(t, rs))
	dec := w.propose(t, version)
	for _, u := range []coretest.User{w.dora, w.sally} {
		if _, err := w.f.Svc.SignDecision(ctx, u.Actor, w.f.WS.ID, dec.ID, dec.Version); err != nil {
			t.Fatal(err)
		}
	}
	return version
}

// propose proposes a saved version for approval.
func (w *leadWorld) propose(t testing.TB, version int) duet.Decision {
	t.Helper()
	dec, err := w.f.Svc.ProposeRules(context.Background(), w.f.Admin.Actor, w.f.WS.ID, version)
	if err != nil {
		t.Fatal(err)
	}
	return dec
}

// intake brings leads in as u's side, through the API.
func (w *leadWorld) intake(t testing.TB, u coretest.User, in ...duet.LeadIn) []duet.Lead {
	t.Helper()
	res, err := w.f.Svc.IntakeLeads(context.Background(), u.Actor, w.f.WS.ID, duet.SourceAPI, in)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]duet.Lead, len(res))
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("lead %d: %v", i, r.Err)
		}
		out[i] = r.Lead
	}
	return out
}

// lead reads a lead as u sees it.
func (w *leadWorld) lead(t testing.TB, u coretest.User, id string) core.LeadDetail {
	t.Helper()
	ld, err := w.f.Svc.Lead(context.Background(), u.Actor, w.f.WS.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return ld
}

// ruleForm is the editor's form for rs, as the page would send it.
func ruleFormValues(rs duet.RuleSet, version int) url.Values {
	v := url.Values{"version": {strconv.Itoa(version)}}
	for i, f := range ruleForms(rs) {
		p := "rules." + strconv.Itoa(i) + "."
		set := func(k, val string) { v.Set(p+k, val) }
		set("name", f.Name)
		set("key", f.Key)
		set("position", strconv.Itoa(i+1))
		set("route.side", f.Side)
		set("route.to", f.To)
		set("route.member", f.Member)
		set("route.role", f.Role)
		set("sla.accept_hours", f.AcceptHours)
		set("sla.contact_days", f.ContactDays)
		set("attribution.kind", f.AttrKind)
		set("attribution.side", f.AttrSide)
		set("attribution.split", f.AttrSplit)
		set("escalate", f.Escalate)
		if f.Reroute {
			set("reroute", "1")
		}
		for j, c := range f.When {
			cp := "when." + strconv.Itoa(j) + "."
			set(cp+"field", c.Field)
			set(cp+"op", c.Op)
			set(cp+"values", c.Values)
			set(cp+"min", c.Min)
			set(cp+"max", c.Max)
		}
		for k, pm := range f.Pool {
			set("route.pool."+strconv.Itoa(k)+".member", pm.Member)
			set("route.pool."+strconv.Itoa(k)+".weight", pm.Weight)
		}
	}
	return v
}
