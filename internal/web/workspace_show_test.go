package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/templates"
)

func TestWorkspaceShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		r := e.get("/w/"+f.WS.ID, e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t,
			// Header: campaign, both organizations, dates, countdown, zone.
			"Webinar with Partnerco", "Hostco", "Partnerco", "Mon 9 Nov 2026", "Tue 19 Jan 2027", "64 days to launch", "Europe/Berlin",
			// Members by side with roles and permission; unfilled roles.
			"Ada Admin", "Partner Marketing Manager", "hal@host.test", "Content Lead", "pia@partner.test", "Guest",
			"Nobody holds <strong>Legal Reviewer</strong>", "Nobody holds <strong>Partner Legal Reviewer</strong>",
			// Channels, check-ins, milestones with criteria.
			"kickoff", "day-to-day", "decisions", "retro", "Approvals only",
			"Every Monday at 10:00 Europe/Berlin", "Mon 23 Nov 2026, 10:00 CET", "Every Thursday at 15:00 Europe/Berlin", "Go / no-go",
			"Kickoff complete", "Assets approved", "Launch go-live", "Retro complete", "Both sides gave a &#34;go&#34;",
			// Task lists with DRIs and counts, each linking its page.
			"Kickoff &amp; Alignment", "Asset Development", "Launch Sequencing", "Post-Launch Review",
			"No DRI — Project Manager unfilled", "<strong>0</strong>/7 done", "6 overdue", `href="/w/`+f.WS.ID+`/lists/`,
			`id="overview-lists" data-live="task tasklist"`, `href="/w/`+f.WS.ID+`/lists">Task lists</a>`, `aria-current="page">Overview</a>`,
			// Hill chart, apps, integrations, pinned resources.
			"<svg viewBox=\"0 0 560 216\"", "Partner Co-Marketing Campaign", "Lead Routing",
			"Slack", "Google Drive", "HubSpot", "Not configured",
			"Campaign Brief and Goals", "RACI Matrix", "Lead-Share Rules and Routing Guide",
			`<a href="/w/`+f.WS.ID+`/calendar">Launch Calendar</a>`, `<a href="/w/`+f.WS.ID+`/assets">Asset Approval Folder</a>`,
		)
		if n := strings.Count(r.body, `class="hill-dot `); n != 4 {
			t.Errorf("%d hill dots, want 4", n)
		}
		if n := strings.Count(r.body, "Not configured"); n != 3 {
			t.Errorf("%d unconfigured integrations, want 3", n)
		}
		if n := strings.Count(r.body, `class="card pin"`); n != 5 {
			t.Errorf("%d pinned resources, want 5", n)
		}

		// Members of either side see it; nobody else does.
		for _, u := range []coretest.User{f.HostMember, f.Partner, f.Guest} {
			e.get("/w/"+f.WS.ID, e.as(u)).wantStatus(t, http.StatusOK)
		}
		e.get("/w/"+f.WS.ID, e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		e.get("/w/no-such-workspace", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
		e.get("/w/"+f.WS.ID, "").wantRedirect(t, "/login?next=%2Fw%2F"+f.WS.ID)
	})
}

// hostOnlyTemplate is a template with a channel kept to the host side.
const hostOnlyTemplate = `key: with-host-room
name: With a host room
description: A campaign whose host team keeps one channel to itself.
roles:
  - key: lead
    name: Campaign Lead
    side: host
  - key: partner-lead
    name: Partner Lead
    side: partner
channels:
  - key: together
    name: together
    purpose: Both teams work here.
    visibility: shared
  - key: host-room
    name: host-room
    purpose: Margin talk the partner must never read.
    visibility: host
task_lists:
  - key: work
    title: The work
    dri: lead
    tasks:
      - title: Draft the brief
        dri: lead
        due: kickoff+2d
`

// TestPartnerNeverSeesHostOnly creates a workspace from a template with a
// host-only channel, through the web, and checks both sides' pages.
func TestPartnerNeverSeesHostOnly(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "host-room.yaml"), []byte(hostOnlyTemplate), 0o644); err != nil {
			t.Fatal(err)
		}
		reg, err := templates.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		svc := core.New(core.Config{DB: coretest.OpenDB(t, engine), Templates: reg, Hasher: coretest.CheapHasher,
			Now: func() time.Time { return coretest.Start }, BaseURL: "http://duet.test"})
		if _, err := svc.Setup(ctx, "", core.SetupInput{Email: "ada@host.test", Name: "Ada", Org: "Hostco", Password: coretest.Password}, true); err != nil {
			t.Fatal(err)
		}
		e := newEnv(t, nil, svc)
		admin := e.session("ada@host.test", coretest.Password)

		r := e.post("/w", admin, url.Values{"template": {"with-host-room"}, "name": {"Launch with Acme"}, "partner_org": {"Acme"},
			"kickoff_on": {"2026-11-16"}, "launch_on": {"2027-01-11"}, "time_zone": {"Europe/Berlin"}})
		r.wantStatus(t, http.StatusSeeOther)
		wsPath := r.Header().Get("Location")
		host := e.get(wsPath, admin)
		host.wantBody(t, "host-room", "Margin talk", "Hostco only", "together")

		created := e.post(wsPath+"/invites", admin, url.Values{"email": {"pat@acme.test"}, "side": {"partner"}, "permission": {"member"}, "roles": {"partner-lead"}})
		created.wantStatus(t, http.StatusOK)
		token := inviteToken(t, created.body)
		joined := e.post("/invite/"+token, "", url.Values{"name": {"Pat"}, "password": {coretest.Password}})
		joined.wantRedirect(t, wsPath)
		partner := joined.cookie("duet_session").Value

		for _, path := range []string{wsPath, wsPath + "/members", "/"} {
			p := e.get(path, partner)
			p.wantStatus(t, http.StatusOK)
			p.wantNoBody(t, "host-room", "Margin talk", "Hostco only")
		}
		e.get(wsPath, partner).wantBody(t, "together", "Both teams work here.")
	})
}
