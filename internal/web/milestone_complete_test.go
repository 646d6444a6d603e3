package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestMilestoneComplete(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		m := milestone(t, f, "assets-approved")
		path := ws + "/milestones/" + m.ID

		// With a criterion unmet and no override, completion is refused
		// on the card, which says which criteria are unmet.
		r := e.post(path+"/complete", e.as(f.Admin), url.Values{"version": {"1"}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, m.ID+"-override_reason"); got == "" || !contains(got, "Assets approved cannot complete", "Legal on both sides has cleared claims") {
			t.Errorf("override error %q", got)
		}
		r.wantBody(t, `<details class="ms-more ms-override-form" open>`, "<strong>Not met yet:</strong>", "<li>Legal on both sides has cleared claims, logos and trademarks.</li>")
		if m := milestone(t, f, "assets-approved"); m.Status != duet.MilestonePending || m.Override != nil {
			t.Fatalf("refused completion changed the milestone: %+v", m)
		}

		// A reason without a valid kind is refused at the kind, with the
		// reason kept.
		bad := e.post(path+"/complete", e.as(f.Admin), url.Values{"version": {"1"}, "override_kind": {"other"}, "override_reason": {"We launch anyway."}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(bad.body, m.ID+"-override_kind"); got == "" {
			t.Errorf("no kind error:\n%s", excerpt(bad.body))
		}
		bad.wantBody(t, ">We launch anyway.</textarea>")

		// A stale version is a conflict, shown as one.
		stale := e.post(path+"/complete", e.as(f.Admin), url.Values{"version": {"7"}, "override_kind": {"launch_call"}, "override_reason": {"Go."}})
		stale.wantStatus(t, http.StatusConflict)
		stale.wantBody(t, `class="alert alert-error ms-conflict" role="alert"`, "This milestone changed since you read it", "The card shows the milestone as it is now")

		// A guest cannot complete milestones.
		e.post(path+"/complete", e.as(f.Guest), url.Values{"version": {"1"}, "override_kind": {"launch_call"}, "override_reason": {"Go."}}).
			wantStatus(t, http.StatusForbidden)

		// With an override, the milestone waits for the decision.
		e.post(path+"/complete", e.as(f.Partner), url.Values{"version": {"1"}, "override_kind": {"launch_call"},
			"override_reason": {"Legal cleared the claims by email; we launch on time."}}).wantRedirect(t, ws+"/milestones#m-"+m.ID)
		m = milestone(t, f, "assets-approved")
		if m.Override == nil || m.Override.Status != duet.StatusProposed {
			t.Fatalf("override: %+v", m.Override)
		}
		dec := ws + "/decisions/" + m.Override.ID
		ref := "D-" + strconv.Itoa(m.Override.Number)
		page := e.get(ws+"/milestones", e.as(f.Admin))
		page.wantBody(t, `Override <a href="`+dec+`">`+ref+`</a> waiting for sign-off`, "Both sides sign it in #decisions; Assets approved completes when it is approved.",
			"override "+ref+" waits for sign-off")
		page.wantNoBody(t, `action="`+path+`/complete"`)
		// Asking again while it waits is refused.
		e.post(path+"/complete", e.as(f.Admin), url.Values{"version": {strconv.Itoa(m.Version)}, "override_kind": {"launch_call"}, "override_reason": {"Again."}}).
			wantStatus(t, http.StatusConflict)
		e.get(dec, e.as(f.Admin)).wantBody(t, "Launch call", "Legal cleared the claims by email")

		// Both sides sign the override: the milestone is complete.
		d, err := f.Svc.Decision(context.Background(), f.Admin.Actor, f.WS.ID, m.Override.ID)
		if err != nil {
			t.Fatal(err)
		}
		sign(t, f, f.Partner, sign(t, f, f.Admin, d))
		done := e.get(ws+"/milestones", e.as(f.Partner))
		done.wantBody(t, `<li class="card ms-card is-complete" id="m-`+m.ID+`">`, "by override <a href=\""+dec+"\">"+ref+"</a> signed by both sides",
			"1 of 4 complete")
		// Only admins are offered to reopen it.
		done.wantNoBody(t, `action="`+path+`/reopen"`)
		e.get(ws+"/milestones", e.as(f.Admin)).wantBody(t, `action="`+path+`/reopen"`)

		// A milestone whose criteria are all met completes at once.
		ready := makeReady(t, f)
		rp := ws + "/milestones/" + ready.ID
		e.get(ws+"/milestones", e.as(f.HostMember)).wantBody(t, `<form class="ms-finish" method="post" action="`+rp+`/complete">`, "Every check is met.")
		e.post(rp+"/complete", e.as(f.HostMember), url.Values{"version": {strconv.Itoa(ready.Version)}}).wantRedirect(t, ws+"/milestones#m-"+ready.ID)
		if m := milestone(t, f, "retro-complete"); m.Status != duet.MilestoneComplete || m.Override != nil {
			t.Errorf("retro: %+v", m)
		}
		e.get(ws+"/milestones", e.as(f.HostMember)).wantBody(t, "2 of 4 complete", "completed the milestone with every criterion met")

		// An unknown milestone, or one of another workspace, is not found.
		e.post(ws+"/milestones/nope/complete", e.as(f.Admin), url.Values{"version": {"1"}}).wantStatus(t, http.StatusNotFound)
		e.post(path+"/complete", e.as(f.Stranger), url.Values{"version": {"1"}}).wantStatus(t, http.StatusNotFound)
	})
}

// contains reports whether s contains every part.
func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
