package web

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestMilestoneList(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		kickoff := milestone(t, f, "kickoff-complete")
		assets := milestone(t, f, "assets-approved")
		r := e.get(ws+"/milestones", e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t,
			// The nav entry, the timeline with kickoff, launch and today.
			`href="`+ws+`/milestones" aria-current="page">Milestones</a>`, `href="`+ws+`/hill">Hill chart</a>`,
			`class="tl"`, "Kickoff</tspan> 9 Nov", "Launch</tspan> 19 Jan", "Today 16 Nov",
			`<a class="tl-marker is-pending" href="#m-`+kickoff.ID+`">`, "0 of 4 complete",
			// A card per milestone: title, description, due date and rule.
			`id="m-`+assets.ID+`"`, "Assets approved", "All co-branded materials final and ready for launch.",
			"Tue 5 Jan 2027", "14 days before launch", "<code>launch-14d</code>",
			// Each criterion met or not, why, its DRI and who decides it.
			"Legal on both sides has cleared claims, logos and trademarks.", "Waiting for the Legal Reviewer (nobody holds the role) to check this off",
			"Legal Reviewer: nobody holds the role", "<strong>hal@host.test</strong> <span class=\"muted\">Content Lead</span>",
			"Computed by Duet", "Checked by hand", "The lead-share rules has not been written yet.",
			"Nobody holds", "Not met", "0 of 5 checks met",
			// Forms: check off, add a check with one DRI, due date, override.
			"Check off<span class=\"visually-hidden\">: Legal on both sides", `name="version" value="1"`,
			"Add a check", `<optgroup label="Roles">`, `<optgroup label="People">`, `<option value="role:legal-reviewer">`,
			`<option value="member:`, "Change due date", `name="due" type="text" value="launch-14d"`,
			"Complete with an override…", `name="override_kind" value="scope_change"`, `name="override_kind" value="launch_call"`,
			"Both sides sign it there, and the milestone completes when it is approved.",
			// The region live updates refresh.
			`id="milestones-live" class="plan-live" data-live="milestone task decision workspace"`,
		)
		// A DRI is a person or a role, never a side or a team.
		r.wantNoBody(t, `value="side:`, `value="team:`, `value="org:`)
		// Criteria Duet computes have no check-off button: one button per
		// criterion checked by hand (kickoff: approval chain; assets: legal;
		// go-live: pages, routing; retro: four). The brief, the RACI and the
		// lead-share rules are read from their pages.
		if n := r.count(`<form class="crit-check"`); n != 8 {
			t.Errorf("%d check-off forms, want 8", n)
		}

		// Both sides read it; a guest sees no forms; nobody else sees it.
		e.get(ws+"/milestones", e.as(f.Partner)).wantBody(t, "Assets approved", "Check off")
		g := e.get(ws+"/milestones", e.as(f.Guest))
		g.wantStatus(t, http.StatusOK)
		g.wantNoBody(t, "Check off", "Add a check", "Complete with an override", "Change due date")
		e.get(ws+"/milestones", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/milestones", "").wantRedirect(t, "/login?next=%2Fw%2F"+f.WS.ID+"%2Fmilestones")
		e.get("/w/nope/milestones", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)

		// A milestone past its due date is overdue, in words and shape.
		f.Clock.Advance(60 * 24 * time.Hour)
		late := e.get(ws+"/milestones", e.login(f.Admin.Email, f.Admin.Password))
		late.wantBody(t, `<li class="card ms-card is-overdue" id="m-`+kickoff.ID+`">`, `<span class="ms-state state-overdue">Overdue</span>`,
			"0 of 4 complete · 2 overdue", `<path class="ms-shape" d="M0 -13 L13 0 L0 13 L-13 0 Z"/>`)
	})
}

// TestOverviewLinksPlan checks the overview's milestone and hill chart
// cards: they link their pages and count the criteria met.
func TestOverviewLinksPlan(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		m := milestone(t, f, "assets-approved")
		r := e.get(ws, e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, `<a class="card-link" href="`+ws+`/hill">Hill chart</a>`, `<a class="card-link" href="`+ws+`/milestones">Milestones</a>`,
			`<a href="`+ws+`/milestones#m-`+m.ID+`">Assets approved</a>`, "0 of 5 met", `<span class="ms-state state-pending">Pending</span>`)
		// Ticking off a check counts on the overview.
		c := criterion(t, m, "Legal on both sides")
		e.post(ws+"/milestones/"+m.ID+"/criteria/"+c.ID, e.as(f.Admin), map[string][]string{"checked": {"1"}, "version": {"1"}}).
			wantRedirect(t, ws+"/milestones#m-"+m.ID)
		after := e.get(ws, e.as(f.Partner))
		after.wantBody(t, "1 of 5 met", `<li class="is-met"><span class="visually-hidden">Met: </span>Legal on both sides`)
		if n := strings.Count(after.body, " of 5 met"); n != 4 {
			t.Errorf("%d milestones with five criteria, want 4", n)
		}
	})
}
