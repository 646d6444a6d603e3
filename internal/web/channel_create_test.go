package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestChannelCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		r := e.post(ws+"/channels", e.as(f.Admin), url.Values{"name": {"Launch Room"}, "purpose": {"Go-live day."}, "visibility": {"host"}})
		r.wantStatus(t, http.StatusSeeOther)
		page := e.get(r.Header().Get("Location"), e.as(f.HostMember))
		page.wantBody(t, "launch-room", "Go-live day.", "Host only")
		e.get(r.Header().Get("Location"), e.as(f.Partner)).wantStatus(t, http.StatusNotFound)

		// htmx loads the new channel's page.
		h := e.hx(http.MethodPost, ws+"/channels", e.as(f.Partner), url.Values{"name": {"assets"}, "visibility": {"shared"}})
		h.wantStatus(t, http.StatusNoContent)
		if !strings.HasPrefix(h.Header().Get("HX-Redirect"), ws+"/c/") {
			t.Errorf("HX-Redirect %q", h.Header().Get("HX-Redirect"))
		}

		// Errors come back on the form with what was typed: on a page of its
		// own without htmx, in place with it.
		bad := e.post(ws+"/channels", e.as(f.Admin), url.Values{"name": {"Launch Room"}, "purpose": {"Again"}, "visibility": {"shared"}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(bad.body, "name"); got != "#launch-room already exists in this workspace." {
			t.Errorf("name error %q", got)
		}
		bad.wantBody(t, `value="Launch Room"`, `value="Again"`)
		other := e.hx(http.MethodPost, ws+"/channels", e.as(f.Partner), url.Values{"name": {"ours"}, "visibility": {"host"}})
		other.wantStatus(t, http.StatusUnprocessableEntity)
		other.wantBody(t, `<form class="form channel-form"`, "not keep it to the other side", `value="ours"`)
		other.wantNoBody(t, "<html")

		e.post(ws+"/channels", e.as(f.Guest), url.Values{"name": {"guest-room"}}).wantStatus(t, http.StatusForbidden)
	})
}
