package core_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// leadTeam is a fixture with the two signers of the lead-share rules
// (the host's Demand Generation Lead and the partner's Sales Lead) and
// two more partner sellers for a round-robin pool.
type leadTeam struct {
	*coretest.Fixture
	DemandGen, Sales, Sales2, Sales3 coretest.User
}

func newLeadTeam(t *testing.T, engine string) *leadTeam {
	f := coretest.New(t, engine)
	return &leadTeam{Fixture: f,
		DemandGen: f.Join(t, f.WS.ID, "dana@host.test", duet.SideHost, duet.PermMember, "demand-gen-lead"),
		Sales:     f.Join(t, f.WS.ID, "sam@partner.test", duet.SidePartner, duet.PermMember, "partner-sales-lead"),
		Sales2:    f.Join(t, f.WS.ID, "sue@partner.test", duet.SidePartner, duet.PermMember),
		Sales3:    f.Join(t, f.WS.ID, "sid@partner.test", duet.SidePartner, duet.PermMember),
	}
}

func (lt *leadTeam) memberID(t *testing.T, u coretest.User) string {
	t.Helper()
	d, err := lt.Svc.Workspace(context.Background(), lt.Admin.Actor, lt.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range d.Members {
		if m.UserID == u.ID {
			return m.ID
		}
	}
	t.Fatalf("%s is not a member", u.Email)
	return ""
}

// rules is the test rule set: European companies go to the partner's
// round-robin pool (2:1:1), customers of the partner to its Sales Lead,
// everything else to the host's Demand Generation Lead.
func (lt *leadTeam) rules(t *testing.T) duet.RuleSet {
	pool := []duet.PoolMember{{Member: lt.memberID(t, lt.Sales), Weight: 2}, {Member: lt.memberID(t, lt.Sales2), Weight: 1}, {Member: lt.memberID(t, lt.Sales3), Weight: 1}}
	return duet.RuleSet{Rules: []duet.Rule{
		{Name: "Partner customers", When: []duet.Condition{{Field: duet.FieldPartnerCustomer, Op: duet.OpEquals, Values: []string{"yes"}}},
			Route: duet.Route{Side: duet.SidePartner, To: duet.ToRole, Role: "partner-sales-lead"}, SLA: duet.SLA{AcceptHours: 8, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrInfluenced, Side: duet.SideHost, Split: 100}},
		{Name: "Europe", When: []duet.Condition{{Field: duet.FieldCountry, Op: duet.OpIn, Values: []string{"DE", "FR", "NL"}}},
			Route: duet.Route{Side: duet.SidePartner, To: duet.ToPool, Pool: pool}, SLA: duet.SLA{AcceptHours: 4, ContactDays: 1},
			Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SidePartner, Split: 70}, Escalate: "partner-marketing-lead", Reroute: true},
		{Name: "Everything else", Route: duet.Route{Side: duet.SideHost, To: duet.ToRole, Role: "demand-gen-lead"}, SLA: duet.SLA{AcceptHours: 8, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SideHost, Split: 100}, Escalate: "demand-gen-lead"},
	}}
}

// approve saves the rules, proposes them and has both signers sign.
func (lt *leadTeam) approve(t *testing.T, rs duet.RuleSet) int {
	t.Helper()
	ctx := context.Background()
	base := 0
	if v, err := lt.Svc.Rules(ctx, lt.DemandGen.Actor, lt.WS.ID); err == nil && v.Latest != nil {
		base = v.Latest.Version
	}
	v, err := lt.Svc.SaveRules(ctx, lt.DemandGen.Actor, lt.WS.ID, duet.DocSave{Base: base}, rs)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := lt.Svc.ProposeRules(ctx, lt.DemandGen.Actor, lt.WS.ID, v.Latest.Version)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []coretest.User{lt.DemandGen, lt.Sales} {
		if _, err := lt.Svc.SignDecision(ctx, u.Actor, lt.WS.ID, dec.ID, dec.Version); err != nil {
			t.Fatal(err)
		}
	}
	return v.Latest.Version
}

