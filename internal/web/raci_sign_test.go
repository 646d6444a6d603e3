package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestRACISign(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal, pia := e.as(f.HostMember), e.as(f.Partner)
		one := url.Values{"version": {"1"}}

		// The draft is not signed: it has no version.
		e.post(ws+"/raci/sign", hal, one).wantStatus(t, http.StatusNotFound)

		saveRACI(t, f, f.HostMember, designRACI("Design"))
		e.post(ws+"/raci/sign", hal, one).wantRedirect(t, ws+"/raci?signed=1#raci-signoff")
		r := e.post(ws+"/raci/sign", e.as(f.Admin), one)
		r.wantStatus(t, http.StatusConflict)
		if msg := fieldError(r.body, "sign"); msg != "hal@host.test already signed version 1 for the host side." {
			t.Errorf("second host signature: %q", msg)
		}
		r.wantBody(t, "RACI matrix", ">Designer</th>")
		r = e.post(ws+"/raci/sign", e.as(f.Guest), one)
		r.wantStatus(t, http.StatusForbidden)
		if fieldError(r.body, "sign") == "" {
			t.Error("the guest's refusal is not next to the button")
		}
		r = e.post(ws+"/raci/sign", pia, url.Values{"version": {"2"}})
		r.wantStatus(t, http.StatusConflict)
		if msg := fieldError(r.body, "sign"); msg != "The RACI matrix changed since you read it (now version 1); read it again before signing." {
			t.Errorf("wrong version: %q", msg)
		}

		e.post(ws+"/raci/sign", pia, one).wantRedirect(t, ws+"/raci?signed=1#raci-signoff")
		if v := raci(t, f, f.Guest); v.Approved == nil || v.Approved.Version != 1 {
			t.Fatalf("approved %+v", v.Approved)
		}
		r = e.get(ws+"/raci?signed=1", pia)
		r.wantBody(t, "You signed version 1.", "Signed by both sides", "pia@partner.test</strong> signed version 1")
		r.wantNoBody(t, "Sign for")
		e.post(ws+"/raci/sign", e.as(f.Stranger), one).wantStatus(t, http.StatusNotFound)
	})
}
