package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"duet/internal/duet"
)

func TestMilestoneReopen(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		m := makeReady(t, f)
		path := ws + "/milestones/" + m.ID
		e.post(path+"/complete", e.as(f.Partner), url.Values{"version": {strconv.Itoa(m.Version)}}).wantRedirect(t, ws+"/milestones#m-"+m.ID)
		m = milestone(t, f, "retro-complete")
		v := url.Values{"version": {strconv.Itoa(m.Version)}}

		// Members who are not admins are refused next to the button.
		r := e.post(path+"/reopen", e.as(f.HostMember), v)
		r.wantStatus(t, http.StatusForbidden)
		if got := fieldError(r.body, m.ID+"-reopen"); got != "Only a workspace admin can reopen a milestone." {
			t.Errorf("reopen error %q", got)
		}
		e.post(path+"/reopen", e.as(f.Partner), v).wantStatus(t, http.StatusForbidden)
		e.post(path+"/reopen", e.as(f.Guest), v).wantStatus(t, http.StatusForbidden)
		e.post(path+"/reopen", e.as(f.Stranger), v).wantStatus(t, http.StatusNotFound)
		// A stale version is a conflict.
		e.post(path+"/reopen", e.as(f.Admin), url.Values{"version": {"1"}}).wantStatus(t, http.StatusConflict)

		// The admin reopens it: the checks are judged again (all still met).
		e.post(path+"/reopen", e.as(f.Admin), v).wantRedirect(t, ws+"/milestones#m-"+m.ID)
		if m := milestone(t, f, "retro-complete"); m.Status != duet.MilestoneReady || m.Completed != nil {
			t.Errorf("reopened: %+v", m)
		}
		page := e.get(ws+"/milestones", e.as(f.Admin))
		page.wantBody(t, `<li class="card ms-card is-ready" id="m-`+m.ID+`">`, "reopened the milestone", "Ready to complete")

		// Reopening what is not complete is refused.
		m = milestone(t, f, "retro-complete")
		e.post(path+"/reopen", e.as(f.Admin), url.Values{"version": {strconv.Itoa(m.Version)}}).wantStatus(t, http.StatusConflict)
	})
}