func (lt *leadTeam) intake(t *testing.T, u coretest.User, in ...duet.LeadIn) []core.IntakeResult {
	t.Helper()
	res, err := lt.Svc.IntakeLeads(context.Background(), u.Actor, lt.WS.ID, duet.SourceAPI, in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRulesApproval: bad rules are refused with the field at fault; a
// lead that arrives before approval waits, and is routed when both sides
// approve; only the approved version routes while a newer draft waits.
func TestRulesApproval(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		ctx := context.Background()
		rs := lt.rules(t)
		noFallback := duet.RuleSet{Rules: rs.Rules[:2]}
		_, err := lt.Svc.SaveRules(ctx, lt.DemandGen.Actor, lt.WS.ID, duet.DocSave{}, noFallback)
		wantKind(t, "rules without a fallback", err, duet.EInvalid, "rules[1].when")
		unknown := lt.rules(t)
		unknown.Rules[0].When[0].Field = "budget"
		_, err = lt.Svc.SaveRules(ctx, lt.DemandGen.Actor, lt.WS.ID, duet.DocSave{}, unknown)
		wantKind(t, "a condition on an unknown field", err, duet.EInvalid, "rules[0].when[0].field")
		if v, _ := lt.Svc.Rules(ctx, lt.Partner.Actor, lt.WS.ID); v.Latest != nil || !v.Starter {
			t.Fatal("refused rules were saved")
		}

		early := lt.intake(t, lt.HostMember, duet.LeadIn{Email: "Early@Example.com", Country: "US"})[0]
		if !early.Created || early.Lead.Status != duet.LeadUnrouted || early.Lead.Email != "early@example.com" {
			t.Fatalf("early lead %+v", early)
		}
		if c := criterion(t, lt.Fixture, "assets-approved", duet.CheckLeadRulesApproved); c.Met || !c.Computed {
			t.Fatalf("before approval: %+v", c)
		}
		version := lt.approve(t, rs)
		if c := criterion(t, lt.Fixture, "assets-approved", duet.CheckLeadRulesApproved); !c.Met {
			t.Fatalf("after approval: %+v", c)
		}
		d, err := lt.Svc.Lead(ctx, lt.DemandGen.Actor, lt.WS.ID, early.Lead.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Lead.Status != duet.LeadAssigned || d.Lead.Route.RuleName != "Everything else" || d.Lead.Route.RulesVersion != version ||
			d.Lead.Route.Owner == nil || d.Lead.Route.Owner.Name != "dana@host.test" || len(d.History) != 2 {
			t.Fatalf("early lead after approval: %+v %+v", d.Lead.Route, d.History)
		}

		// A new draft does not route until it is approved in turn.
		draft := lt.rules(t)
		draft.Rules[1].When[0].Values = []string{"US"}
		v, err := lt.Svc.SaveRules(ctx, lt.DemandGen.Actor, lt.WS.ID, duet.DocSave{Base: version}, draft)
		if err != nil {
			t.Fatal(err)
		}
		if v.Latest.Status != duet.DocDraft || v.Approved.Version != version || v.Live == nil {
			t.Fatalf("draft over approved: %+v / %+v", v.Latest, v.Approved)
		}
		ex, err := lt.Svc.ExplainLead(ctx, lt.Partner.Actor, lt.WS.ID, duet.LeadIn{Email: "ann@acme.example", Country: "US", Consent: true})
		if err != nil {
			t.Fatal(err)
		}
		if ex.Approved.Outcome.Rule.Name != "Everything else" || ex.Draft.Outcome.Rule.Name != "Europe" || len(ex.Draft.Outcome.Checks) != 2 ||
			!strings.Contains(ex.Draft.Outcome.Checks[0].Why, "partner customer") || !strings.Contains(ex.Draft.Owner, "sam@partner.test") {
			t.Fatalf("explain: approved %+v\ndraft %+v", ex.Approved, ex.Draft)
		}
		us := lt.intake(t, lt.Partner, duet.LeadIn{Email: "ann@acme.example", Country: "US", Consent: true})[0]
		if us.Lead.Route.RuleName != "Everything else" {
			t.Fatalf("routed by the draft: %+v", us.Lead.Route)
		}

		// Proposing and then editing withdraws the proposal.
		dec, err := lt.Svc.ProposeRules(ctx, lt.DemandGen.Actor, lt.WS.ID, v.Latest.Version)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lt.Svc.SaveRules(ctx, lt.Sales.Actor, lt.WS.ID, duet.DocSave{Base: v.Latest.Version}, lt.rules(t)); err != nil {
			t.Fatal(err)
		}
		got, err := lt.Svc.Decision(ctx, lt.Sales.Actor, lt.WS.ID, dec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != duet.StatusWithdrawn || !strings.Contains(got.Reason, "version") {
			t.Fatalf("proposal after an edit: %s %q", got.Status, got.Reason)
		}
	})
}

// TestLeadConsent: a lead the partner captured without consent to share
// never goes to the host, and the host never sees it; with consent it
// may.
func TestLeadConsent(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		ctx := context.Background()
		lt.approve(t, lt.rules(t))
		kept := lt.intake(t, lt.Partner, duet.LeadIn{Email: "kim@kept.example", Country: "US"})[0].Lead
		if r := kept.Route; r.Side != duet.SidePartner || !r.ConsentKept || r.Owner != nil || !strings.Contains(r.Reason, "consent") {
			t.Fatalf("kept lead %+v", r)
		}
		_, err := lt.Svc.Lead(ctx, lt.DemandGen.Actor, lt.WS.ID, kept.ID)
		wantKind(t, "the host opens a lead it may not have", err, duet.ENotFound, "")
		hostSees, err := lt.Svc.Leads(ctx, lt.DemandGen.Actor, lt.WS.ID, duet.LeadFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(hostSees) != 0 {
			t.Fatalf("host lists %d leads", len(hostSees))
		}
		shared := lt.intake(t, lt.Partner, duet.LeadIn{Email: "sal@shared.example", Country: "US", Consent: true})[0].Lead
		if shared.Route.Side != duet.SideHost || shared.Route.ConsentKept {
			t.Fatalf("shared lead %+v", shared.Route)
		}
		if _, err := lt.Svc.Lead(ctx, lt.DemandGen.Actor, lt.WS.ID, shared.ID); err != nil {
			t.Fatal(err)
		}
		// The partner's side claims the kept lead from its inbox.
		got, err := lt.Svc.AcceptLead(ctx, lt.Sales2.Actor, lt.WS.ID, kept.ID, kept.Version)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != duet.LeadAccepted || got.Route.Owner == nil || got.Route.Owner.Name != "sue@partner.test" {
			t.Fatalf("claimed %+v", got.Route)
		}
	})
}

// TestLeadDedupConcurrent: the same lead sent ten times at once is one
// lead, and every sender is told which.
func TestLeadDedupConcurrent(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		lt.approve(t, lt.rules(t))
		var wg sync.WaitGroup
		numbers := make([]int, 10)
		created := make([]bool, 10)
		errs := make([]error, 10)
		for i := range 10 {
			wg.Go(func() {
				email := "Twin@Example.com"
				if i%2 == 1 {
					email = "  twin@example.COM "
				}
				res, err := lt.Svc.IntakeLeads(context.Background(), lt.HostMember.Actor, lt.WS.ID, duet.SourceAPI, []duet.LeadIn{{Email: email, Country: "US"}})
				if err == nil {
					numbers[i], created[i] = res[0].Lead.Number, res[0].Created
				}
				errs[i] = err
			})
		}
		wg.Wait()
		n := 0
		for i := range 10 {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			if numbers[i] != numbers[0] || numbers[0] == 0 {
				t.Fatalf("numbers %v", numbers)
			}
			if created[i] {
				n++
			}
		}
		all, err := lt.Svc.Leads(context.Background(), lt.DemandGen.Actor, lt.WS.ID, duet.LeadFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 || len(all) != 1 {
			t.Fatalf("%d created, %d leads", n, len(all))
		}
		// By external id too: another email, the same CRM record.
		a := lt.intake(t, lt.HostMember, duet.LeadIn{Email: "one@example.com", ExternalID: "crm-7"})[0]
		b := lt.intake(t, lt.HostMember, duet.LeadIn{Email: "other@example.com", ExternalID: "crm-7"})[0]
		if !a.Created || b.Created || b.Lead.ID != a.Lead.ID {
			t.Fatalf("external id dedup: %v %v", a.Created, b.Created)
		}
	})
}

