package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestDecisionWithdraw(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		d := propose(t, f, f.HostMember, "Orange hero image")
		path := ws + "/decisions/" + d.ID

		p := e.post(path+"/withdraw", e.as(f.Partner), nil)
		p.wantStatus(t, http.StatusForbidden)
		if got := fieldError(p.body, "withdraw"); got == "" {
			t.Error("no error next to Withdraw")
		}
		// The proposer's side's admin may.
		e.post(path+"/withdraw", e.as(f.Admin), url.Values{"reason": {"Superseded by the call."}}).wantRedirect(t, path)
		e.get(path, e.as(f.Partner)).wantBody(t, "status-withdrawn", "Superseded by the call.")
	})
}
