package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestMyworkShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		// Hal holds Content Lead: the role's tasks are his, and a task
		// assigned to him directly.
		soon := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Due: "2026-11-19"})
		late := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Speaker bios", DRI: "member:" + memberID(t, f, f.HostMember), Due: "2026-11-12"})
		if _, err := f.Svc.UpdateTask(context.Background(), f.Admin.Actor, f.WS.ID, late.ID, duet.TaskUpdate{Version: 1,
			Status: ptr(duet.TaskBlocked), BlockedReason: "No photos yet"}); err != nil {
			t.Fatal(err)
		}
		addTask(t, f, f.Admin, duet.TaskCreate{Title: "Hero image", DRI: "role:designer", Due: "2026-11-18"})

		r := e.get("/my", e.as(f.HostMember))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "<h1>My work</h1>", `aria-current="page">My work</a>`, "Webinar with Partnerco", `href="`+ws+`"`,
			`href="`+ws+`/tasks/`+soon.ID+`"`, "Landing page copy", "DRI as Content Lead", "Thu 19 Nov 2026", "in 3 days",
			`href="`+ws+`/tasks/`+late.ID+`"`, "Speaker bios", "Blocked: No photos yet", "4 days ago",
			"Write the first draft of the campaign copy", "Mon 23 Nov 2026")
		r.wantNoBody(t, "Hero image")
		// Overdue, then this week, then later.
		groups := func(body string) (o, w, l int) {
			return strings.Index(body, `id="mw-overdue-title"`), strings.Index(body, `id="mw-week-title"`), strings.Index(body, `id="mw-later-title"`)
		}
		o, w, l := groups(r.body)
		at := func(s string) int { return strings.Index(r.body, s) }
		if !(o < at("Speaker bios") && at("Speaker bios") < w && w < at("Landing page copy") && at("Landing page copy") < l && l < at("Write the first draft")) {
			t.Errorf("groups out of order: %d %d %d; bios %d, copy %d, draft %d", o, w, l, at("Speaker bios"), at("Landing page copy"), at("Write the first draft"))
		}

		// Ada signs decisions as Partner Marketing Manager; those link to
		// the decision.
		d := propose(t, f, f.Partner, "Blue hero image")
		a := e.get("/my", e.as(f.Admin))
		a.wantBody(t, `href="`+ws+`/decisions/`+d.ID+`"`, "Blue hero image", "Signer as Partner Marketing Manager", "Sign-off",
			`href="`+ws+`/milestones#m-`, "Milestone")

		// Someone with nothing to do is told so.
		e.get("/my", e.as(f.Guest)).wantBody(t, "Nothing on your plate")
		e.get("/my", "").wantRedirect(t, "/login?next=%2Fmy")
	})
}
