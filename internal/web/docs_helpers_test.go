package web

import (
	"context"
	"testing"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// Builders for the brief and RACI tests: they go through the real
// service, as the pages' own forms would.

// webinarBrief is a brief with two goals (one counted from leads) and a
// budget with a shared line.
func webinarBrief() duet.Brief {
	return duet.Brief{
		Goals: []duet.KPI{
			{Name: "Webinar registrations", Target: 600, Unit: "registrations", Side: duet.SideHost},
			{Name: "MQLs", Target: 150, Unit: "leads", Side: duet.SidePartner, Measure: duet.MeasureLeads},
		},
		Audience: "Data platform leads at companies with **200+** employees.",
		Scope:    "One live webinar, the landing page, three emails.",
		Timeline: "- 2 Dec: landing page live\n- 19 Jan: webinar",
		Currency: "EUR",
		Budget: []duet.BudgetLine{
			{Item: "Webinar platform", Amount: 2000, PaidBy: duet.PaidByHost},
			{Item: "Paid social", Amount: 6000, PaidBy: duet.PaidByShared, HostShare: 60},
		},
		Contacts: "Pia for the partner's newsletter.",
	}
}

// brief returns the brief as u sees it.
func brief(t *testing.T, f *coretest.Fixture, u coretest.User) core.BriefView {
	t.Helper()
	v, err := f.Svc.Brief(context.Background(), u.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// latestOf is the number of a document's latest version, 0 before the
// first save.
func latestOf(v core.DocView) int {
	if v.Latest == nil {
		return 0
	}
	return v.Latest.Version
}

// saveBrief saves b as u over the latest version and returns its number.
func saveBrief(t *testing.T, f *coretest.Fixture, u coretest.User, b duet.Brief, note string) int {
	t.Helper()
	v, err := f.Svc.SaveBrief(context.Background(), u.Actor, f.WS.ID, duet.DocSave{Base: latestOf(brief(t, f, u).DocView), Note: note}, b)
	if err != nil {
		t.Fatal(err)
	}
	return v.Latest.Version
}

// raci returns the matrix as u sees it.
func raci(t *testing.T, f *coretest.Fixture, u coretest.User) core.RACIView {
	t.Helper()
	v, err := f.Svc.RACI(context.Background(), u.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// designRACI is a valid matrix of two workstreams across both sides.
func designRACI(first string) duet.RACI {
	return duet.RACI{Rows: []duet.RACIRow{
		{Workstream: first, Cells: map[string]string{"designer": "RA", "partner-content-lead": "C", "partner-marketing-lead": "I"}},
		{Workstream: "Landing page", Cells: map[string]string{"demand-gen-lead": "A", "content-lead": "R", "partner-marketing-lead": "C"}},
	}}
}

// saveRACI saves r as u over the latest version and returns its number.
func saveRACI(t *testing.T, f *coretest.Fixture, u coretest.User, r duet.RACI) int {
	t.Helper()
	v, err := f.Svc.SaveRACI(context.Background(), u.Actor, f.WS.ID, duet.DocSave{Base: latestOf(raci(t, f, u).DocView)}, r)
	if err != nil {
		t.Fatal(err)
	}
	return v.Latest.Version
}

// signDoc signs a version of a document as u.
func signDoc(t *testing.T, f *coretest.Fixture, u coretest.User, kind string, version int) duet.DocVersion {
	t.Helper()
	v, err := f.Svc.SignDoc(context.Background(), u.Actor, f.WS.ID, kind, version)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