// berlin is the fixture workspace's time zone.
var berlin, _ = time.LoadLocation("Europe/Berlin")

// TestLeadSLAExpiryAcrossWeekend: a lead routed on Friday at 16:00 with 4
// business hours to accept is due Monday at 12:00; it expires then, once,
// however many runs race, and is re-routed by the fallback.
func TestLeadSLAExpiryAcrossWeekend(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		ctx := context.Background()
		lt.approve(t, lt.rules(t))
		friday := time.Date(2026, 11, 20, 16, 0, 0, 0, berlin)
		lt.Clock.Advance(friday.Sub(lt.Clock.Now()))
		l := lt.intake(t, lt.Partner, duet.LeadIn{Email: "eva@europe.example", Country: "DE"})[0].Lead
		monday := time.Date(2026, 11, 23, 12, 0, 0, 0, berlin)
		if !l.Route.AcceptBy.Equal(monday) || l.Route.RuleName != "Europe" {
			t.Fatalf("accept by %s (rule %s), want %s", l.Route.AcceptBy.In(berlin), l.Route.RuleName, monday)
		}
		if want := time.Date(2026, 11, 23, 17, 0, 0, 0, berlin); !l.Route.ContactBy.Equal(want) {
			t.Fatalf("contact by %s", l.Route.ContactBy.In(berlin))
		}
		next, err := lt.Svc.EscalateLeads(ctx, monday.Add(-time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if !next.Equal(monday) {
			t.Fatalf("next run %s", next)
		}
		lt.Clock.Advance(monday.Sub(lt.Clock.Now()))
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				if _, err := lt.Svc.EscalateLeads(ctx, monday); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		d, err := lt.Svc.Lead(ctx, lt.Partner.Actor, lt.WS.ID, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		expired := 0
		for _, e := range d.History {
			if e.Status == duet.LeadExpired {
				expired++
			}
		}
		if expired != 1 || d.Lead.Status != duet.LeadReassigned || len(d.Routes) != 2 || d.Routes[1].RuleName != "Everything else" {
			t.Fatalf("after escalation: status %s, %d expiries, routes %+v", d.Lead.Status, expired, d.Routes)
		}
		// The first routing record is unchanged.
		if d.Routes[0].RuleName != "Europe" || !d.Routes[0].AcceptBy.Equal(monday) {
			t.Fatalf("first routing rewritten: %+v", d.Routes[0])
		}
		inbox, err := lt.Svc.Notifications(ctx, lt.Partner.Actor)
		if err != nil {
			t.Fatal(err)
		}
		escalated := 0
		for _, n := range inbox.Notifications {
			if n.Kind == duet.NoteLeadEscalated && n.SubjectID == l.ID {
				escalated++
			}
		}
		if escalated != 1 {
			t.Fatalf("%d escalation notices to the partner's Marketing Lead", escalated)
		}
	})
}

// TestRoundRobinFairness: a 2:1:1 pool shares 40 leads 20/10/10; a
// member marked away is skipped until back.
func TestRoundRobinFairness(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		ctx := context.Background()
		lt.approve(t, lt.rules(t))
		count := func(n int, prefix string) map[string]int {
			in := make([]duet.LeadIn, n)
			for i := range in {
				in[i] = duet.LeadIn{Email: fmt.Sprintf("%s%d@eu.example", prefix, i), Country: "FR"}
			}
			got := map[string]int{}
			for _, r := range lt.intake(t, lt.Partner, in...) {
				got[r.Lead.Route.Owner.Name]++
			}
			return got
		}
		got := count(40, "a")
		if got["sam@partner.test"] != 20 || got["sue@partner.test"] != 10 || got["sid@partner.test"] != 10 {
			t.Fatalf("shares %v", got)
		}
		if err := lt.Svc.SetAway(ctx, lt.Sales2.Actor, lt.WS.ID, true); err != nil {
			t.Fatal(err)
		}
		got = count(12, "b")
		if got["sue@partner.test"] != 0 || got["sam@partner.test"]+got["sid@partner.test"] != 12 {
			t.Fatalf("shares with Sue away %v", got)
		}
	})
}

