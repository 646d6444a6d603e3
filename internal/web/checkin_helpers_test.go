package web

import (
	"context"
	"net/url"
	"testing"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// Builders for the check-in tests: they go through the real service, as
// the pages' own forms would.

// checkIn returns the fixture workspace's check-in with the template key
// (monday-check-in, thursday-readiness) or id, as u sees it.
func checkIn(t *testing.T, f *coretest.Fixture, key string) duet.CheckIn {
	t.Helper()
	cs, err := f.Svc.CheckIns(context.Background(), f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Key == key || c.ID == key {
			return c
		}
	}
	t.Fatalf("no check-in %q", key)
	return duet.CheckIn{}
}

// current returns the occurrence of a check-in people work on now.
func current(t *testing.T, f *coretest.Fixture, checkIn string) duet.Occurrence {
	t.Helper()
	o, err := f.Svc.CurrentOccurrence(context.Background(), f.Admin.Actor, f.WS.ID, checkIn)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// answer saves u's answer to a question of an occurrence.
func answer(t *testing.T, f *coretest.Fixture, u coretest.User, occ, question, body string, vis duet.Visibility) duet.Answer {
	t.Helper()
	a, err := f.Svc.AnswerOccurrence(context.Background(), u.Actor, f.WS.ID, occ, duet.AnswerSave{Question: question, Body: body, Visibility: vis})
	if err != nil {
		t.Fatalf("answer %s as %s: %v", question, u.Email, err)
	}
	return a
}

// vote casts u's side's vote.
func vote(t *testing.T, f *coretest.Fixture, u coretest.User, occ, v, reason string) {
	t.Helper()
	if _, err := f.Svc.Vote(context.Background(), u.Actor, f.WS.ID, occ, duet.VoteCast{Vote: v, Reason: reason}); err != nil {
		t.Fatalf("vote %s as %s: %v", v, u.Email, err)
	}
}

// occurrence loads an occurrence as u sees it.
func occurrence(t *testing.T, f *coretest.Fixture, u coretest.User, occ string) duet.Occurrence {
	t.Helper()
	od, err := f.Svc.Occurrence(context.Background(), u.Actor, f.WS.ID, occ)
	if err != nil {
		t.Fatal(err)
	}
	return od.Occurrence
}

// hostCheckIn creates a check-in only the host side sees, asking the
// host side, weekly on Wednesday.
func hostCheckIn(t *testing.T, f *coretest.Fixture, title string) duet.CheckIn {
	t.Helper()
	c, err := f.Svc.CreateCheckIn(context.Background(), f.Admin.Actor, f.WS.ID, duet.CheckInSave{Title: title,
		Purpose: "Margins and partner health, among ourselves.", Schedule: "FREQ=WEEKLY;BYDAY=WE", Time: "09:00", DurationMinutes: 20,
		OpenDays: 1, NudgeMinutes: 30, AskSides: []duet.Side{duet.SideHost}, Visibility: duet.VisHost,
		Questions: []duet.TemplateQuestion{{Key: "health", Text: "How healthy is the partnership?"}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// readinessCheckIn creates a shared go/no-go check-in of its own, so a
// test can vote on a fresh occurrence.
func readinessCheckIn(t *testing.T, f *coretest.Fixture, title string) duet.CheckIn {
	t.Helper()
	c, err := f.Svc.CreateCheckIn(context.Background(), f.Admin.Actor, f.WS.ID, duet.CheckInSave{Title: title,
		Schedule: "FREQ=WEEKLY;BYDAY=FR", Time: "11:00", DurationMinutes: 30, OpenDays: 1, NudgeMinutes: 60,
		AskSides: []duet.Side{duet.SideHost, duet.SidePartner}, Visibility: duet.VisShared,
		Questions: []duet.TemplateQuestion{{Key: "risk", Text: "What could go wrong?"},
			{Key: "go", Text: "Do we launch?", Kind: duet.QuestionGoNoGo, VoterRoles: []string{"partner-marketing-manager", "partner-marketing-lead"}}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkInForm is the new-check-in form filled in: weekly on Tuesday,
// both sides asked, two questions.
func checkInForm(title string) url.Values {
	return url.Values{"title": {title}, "purpose": {"Design reviews, both sides."}, "repeat": {"weekly"}, "weekday": {"TU"},
		"time": {"14:30"}, "duration_minutes": {"45"}, "open_days": {"2"}, "nudge_minutes": {"90"},
		"ask_sides": {"host", "partner"}, "visibility": {"shared"}, "q_text": {"What changed in the designs?", "", "What needs a review?"},
		"q_key": {"", "", ""}}
}

// checkInDetail returns a check-in with its upcoming and past meetings.
func checkInDetail(t *testing.T, f *coretest.Fixture, id string) core.CheckInDetail {
	t.Helper()
	cd, err := f.Svc.CheckIn(context.Background(), f.Admin.Actor, f.WS.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return cd
}

// checkIns returns every check-in the admin sees.
func checkIns(t *testing.T, f *coretest.Fixture) []duet.CheckIn {
	t.Helper()
	cs, err := f.Svc.CheckIns(context.Background(), f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}
