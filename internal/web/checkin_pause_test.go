package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

func TestCheckInPause(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		mon := checkIn(t, f, "monday-check-in")
		path := ws + "/check-ins/" + mon.ID
		pause := func(paused bool, version int) url.Values {
			return url.Values{"paused": {strconv.FormatBool(paused)}, "version": {strconv.Itoa(version)}}
		}

		e.post(path+"/pause", e.as(f.Admin), pause(true, mon.Version)).wantRedirect(t, path)
		c := checkIn(t, f, mon.ID)
		if !c.Paused {
			t.Fatal("not paused")
		}
		page := e.get(path, e.as(f.Admin))
		page.wantBody(t, `<span class="pill pill-muted">Paused</span>`, "None while paused", `name="paused" value="false"`, "Resume the check-in")
		e.get(ws+"/check-ins", e.as(f.Partner)).wantBody(t, `class="card ci-card is-paused"`)

		// Pausing again, or from a stale version, is refused and said.
		again := e.post(path+"/pause", e.as(f.Admin), pause(true, c.Version))
		again.wantStatus(t, http.StatusConflict)
		if got := fieldError(again.body, "pause"); got != "Weekly campaign check-in is already paused." {
			t.Errorf("pause error %q", got)
		}
		e.post(path+"/pause", e.as(f.Admin), pause(false, mon.Version)).wantStatus(t, http.StatusConflict)

		// Members may not; resuming brings the meetings back.
		e.post(path+"/pause", e.as(f.Partner), pause(false, c.Version)).wantBody(t, "Only a workspace admin can change check-ins.")
		e.post(path+"/pause", e.as(f.Admin), pause(false, c.Version)).wantRedirect(t, path)
		if cd := checkInDetail(t, f, mon.ID); cd.Paused || len(cd.Upcoming) == 0 {
			t.Errorf("resumed: paused %v, %d upcoming", cd.Paused, len(cd.Upcoming))
		}
		secret := hostCheckIn(t, f, "Partner health")
		e.post(ws+"/check-ins/"+secret.ID+"/pause", e.as(f.Partner), pause(true, 1)).wantStatus(t, http.StatusNotFound)
	})
}
