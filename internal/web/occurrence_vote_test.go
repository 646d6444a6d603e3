package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

func TestOccurrenceVote(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		o := current(t, f, checkIn(t, f, "thursday-readiness").ID)
		path := ws + "/occurrences/" + o.ID
		votes := func() int {
			od, err := f.Svc.Occurrence(context.Background(), f.Admin.Actor, f.WS.ID, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(od.Votes)
		}

		// A no-go without a reason is refused at the reason; the choice stays.
		r := e.post(path+"/votes", e.as(f.Partner), url.Values{"side": {"partner"}, "vote": {"no_go"}, "reason": {" "}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "reason"); got != "A no-go needs a reason: what must change before launch." {
			t.Errorf("reason error %q", got)
		}
		r.wantBody(t, `<input type="radio" name="vote" value="no_go" checked>`, `aria-invalid="true"`)
		hx := e.hx(http.MethodPost, path+"/votes", e.as(f.Partner), url.Values{"vote": {"no_go"}})
		hx.wantStatus(t, http.StatusUnprocessableEntity)
		hx.wantBody(t, `<section class="card occ-vote" id="go-no-go"`, `id="reason-error"`)
		hx.wantNoBody(t, "<html")

		// Nobody votes for the other side, nor without a voter role.
		other := e.post(path+"/votes", e.as(f.Partner), url.Values{"side": {"host"}, "vote": {"go"}})
		other.wantStatus(t, http.StatusForbidden)
		other.wantBody(t, "You vote for the partner side; the host side votes for itself.")
		e.post(path+"/votes", e.as(f.HostMember), url.Values{"vote": {"go"}}).
			wantBody(t, "Only the Partner Marketing Manager votes for the host side.")
		if n := votes(); n != 0 {
			t.Fatalf("%d votes after refusals", n)
		}

		// The partner votes no-go with a reason: the blockers go with it.
		e.post(path+"/votes", e.as(f.Partner), url.Values{"side": {"partner"}, "vote": {"no_go"}, "reason": {"Legal has not cleared the logos."}}).
			wantRedirect(t, path+"#go-no-go")
		host := e.get(path, e.as(f.Admin))
		host.wantBody(t, `<li class="vote side-partner is-nogo">`, "No-go", "pia@partner.test", "Legal has not cleared the logos.",
			"In the way when the vote was cast", `Gate &#34;Kickoff complete&#34;`, "Your vote for Hostco")
		// Voting twice is refused, naming the vote already cast.
		twice := e.post(path+"/votes", e.as(f.Partner), url.Values{"vote": {"go"}})
		twice.wantStatus(t, http.StatusConflict)
		twice.wantBody(t, "The partner side already voted No-go (pia@partner.test,", "a side votes once.")
		if n := votes(); n != 1 {
			t.Fatalf("%d votes after voting twice", n)
		}

		// The host votes go with htmx: the panel comes back with the
		// launch call recorded as a decision.
		done := e.hx(http.MethodPost, path+"/votes", e.as(f.Admin), url.Values{"side": {"host"}, "vote": {"go"}})
		done.wantStatus(t, http.StatusOK)
		done.wantBody(t, `<div class="call is-nogo" role="status">`, "Launch call: No-go", "At least one side voted no-go.",
			"Recorded in #decisions as <a href=\""+ws+"/decisions/", ">D-1</a>", `<li class="vote side-host is-go">`)
		done.wantNoBody(t, "Your vote for", "<html")
		after := e.get(path, e.as(f.Partner))
		after.wantBody(t, "Launch call: No-go", "signed by both voters")
		after.wantNoBody(t, "Your vote for")

		// A check-in without a go/no-go has nothing to vote on.
		mon := current(t, f, checkIn(t, f, "monday-check-in").ID)
		e.post(ws+"/occurrences/"+mon.ID+"/votes", e.as(f.Admin), url.Values{"vote": {"go"}}).
			wantBody(t, "Weekly campaign check-in has no go/no-go question.", `id="occ-alert"`)
		e.post(path+"/votes", e.as(f.Stranger), url.Values{"vote": {"go"}}).wantStatus(t, http.StatusNotFound)
	})
}

// TestLaunchCallGo: both sides voting go make a go launch call.
func TestLaunchCallGo(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		c := readinessCheckIn(t, f, "Friday go/no-go")
		o := current(t, f, c.ID)
		vote(t, f, f.Admin, o.ID, "go", "")
		vote(t, f, f.Partner, o.ID, "go", "All gates are on track.")
		r := e.get("/w/"+f.WS.ID+"/occurrences/"+o.ID, e.as(f.HostMember))
		r.wantBody(t, `<div class="call is-go" role="status">`, "Launch call: Go", "Both sides voted go.", "All gates are on track.")
	})
}
