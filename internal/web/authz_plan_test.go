package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// planMatrix is the authorization matrix of planRoutes. Both sides see
// and change milestones and the hill chart; guests only see them.
func planMatrix(f *coretest.Fixture) []matrixRow {
	ws := "/w/" + f.WS.ID
	members := map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "200", stranger: "404"}
	editors := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, partner: ok, guest: "403", stranger: "404"}
	}
	get := func(path string) func(*testing.T, *env) (string, string, url.Values) {
		return func(*testing.T, *env) (string, string, url.Values) { return http.MethodGet, path, nil }
	}
	// The retro milestone is made ready once; the complete and reopen
	// rows then take it back and forth.
	var once sync.Once
	retro := func(t *testing.T, complete bool) duet.Milestone {
		once.Do(func() { makeReady(t, f) })
		ctx := context.Background()
		m := milestone(t, f, "retro-complete")
		var err error
		switch {
		case complete && m.Status != duet.MilestoneComplete:
			_, err = f.Svc.CompleteMilestone(ctx, f.Admin.Actor, f.WS.ID, m.ID, duet.MilestoneCompletion{Version: m.Version})
		case !complete && m.Status == duet.MilestoneComplete:
			_, err = f.Svc.ReopenMilestone(ctx, f.Admin.Actor, f.WS.ID, m.ID, m.Version)
		}
		if err != nil {
			t.Fatal(err)
		}
		return milestone(t, f, "retro-complete")
	}
	version := func(m duet.Milestone) []string { return []string{strconv.Itoa(m.Version)} }
	return []matrixRow{
		{pattern: "GET /w/{ws}/milestones", request: get(ws + "/milestones"), want: members},
		{pattern: "POST /w/{ws}/milestones/{milestone}", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			m := milestone(t, f, "assets-approved")
			return http.MethodPost, ws + "/milestones/" + m.ID, url.Values{"version": version(m), "due": {"launch-10d"}}
		}, want: editors("303 " + ws + "/milestones#m-")},
		{pattern: "POST /w/{ws}/milestones/{milestone}/complete", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			m := retro(t, false)
			return http.MethodPost, ws + "/milestones/" + m.ID + "/complete", url.Values{"version": version(m)}
		}, want: editors("303 " + ws + "/milestones#m-")},
		{pattern: "POST /w/{ws}/milestones/{milestone}/reopen", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			m := retro(t, true)
			return http.MethodPost, ws + "/milestones/" + m.ID + "/reopen", url.Values{"version": version(m)}
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/milestones#m-", member: "403", partner: "403", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/milestones/{milestone}/criteria", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			m := milestone(t, f, "launch-go-live")
			return http.MethodPost, ws + "/milestones/" + m.ID + "/criteria", url.Values{"version": version(m),
				"text": {uniqueName("The partner's newsletter is scheduled")}, "dri": {"role:partner-marketing-lead"}}
		}, want: editors("303 " + ws + "/milestones#m-")},
		{pattern: "POST /w/{ws}/milestones/{milestone}/criteria/{criterion}", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			m := milestone(t, f, "assets-approved")
			c := criterion(t, m, "Legal on both sides")
			return http.MethodPost, ws + "/milestones/" + m.ID + "/criteria/" + c.ID, url.Values{"version": version(m), "checked": {"1"}}
		}, want: editors("303 " + ws + "/milestones#m-")},

		{pattern: "GET /w/{ws}/hill", request: get(ws + "/hill"), want: members},
		{pattern: "POST /w/{ws}/hill/{chart}/moves", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			h := hill(t, f)
			s := h.Scopes[0]
			return http.MethodPost, ws + "/hill/" + h.ID + "/moves", moveForm(s.ID, s.Position, (s.Position+7)%101, uniqueName("moved"))
		}, want: editors("303 " + ws + "/hill")},
		{pattern: "POST /w/{ws}/hill/{chart}/scopes", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			h := hill(t, f)
			return http.MethodPost, ws + "/hill/" + h.ID + "/scopes", url.Values{"title": {uniqueName("Scope")}}
		}, want: editors("303 " + ws + "/hill")},
	}
}
