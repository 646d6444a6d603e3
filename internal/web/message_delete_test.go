package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestMessageDelete(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		ws := "/w/" + f.WS.ID
		own := say(t, f, f.Partner, ch, "Oops, wrong channel.")
		h := e.hx(http.MethodPost, ws+"/m/"+own.ID+"/delete", e.as(f.Partner), nil)
		h.wantStatus(t, http.StatusOK)
		h.wantBody(t, `id="m-`+own.ID+`"`, "This message was deleted.")
		e.get(ws+"/c/"+ch, e.as(f.Admin)).wantBody(t, "This message was deleted.")
		e.get(ws+"/c/"+ch, e.as(f.Admin)).wantNoBody(t, "wrong channel")

		// An admin removes a member of their own side's message, never the
		// other side's.
		member := say(t, f, f.HostMember, ch, "Internal numbers, sorry.")
		e.post(ws+"/m/"+member.ID+"/delete", e.as(f.Admin), url.Values{"back": {ws + "/c/" + ch}}).wantRedirect(t, ws+"/c/"+ch)
		partners := say(t, f, f.Partner, ch, "Our words.")
		refused := e.hx(http.MethodPost, ws+"/m/"+partners.ID+"/delete", e.as(f.Admin), nil)
		refused.wantStatus(t, http.StatusForbidden)
		refused.wantBody(t, "Our words.", `role="alert"`, "side can delete their message")
		e.post(ws+"/m/"+partners.ID+"/delete", e.as(f.HostMember), nil).wantStatus(t, http.StatusForbidden)
		// A back link elsewhere is not followed.
		gone := say(t, f, f.Partner, ch, "Bye.")
		e.post(ws+"/m/"+gone.ID+"/delete", e.as(f.Partner), url.Values{"back": {"https://evil.test/"}}).wantRedirect(t, ws)
	})
}
