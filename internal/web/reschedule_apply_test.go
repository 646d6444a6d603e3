package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestRescheduleApply(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Due: "launch-7d"})
		confirm := url.Values{"kickoff_on": {"2026-11-09"}, "launch_on": {"2027-01-26"}, "from_kickoff": {"2026-11-09"}, "from_launch": {"2027-01-19"}}

		r := e.post(ws+"/reschedule", e.as(f.Admin), confirm)
		r.wantStatus(t, http.StatusSeeOther)
		loc := r.Header().Get("Location")
		o := e.get(loc, e.as(f.Admin))
		o.wantBody(t, `<div class="alert alert-ok" role="status">The campaign&#39;s dates are saved, and `, "dates that follow them moved.", "Tue 26 Jan 2027")
		if got := taskDetail(t, f, f.Admin, task.ID); got.DueOn.String() != "2027-01-19" {
			t.Errorf("the task is due %s, want 2027-01-19", got.DueOn)
		}
		e.get(ws+"/tasks/"+task.ID, e.as(f.Partner)).wantBody(t, "Tue 19 Jan 2027", "with the campaign")

		// The same confirmation again: the dates changed since its preview.
		stale := e.post(ws+"/reschedule", e.as(f.Admin), confirm)
		stale.wantStatus(t, http.StatusConflict)
		stale.wantBody(t, `id="resched-error"`, "changed since your preview", `id="launch_on" name="launch_on" type="date" value="2027-01-26"`, "Preview what moves")
		stale.wantNoBody(t, "Confirm:")
		if got := taskDetail(t, f, f.Admin, task.ID); got.DueOn.String() != "2027-01-19" {
			t.Errorf("a stale reschedule moved the task to %s", got.DueOn)
		}
		e.get(ws+"?rescheduled=x", e.as(f.Admin)).wantNoBody(t, "alert-ok")

		e.post(ws+"/reschedule", e.as(f.Partner), url.Values{"kickoff_on": {"2026-11-09"}, "launch_on": {"2027-02-02"}}).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/reschedule", e.as(f.Stranger), confirm).wantStatus(t, http.StatusNotFound)
	})
}
