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

// checkInViews builds the check-in pages from a fixture of their own: a
// Monday meeting answered by both sides (one answer kept to a side), a
// blocked task, a no-go vote with its reason and a comment; and forms
// showing errors with what was typed.
func checkInViews(t *testing.T) map[string]viewCase {
	views, _ := checkInCases(t)
	return views
}

// checkInCases are the check-in views, and the readiness meeting as a
// second case of occurrence_show.
func checkInCases(t *testing.T) (map[string]viewCase, viewCase) {
	t.Helper()
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	a := f.Admin.Actor
	mon, thu := checkIn(t, f, "monday-check-in"), checkIn(t, f, "thursday-readiness")
	mo, to := current(t, f, mon.ID), current(t, f, thu.ID)
	answer(t, f, f.Admin, mo.ID, "progress", "Brief **approved**; RACI drafted.", duet.VisShared)
	answer(t, f, f.Partner, mo.ID, "blockers", "Logo files wait for our brand team.", duet.VisShared)
	answer(t, f, f.Admin, mo.ID, "blockers", "Margin sheet not final.", duet.VisHost)
	task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page hero"})
	blocked := duet.TaskBlocked
	if _, err := f.Svc.UpdateTask(ctx, a, f.WS.ID, task.ID, duet.TaskUpdate{Version: task.Version, Status: &blocked, BlockedReason: "Waiting for logos"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.CommentOnOccurrence(ctx, f.Partner.Actor, f.WS.ID, mo.ID, "Can we start at 10:15?"); err != nil {
		t.Fatal(err)
	}
	vote(t, f, f.Partner, to.ID, "no_go", "Legal has not cleared the logos.")

	d, err := f.Svc.Workspace(ctx, a, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, a)
	v := &viewer{d: d, o: orgsOf(d), me: me, now: f.Svc.Now()}
	nav := navOf(d, "checkins")

	// The list, with the new-check-in form refused at the schedule.
	cs, err := f.Svc.CheckIns(ctx, a, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	form := newCheckInForm()
	form.Title, form.Repeat, form.RRule = "Design sync", repeatCustom, "FREQ=HOURLY"
	list := &CheckInsPage{Base: Base{Title: "Check-ins", Nav: nav}, WS: d.ID, CanCreate: true,
		New: v.checkInFormView("/w/"+d.ID+"/check-ins", false, form, FormError{Field: "schedule", Msg: "FREQ=HOURLY fires more than once a day."})}
	for _, c := range cs {
		o := current(t, f, c.ID)
		list.Items = append(list.Items, v.checkInCard(c, &o))
	}

	// A check-in's page, its settings form refused at a question.
	cd := checkInDetail(t, f, thu.ID)
	show := &CheckInPage{Base: Base{Title: cd.Title, Nav: nav}, WS: d.ID, C: v.checkInSummary(cd), CanEdit: true}
	edit := checkInFormFrom(cd.CheckIn)
	edit.QTexts[1] = ""
	show.Edit = v.checkInFormView(show.C.URL, true, edit, FormError{Field: "q0", Msg: "Question 1 must be at most 500 characters."})
	for i, o := range cd.Upcoming {
		row := v.occRow(o, true, nil)
		if i == 1 {
			row.SkipErr, row.Reason = FormError{Field: "reason", Msg: "The reason is required."}, "  "
		}
		show.Upcoming = append(show.Upcoming, row)
	}

	// The Monday meeting as the admin sees it, with an answer refused.
	od, err := f.Svc.Occurrence(ctx, a, f.WS.ID, mo.ID)
	if err != nil {
		t.Fatal(err)
	}
	occ := v.occurrencePage(od)
	occ.Base = Base{Title: "Weekly campaign check-in", Nav: nav}
	ans := occ.answerForm("decisions-needed")
	ans.Err, ans.Body = FormError{Field: "body", Msg: "Write an answer, or leave the question for later."}, " "
	occ.Comments.Body, occ.Comments.Err = "Agreed.", FormError{Msg: "This check-in was skipped: Offsite"}

	// The Thursday meeting: the partner voted no-go; the host's form refused.
	td, err := f.Svc.Occurrence(ctx, a, f.WS.ID, to.ID)
	if err != nil {
		t.Fatal(err)
	}
	ready := v.occurrencePage(td)
	ready.Base = Base{Title: "Thursday launch readiness", Nav: nav}
	ready.Vote.Form.Choice, ready.Vote.Form.Err = "no_go", FormError{Field: "reason", Msg: "A no-go needs a reason: what must change before launch."}

	views := map[string]viewCase{
		"checkin_list": {list, []string{"Weekly campaign check-in", "Every Monday at 10:00 Europe/Berlin", "Answer now", `id="ci-rrule-error"`,
			`value="FREQ=HOURLY"`, `value="Design sync"`, `value="custom" checked`}},
		"checkin_show": {show, []string{"Thursday launch readiness", "Votes: Partner Marketing Manager for Hostco", `id="ci-q0-error"`,
			`<details class="ci-edit" open>`, `id="skip-` + cd.Upcoming[1].ID + `-error"`, `<details class="occ-skip" open>`, "Pause the check-in"}},
		"occurrence_show": {occ, []string{"Monday 23 November 2026", "Open for answers until", "Brief <strong>approved</strong>; RACI drafted.",
			"Logo files wait for our brand team.", "Margin sheet not final.", "Hostco only", `id="ans-decisions-needed-body-error"`,
			"Waiting for logos", "Answers about blockers", "Can we start at 10:15?", "This check-in was skipped: Offsite", "Agreed.</textarea>"}},
	}
	return views, viewCase{ready, []string{"Go / no-go", `<li class="vote side-partner is-nogo">`, "Legal has not cleared the logos.",
		`id="reason-error"`, `value="no_go" checked`, "Open gates", "Next 14 days"}}
}

// TestRenderReadinessView renders the readiness meeting: gates, the
// votes and the vote form with its error.
func TestRenderReadinessView(t *testing.T) {
	_, c := checkInCases(t)
	f := coretest.New(t, "sqlite")
	s := newServer(f.Svc, Options{}, staticFiles())
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r = r.WithContext(withActor(r.Context(), f.Admin.Actor, "token"))
	rec := httptest.NewRecorder()
	s.render(rec, r, http.StatusOK, "occurrence_show", c.page)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d:\n%s", rec.Code, rec.Body)
	}
	for _, w := range c.wants {
		if !strings.Contains(rec.Body.String(), w) {
			t.Errorf("lacks %q", w)
		}
	}
}
