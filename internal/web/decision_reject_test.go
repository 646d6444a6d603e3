package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestDecisionReject(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		d := propose(t, f, f.Admin, "Orange hero image")
		path := ws + "/decisions/" + d.ID

		bad := e.post(path+"/reject", e.as(f.Partner), url.Values{"reason": {"  "}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(bad.body, "reject"); got != "Reason is required: say why." {
			t.Errorf("reject error %q", got)
		}
		bad.wantBody(t, `<details class="dec-form" open>`)

		e.hx(http.MethodPost, path+"/reject", e.as(f.HostMember), url.Values{"reason": {"Not mine."}}).wantStatus(t, http.StatusForbidden)

		r := e.hx(http.MethodPost, path+"/reject", e.as(f.Partner), url.Values{"reason": {"Clashes with our logo."}})
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "status-rejected", "Rejected:</strong> Clashes with our logo.")
		r.wantNoBody(t, "Sign version", "Reject…")
	})
}
