package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestLeadAway(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID
		w.approveRules(t, euRules())

		// Hal, who holds the fallback's role, goes away: routing skips
		// him, and the lead waits in the host's inbox.
		e.post(ws+"/leads/away", e.as(f.HostMember), url.Values{"away": {"1"}}).wantRedirect(t, ws+"/leads?away=on")
		page := e.get(ws+"/leads?away=on", e.as(f.HostMember))
		page.wantBody(t, "You are marked away: routing skips you", "You are marked away", "I’m back", `class="card ld-away is-away"`)
		l := w.intake(t, f.Admin, duet.LeadIn{Email: "bo@globex.example", Country: "US"})[0]
		if r := w.lead(t, f.Admin, l.ID).Lead.Route; r == nil || r.Owner != nil {
			t.Fatalf("routed to someone away: %+v", r)
		}
		e.get(leadURL(f.WS.ID, l.ID), e.as(f.Admin)).wantBody(t, "Hostco&#39;s inbox: nobody is named yet", "nobody available holds the role")

		// Back: routing includes him again.
		e.post(ws+"/leads/away", e.as(f.HostMember), url.Values{"away": {"0"}}).wantRedirect(t, ws+"/leads?away=off")
		e.get(ws+"/leads?away=off", e.as(f.HostMember)).wantBody(t, "Welcome back: routing includes you again.", "You are available for leads")
		l = w.intake(t, f.Admin, duet.LeadIn{Email: "cy@globex.example", Country: "US"})[0]
		if r := w.lead(t, f.Admin, l.ID).Lead.Route; r == nil || r.Owner == nil || r.Owner.Name != f.HostMember.Name {
			t.Fatalf("not routed to Hal: %+v", r)
		}
		e.post(ws+"/leads/away", e.as(f.Stranger), url.Values{"away": {"1"}}).wantStatus(t, http.StatusNotFound)
	})
}
