package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/coretest"
)

func TestProfileShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		r := e.get("/profile", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "<h1>Profile</h1>", `<a class="account-link" href="/profile" title="Profile" aria-current="page"><span class="visually-hidden">Profile: </span>`,
			f.Partner.Name, f.Partner.Email, `<span class="chip chip-partner chip-sm">Partnerco</span>`,
			"Calendar feed", "Not set up", "You have no calendar URL yet.", `action="/profile/calendar#calendar"`,
			"Create calendar URL", "Anyone who has it sees your check-ins and milestones",
			"Replacing it stops the old URL at once", "Covers 1 workspace", `href="/w/`+f.WS.ID+`">Webinar with Partnerco</a>`,
			"Europe/Berlin")
		r.wantNoBody(t, "Replace calendar URL", `id="calendar-url"`, "/cal/")

		// The host admin's feed covers both of Ada's workspaces.
		a := e.get("/profile", e.as(f.Admin))
		a.wantBody(t, "Ada Admin", "admin@host.test", `<span class="chip chip-host chip-sm">Hostco</span>`,
			"Covers 2 workspaces", "Webinar with Partnerco", "Ebook with Otherco")

		// Every page's header links to the profile.
		e.get("/my", e.as(f.Partner)).wantBody(t, `<a class="account-link" href="/profile" title="Profile">`)

		e.get("/profile", "").wantRedirect(t, "/login?next=%2Fprofile")
	})
}

// profileViews are the profile page's cases for TestRenderEveryView.
func profileViews(t *testing.T, f *coretest.Fixture) map[string]viewCase {
	wss, err := f.Svc.Workspaces(context.Background(), f.Admin.Actor)
	if err != nil {
		t.Fatal(err)
	}
	p := &ProfilePage{Base: Base{Title: "Profile"}, Name: "Ada Admin", Email: "admin@host.test", Org: "Hostco", OrgClass: "host",
		Since: "16 November 2026", FeedCreated: "Mon 16 Nov 2026, 14:00 UTC", FeedCreatedISO: "2026-11-16T14:00:00Z",
		FeedURL: "https://duet.example/cal/duetcal_abc.ics"}
	for _, w := range wss {
		p.Workspaces = append(p.Workspaces, ProfileWorkspace{Name: w.Name, URL: "/w/" + w.ID, TimeZone: w.TimeZone})
	}
	return map[string]viewCase{
		"profile_show": {p, []string{`value="https://duet.example/cal/duetcal_abc.ics"`, "Copy URL", "Other calendars", "From URL",
			"Add calendar", "Subscribe from web", "Replace calendar URL", "Covers 2 workspaces", "Ebook with Otherco"}},
	}
}