// TestLeadActions: only the owner (or an admin of its side) accepts or
// rejects; a rejection needs a reason; first contact follows acceptance.
func TestLeadActions(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		ctx := context.Background()
		lt.approve(t, lt.rules(t))
		res := lt.intake(t, lt.HostMember, duet.LeadIn{Email: "a@us.example"}, duet.LeadIn{Email: "b@us.example"})
		a, b := res[0].Lead, res[1].Lead
		_, err := lt.Svc.AcceptLead(ctx, lt.HostMember.Actor, lt.WS.ID, a.ID, a.Version)
		wantKind(t, "not the owner", err, duet.EForbidden, "")
		_, err = lt.Svc.AcceptLead(ctx, lt.Sales.Actor, lt.WS.ID, a.ID, a.Version)
		wantKind(t, "the other side, which may not see it", err, duet.ENotFound, "")
		_, err = lt.Svc.RejectLead(ctx, lt.DemandGen.Actor, lt.WS.ID, b.ID, b.Version, " ")
		wantKind(t, "a rejection without a reason", err, duet.EInvalid, "reason")
		_, err = lt.Svc.MarkContacted(ctx, lt.DemandGen.Actor, lt.WS.ID, a.ID, a.Version)
		wantKind(t, "contact before accepting", err, duet.EConflict, "")
		got, err := lt.Svc.AcceptLead(ctx, lt.DemandGen.Actor, lt.WS.ID, a.ID, a.Version)
		if err != nil {
			t.Fatal(err)
		}
		_, err = lt.Svc.AcceptLead(ctx, lt.DemandGen.Actor, lt.WS.ID, a.ID, a.Version)
		wantKind(t, "accepting a stale version", err, duet.EConflict, "")
		if got, err = lt.Svc.MarkContacted(ctx, lt.DemandGen.Actor, lt.WS.ID, a.ID, got.Version); err != nil || got.ContactedAt == nil {
			t.Fatal(err)
		}
		if _, err := lt.Svc.RejectLead(ctx, lt.DemandGen.Actor, lt.WS.ID, b.ID, b.Version, "A competitor's employee"); err != nil {
			t.Fatal(err)
		}
		rep, err := lt.Svc.LeadReport(ctx, lt.Partner.Actor, lt.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		host := rep.BySide[duet.SideHost]
		if rep.Total != 2 || host.Routed != 2 || host.Accepted != 1 || host.Rejected != 1 || host.AcceptMet != 1 || host.ContactMet != 1 || host.Sourced != 2 {
			t.Fatalf("report %+v", rep)
		}
	})
}

