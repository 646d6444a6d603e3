package web

import (
	"net/http"
	"testing"
)

func TestCandidateList(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		ws := "/w/" + f.WS.ID
		m := say(t, f, f.Partner, ch, "Let's go with the Tuesday slot.")
		say(t, f, f.Partner, ch, "Just chatting.")
		say(t, f, f.Admin, hostRoom(t, f), "We agreed the margin floor.")

		h := e.hx(http.MethodGet, ws+"/decisions/unrecorded", e.as(f.Partner), nil)
		h.wantStatus(t, http.StatusOK)
		h.wantBody(t, `id="unrecorded"`, "Possibly unrecorded", "Tuesday slot", "#day-to-day", ws+"/decisions/new?from="+m.ID, "Dismiss")
		h.wantNoBody(t, "<html", "Just chatting", "margin floor")
		e.hx(http.MethodGet, ws+"/decisions/unrecorded", e.as(f.HostMember), nil).wantBody(t, "margin floor", "Tuesday slot")

		// A guest may see them but record nothing.
		e.hx(http.MethodGet, ws+"/decisions/unrecorded", e.as(f.Guest), nil).wantNoBody(t, "/decisions/new?from=")

		// Without htmx it is a page of its own.
		p := e.get(ws+"/decisions/unrecorded", e.as(f.Partner))
		p.wantBody(t, "<html", "Tuesday slot", "← #decisions")
	})
}
