package core_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// criterion returns a milestone's criterion with the given check,
// evaluated.
func criterion(t *testing.T, f *coretest.Fixture, milestone, check string) duet.Criterion {
	t.Helper()
	ms, err := f.Svc.Milestones(context.Background(), f.HostMember.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Key != milestone {
			continue
		}
		for _, c := range m.Criteria {
			if c.Check == check {
				return c
			}
		}
	}
	t.Fatalf("no %s criterion on %s", check, milestone)
	return duet.Criterion{}
}

func webinarBrief() duet.Brief {
	return duet.Brief{
		Goals: []duet.KPI{
			{Name: "Webinar registrations", Target: 600, Unit: "registrations", Side: duet.SideHost},
			{Name: "MQLs", Target: 150, Unit: "leads", Side: duet.SidePartner, Measure: duet.MeasureLeads},
			{Name: "Sourced pipeline", Target: 400000, Unit: "USD", Side: duet.SideHost},
		},
		Audience: "Data platform leads at companies with **200+** employees.",
		Scope:    "One live webinar, the landing page, three emails.",
		Budget: []duet.BudgetLine{
			{Item: "Webinar platform", Amount: 2000, PaidBy: duet.PaidByHost},
			{Item: "Paid social", Amount: 6000, PaidBy: duet.PaidByShared, HostShare: 50},
		},
	}
}

