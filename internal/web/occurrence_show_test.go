package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestOccurrenceShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		mon := checkIn(t, f, "monday-check-in")
		o := current(t, f, mon.ID)
		path := ws + "/occurrences/" + o.ID
		answer(t, f, f.Partner, o.ID, "progress", "Logo files **sent** to the designer.", duet.VisShared)
		answer(t, f, f.Partner, o.ID, "blockers", "Our legal team is slow this week.", duet.VisPartner)
		answer(t, f, f.HostMember, o.ID, "blockers", "Margin sheet is not final.", duet.VisHost)
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page hero"})
		blocked := duet.TaskBlocked
		reason := "Waiting for the partner logo lockups"
		if _, err := f.Svc.UpdateTask(context.Background(), f.Admin.Actor, f.WS.ID, task.ID, duet.TaskUpdate{Version: task.Version, Status: &blocked, BlockedReason: reason}); err != nil {
			t.Fatal(err)
		}

		r := e.get(path, e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t,
			// The head: which check-in, when in the workspace's zone, state.
			`href="`+ws+`/check-ins" aria-current="page">Check-ins</a>`, "Weekly campaign check-in", "Monday 23 November 2026", "10:00–10:30 CET",
			`<span class="occ-state occ-state-open">Open for answers until Mon 30 Nov, 10:00</span>`, `rel="next"`,
			// A form per text question, the viewer's own side offered.
			"Your answers", `id="ans-progress"`, `id="ans-blockers"`, `id="ans-decisions-needed"`, `name="question" value="progress"`,
			`<input type="radio" name="visibility" value="host">`, "Only Hostco",
			// Answers by question, with author and side; who has not answered.
			"2 of 4 answered", "Not answered yet", "Ada Admin", "gus@host.test", "<strong>pia@partner.test</strong>",
			`<span class="side-tag side-tag-partner">Partnerco</span>`, "Logo files <strong>sent</strong> to the designer.",
			"Margin sheet is not final.", `<span class="badge badge-host">Hostco only</span>`,
			// The agenda: blocked task with reason, linked; blocker answers.
			"Agenda", "Progress <span class=\"ag-since\">since kickoff, Mon 9 Nov 2026</span>", "No tasks done, dots moved or decisions approved.",
			`href="`+ws+`/tasks/`+task.ID+`"`, taskRef(task.Number), reason, "Answers about blockers", "No decision waits for sign-off.",
			"Overdue", "due <time",
			// Comments, and the regions live updates refresh.
			`id="occ-answers" data-live="checkin"`, `id="occ-agenda" data-live=`, `id="occ-comment-list" data-live="checkin"`, "No comments yet.",
		)
		// The partner's own-side answer never reaches the host; no go/no-go here.
		r.wantNoBody(t, "Our legal team is slow", "Go / no-go", `id="go-no-go"`)

		p := e.get(path, e.as(f.Partner))
		p.wantBody(t, "Our legal team is slow this week.", `<span class="badge badge-partner">Partnerco only</span>`, "Logo files",
			`<input type="radio" name="visibility" value="partner">`, "Only Partnerco")
		p.wantNoBody(t, "Margin sheet", "Hostco only")
		// The partner's own answers fill their forms.
		if !contains(p.body, `Our legal team is slow this week.</textarea>`) {
			t.Error("the partner's form lacks their answer")
		}

		// A guest is asked (by side) and answers; strangers see nothing.
		e.get(path, e.as(f.Guest)).wantBody(t, "Your answers")
		e.get(path, e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		e.get(path, "").wantRedirect(t, "/login?next=%2Fw%2F"+f.WS.ID+"%2Foccurrences%2F"+o.ID)
		e.get(ws+"/occurrences/nope", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
	})
}

// TestOccurrenceReadiness: the Thursday check-in adds the gates, what is
// due in the next 14 days and the go/no-go with a vote form per side.
func TestOccurrenceReadiness(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		thu := checkIn(t, f, "thursday-readiness")
		o := current(t, f, thu.ID)
		path := ws + "/occurrences/" + o.ID
		r := e.get(path, e.as(f.Admin))
		r.wantBody(t, "Launch readiness · go / no-go", "Thursday 19 November 2026", "Readiness", "Open gates", "Kickoff complete",
			"0 of 5 met", "Every role is filled by a named person on its side.", "Who can meet them", "Next 14 days",
			`href="`+ws+`/milestones#m-`, "Go / no-go", "Are we on track to launch as planned?", "Not voted yet",
			"The Partner Marketing Lead votes.", "Your vote for Hostco", `name="side" value="host"`, `value="no_go"`,
			"Reason <span class=\"muted\">— required for a no-go</span>", "Cast the Hostco vote")
		e.get(path, e.as(f.Partner)).wantBody(t, "Your vote for Partnerco", `name="side" value="partner"`)
		// Who holds no voter role reads the votes and is told who votes.
		h := e.get(path, e.as(f.HostMember))
		h.wantBody(t, "The Partner Marketing Manager votes for Hostco.")
		h.wantNoBody(t, "Your vote for")
	})
}
