package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestDecisionSign(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		d := propose(t, f, f.Admin, "Blue hero image")
		path := ws + "/decisions/" + d.ID

		e.post(path+"/sign", e.as(f.Admin), url.Values{"version": {"1"}}).wantRedirect(t, path)
		// Signing twice: the reason next to the button, for htmx and not.
		twice := e.post(path+"/sign", e.as(f.Admin), url.Values{"version": {"1"}})
		twice.wantStatus(t, http.StatusConflict)
		if got := fieldError(twice.body, "sign"); got != "You already signed D-1 as Partner Marketing Manager." {
			t.Errorf("sign error %q", got)
		}
		hx := e.hx(http.MethodPost, path+"/sign", e.as(f.Admin), url.Values{"version": {"1"}})
		hx.wantStatus(t, http.StatusConflict)
		hx.wantBody(t, `<article class="decision card" id="decision"`, "You already signed D-1")
		hx.wantNoBody(t, "<html")

		// Someone of the partner side holding no pending role cannot sign
		// for the host side.
		pat := f.Join(t, f.WS.ID, "pat@partner.test", duet.SidePartner, duet.PermMember)
		e.get(path, e.as(pat)).wantNoBody(t, "Sign version")
		other := e.post(path+"/sign", e.as(pat), url.Values{"version": {"1"}})
		other.wantStatus(t, http.StatusForbidden)
		other.wantBody(t, "you do not hold that role")

		// A stale version is refused.
		e.post(path+"/sign", e.as(f.Partner), url.Values{"version": {"7"}}).wantStatus(t, http.StatusConflict)

		// The last signature approves it; htmx gets the locked decision.
		done := e.hx(http.MethodPost, path+"/sign", e.as(f.Partner), url.Values{"version": {"1"}})
		done.wantStatus(t, http.StatusOK)
		done.wantBody(t, "status-approved", "2 of 2", "Propose a change")
		done.wantNoBody(t, "Sign version")

		// Once one side has signed, the other side's member cannot sign
		// in its place.
		d2 := sign(t, f, f.Partner, propose(t, f, f.Partner, "Lead routing"))
		waits := e.post(ws+"/decisions/"+d2.ID+"/sign", e.as(pat), url.Values{"version": {"1"}})
		waits.wantStatus(t, http.StatusForbidden)
		if got := fieldError(waits.body, "sign"); got != "D-2 now waits for the other side (Partner Marketing Manager); you cannot sign for them." {
			t.Errorf("other side error %q", got)
		}
	})
}
