package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

func TestMilestoneUpdate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		m := milestone(t, f, "assets-approved")
		path := ws + "/milestones/" + m.ID

		// A rule that moves with the launch.
		e.post(path, e.as(f.Partner), url.Values{"version": {"1"}, "due": {"launch-7d"}}).wantRedirect(t, ws+"/milestones#m-"+m.ID)
		page := e.get(ws+"/milestones", e.as(f.Admin))
		page.wantBody(t, "Tue 12 Jan 2027", "7 days before launch", "<code>launch-7d</code>", "moved the due date from 2027-01-05 to 2027-01-12 (launch-7d)")

		// A fixed day in the past: the milestone is overdue.
		m = milestone(t, f, "assets-approved")
		e.post(path, e.as(f.Admin), url.Values{"version": {strconv.Itoa(m.Version)}, "due": {"2026-11-12"}}).wantRedirect(t, ws+"/milestones#m-"+m.ID)
		e.get(ws+"/milestones", e.as(f.Admin)).wantBody(t, `<li class="card ms-card is-overdue" id="m-`+m.ID+`">`, "Thu 12 Nov 2026", "4 days ago",
			`name="due" type="text" value="2026-11-12"`)

		// Neither a day nor a rule: refused next to the field, kept.
		m = milestone(t, f, "assets-approved")
		r := e.post(path, e.as(f.Admin), url.Values{"version": {strconv.Itoa(m.Version)}, "due": {"next week"}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, m.ID+"-due"); got == "" {
			t.Errorf("no due error:\n%s", excerpt(r.body))
		}
		r.wantBody(t, `value="next week"`, `<details class="ms-more" open>`)

		// A stale version is a conflict.
		stale := e.post(path, e.as(f.Admin), url.Values{"version": {"1"}, "due": {"launch"}})
		stale.wantStatus(t, http.StatusConflict)
		stale.wantBody(t, "This milestone changed since you read it")
		if got := milestone(t, f, "assets-approved"); got.DueOn.String() != "2026-11-12" {
			t.Errorf("due %s after refused changes", got.DueOn)
		}

		e.post(path, e.as(f.Guest), url.Values{"version": {"3"}, "due": {"launch"}}).wantStatus(t, http.StatusForbidden)
		e.post(path, e.as(f.Stranger), url.Values{"version": {"3"}, "due": {"launch"}}).wantStatus(t, http.StatusNotFound)
	})
}
