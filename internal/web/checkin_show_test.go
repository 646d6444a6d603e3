package web

import (
	"net/http"
	"testing"
	"time"

	"duet/internal/duet"
)

func TestCheckInShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		thu := checkIn(t, f, "thursday-readiness")
		path := ws + "/check-ins/" + thu.ID
		cd := checkInDetail(t, f, thu.ID)

		r := e.get(path, e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Thursday launch readiness", "Every Thursday at 15:00 Europe/Berlin · 30 minutes", "<code class=\"ci-rule\">FREQ=WEEKLY;BYDAY=TH</code>",
			"1 working day before, at the meeting&#39;s time", "60 minutes before the meeting, to those who have not answered",
			"Are we on track to launch as planned?", "Votes: Partner Marketing Manager for Hostco; Partner Marketing Lead for Partnerco",
			"Which assets or rules are still waiting for approval, and from whom?", `href="`+path+`/current"`,
			// Upcoming meetings, each with a skip form for admins.
			`id="o-`+cd.Upcoming[0].ID+`"`, "Thu 19 Nov 2026, 15:00 CET", "Open for answers until Thu 26 Nov, 15:00",
			"Opens Wed 25 Nov, 15:00", `action="`+ws+`/occurrences/`+cd.Upcoming[1].ID+`/skip#o-`+cd.Upcoming[1].ID+`"`, "Skip this meeting",
			// Pause, and the settings form with what the check-in is.
			`action="`+path+`/pause#pause"`, `name="paused" value="true"`, "Pause the check-in", "Edit settings",
			`name="version" value="1"`, `value="Thursday launch readiness"`, `<option value="TH" selected>Thursday</option>`,
			`name="q_key" value="approvals"`, `name="gonogo" value="1" checked`, `name="gonogo_key" value="go-no-go"`,
			`name="voter_roles" value="partner-marketing-manager" checked`, "None yet.")
		// Members read it, without the admin's forms.
		m := e.get(path, e.as(f.Partner))
		m.wantStatus(t, http.StatusOK)
		m.wantNoBody(t, "Skip this meeting", "Pause the check-in", "Edit settings")

		// A host-only check-in is a 404 to the partner, whatever its id.
		secret := hostCheckIn(t, f, "Partner health")
		e.get(ws+"/check-ins/"+secret.ID, e.as(f.HostMember)).wantBody(t, "Partner health", "Hostco only")
		e.get(ws+"/check-ins/"+secret.ID, e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/check-ins/"+secret.Key, e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/check-ins/"+thu.ID, e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		// A week on, the first meeting is past, with its answers counted
		// and its launch call linked.
		o := cd.Upcoming[0]
		answer(t, f, f.Partner, o.ID, "launch-risk", "Speaker may cancel.", duet.VisShared)
		vote(t, f, f.Partner, o.ID, "go", "")
		vote(t, f, f.Admin, o.ID, "go", "")
		f.Clock.Advance(o.StartsAt.Sub(f.Clock.Now()) + time.Hour)
		later := e.get(path, e.login(f.Admin.Email, f.Admin.Password))
		later.wantBody(t, `<section class="card" id="past"`, "1 of 4 answered", `<a class="pill pill-accent" href="`+ws+`/decisions/`)

	})
}
