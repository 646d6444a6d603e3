package core_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
	"duet/internal/store"
)

func checkInByKey(t testing.TB, d *duet.WorkspaceDetail, key string) duet.CheckIn {
	t.Helper()
	for _, c := range d.CheckIns {
		if c.Key == key {
			return c
		}
	}
	t.Fatalf("no check-in %q", key)
	return duet.CheckIn{}
}

func wantKind(t *testing.T, what string, err error, kind, field string) {
	t.Helper()
	if duet.ErrorKind(err) != kind || duet.ErrorField(err) != field {
		t.Fatalf("%s: %v, want %s on %q", what, err, kind, field)
	}
}

// TestCheckInAnswers: the Monday check-in's first occurrence is open at
// once; those asked answer for themselves only; who has not answered
// shrinks; an answer kept to one side is hidden from the other.
func TestCheckInAnswers(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		mon := checkInByKey(t, f.WS, "monday-check-in")
		occ, err := f.Svc.CurrentOccurrence(ctx, f.HostMember.Actor, f.WS.ID, mon.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Kickoff 9 Nov; now is Monday 16 Nov 15:00 Berlin, after that
		// day's meeting: the first occurrence is next Monday at 10:00.
		if got := occ.StartsAt.In(f.WS.Loc).Format("Mon 2006-01-02 15:04 MST"); got != "Mon 2026-11-23 10:00 CET" {
			t.Fatalf("first meeting %s", got)
		}
		if occ.State(f.Clock.Now()) != duet.OccOpen {
			t.Fatalf("first occurrence is %s, want open at once", occ.State(f.Clock.Now()))
		}
		before, err := f.Svc.Occurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !before.CanAnswer || len(before.NotAnswered) != 4 {
			t.Fatalf("can answer %v, not answered %d, want all four members of both sides", before.CanAnswer, len(before.NotAnswered))
		}
		if _, err := f.Svc.AnswerOccurrence(ctx, f.HostMember.Actor, f.WS.ID, occ.ID, duet.AnswerSave{Question: "progress", Body: "Landing page copy is **done**."}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.AnswerOccurrence(ctx, f.HostMember.Actor, f.WS.ID, occ.ID, duet.AnswerSave{Question: "blockers", Body: "Budget sign-off is host business.", Visibility: duet.VisHost}); err != nil {
			t.Fatal(err)
		}
		a, err := f.Svc.AnswerOccurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID, duet.AnswerSave{Question: "progress", Body: "Newsletter slot booked."})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(a.HTML), "Newsletter slot booked.") {
			t.Errorf("rendered %q", a.HTML)
		}
		// Answering for someone else, an unknown question, the go/no-go
		// as text: refused, nothing written.
		var hostMemberID string
		for _, m := range before.Asked {
			if m.UserID == f.HostMember.ID {
				hostMemberID = m.ID
			}
		}
		_, err = f.Svc.AnswerOccurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID, duet.AnswerSave{Question: "progress", Body: "Forged", MemberID: hostMemberID})
		wantKind(t, "answer for someone else", err, duet.EForbidden, "")
		_, err = f.Svc.AnswerOccurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID, duet.AnswerSave{Question: "mood", Body: "x"})
		wantKind(t, "unknown question", err, duet.EInvalid, "question")
		_, err = f.Svc.AnswerOccurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID, duet.AnswerSave{Question: "progress", Body: "  "})
		wantKind(t, "empty answer", err, duet.EInvalid, "body")

		host, err := f.Svc.Occurrence(ctx, f.HostMember.Actor, f.WS.ID, occ.ID)
		if err != nil {
			t.Fatal(err)
		}
		partner, err := f.Svc.Occurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(host.Answers["progress"]) != 2 || host.Answers["progress"][0].Body == "Forged" || host.Answers["progress"][1].Body == "Forged" {
			t.Errorf("host sees progress answers %+v", host.Answers["progress"])
		}
		if len(host.Answers["blockers"]) != 1 || len(partner.Answers["blockers"]) != 0 {
			t.Errorf("blockers: host sees %d, partner %d; the host-only answer must stay with the host", len(host.Answers["blockers"]), len(partner.Answers["blockers"]))
		}
		if len(partner.NotAnswered) != 2 || slices.ContainsFunc(partner.NotAnswered, func(m duet.Member) bool { return m.UserID == f.Partner.ID || m.UserID == f.HostMember.ID }) {
			t.Errorf("not answered: %v", partner.NotAnswered)
		}
		if len(host.Agenda.BlockerAnswers) != 1 || len(partner.Agenda.BlockerAnswers) != 0 {
			t.Errorf("agenda blocker answers: host %d, partner %d", len(host.Agenda.BlockerAnswers), len(partner.Agenda.BlockerAnswers))
		}
		// Editing replaces the answer; still one per member and question.
		if _, err := f.Svc.AnswerOccurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID, duet.AnswerSave{Question: "progress", Body: "Newsletter slot booked for 12 March."}); err != nil {
			t.Fatal(err)
		}
		partner, _ = f.Svc.Occurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID)
		if got := partner.Mine["progress"].Body; got != "Newsletter slot booked for 12 March." || len(partner.Answers["progress"]) != 2 {
			t.Errorf("after edit: mine %q, %d answers", got, len(partner.Answers["progress"]))
		}
		// An answer kept to the host side does not even show the partner
		// that the guest answered.
		if _, err := f.Svc.AnswerOccurrence(ctx, f.Guest.Actor, f.WS.ID, occ.ID, duet.AnswerSave{Question: "progress", Body: "Legal is fine.", Visibility: duet.VisHost}); err != nil {
			t.Fatal(err)
		}
		guestWaits := func(u coretest.User) bool {
			v, err := f.Svc.Occurrence(ctx, u.Actor, f.WS.ID, occ.ID)
			if err != nil {
				t.Fatal(err)
			}
			return slices.ContainsFunc(v.NotAnswered, func(m duet.Member) bool { return m.UserID == f.Guest.ID })
		}
		if guestWaits(f.HostMember) || !guestWaits(f.Partner) {
			t.Errorf("the guest's host-only answer: host sees it %v, partner sees it %v", !guestWaits(f.HostMember), !guestWaits(f.Partner))
		}
		// A stranger to the workspace sees nothing of it.
		_, err = f.Svc.Occurrence(ctx, f.Stranger.Actor, f.WS.ID, occ.ID)
		wantKind(t, "stranger", err, duet.ENotFound, "")
	})
}

