package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestDecisionUpdate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		d := sign(t, f, f.Admin, propose(t, f, f.Admin, "Blue hero image"))
		path := ws + "/decisions/" + d.ID

		// Editing resets the sign-offs: the admin signs again.
		e.post(path+"/edit", e.as(f.Partner), url.Values{"version": {"1"}, "title": {"Blue hero, darker"}, "body": {"Navy blue."}}).wantRedirect(t, path)
		r := e.get(path, e.as(f.Admin))
		r.wantBody(t, "Blue hero, darker", "version 2", "Navy blue.", "0 of 2", "Sign version 2")

		// A stale version is refused, and what was typed is kept.
		stale := e.post(path+"/edit", e.as(f.HostMember), url.Values{"version": {"1"}, "title": {"Cyan"}, "body": {"Cyan hero."}})
		stale.wantStatus(t, http.StatusConflict)
		stale.wantBody(t, `id="edit-error"`, `value="Cyan"`, "Cyan hero.</textarea>")

		bad := e.post(path+"/edit", e.as(f.HostMember), url.Values{"version": {"2"}, "title": {"Cyan"}, "body": {""}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(bad.body, "body"); got != "The text is empty; write something first." {
			t.Errorf("body error %q", got)
		}

		// Approved decisions are locked.
		a := sign(t, f, f.Partner, sign(t, f, f.Admin, propose(t, f, f.Admin, "Lead routing")))
		locked := e.post(ws+"/decisions/"+a.ID+"/edit", e.as(f.Partner), url.Values{"version": {"1"}, "title": {"Changed"}, "body": {"Changed."}})
		locked.wantStatus(t, http.StatusConflict)
		locked.wantBody(t, "D-2 is approved and locked; to change it, propose a decision that supersedes it.", `value="Changed"`)
	})
}