// TestLeadWebhook: a signed request brings leads in for the side; a bad
// signature, a stale timestamp or a replay changes nothing.
func TestLeadWebhook(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		ctx := context.Background()
		_, err := lt.Svc.RotateLeadWebhook(ctx, lt.Partner.Actor, lt.WS.ID)
		wantKind(t, "a member sets up the webhook", err, duet.EForbidden, "")
		secret, err := lt.Svc.RotateLeadWebhook(ctx, lt.Admin.Actor, lt.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		body := []byte(`{"leads": [{"email": "web@hook.example", "country": "US", "consent": true}]}`)
		now := lt.Clock.Now()
		ts := fmt.Sprint(now.Unix())
		sig := duet.SignWebhook([]byte(secret), now.Unix(), body)
		_, _, err = lt.Svc.ReceiveLeadWebhook(ctx, lt.WS.ID, duet.SideHost, ts, "v1=00"+sig[5:], body)
		wantKind(t, "a bad signature", err, duet.EUnauthorized, "")
		stale := now.Add(-6 * time.Minute).Unix()
		_, _, err = lt.Svc.ReceiveLeadWebhook(ctx, lt.WS.ID, duet.SideHost, fmt.Sprint(stale), duet.SignWebhook([]byte(secret), stale, body), body)
		wantKind(t, "a stale timestamp", err, duet.EUnauthorized, "")
		_, _, err = lt.Svc.ReceiveLeadWebhook(ctx, lt.WS.ID, duet.SidePartner, ts, sig, body)
		wantKind(t, "the other side's webhook, not set up", err, duet.ENotFound, "")
		if all, _ := lt.Svc.Leads(ctx, lt.HostMember.Actor, lt.WS.ID, duet.LeadFilter{}); len(all) != 0 {
			t.Fatalf("%d leads after refused requests", len(all))
		}
		res, replayed, err := lt.Svc.ReceiveLeadWebhook(ctx, lt.WS.ID, duet.SideHost, ts, sig, body)
		if err != nil || replayed || len(res) != 1 || !res[0].Created || res[0].Lead.Source != duet.SourceWebhook || res[0].Lead.Origin != duet.SideHost {
			t.Fatalf("first delivery: %v %v %+v", err, replayed, res)
		}
		res, replayed, err = lt.Svc.ReceiveLeadWebhook(ctx, lt.WS.ID, duet.SideHost, ts, sig, body)
		if err != nil || !replayed || res != nil {
			t.Fatalf("replay: %v %v %+v", err, replayed, res)
		}
		_, _, err = lt.Svc.ReceiveLeadWebhook(ctx, lt.WS.ID, duet.SideHost, ts, duet.SignWebhook([]byte(secret), now.Unix(), []byte("{")), []byte("{"))
		wantKind(t, "a malformed body", err, duet.EBadRequest, "")
		if err := lt.Svc.DisableLeadWebhook(ctx, lt.Admin.Actor, lt.WS.ID); err != nil {
			t.Fatal(err)
		}
		_, _, err = lt.Svc.ReceiveLeadWebhook(ctx, lt.WS.ID, duet.SideHost, ts, sig, body)
		wantKind(t, "after disabling", err, duet.ENotFound, "")
	})
}

