package core

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
)

// demoDocs writes the demo's signed documents and leads: the brief signed
// by both sides, a RACI drafted from the task lists and signed by the
// host only (so the partner has something to sign), lead-share rules
// approved through a decision, the partner's customer list, and a
// dozen leads routed by those rules, some already accepted.
func (s *Service) demoDocs(ctx context.Context, tx *store.Tx, tpl *duet.Template, w duet.Workspace, now time.Time) error {
	d, err := tx.Detail(ctx, w.ID, "")
	if err != nil {
		return err
	}
	d.Resolve()
	byEmail := map[string]duet.Member{}
	for _, m := range d.Members {
		byEmail[m.Email] = m
	}
	author := func(email string) duet.Author {
		m := byEmail[email]
		return duet.Author{MemberID: m.ID, Name: m.Name, Side: m.Side}
	}
	write := func(kind string, body any, by string, signers ...string) error {
		raw, err := json.Marshal(body)
		if err != nil {
			return err
		}
		v := duet.DocVersion{Kind: kind, Version: 1, Status: duet.DocDraft, Body: string(raw), By: author(by), Created: now}
		if err := tx.InsertDocVersion(ctx, w.ID, v); err != nil {
			return err
		}
		for _, email := range signers {
			m := byEmail[email]
			if _, err := tx.SignDoc(ctx, w.ID, kind, 1, m.Side, m.ID, now); err != nil {
				return err
			}
		}
		if len(signers) == 2 {
			return tx.SetDocStatus(ctx, w.ID, kind, 1, duet.DocDraft, duet.DocApproved, "")
		}
		return nil
	}

	brief := duet.Brief{
		Goals: []duet.KPI{
			{Name: "Webinar registrations", Target: 600, Unit: "registrations", Side: duet.SideHost},
			{Name: "Live attendees", Target: 240, Unit: "attendees", Side: duet.SideHost},
			{Name: "Marketing-qualified leads", Target: 150, Unit: "MQLs", Side: duet.SidePartner, Measure: duet.MeasureLeads},
			{Name: "Sourced pipeline", Target: 400000, Unit: "USD", Side: duet.SideHost},
		},
		Audience: "Data and platform engineering leads at companies with 200 or more employees, in North America and Europe, " +
			"who run batch pipelines today and are evaluating streaming.",
		Scope:    "One live 45-minute webinar with a speaker from each side, the registration page, three invitation and reminder emails, a recording and a follow-up email.",
		NonGoals: "- No co-branded ebook this quarter.\n- No paid media outside LinkedIn.",
		Messages: "1. **Batch is the bottleneck**: most teams lose a day to nightly jobs.\n2. Lumen plus Brightwave takes a pipeline from batch to streaming in a week.\n3. Customers keep their warehouse; nothing is ripped out.",
		Timeline: "Kickoff, assets approved two weeks before the webinar, registration open four weeks before, the live session on launch day, follow-up within a day.",
		Currency: "USD",
		Budget: []duet.BudgetLine{
			{Item: "Webinar platform", Amount: 2500, PaidBy: duet.PaidByHost},
			{Item: "LinkedIn promotion", Amount: 8000, PaidBy: duet.PaidByShared, HostShare: 50},
			{Item: "Speaker gifts", Amount: 600, PaidBy: duet.PaidByPartner},
		},
		Contacts: "- Jordan Reyes, Partner Marketing Lead — jordan@brightwave.example\n- Priya Natarajan, content and sales follow-up — priya@brightwave.example",
	}
	if err := brief.Validate(); err != nil {
		return err
	}
	if err := write(duet.DocBrief, brief, "maya@lumen.example", "maya@lumen.example", "jordan@brightwave.example"); err != nil {
		return err
	}

	tasks, err := tx.Tasks(ctx, w.ID, "", duet.TaskFilter{})
	if err != nil {
		return err
	}
	src := duet.RACISource{Lists: d.TaskLists, Tasks: tasks, Members: d.Members, Roles: d.Roles}
	for _, st := range tpl.Assets.ReviewSteps {
		src.ReviewRoles = append(src.ReviewRoles, st.Role)
	}
	raci := duet.DraftRACI(src)
	if err := raci.Validate(d.Roles); err != nil {
		return fmt.Errorf("demo RACI: %w", err)
	}
	if err := write(duet.DocRACI, raci, "dev@lumen.example", "maya@lumen.example"); err != nil {
		return err
	}

	priya, jordan := byEmail["priya@brightwave.example"], byEmail["jordan@brightwave.example"]
	rules := duet.RuleSet{Rules: []duet.Rule{
		{Name: "Brightwave customers", When: []duet.Condition{{Field: duet.FieldPartnerCustomer, Op: duet.OpEquals, Values: []string{"yes"}}},
			Route: duet.Route{Side: duet.SidePartner, To: duet.ToRole, Role: "partner-sales-lead"}, SLA: duet.SLA{AcceptHours: 8, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrInfluenced, Side: duet.SideHost, Split: 100}, Escalate: "partner-marketing-lead"},
		{Name: "Europe", When: []duet.Condition{{Field: duet.FieldCountry, Op: duet.OpIn, Values: []string{"DE", "FR", "GB", "NL", "ES", "IT", "SE"}}},
			Route: duet.Route{Side: duet.SidePartner, To: duet.ToPool, Pool: []duet.PoolMember{{Member: priya.ID, Weight: 2}, {Member: jordan.ID, Weight: 1}}},
			SLA:   duet.SLA{AcceptHours: 4, ContactDays: 1}, Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SidePartner, Split: 70},
			Escalate: "partner-marketing-lead", Reroute: true},
		{Name: "Enterprise accounts", When: []duet.Condition{{Field: duet.FieldEmployees, Op: duet.OpRange, Min: new(1000)}},
			Route: duet.Route{Side: duet.SideHost, To: duet.ToRole, Role: "demand-gen-lead"}, SLA: duet.SLA{AcceptHours: 4, ContactDays: 1},
			Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SideHost, Split: 60}, Escalate: "partner-marketing-manager"},
		{Name: "Everything else", Route: duet.Route{Side: duet.SideHost, To: duet.ToRole, Role: "demand-gen-lead"}, SLA: duet.SLA{AcceptHours: 8, ContactDays: 2},
			Attribution: duet.Attribution{Kind: duet.AttrSourced, Side: duet.SideHost, Split: 100}, Escalate: "partner-marketing-manager"},
	}}
	if err := rules.Validate(d.Roles, d.Members); err != nil {
		return fmt.Errorf("demo rules: %w", err)
	}
	if err := write(duet.DocRules, rules, "dev@lumen.example"); err != nil {
		return err
	}
	dev := byEmail["dev@lumen.example"]
	dec := s.newDecision(d, duet.KindLeadShareRules, "Lead-share rules, version 1",
		"These lead-share rules route every lead that arrives once both sides approve them. First match wins.\n\n"+rules.Text(nameLookup(d)),
		"Europe goes to Brightwave's team, who sell there; everything else stays with Lumen.", duet.DecisionSigners(tpl, duet.KindLeadShareRules))
	if err := s.recordDecision(ctx, tx, nil, w.ID, &dev, &dec, "", ""); err != nil {
		return err
	}
	holders := duet.RoleHolders(d.Members)
	for _, so := range dec.SignOffs {
		if h := holders[so.RoleKey]; len(h) > 0 {
			if _, err := tx.SignOff(ctx, dec.ID, []string{so.RoleKey}, h[0].ID, dec.Version, now); err != nil {
				return err
			}
		}
	}
	if err := tx.SetDecisionStatus(ctx, dec.ID, duet.StatusProposed, duet.StatusApproved, "", now); err != nil {
		return err
	}
	if err := tx.SetDocStatus(ctx, w.ID, duet.DocRules, 1, duet.DocDraft, duet.DocApproved, dec.ID); err != nil {
		return err
	}
	if err := tx.ReplaceAccounts(ctx, w.ID, duet.SidePartner, []string{"northwind.example", "tailspin.example"}, jordan.ID, now); err != nil {
		return err
	}

	r, err := s.newRouter(ctx, tx, w.ID)
	if err != nil {
		return err
	}
	leads := []struct {
		in     duet.LeadIn
		origin duet.Side
		accept bool
	}{
		{duet.LeadIn{Email: "olivia.chen@northwind.example", Name: "Olivia Chen", Company: "Northwind Traders", Country: "US", Employees: new(850), FormID: "webinar-registration", Consent: true}, duet.SideHost, true},
		{duet.LeadIn{Email: "lukas.weber@kontor.example", Name: "Lukas Weber", Company: "Kontor Logistik", Country: "DE", Employees: new(420), FormID: "webinar-registration", Consent: true}, duet.SideHost, true},
		{duet.LeadIn{Email: "amelie.roux@lumiere.example", Name: "Amélie Roux", Company: "Lumière Retail", Country: "FR", Employees: new(1200), UTMSource: "linkedin", Consent: true}, duet.SideHost, false},
		{duet.LeadIn{Email: "raj.patel@globex.example", Name: "Raj Patel", Company: "Globex", Country: "US", Employees: new(5400), UTMSource: "linkedin", Consent: true}, duet.SideHost, true},
		{duet.LeadIn{Email: "sofia.martins@vela.example", Name: "Sofia Martins", Company: "Vela Health", Country: "US", Employees: new(300), FormID: "webinar-registration"}, duet.SideHost, false},
		{duet.LeadIn{Email: "tom.baker@tailspin.example", Name: "Tom Baker", Company: "Tailspin Toys", Country: "GB", Employees: new(650), Consent: true}, duet.SidePartner, false},
		{duet.LeadIn{Email: "hanna.nilsson@fjord.example", Name: "Hanna Nilsson", Company: "Fjord Energy", Country: "SE", Employees: new(2200), UTMSource: "newsletter"}, duet.SidePartner, false},
		{duet.LeadIn{Email: "marco.rossi@sole.example", Name: "Marco Rossi", Company: "Sole Foods", Country: "IT", Employees: new(140), UTMSource: "newsletter", Consent: true}, duet.SidePartner, true},
		{duet.LeadIn{Email: "grace.kim@contoso.example", Name: "Grace Kim", Company: "Contoso", Country: "CA", Employees: new(980), FormID: "webinar-registration", Consent: true}, duet.SideHost, false},
	}
	for _, x := range leads {
		in := x.in
		if err := in.Normalize(""); err != nil {
			return err
		}
		l, _, err := s.intakeOne(ctx, tx, r, in, x.origin, duet.SourceWebhook)
		if err != nil {
			return err
		}
		if x.accept && l.Route != nil && l.Route.Owner != nil {
			l.AcceptedAt = &now
			if err := tx.SetLeadStatus(ctx, &l, duet.LeadAccepted, "", now); err != nil {
				return err
			}
			if err := tx.AddLeadEvent(ctx, l.ID, duet.LeadEvent{At: now, Actor: l.Route.Owner, Status: duet.LeadAccepted, Note: "Accepted by " + l.Route.Owner.Name + "."}); err != nil {
				return err
			}
		}
	}
	return nil
}
