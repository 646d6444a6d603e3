package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestChannelUpdate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "retro")
		path := "/w/" + f.WS.ID + "/c/" + ch
		e.post(path+"/settings", e.as(f.HostMember), url.Values{"name": {"Post Launch"}, "purpose": {"What we learned."}}).wantRedirect(t, path)
		e.get(path, e.as(f.Partner)).wantBody(t, "#</span>post-launch", "What we learned.")

		bad := e.post(path+"/settings", e.as(f.HostMember), url.Values{"name": {"kickoff"}, "purpose": {"Clash"}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(bad.body, "name"); got != "#kickoff already exists in this workspace." {
			t.Errorf("name error %q", got)
		}
		bad.wantBody(t, `value="kickoff"`, `value="Clash"`)
		e.post(path+"/settings", e.as(f.Guest), url.Values{"name": {"x"}}).wantStatus(t, http.StatusForbidden)
	})
}