// TestBriefSignOff: both sides sign the exact version; an edit makes a
// new, unsigned version, and the Kickoff criterion follows; actuals are
// entered by hand or counted from leads.
func TestBriefSignOff(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		if c := criterion(t, f, "kickoff-complete", duet.CheckBriefSigned); c.Met || !c.Computed || !strings.Contains(c.Why, "not been written") {
			t.Fatalf("before: %+v", c)
		}
		v0, err := f.Svc.Brief(ctx, f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v0.Latest != nil || len(v0.Brief.Goals) != 3 || v0.Brief.Goals[0].Target != 300 || v0.Brief.Goals[1].Measure != duet.MeasureLeadsAccepted {
			t.Fatalf("the template's starting goals: %+v", v0.Brief.Goals)
		}
		bad := webinarBrief()
		bad.Goals[1].Target = 0
		_, err = f.Svc.SaveBrief(ctx, f.HostMember.Actor, f.WS.ID, duet.DocSave{}, bad)
		wantKind(t, "a goal without a target", err, duet.EInvalid, "goals[1].target")
		_, err = f.Svc.SaveBrief(ctx, f.Guest.Actor, f.WS.ID, duet.DocSave{}, webinarBrief())
		wantKind(t, "a guest saves", err, duet.EForbidden, "")
		_, err = f.Svc.SaveBrief(ctx, f.Stranger.Actor, f.WS.ID, duet.DocSave{}, webinarBrief())
		wantKind(t, "a stranger saves", err, duet.ENotFound, "")

		v, err := f.Svc.SaveBrief(ctx, f.HostMember.Actor, f.WS.ID, duet.DocSave{Note: "First draft"}, webinarBrief())
		if err != nil {
			t.Fatal(err)
		}
		if v.Latest == nil || v.Latest.Version != 1 || v.Latest.Status != duet.DocDraft || !v.CanSign || v.Brief.Goals[0].Key != "webinar-registrations" {
			t.Fatalf("after save: %+v", v.DocView)
		}
		_, err = f.Svc.SaveBrief(ctx, f.Partner.Actor, f.WS.ID, duet.DocSave{Base: 0}, webinarBrief())
		wantKind(t, "a save from a stale version", err, duet.EConflict, "")

		if _, err := f.Svc.SignDoc(ctx, f.HostMember.Actor, f.WS.ID, duet.DocBrief, 1); err != nil {
			t.Fatal(err)
		}
		_, err = f.Svc.SignDoc(ctx, f.Admin.Actor, f.WS.ID, duet.DocBrief, 1)
		wantKind(t, "the host signs twice", err, duet.EConflict, "")
		if c := criterion(t, f, "kickoff-complete", duet.CheckBriefSigned); c.Met {
			t.Fatalf("signed by one side only: %+v", c)
		}
		got, err := f.Svc.SignDoc(ctx, f.Partner.Actor, f.WS.ID, duet.DocBrief, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != duet.DocApproved || !got.FullySigned() || got.SignedBy(duet.SidePartner).Signer.MemberID == "" {
			t.Fatalf("signed version %+v", got)
		}
		if c := criterion(t, f, "kickoff-complete", duet.CheckBriefSigned); !c.Met {
			t.Fatalf("signed by both: %+v", c)
		}

		// An edit is a new version: unsigned, and the gate says so.
		edited := webinarBrief()
		edited.Goals[0].Target = 700
		v, err = f.Svc.SaveBrief(ctx, f.Partner.Actor, f.WS.ID, duet.DocSave{Base: 1, Note: "More seats"}, edited)
		if err != nil {
			t.Fatal(err)
		}
		if v.Latest.Version != 2 || v.Latest.Status != duet.DocDraft || v.Approved.Version != 1 {
			t.Fatalf("after edit: latest %+v approved %+v", v.Latest, v.Approved)
		}
		if c := criterion(t, f, "kickoff-complete", duet.CheckBriefSigned); c.Met || !strings.Contains(c.Why, "version 2") {
			t.Fatalf("after edit: %+v", c)
		}
		_, err = f.Svc.SignDoc(ctx, f.HostMember.Actor, f.WS.ID, duet.DocBrief, 1)
		wantKind(t, "signing the old version", err, duet.EConflict, "")
		diff, err := f.Svc.DiffDoc(ctx, f.Partner.Actor, f.WS.ID, duet.DocBrief, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		if diff.Inserted != 1 || diff.Deleted != 1 || len(diff.Hunks) != 1 {
			t.Fatalf("diff +%d -%d in %d hunks", diff.Inserted, diff.Deleted, len(diff.Hunks))
		}

		// Actuals: entered by hand, or counted from routed leads.
		n := 640.0
		if err := f.Svc.SetActual(ctx, f.HostMember.Actor, f.WS.ID, "webinar-registrations", &n); err != nil {
			t.Fatal(err)
		}
		wantKind(t, "entering a computed goal", f.Svc.SetActual(ctx, f.HostMember.Actor, f.WS.ID, "mqls", &n), duet.EInvalid, "key")
		wantKind(t, "an unknown goal", f.Svc.SetActual(ctx, f.HostMember.Actor, f.WS.ID, "vibes", &n), duet.EInvalid, "key")
		v, err = f.Svc.Brief(ctx, f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r := v.Results[0]; r.Actual == nil || *r.Actual != 640 || r.Met || r.Percent != 91 {
			t.Fatalf("registrations %+v", r)
		}
		if r := v.Results[1]; r.Actual == nil || *r.Actual != 0 || !r.Computed {
			t.Fatalf("MQLs %+v", r)
		}
	})
}

// TestRACI: a row with two Accountables is refused, naming it; the
// draft from the task lists validates; signed by both sides, the Kickoff
// criterion is met; the CSV lists the roles used.
func TestRACI(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		v, err := f.Svc.RACI(ctx, f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Drafted || len(v.RACI.Rows) < 4 {
			t.Fatalf("draft: %+v", v.RACI)
		}
		bad := duet.RACI{Rows: []duet.RACIRow{{Workstream: "Design", Cells: map[string]string{"designer": "RA", "partner-content-lead": "A"}}}}
		_, err = f.Svc.SaveRACI(ctx, f.HostMember.Actor, f.WS.ID, duet.DocSave{}, bad)
		wantKind(t, "two Accountables", err, duet.EInvalid, "rows[0]")
		if msg := duet.ErrorMessage(err); !strings.Contains(msg, "Designer") || !strings.Contains(msg, "Partner Content Lead") {
			t.Fatalf("message %q", msg)
		}
		if vs, _ := f.Svc.RACI(ctx, f.HostMember.Actor, f.WS.ID); vs.Latest != nil {
			t.Fatal("a refused RACI was saved")
		}
		draft, err := f.Svc.DraftRACI(ctx, f.HostMember.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.SaveRACI(ctx, f.HostMember.Actor, f.WS.ID, duet.DocSave{}, draft); err != nil {
			t.Fatal(err)
		}
		for _, u := range []coretest.User{f.HostMember, f.Partner} {
			if _, err := f.Svc.SignDoc(ctx, u.Actor, f.WS.ID, duet.DocRACI, 1); err != nil {
				t.Fatal(err)
			}
		}
		if c := criterion(t, f, "kickoff-complete", duet.CheckRACIValid); !c.Met {
			t.Fatalf("RACI signed: %+v", c)
		}
		var csv bytes.Buffer
		if err := f.Svc.WriteRACICSV(ctx, f.Partner.Actor, f.WS.ID, 0, &csv); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
		if len(lines) != len(draft.Rows)+1 || !strings.HasPrefix(lines[0], "Workstream,") || !strings.Contains(lines[0], "(partner)") {
			t.Fatalf("csv:\n%s", csv.String())
		}
		wantKind(t, "a stranger's CSV", f.Svc.WriteRACICSV(ctx, f.Stranger.Actor, f.WS.ID, 0, &csv), duet.ENotFound, "")
	})
}
