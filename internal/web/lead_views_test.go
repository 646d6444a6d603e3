package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// leadViews builds the rules pages and the leads pages from a campaign
// on a fixture of its own: version 1 of the rules approved, version 2
// proposed, leads routed to both sides, one rejected.
func leadViews(t *testing.T) map[string]viewCase {
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	w := newLeadWorld(t, f)
	w.approveRules(t, euRules())
	rs := euRules()
	rs.Rules[0].When[0].Values = []string{"DE", "FR", "AT"}
	w.saveRules(t, rs)
	w.propose(t, 2)
	ls := w.intake(t, f.Admin, duet.LeadIn{Email: "ana@acme.example", Name: "Ana Diaz", Company: "Acme", Country: "FR", Consent: true},
		duet.LeadIn{Email: "bo@globex.example", Country: "US"})
	if _, err := f.Svc.RejectLead(ctx, f.HostMember.Actor, f.WS.ID, ls[1].ID, ls[1].Version, "Spam."); err != nil {
		t.Fatal(err)
	}
	v := viewerFor(t, f, f.Admin)
	s := newServer(f.Svc, Options{}, staticFiles())
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r = r.WithContext(withActor(r.Context(), f.Admin.Actor, "token"))
	nav := func(active string) Base { return Base{Title: "Leads", Nav: navOf(v.d, active)} }

	rv, err := f.Svc.Rules(ctx, f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := s.rulesPage(r, v, rv)
	if err != nil {
		t.Fatal(err)
	}
	rules.Base, rules.Notice = nav("rules"), "Saved as version 2."
	ex, err := f.Svc.ExplainLead(ctx, f.Admin.Actor, f.WS.ID, duet.LeadIn{Email: "cy@acme.example", Country: "AT", Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	rules.Test.Form, rules.Test.Result = LeadTestForm{Email: "cy@acme.example", Country: "AT", Consent: true}, v.explainView(ex)
	rules.Webhook.Secret = "whsec_0123"

	forms := ruleForms(rv.Draft)
	forms[1].When = []CondForm{{Field: "company", Op: "equals", Values: "Initech"}}
	edit := v.rulesEditPage(rv, forms, 2, "Austria too", duet.Invalid("rules[1].when", "the last rule must be the fallback, with no conditions"))
	edit.Base = nav("rules")

	diff, err := f.Svc.DiffDoc(ctx, f.Admin.Actor, f.WS.ID, duet.DocRules, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	cmpPage := &RulesComparePage{Base: nav("rules"), WS: v.d.ID, From: "Version 1", To: "Version 2", FromSt: "Approved", ToSt: "Proposed",
		Added: diff.Inserted, Removed: diff.Deleted, Summary: "1 line added, 1 removed", Compare: rulesCompareForm(v.d.ID, rv.Versions)}
	for _, h := range diff.Hunks {
		cmpPage.Hunks = append(cmpPage.Hunks, hunkView(h, "v1", "v2"))
	}

	leads, err := f.Svc.Leads(ctx, f.Admin.Actor, f.WS.ID, duet.LeadFilter{})
	if err != nil {
		t.Fatal(err)
	}
	list := &LeadsPage{Base: nav("leads"), WS: v.d.ID, Tabs: leadTabs(v.d.ID, "inbox"), Count: "2 leads", CSV: leadsURL(v.d.ID) + ".csv",
		Away: AwayView{Action: leadsURL(v.d.ID) + "/away", Away: true}, CanAdd: true,
		Filter: LeadFilterView{Action: leadsURL(v.d.ID), View: "all", Statuses: leadStatusOptions("")},
		Views:  []LeadViewTab{{Label: "All I can see", URL: leadsURL(v.d.ID), Current: true}, {Label: "Mine", URL: leadsURL(v.d.ID) + "?view=mine"}}}
	for _, l := range leads {
		list.Rows = append(list.Rows, v.leadRow(l))
	}

	ld, err := f.Svc.Lead(ctx, f.Admin.Actor, f.WS.ID, ls[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	show := v.leadPage(ld)
	show.Base = nav("leads")

	pv, err := f.Svc.PreviewImport(ctx, f.Admin.Actor, f.WS.ID, strings.NewReader("email,name,consent\nnew@initech.example,New,yes\nbad,Bad,yes\nana@acme.example,Ana,maybe\n"))
	if err != nil {
		t.Fatal(err)
	}
	preview := &LeadImportPage{Base: nav("leads"), WS: v.d.ID, Tabs: leadTabs(v.d.ID, "import"), Action: leadImportURL(v.d.ID),
		Limit: csvLimit(), Preview: importPreview(pv), CSV: "email,name\n"}

	rep, err := f.Svc.LeadReport(ctx, f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	report := v.leadReportPage(rep)
	report.Base = nav("leads")

	return map[string]viewCase{
		"rules_show": {rules, []string{"Lead-share rules", "Saved as version 2.", "Version 1 routes leads now.", "Version 2 is proposed for approval.",
			"0 of 2 signed", "country is one of DE, FR, AT", "Show the approved rules that route now", "Version 2 · not approved yet",
			"Rule 1 · EU leads", "Country “AT” is one of DE, FR, AT.", "whsec_0123", "/api/v1/hooks/leads/" + v.d.ID + "/host",
			`id="rules-test"`, "Customer lists", "Upload Hostco’s list"}},
		"rules_edit": {edit, []string{"Edit the lead-share rules", `value="EU leads"`, "The last rule must be the fallback, with no conditions.",
			`id="r2-when-error"`, ">Initech</textarea>", "Version 2 is proposed for approval as D-2", "New rule", `<template id="rule-template">`}},
		"rules_compare": {cmpPage, []string{"Compare Version 1 and Version 2", `class="dl dl-ins"`, "DE, FR, AT"}},
		"lead_list": {list, []string{"2 leads", "Ana Diaz", "bo@globex.example", `<span class="lstatus lstatus-rejected">`, "You are marked away",
			"I’m back", "EU leads"}},
		"lead_show": {show, []string{"L-2", "bo@globex.example", "Rejected:</strong> Spam.", "No consent to be shared", "Everything else",
			"Rejected by hal@host.test: Spam.", "It is rejected."}},
		"lead_import": {preview, []string{"Check the import", `<td class="ld-line">3</td><td>email</td>`, `<td class="ld-line">4</td><td>consent</td>`,
			"Import 1 leads", "Where they would go"}},
		"lead_report": {report, []string{"Lead report", "1 lead routed here", "Rejected", "EU leads", "Everything else"}},
	}
}

// TestRenderRulesTestFragment renders what htmx swaps in for "test a
// lead": the box alone, with the result.
func TestRenderRulesTestFragment(t *testing.T) {
	f := coretest.New(t, "sqlite")
	s := newServer(f.Svc, Options{}, staticFiles())
	v := viewerFor(t, f, f.Partner)
	ex, err := f.Svc.ExplainLead(context.Background(), f.Partner.Actor, f.WS.ID, duet.LeadIn{Email: "a@acme.example"})
	if err != nil {
		t.Fatal(err)
	}
	tv := RulesTestView{Action: "/x", Form: LeadTestForm{Email: "a@acme.example"}, Result: v.explainView(ex)}
	rec := httptest.NewRecorder()
	s.fragment(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, "rules-test", tv)
	body := rec.Body.String()
	for _, want := range []string{`<section class="card rl-test" id="rules-test"`, "Latest draft", "No version is approved yet", `hx-target="#rules-test"`} {
		if !strings.Contains(body, want) {
			t.Errorf("lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<html") {
		t.Error("a fragment with the layout")
	}
}
