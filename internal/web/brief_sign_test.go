package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestBriefSign(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal, pia := e.as(f.HostMember), e.as(f.Partner)
		one := url.Values{"version": {"1"}}

		// Nothing to sign before the first version.
		r := e.post(ws+"/brief/sign", hal, one)
		r.wantStatus(t, http.StatusNotFound)

		saveBrief(t, f, f.HostMember, webinarBrief(), "")
		e.post(ws+"/brief/sign", hal, one).wantRedirect(t, ws+"/brief?signed=1#brief-signoff")
		e.get(ws+"/brief?signed=1", hal).wantBody(t, "You signed version 1.", "Waiting for the partner side")

		// One signature per side: the admin's second one for the host is
		// refused next to the button, with the page around it.
		r = e.post(ws+"/brief/sign", e.as(f.Admin), one)
		r.wantStatus(t, http.StatusConflict)
		if msg := fieldError(r.body, "sign"); msg != "hal@host.test already signed version 1 for the host side." {
			t.Errorf("second host signature: %q", msg)
		}
		r.wantBody(t, "Campaign brief", "Webinar registrations")

		// A version that changed while the partner read it is refused.
		b := webinarBrief()
		b.Scope = "Two webinars."
		saveBrief(t, f, f.HostMember, b, "")
		r = e.post(ws+"/brief/sign", pia, one)
		r.wantStatus(t, http.StatusConflict)
		if msg := fieldError(r.body, "sign"); msg != "The Campaign brief changed since you read it (now version 2); read it again before signing." {
			t.Errorf("stale signature: %q", msg)
		}

		// Guests sign nothing; both sides sign version 2 and it is
		// approved.
		r = e.post(ws+"/brief/sign", e.as(f.Guest), url.Values{"version": {"2"}})
		r.wantStatus(t, http.StatusForbidden)
		if fieldError(r.body, "sign") == "" {
			t.Error("the guest's refusal is not next to the button")
		}
		e.post(ws+"/brief/sign", pia, url.Values{"version": {"2"}}).wantRedirect(t, ws+"/brief?signed=2#brief-signoff")
		e.post(ws+"/brief/sign", e.as(f.Admin), url.Values{"version": {"2"}}).wantRedirect(t, ws+"/brief?signed=2#brief-signoff")
		v := brief(t, f, f.Guest)
		if v.Approved == nil || v.Approved.Version != 2 || !v.Approved.FullySigned() {
			t.Fatalf("approved %+v", v.Approved)
		}
		e.get(ws+"/brief", pia).wantBody(t, "Signed by both sides")
		if so := v.Latest.SignedBy(duet.SideHost); so.Signer == nil || so.Signer.Name != "admin@host.test" && so.Signer.Name != "Ada Admin" {
			t.Errorf("host signer %+v", so.Signer)
		}
		e.post(ws+"/brief/sign", e.as(f.Stranger), url.Values{"version": {"2"}}).wantStatus(t, http.StatusNotFound)
	})
}
