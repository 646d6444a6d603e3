package web

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// TestRenderEveryView renders each view with realistic data from a real
// workspace, and fails when a view is added without a case here.
func TestRenderEveryView(t *testing.T) {
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	s := newServer(f.Svc, Options{}, staticFiles())
	d, err := f.Svc.Workspace(ctx, f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Svc.CreateInvite(ctx, f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: "new@partner.test", Side: duet.SidePartner,
		Permission: duet.PermMember, RoleKeys: []string{"partner-legal-reviewer"}})
	if err != nil {
		t.Fatal(err)
	}
	invites, err := f.Svc.Invites(ctx, f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	pv, err := f.Svc.PreviewInvite(ctx, res.Token)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, f.Admin.Actor)
	// The overview also shows what the fixture lacks: a host-only channel
	// and task, a finished task and milestone, dots along the hill. The
	// detail is shared by core's cache, so this works on a copy.
	shown := *d
	shown.Channels = append(slices.Clone(d.Channels), duet.Channel{Name: "host-room", Purpose: "Margins.", Visibility: duet.VisHost})
	shown.TaskLists = slices.Clone(d.TaskLists)
	shown.TaskLists[0].Tasks = append(slices.Clone(d.TaskLists[0].Tasks),
		duet.Task{Title: "Agree the margin", DRI: d.TaskLists[0].DRI, DueOn: d.KickoffOn, Status: "done", Visibility: duet.VisHost})
	shown.Milestones = slices.Clone(d.Milestones)
	shown.Milestones[0].Status = "complete"
	shown.HillCharts = slices.Clone(d.HillCharts)
	shown.HillCharts[0].Scopes = slices.Clone(d.HillCharts[0].Scopes)
	for i := range shown.HillCharts[0].Scopes {
		shown.HillCharts[0].Scopes[i].Position = []int{100, 62, 28, 0}[i%4]
	}
	list, err := f.Svc.Workspaces(ctx, f.Admin.Actor)
	if err != nil {
		t.Fatal(err)
	}
	cards := &WorkspaceListPage{Base: Base{Title: "Workspaces"}, CanCreate: true}
	for _, w := range list {
		cards.Workspaces = append(cards.Workspaces, WorkspaceCard{ID: w.ID, Name: w.Name, Host: "Hostco", Partner: w.PartnerOrg,
			Kickoff: formatDate(w.KickoffOn), Launch: formatDate(w.LaunchOn), Countdown: "64 days to launch",
			Side: "Hostco", SideClass: "host", Permission: "Admin", Members: plural(w.Members, "member", "members")})
	}

	cases := map[string]struct {
		page  page
		wants []string
	}{
		"error":          {&ErrorPage{Base: Base{Title: "Page not found", Narrow: true}, Status: 404, Heading: "Page not found", Message: "There is nothing here."}, []string{"404", "Page not found"}},
		"login":          {&LoginPage{Base: Base{Title: "Sign in", Narrow: true}, Email: "ada@host.test", Next: "/w/x", Err: FormError{Msg: "The email or password is not right."}}, []string{`value="ada@host.test"`, "The email or password is not right.", `name="next" value="/w/x"`}},
		"setup":          {&SetupPage{Base: Base{Title: "Set up Duet", Narrow: true}, Token: "setup_abc", Form: SetupForm{Org: "Hostco", Name: "Ada", Email: "ada@host.test"}, Err: FormError{Field: "password", Msg: "Password must be at least 8 characters."}}, []string{`value="setup_abc"`, `id="password-error"`, `value="Hostco"`}},
		"setup_needed":   {&SetupNeededPage{Base: Base{Title: "Set up Duet", Narrow: true}}, []string{"duet setup"}},
		"workspace_list": {cards, []string{"Webinar with Partnerco", "Ebook with Otherco", "4 members"}},
		"workspace_new": {s.newWorkspacePage(f.Admin.Actor, WorkspaceForm{Template: "channel-partner", Name: "Q3 ebook", KickoffOn: "2026-11-16", LaunchOn: "2027-01-11", TimeZone: "Europe/Berlin"},
			FormError{Field: "partner_org", Msg: "Partner organization is required."}), []string{"Partner Co-Marketing", `data-preview="channel-partner"`, `id="partner_org-error"`, `value="Q3 ebook"`}},
		"workspace_show": {overviewOf(&shown, f.Admin.Actor, f.Svc.Now()), []string{"Webinar with Partnerco", "Every Monday at 10:00 Europe/Berlin",
			"Nobody holds", "<svg", "Not configured", "Lead-Share Rules and Routing Guide", `<span class="badge badge-host">Hostco only</span>`,
			`class="task is-done"`, `class="milestone is-complete"`, "Downhill: making it happen", `text-anchor="end"`}},
		"member_list":    {membersPage(d, f.Admin.Actor, me, invites, InviteForm{Email: "x@partner.test", Side: "partner", Permission: "guest", Roles: []string{"partner-content-lead"}}, FormError{Field: "email", Msg: "Email is taken."}, f.Svc.Now()), []string{"new@partner.test", "Revoke", `value="x@partner.test"`, "Partner Legal Reviewer"}},
		"invite_created": {&InviteCreatedPage{Base: Base{Title: "Invite created", Nav: navOf(d, "members")}, ID: d.ID, Email: "new@partner.test", Org: "Partnerco", Class: "partner", Permission: "Member", Roles: []string{"Partner Legal Reviewer"}, URL: res.URL, Expires: "Mon 23 Nov 2026"}, []string{res.URL, "Copy link"}},
		"invite_show":    {invitePage(pv, "Nia", FormError{Field: "password", Msg: "Password must be at least 8 characters."}), []string{"Webinar with Partnerco", "Partnerco", "Ada Admin", `value="Nia"`}},
	}
	if got, want := slices.Sorted(maps.Keys(s.views.pages)), slices.Sorted(maps.Keys(cases)); !slices.Equal(got, want) {
		t.Fatalf("views %v, cases %v: every view needs a case", got, want)
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r = r.WithContext(withActor(r.Context(), f.Admin.Actor, "token"))
			rec := httptest.NewRecorder()
			s.render(rec, r, http.StatusOK, name, c.page)
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d:\n%s", rec.Code, body)
			}
			for _, w := range c.wants {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			// No unsafe values, no inline style or script (CSP forbids them).
			for _, bad := range []string{"ZgotmplZ", "<no value>", " style=", "<style", "<script>", " onclick=", " onchange=", " onsubmit="} {
				if strings.Contains(body, bad) {
					t.Errorf("contains %q", bad)
				}
			}
		})
	}
}

