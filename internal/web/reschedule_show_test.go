package web

import (
	"net/http"
	"testing"
)

func TestRescheduleShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		r := e.get(ws+"/reschedule", e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Reschedule the campaign", "kickoff <strong>Mon 9 Nov 2026</strong>", "launch <strong>Tue 19 Jan 2027</strong>",
			`id="kickoff_on" name="kickoff_on" type="date" value="2026-11-09"`, `id="launch_on" name="launch_on" type="date" value="2027-01-19"`,
			`action="`+ws+`/reschedule/preview"`, "Preview what moves")
		r.wantNoBody(t, "Confirm:")
		// The overview links here for its admins only.
		e.get(ws, e.as(f.Admin)).wantBody(t, `href="`+ws+`/reschedule"`)
		e.get(ws, e.as(f.HostMember)).wantNoBody(t, `href="`+ws+`/reschedule"`)

		for _, u := range []string{e.as(f.HostMember), e.as(f.Partner), e.as(f.Guest)} {
			e.get(ws+"/reschedule", u).wantStatus(t, http.StatusForbidden)
		}
		e.get(ws+"/reschedule", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