// TestLeadImport: a CSV imports its good rows and reports the bad ones by
// line; importing it again adds nothing; a malformed file imports
// nothing.
func TestLeadImport(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		lt := newLeadTeam(t, engine)
		ctx := context.Background()
		lt.approve(t, lt.rules(t))
		var b strings.Builder
		b.WriteString("Email,Company,Country,Employees,Consent\n")
		for i := range 50 {
			switch i {
			case 7:
				b.WriteString("not-an-email,Acme,US,10,yes\n")
			case 21:
				b.WriteString("x21@import.example,Acme,US,lots,yes\n")
			default:
				fmt.Fprintf(&b, "x%d@import.example,Acme %d,DE,%d,yes\n", i, i, 100+i)
			}
		}
		csv := b.String()
		p, err := lt.Svc.PreviewImport(ctx, lt.Partner.Actor, lt.WS.ID, strings.NewReader(csv))
		if err != nil {
			t.Fatal(err)
		}
		if p.Valid != 48 || p.Invalid != 2 || !p.HasRules || p.Rows[0].Rule != "Europe" || p.Rows[7].Line != 9 || duet.ErrorField(p.Rows[21].Err) != "employees" {
			t.Fatalf("preview valid %d invalid %d rows[0] %+v rows[7] %+v", p.Valid, p.Invalid, p.Rows[0], p.Rows[7])
		}
		if all, _ := lt.Svc.Leads(ctx, lt.Partner.Actor, lt.WS.ID, duet.LeadFilter{}); len(all) != 0 {
			t.Fatal("the preview wrote leads")
		}
		sum, err := lt.Svc.ImportLeads(ctx, lt.Partner.Actor, lt.WS.ID, strings.NewReader(csv))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 48 || len(sum.Errors) != 2 || sum.Errors[0].Line != 9 {
			t.Fatalf("import %+v", sum)
		}
		sum, err = lt.Svc.ImportLeads(ctx, lt.Partner.Actor, lt.WS.ID, strings.NewReader(csv))
		if err != nil || sum.Created != 0 || sum.Duplicates != 48 {
			t.Fatalf("again: %v %+v", err, sum)
		}
		_, err = lt.Svc.ImportLeads(ctx, lt.Partner.Actor, lt.WS.ID, strings.NewReader("email,company\n\"broken,Acme\nx@y.example,B\n"))
		wantKind(t, "a malformed CSV", err, duet.EInvalid, "file")
		all, err := lt.Svc.Leads(ctx, lt.Partner.Actor, lt.WS.ID, duet.LeadFilter{Limit: 1000})
		if err != nil || len(all) != 48 {
			t.Fatalf("%v: %d leads", err, len(all))
		}
	})
}

