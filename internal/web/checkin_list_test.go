package web

import (
	"net/http"
	"testing"
)

func TestCheckInList(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		mon, thu := checkIn(t, f, "monday-check-in"), checkIn(t, f, "thursday-readiness")
		monOcc, thuOcc := current(t, f, mon.ID), current(t, f, thu.ID)
		secret := hostCheckIn(t, f, "Partner health")

		r := e.get(ws+"/check-ins", e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t,
			`href="`+ws+`/check-ins" aria-current="page">Check-ins</a>`,
			// Each check-in: title, schedule with zone, next meeting, who.
			`<a href="`+ws+`/check-ins/`+mon.ID+`">Weekly campaign check-in</a>`, "Every Monday at 10:00 Europe/Berlin · 30 minutes",
			"Mon 23 Nov 2026, 10:00 CET", "in 7 days", "Both sides answer", "Every Thursday at 15:00 Europe/Berlin",
			`<span class="pill pill-accent">Go / no-go</span>`, "3 and a vote",
			// The meeting open now, prominently, for those it asks.
			`<a class="btn btn-primary" href="`+ws+`/occurrences/`+monOcc.ID+`">Answer now`, ws+"/occurrences/"+thuOcc.ID,
			"Open for answers until Mon 30 Nov, 10:00",
			// The host-only check-in, marked.
			"Partner health", `<span class="badge badge-host">Hostco only</span>`, "Hostco answer",
			// Admins get the form for a new one.
			`<form class="form ci-form" method="post" action="`+ws+`/check-ins#new-checkin"`, "Create check-in", `value="weekly" checked`,
			`<option value="MO" selected>Monday</option>`, `name="rrule"`, `name="ask_sides" value="host" checked`, `name="ask_roles" value="legal-reviewer"`,
			`name="voter_roles" value="partner-marketing-lead"`, `id="checkins-live" data-live="checkin"`)

		// The partner never learns of the host-only check-in; members get no form.
		p := e.get(ws+"/check-ins", e.as(f.Partner))
		p.wantStatus(t, http.StatusOK)
		p.wantBody(t, "Weekly campaign check-in", "Answer now")
		p.wantNoBody(t, "Partner health", secret.ID, "Create check-in")
		e.get(ws+"/check-ins", e.as(f.HostMember)).wantNoBody(t, "Create check-in")
		e.get(ws+"/check-ins", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/check-ins", "").wantRedirect(t, "/login?next=%2Fw%2F"+f.WS.ID+"%2Fcheck-ins")
	})
}

// TestOverviewLinksCheckIns: the overview's check-ins link their pages
// and the meeting people work on now; the tabs link the list.
func TestOverviewLinksCheckIns(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		mon := checkIn(t, f, "monday-check-in")
		r := e.get(ws, e.as(f.Partner))
		r.wantBody(t, `<a href="`+ws+`/check-ins">Check-ins</a>`, `<a class="card-link" href="`+ws+`/check-ins">Check-ins</a>`,
			`<h3><a href="`+ws+`/check-ins/`+mon.ID+`">Weekly campaign check-in</a></h3>`, `href="`+ws+`/check-ins/`+mon.ID+`/current"`)
	})
}
