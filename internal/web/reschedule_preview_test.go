package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestReschedulePreview(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Due: "launch-7d"})
		fixed := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Fixed-date review", Due: "2026-12-01"})

		r := e.post(ws+"/reschedule/preview", e.as(f.Admin), url.Values{"kickoff_on": {"2026-11-09"}, "launch_on": {"2027-01-26"}})
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "would move", `href="`+ws+`/tasks/`+task.ID+`"`, "Landing page copy", "<code>launch-7d</code>", "7 days before launch",
			`<time datetime="2027-01-12">Tue 12 Jan 2027</time>`, `<time datetime="2027-01-19">Tue 19 Jan 2027</time>`, "(&#43;7 days)",
			"Launch go-live", `/milestones#m-`,
			`action="`+ws+`/reschedule"`, `name="kickoff_on" value="2026-11-09"`, `name="launch_on" value="2027-01-26"`,
			`name="from_kickoff" value="2026-11-09"`, `name="from_launch" value="2027-01-19"`, "Confirm: kickoff Mon 9 Nov 2026, launch Tue 26 Jan 2027")
		r.wantNoBody(t, fixed.ID, "Fixed-date review")
		// Nothing changed yet.
		if got := taskDetail(t, f, f.Admin, task.ID); got.DueOn.String() != "2027-01-12" {
			t.Errorf("the preview moved the task to %s", got.DueOn)
		}

		// Bad dates come back at their field, with what was typed.
		bad := e.post(ws+"/reschedule/preview", e.as(f.Admin), url.Values{"kickoff_on": {"2027-02-01"}, "launch_on": {"2027-01-26"}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(bad.body, "launch_on"); !strings.Contains(msg, "after the kickoff") {
			t.Errorf("launch_on error %q", msg)
		}
		bad.wantBody(t, `value="2027-02-01"`)
		bad.wantNoBody(t, "Confirm:")
		e.post(ws+"/reschedule/preview", e.as(f.Admin), url.Values{"kickoff_on": {"soon"}, "launch_on": {"2027-01-26"}}).
			wantStatus(t, http.StatusUnprocessableEntity)
		e.post(ws+"/reschedule/preview", e.as(f.HostMember), url.Values{"kickoff_on": {"2026-11-09"}, "launch_on": {"2027-01-26"}}).
			wantStatus(t, http.StatusForbidden)
	})
}