// TestDemoLeads: the demo's brief is signed by both sides, its RACI by
// the host only, its rules approved, and its leads routed by them.
func TestDemoLeads(t *testing.T) {
	ctx := context.Background()
	svc := coretest.Service(t, coretest.OpenDB(t, "sqlite"), &coretest.Clock{}, nil)
	logins, err := svc.SeedDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	actor := func(email string) *duet.Actor {
		for _, l := range logins {
			if l.Email == email {
				token, _, err := svc.Login(ctx, l.Email, l.Password, "127.0.0.1")
				if err != nil {
					t.Fatal(err)
				}
				a, err := svc.SessionActor(ctx, token)
				if err != nil {
					t.Fatal(err)
				}
				return a
			}
		}
		t.Fatalf("no demo login %s", email)
		return nil
	}
	priya := actor("priya@brightwave.example")
	list, err := svc.Workspaces(ctx, priya)
	if err != nil || len(list) != 1 {
		t.Fatal(err, len(list))
	}
	ws := list[0].ID
	b, err := svc.Brief(ctx, priya, ws)
	if err != nil || b.Approved == nil || len(b.Results) != 4 {
		t.Fatalf("brief: %v %+v", err, b.DocView)
	}
	r, err := svc.RACI(ctx, priya, ws)
	if err != nil || r.Latest == nil || r.Latest.Status != duet.DocDraft || !r.CanSign || r.Problem != nil {
		t.Fatalf("RACI: %v %+v %v", err, r.DocView, r.Problem)
	}
	rules, err := svc.Rules(ctx, priya, ws)
	if err != nil || rules.Live == nil || len(rules.Live.Rules) != 4 {
		t.Fatalf("rules: %v %+v", err, rules.DocView)
	}
	leads, err := svc.Leads(ctx, priya, ws, duet.LeadFilter{Side: duet.SidePartner})
	if err != nil || len(leads) < 4 {
		t.Fatalf("partner leads: %v %d", err, len(leads))
	}
	for _, l := range leads {
		if l.Route == nil || l.Route.RuleName == "" {
			t.Fatalf("unrouted demo lead %+v", l)
		}
	}
}
