package core_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

func TestRecordAsDecisionAndSignBothSides(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		day := coretest.Channel(t, f.WS, "day-to-day")
		msg, err := f.Svc.PostMessage(ctx, f.HostMember.Actor, f.WS.ID, day.ID, duet.MessagePost{Body: "ok, we agreed to go with the blue hero image"})
		if err != nil {
			t.Fatal(err)
		}
		if msg.Candidate != duet.CandidateFlagged {
			t.Fatalf("candidate = %q", msg.Candidate)
		}
		cands, _ := f.Svc.Candidates(ctx, f.Partner.Actor, f.WS.ID)
		if len(cands) != 1 || cands[0].ID != msg.ID {
			t.Fatalf("candidates = %+v", cands)
		}
		d, err := f.Svc.ProposeDecision(ctx, f.HostMember.Actor, f.WS.ID, duet.DecisionCreate{Kind: duet.KindOther, Title: "Blue hero image", Body: msg.Body, FromMessage: msg.ID})
		if err != nil {
			t.Fatal(err)
		}
		if d.Number != 1 || d.Status != duet.StatusProposed || d.SourceMsgID != msg.ID || len(d.SignOffs) != 2 {
			t.Fatalf("decision = %+v", d)
		}
		if cands, _ := f.Svc.Candidates(ctx, f.Partner.Actor, f.WS.ID); len(cands) != 0 {
			t.Errorf("recorded message still a candidate")
		}
		// The signers were asked.
		if in, _ := f.Svc.Notifications(ctx, f.Partner.Actor); in.Unread != 1 || in.Notifications[0].Kind != duet.NoteSignOff {
			t.Errorf("partner inbox = %+v", in)
		}
		if _, err := f.Svc.ProposeDecision(ctx, f.HostMember.Actor, f.WS.ID, duet.DecisionCreate{Title: "again", Body: "x", FromMessage: msg.ID}); duet.ErrorKind(err) != duet.EConflict {
			t.Errorf("recording a message twice: %v", err)
		}
		// Signing for the other side, and by someone holding no signer role.
		if _, err := f.Svc.SignDecision(ctx, f.HostMember.Actor, f.WS.ID, d.ID, 1); duet.ErrorKind(err) != duet.EForbidden {
			t.Errorf("non-signer signing: %v", err)
		}
		// Editing resets sign-offs; a stale version is refused.
		if _, err := f.Svc.SignDecision(ctx, f.Admin.Actor, f.WS.ID, d.ID, 1); err != nil {
			t.Fatal(err)
		}
		d, err = f.Svc.EditDecision(ctx, f.HostMember.Actor, f.WS.ID, d.ID, duet.DecisionUpdate{Version: 1, Title: "Blue hero image, v2", Body: "Blue hero on every asset."})
		if err != nil {
			t.Fatal(err)
		}
		if d.Version != 2 || len(d.Pending()) != 2 {
			t.Fatalf("after edit: version %d, pending %d", d.Version, len(d.Pending()))
		}
		if _, err := f.Svc.EditDecision(ctx, f.HostMember.Actor, f.WS.ID, d.ID, duet.DecisionUpdate{Version: 1, Title: "stale", Body: "stale"}); duet.ErrorKind(err) != duet.EConflict {
			t.Errorf("stale edit: %v", err)
		}
		if _, err := f.Svc.SignDecision(ctx, f.Admin.Actor, f.WS.ID, d.ID, 1); duet.ErrorKind(err) != duet.EConflict {
			t.Errorf("signing an old version: %v", err)
		}
		if _, err := f.Svc.SignDecision(ctx, f.Admin.Actor, f.WS.ID, d.ID, 2); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.SignDecision(ctx, f.Admin.Actor, f.WS.ID, d.ID, 2); duet.ErrorKind(err) != duet.EConflict {
			t.Errorf("signing twice: %v", err)
		}
		d, err = f.Svc.SignDecision(ctx, f.Partner.Actor, f.WS.ID, d.ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != duet.StatusApproved || d.Decided == nil || !d.Locked() {
			t.Fatalf("after both signed: %+v", d)
		}
		if _, err := f.Svc.EditDecision(ctx, f.HostMember.Actor, f.WS.ID, d.ID, duet.DecisionUpdate{Version: 2, Title: "x", Body: "y"}); duet.ErrorKind(err) != duet.EConflict {
			t.Errorf("editing an approved decision: %v", err)
		}
		if _, err := f.Svc.WithdrawDecision(ctx, f.HostMember.Actor, f.WS.ID, d.ID, ""); duet.ErrorKind(err) != duet.EConflict {
			t.Errorf("withdrawing an approved decision: %v", err)
		}
		// A change is a new decision that supersedes it.
		next, err := f.Svc.ProposeDecision(ctx, f.Partner.Actor, f.WS.ID, duet.DecisionCreate{Title: "Green hero image", Body: "Green instead.", Supersedes: d.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []*duet.Actor{f.Admin.Actor, f.Partner.Actor} {
			if next, err = f.Svc.SignDecision(ctx, a, f.WS.ID, next.ID, 1); err != nil {
				t.Fatal(err)
			}
		}
		old, _ := f.Svc.Decision(ctx, f.HostMember.Actor, f.WS.ID, d.ID)
		if next.Status != duet.StatusApproved || old.Status != duet.StatusSuperseded || old.SupersededBy == nil || old.SupersededBy.ID != next.ID {
			t.Fatalf("supersede: new %s, old %s %+v", next.Status, old.Status, old.SupersededBy)
		}
		// D-n in a message becomes a chip.
		ref, err := f.Svc.PostMessage(ctx, f.Partner.Actor, f.WS.ID, day.ID, duet.MessagePost{Body: "see D-2"})
		if err != nil {
			t.Fatal(err)
		}
		if want := `href="/w/` + f.WS.ID + `/decisions/` + next.ID + `"`; !strings.Contains(string(ref.HTML), want) {
			t.Errorf("chip: %s", ref.HTML)
		}
		hits, err := f.Svc.Search(ctx, f.Partner.Actor, f.WS.ID, "green")
		if err != nil || len(hits) == 0 || hits[0].Kind != "decision" {
			t.Errorf("search decisions: %v %+v", err, hits)
		}
		list, _ := f.Svc.Decisions(ctx, f.Partner.Actor, f.WS.ID, duet.DecisionFilter{Status: duet.StatusApproved})
		if len(list) != 1 || list[0].ID != next.ID {
			t.Errorf("approved decisions = %+v", list)
		}
	})
}

func TestRejectAndWithdraw(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		d, err := f.Svc.ProposeDecision(ctx, f.HostMember.Actor, f.WS.ID, duet.DecisionCreate{Kind: duet.KindScopeChange, Title: "Drop the webinar", Body: "No webinar."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.RejectDecision(ctx, f.Partner.Actor, f.WS.ID, d.ID, ""); duet.ErrorField(err) != "reason" {
			t.Errorf("reject without reason: %v", err)
		}
		if _, err := f.Svc.RejectDecision(ctx, f.HostMember.Actor, f.WS.ID, d.ID, "no"); duet.ErrorKind(err) != duet.EForbidden {
			t.Errorf("non-signer rejecting: %v", err)
		}
		if _, err := f.Svc.WithdrawDecision(ctx, f.Partner.Actor, f.WS.ID, d.ID, ""); duet.ErrorKind(err) != duet.EForbidden {
			t.Errorf("partner withdrawing a host proposal: %v", err)
		}
		d, err = f.Svc.RejectDecision(ctx, f.Partner.Actor, f.WS.ID, d.ID, "The webinar is the point.")
		if err != nil || d.Status != duet.StatusRejected || d.Reason == "" {
			t.Fatalf("reject: %v %+v", err, d)
		}
		if _, err := f.Svc.SignDecision(ctx, f.Admin.Actor, f.WS.ID, d.ID, 1); duet.ErrorKind(err) != duet.EConflict {
			t.Errorf("signing a rejected decision: %v", err)
		}
		if _, err := f.Svc.ProposeDecision(ctx, f.Guest.Actor, f.WS.ID, duet.DecisionCreate{Title: "x", Body: "y"}); duet.ErrorKind(err) != duet.EForbidden {
			t.Errorf("guest proposing: %v", err)
		}
		if _, err := f.Svc.ProposeDecision(ctx, f.Stranger.Actor, f.WS.ID, duet.DecisionCreate{Title: "x", Body: "y"}); duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("stranger proposing: %v", err)
		}
		if _, err := f.Svc.ProposeDecision(ctx, f.HostMember.Actor, f.WS.ID, duet.DecisionCreate{Kind: "vibes", Title: "x", Body: "y"}); duet.ErrorField(err) != "kind" {
			t.Errorf("unknown kind: %v", err)
		}
		if _, err := f.Svc.ProposeDecision(ctx, f.HostMember.Actor, f.WS.ID, duet.DecisionCreate{Title: "x", Body: "y", Signers: []string{"content-lead"}}); duet.ErrorField(err) != "signers" {
			t.Errorf("one-sided signers: %v", err)
		}
	})
}