// TestLaunchCallVotes: each side's voter votes once; a no-go needs a
// reason and records the blockers; the second vote writes the launch-call
// decision, approved and signed by both voters.
func TestLaunchCallVotes(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		thu := checkInByKey(t, f.WS, "thursday-readiness")
		occ, err := f.Svc.CurrentOccurrence(ctx, f.Admin.Actor, f.WS.ID, thu.ID)
		if err != nil {
			t.Fatal(err)
		}
		vote := func(u coretest.User, in duet.VoteCast) error {
			_, err := f.Svc.Vote(ctx, u.Actor, f.WS.ID, occ.ID, in)
			return err
		}
		wantKind(t, "not a voter", vote(f.HostMember, duet.VoteCast{Vote: duet.VoteGo}), duet.EForbidden, "")
		wantKind(t, "no-go without a reason", vote(f.Partner, duet.VoteCast{Vote: duet.VoteNoGo}), duet.EInvalid, "reason")
		wantKind(t, "vote for the other side", vote(f.Partner, duet.VoteCast{Vote: duet.VoteGo, Side: duet.SideHost}), duet.EForbidden, "")
		wantKind(t, "not a vote", vote(f.Partner, duet.VoteCast{Vote: "maybe"}), duet.EInvalid, "vote")
		if err := vote(f.Admin, duet.VoteCast{Vote: duet.VoteGo, Reason: "Assets approved."}); err != nil {
			t.Fatal(err)
		}
		wantKind(t, "voting twice", vote(f.Admin, duet.VoteCast{Vote: duet.VoteNoGo, Reason: "changed my mind"}), duet.EConflict, "")
		mid, _ := f.Svc.Occurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID)
		if mid.LaunchCall != nil || len(mid.Votes) != 1 || mid.VoteSide != duet.SidePartner {
			t.Fatalf("after one vote: call %v, votes %d, partner votes for %q", mid.LaunchCall, len(mid.Votes), mid.VoteSide)
		}
		if err := vote(f.Partner, duet.VoteCast{Vote: duet.VoteNoGo, Reason: "The landing page is not approved."}); err != nil {
			t.Fatal(err)
		}
		done, err := f.Svc.Occurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID)
		if err != nil {
			t.Fatal(err)
		}
		if done.LaunchCall == nil || done.VoteSide != "" || len(done.Votes) != 2 {
			t.Fatalf("after both votes: %+v", done.Occurrence)
		}
		nogo := done.Votes[1]
		if nogo.Side != duet.SidePartner || len(nogo.Blockers) == 0 {
			t.Errorf("the no-go recorded no blockers: %+v", nogo)
		}
		dec, err := f.Svc.Decision(ctx, f.HostMember.Actor, f.WS.ID, done.LaunchCall.ID)
		if err != nil {
			t.Fatal(err)
		}
		if dec.Kind != duet.KindLaunchCall || dec.Status != duet.StatusApproved || !dec.FullySigned() ||
			!strings.HasPrefix(dec.Title, "Launch call: No-go") || !strings.Contains(dec.Body, "The landing page is not approved.") {
			t.Errorf("launch call decision: %s %s %q\n%s", dec.Kind, dec.Status, dec.Title, dec.Body)
		}
		// The go-live gate reads the votes.
		ms, err := f.Svc.Milestones(ctx, f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			for _, c := range m.Criteria {
				if c.Check == duet.CheckGoVotes {
					found = true
					if c.Met || !c.Computed || !strings.Contains(c.Why, "the partner side voted no-go") {
						t.Errorf("go votes criterion: %+v", c)
					}
				}
			}
		}
		if !found {
			t.Error("no go_votes criterion")
		}
	})
}

