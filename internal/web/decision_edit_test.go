package web

import (
	"net/http"
	"testing"
)

func TestDecisionEdit(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		d := propose(t, f, f.Admin, "Blue hero image")
		r := e.get(ws+"/decisions/"+d.ID+"/edit", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Edit D-1", `name="version" value="1"`, `value="Blue hero image"`, "We do **Blue hero image**.</textarea>",
			"every sign-off given so far is reset")
		e.get(ws+"/decisions/"+d.ID+"/edit", e.as(f.Guest)).wantStatus(t, http.StatusForbidden)

		// An approved decision says why it cannot change.
		sign(t, f, f.Partner, sign(t, f, f.Admin, d))
		e.get(ws+"/decisions/"+d.ID+"/edit", e.as(f.Partner)).wantBody(t, "D-1 is approved and locked")
	})
}