// Sign-offs race from both sides; exactly one approval results.
func TestConcurrentSignOffs(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		second := f.Join(t, f.WS.ID, "pat@partner.test", duet.SidePartner, duet.PermMember, "partner-marketing-lead")
		for round := range 5 {
			d, err := f.Svc.ProposeDecision(ctx, f.HostMember.Actor, f.WS.ID, duet.DecisionCreate{Title: "Round", Body: "Race " + string(rune('a'+round))})
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make(chan error, 6)
			for _, a := range []*duet.Actor{f.Admin.Actor, f.Partner.Actor, second.Actor, f.Admin.Actor, f.Partner.Actor, second.Actor} {
				wg.Go(func() {
					_, err := f.Svc.SignDecision(ctx, a, f.WS.ID, d.ID, 1)
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			ok := 0
			for err := range errs {
				switch {
				case err == nil:
					ok++
				case duet.ErrorKind(err) == duet.EConflict:
				default:
					t.Errorf("unexpected error: %v", err)
				}
			}
			got, _ := f.Svc.Decision(ctx, f.Admin.Actor, f.WS.ID, d.ID)
			if ok != 2 || got.Status != duet.StatusApproved {
				t.Fatalf("round %d: %d signatures succeeded, status %s", round, ok, got.Status)
			}
		}
		side, _ := f.Svc.StreamSide(ctx, f.Admin.Actor, f.WS.ID)
		evs, _ := f.Svc.EventsAfter(ctx, f.WS.ID, side, 0)
		approvals := 0
		for _, e := range evs {
			if e.Type == "decision.approved" {
				approvals++
			}
		}
		if approvals != 5 {
			t.Errorf("%d approval events for 5 decisions", approvals)
		}
	})
}
