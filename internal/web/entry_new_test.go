package web

import (
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestEntryNew(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		asset := calAsset(t, f, f.HostMember, "Data pipelines ebook", duet.VisShared, true)
		secret := calAsset(t, f, f.HostMember, "Margin sheet", duet.VisHost, false)
		landing := calEntry(t, f, f.Admin, duet.EntrySave{Title: "Landing page goes live", PublishAt: "2026-11-20T10:00"})

		// On a day from the grid: 09:00 that day in the workspace's zone,
		// the partner's own role as DRI, shared; the folder's shared
		// assets with their state and the calendar's entries to follow.
		p := e.get(ws+"/calendar/new?date=2026-11-24", e.as(f.Partner))
		p.wantStatus(t, http.StatusOK)
		p.wantBody(t, `name="publish_at" type="datetime-local" value="2026-11-24T09:00"`, "Publishes <span class=\"muted\">(Europe/Berlin)</span>",
			`<option value="role:partner-marketing-lead" selected>`, `value="shared" checked`, "Only Partnerco",
			`value="`+asset.ID+`"`, "A-1 Data pipelines ebook", `<span class="astate astate-in_review">In review</span>`,
			`value="`+landing.ID+`"`, "Fri 20 Nov 2026, 10:00 CET", `<option value="email">Email</option>`)
		p.wantNoBody(t, "Margin sheet", secret.ID)
		e.get(ws+"/calendar/new", e.as(f.Admin)).wantBody(t, `name="publish_at" type="datetime-local" value=""`, "Margin sheet")

		e.get(ws+"/calendar/new", e.as(f.Guest)).wantStatus(t, http.StatusForbidden)
		e.get(ws+"/calendar/new", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