// TestOverviewDates checks the words and numbers of the overview against
// the fixture's fixed clock: Monday 16 November 2026, 14:00 UTC.
func TestOverviewDates(t *testing.T) {
	f := coretest.New(t, "sqlite")
	d, err := f.Svc.Workspace(context.Background(), f.Partner.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := overviewOf(d, f.Partner.Actor, f.Svc.Now())
	if p.Countdown != "64 days to launch" {
		t.Errorf("countdown %q", p.Countdown)
	}
	if p.MySide != "Partnerco" || p.Me.Name != f.Partner.Name {
		t.Errorf("me: %q %+v", p.MySide, p.Me)
	}
	mon := p.CheckIns[0]
	if mon.When != "Every Monday at 10:00 Europe/Berlin" || mon.Next != "Mon 23 Nov 2026, 10:00 CET" || mon.NextRel != "in 7 days" {
		t.Errorf("monday check-in: %+v", mon)
	}
	if thu := p.CheckIns[1]; thu.Next != "Thu 19 Nov 2026, 15:00 CET" || thu.NextRel != "in 3 days" {
		t.Errorf("thursday check-in: %+v", thu)
	}
	if m := p.Milestones[0]; m.Due != "Mon 16 Nov 2026" || m.DueRel != "today" || m.Overdue {
		t.Errorf("kickoff milestone: %+v", m)
	}
	if p.CanInvite {
		t.Error("a partner member may not invite")
	}
}
