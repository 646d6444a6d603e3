package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestEntryCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		asset := calAsset(t, f, f.HostMember, "Data pipelines ebook", duet.VisShared, true)
		landing := calEntry(t, f, f.Admin, duet.EntrySave{Title: "Landing page goes live", PublishAt: "2026-11-20T10:00"})
		form := func(title, channel, publishAt string, after ...string) url.Values {
			return url.Values{"title": {title}, "channel": {channel}, "publish_at": {publishAt}, "dri": {"role:partner-marketing-lead"},
				"visibility": {"shared"}, "launch_critical": {"1"}, "assets": {asset.ID}, "after": after}
		}

		// The partner schedules the newsletter after the landing page.
		res := e.post(ws+"/calendar", e.as(f.Partner), form("Partner newsletter feature", "email", "2026-11-24T09:30", landing.ID))
		res.wantStatus(t, http.StatusSeeOther)
		id := strings.TrimPrefix(res.Header().Get("Location"), ws+"/calendar/")
		got := calEntryAs(t, f, f.Admin, id).Entry
		if got.Side != duet.SidePartner || got.Channel != duet.ChanEmail || !got.LaunchCritical || len(got.Assets) != 1 || len(got.After) != 1 ||
			got.PublishAt.In(f.WS.Loc).Format("2006-01-02 15:04") != "2026-11-24 09:30" {
			t.Fatalf("created %+v", got)
		}
		e.get(ws+"/calendar/"+id, e.as(f.Partner)).wantBody(t, "Partner newsletter feature", "Tue 24 Nov 2026, 09:30 CET", "Landing page goes live")

		// Refused input comes back at its field, with what was typed.
		bad := e.post(ws+"/calendar", e.as(f.Partner), form("Partner newsletter feature", "email", "next Tuesday"))
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(bad.body, "publish_at"); !strings.Contains(msg, "The publish time must be a date and time like 2027-03-12T09:00") {
			t.Errorf("publish_at error %q", msg)
		}
		bad.wantBody(t, `value="Partner newsletter feature"`, `value="next Tuesday"`, `value="`+asset.ID+`" checked`, `name="launch_critical" value="1" checked`)
		fax := e.post(ws+"/calendar", e.as(f.Partner), form("Partner newsletter feature", "fax", "2026-11-24T09:30"))
		fax.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(fax.body, "channel"); !strings.HasPrefix(msg, "Channel must be one of landing_page, email") {
			t.Errorf("channel error %q", msg)
		}
		// An entry to follow that does not exist (a new entry cannot name
		// itself yet): the error names the field.
		loop := e.post(ws+"/calendar", e.as(f.Partner), form("Partner newsletter feature", "email", "2026-11-24T09:30", "nosuchentry"))
		loop.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(loop.body, "after"); !strings.Contains(msg, "No calendar entry") {
			t.Errorf("after error %q", msg)
		}
		// A side-only entry needs a DRI on that side.
		side := form("Our own teaser", "social", "2026-11-24T09:30")
		side.Set("visibility", "partner")
		side.Set("dri", "role:content-lead")
		side.Del("assets")
		wrong := e.post(ws+"/calendar", e.as(f.Partner), side)
		wrong.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(wrong.body, "entry-new-dri"); !strings.Contains(msg, "needs a DRI on that side") {
			t.Errorf("dri error %q", msg)
		}

		e.post(ws+"/calendar", e.as(f.Guest), form("Guest post", "social", "2026-11-24T09:30")).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/calendar", e.as(f.Stranger), form("Stranger post", "social", "2026-11-24T09:30")).wantStatus(t, http.StatusNotFound)
	})
}