// TestCheckInSettingsRefuseBadSchedules: a rule that fires every second
// or never is refused with the schedule named, and nothing changes.
func TestCheckInSettingsRefuseBadSchedules(t *testing.T) {
	f := coretest.New(t, store.SQLite)
	ctx := context.Background()
	good := duet.CheckInSave{Title: "Design sync", Schedule: "FREQ=WEEKLY;BYDAY=WE", Time: "16:00", DurationMinutes: 30,
		OpenDays: 1, NudgeMinutes: 60, AskSides: []duet.Side{duet.SideHost, duet.SidePartner},
		Questions: []duet.TemplateQuestion{{Text: "What changed in the designs?"}}}
	for rule, want := range map[string]string{
		"FREQ=SECONDLY":                 "more than once a day",
		"FREQ=WEEKLY;UNTIL=20260101":    "never fires",
		"FREQ=WEEKLY;BYDAY=MO;BYHOUR=9": "time field",
	} {
		in := good
		in.Schedule = rule
		_, err := f.Svc.CreateCheckIn(ctx, f.Admin.Actor, f.WS.ID, in)
		wantKind(t, rule, err, duet.EInvalid, "schedule")
		if !strings.Contains(duet.ErrorMessage(err), want) {
			t.Errorf("%s: %q does not say %q", rule, duet.ErrorMessage(err), want)
		}
	}
	_, err := f.Svc.CreateCheckIn(ctx, f.HostMember.Actor, f.WS.ID, good)
	wantKind(t, "non-admin", err, duet.EForbidden, "")
	list, _ := f.Svc.CheckIns(ctx, f.Admin.Actor, f.WS.ID)
	if len(list) != 2 {
		t.Fatalf("%d check-ins after refused creations", len(list))
	}
	c, err := f.Svc.CreateCheckIn(ctx, f.Admin.Actor, f.WS.ID, good)
	if err != nil {
		t.Fatal(err)
	}
	if c.Key != "design-sync" || c.NextAt.IsZero() {
		t.Errorf("created %+v", c)
	}
	// Pausing withdraws what nobody worked on yet, the open first one
	// included; a stale version is refused.
	detail, _ := f.Svc.CheckIn(ctx, f.Admin.Actor, f.WS.ID, c.ID)
	if len(detail.Upcoming) < 2 {
		t.Fatalf("%d upcoming occurrences", len(detail.Upcoming))
	}
	if _, err := f.Svc.PauseCheckIn(ctx, f.Admin.Actor, f.WS.ID, c.ID, c.Version+1, true); duet.ErrorKind(err) != duet.EConflict {
		t.Errorf("stale pause: %v", err)
	}
	paused, err := f.Svc.PauseCheckIn(ctx, f.Admin.Actor, f.WS.ID, c.ID, c.Version, true)
	if err != nil {
		t.Fatal(err)
	}
	detail, _ = f.Svc.CheckIn(ctx, f.Admin.Actor, f.WS.ID, c.ID)
	if !paused.Paused || !paused.NextAt.IsZero() || len(detail.Upcoming) != 0 {
		t.Errorf("paused: %v next %v, %d upcoming", paused.Paused, paused.NextAt, len(detail.Upcoming))
	}
	if _, err := f.Svc.PauseCheckIn(ctx, f.Admin.Actor, f.WS.ID, c.ID, paused.Version, false); err != nil {
		t.Fatal(err)
	}
	detail, _ = f.Svc.CheckIn(ctx, f.Admin.Actor, f.WS.ID, c.ID)
	if len(detail.Upcoming) < 2 {
		t.Errorf("resumed: %d upcoming", len(detail.Upcoming))
	}
	// Skipping a future occurrence: admins only, once.
	next := detail.Upcoming[1]
	if _, err := f.Svc.SkipOccurrence(ctx, f.Partner.Actor, f.WS.ID, next.ID, "Holiday"); duet.ErrorKind(err) != duet.EForbidden {
		t.Errorf("partner member skipping: %v", err)
	}
	if o, err := f.Svc.SkipOccurrence(ctx, f.Admin.Actor, f.WS.ID, next.ID, "Holiday"); err != nil || !o.Skipped {
		t.Fatalf("skip: %v %+v", err, o)
	}
	if _, err := f.Svc.SkipOccurrence(ctx, f.Admin.Actor, f.WS.ID, next.ID, "Again"); duet.ErrorKind(err) != duet.EConflict {
		t.Errorf("skipping twice: %v", err)
	}
}

