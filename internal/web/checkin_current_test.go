package web

import (
	"net/http"
	"testing"
)

func TestCheckInCurrent(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		mon := checkIn(t, f, "monday-check-in")
		o := current(t, f, mon.ID)
		e.get(ws+"/check-ins/"+mon.ID+"/current", e.as(f.Partner)).wantRedirect(t, ws+"/occurrences/"+o.ID)
		// The template key names a check-in too.
		e.get(ws+"/check-ins/monday-check-in/current", e.as(f.Guest)).wantRedirect(t, ws+"/occurrences/"+o.ID)

		secret := hostCheckIn(t, f, "Partner health")
		hostOcc := current(t, f, secret.ID)
		e.get(ws+"/check-ins/"+secret.ID+"/current", e.as(f.HostMember)).wantRedirect(t, ws+"/occurrences/"+hostOcc.ID)
		e.get(ws+"/check-ins/"+secret.ID+"/current", e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/check-ins/nope/current", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
	})
}