// TestHostOnlyCheckIn: a check-in made host-only vanishes for the
// partner: its pages are 404 and it leaves the partner's calendar feed.
func TestHostOnlyCheckIn(t *testing.T) {
	f := coretest.New(t, store.SQLite)
	ctx := context.Background()
	mon := checkInByKey(t, f.WS, "monday-check-in")
	token, err := f.Svc.RotateCalendarFeed(ctx, f.Partner.Actor)
	if err != nil {
		t.Fatal(err)
	}
	feedHas := func(uid string) bool {
		feed, err := f.Svc.CalendarFeed(ctx, token, "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(feed.Items, func(it duet.CalendarItem) bool { return it.UID == uid })
	}
	if !feedHas(mon.ID + "@duet") {
		t.Fatal("the shared check-in is missing from the partner's feed")
	}
	in := duet.CheckInSave{Title: mon.Title, Purpose: mon.Purpose, Schedule: mon.Schedule, Time: mon.Time, DurationMinutes: mon.DurationMinutes,
		OpenDays: mon.OpenDays, NudgeMinutes: mon.NudgeMinutes, AskSides: []duet.Side{duet.SideHost}, Questions: mon.Questions,
		Visibility: duet.VisHost, Version: mon.Version}
	if _, err := f.Svc.UpdateCheckIn(ctx, f.Admin.Actor, f.WS.ID, mon.ID, in); err != nil {
		t.Fatal(err)
	}
	if feedHas(mon.ID + "@duet") {
		t.Error("a host-only check-in is still in the partner's feed")
	}
	if _, err := f.Svc.CheckIn(ctx, f.Partner.Actor, f.WS.ID, mon.ID); duet.ErrorKind(err) != duet.ENotFound {
		t.Errorf("partner reading a host-only check-in: %v", err)
	}
	if _, err := f.Svc.CalendarFeed(ctx, "duetcal_nope", "192.0.2.1"); duet.ErrorKind(err) != duet.ENotFound {
		t.Errorf("unknown feed token: %v", err)
	}
	// Guessing is slowed down: misses from one client are limited.
	var limited error
	for range 20 {
		if _, limited = f.Svc.CalendarFeed(ctx, "duetcal_guess", "192.0.2.9"); duet.ErrorKind(limited) == duet.ERateLimited {
			break
		}
	}
	if duet.ErrorKind(limited) != duet.ERateLimited {
		t.Errorf("20 misses in a row: %v, want rate limited", limited)
	}
	again, err := f.Svc.RotateCalendarFeed(ctx, f.Partner.Actor)
	if err != nil || again == token {
		t.Fatal(err)
	}
	if _, err := f.Svc.CalendarFeed(ctx, token, "192.0.2.1"); duet.ErrorKind(err) != duet.ENotFound {
		t.Errorf("the rotated-away token still works: %v", err)
	}
}
