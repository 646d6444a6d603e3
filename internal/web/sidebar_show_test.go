package web

import (
	"fmt"
	"net/http"
	"testing"
)

func TestSidebarShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		kickoff, day := channelID(t, f, "kickoff"), channelID(t, f, "day-to-day")
		say(t, f, f.Partner, kickoff, "Mine do not count")
		say(t, f, f.Admin, kickoff, "One")
		say(t, f, f.Admin, kickoff, "Two")
		room := hostRoom(t, f)
		say(t, f, f.Admin, room, "Host talk")

		r := e.hx(http.MethodGet, "/w/"+f.WS.ID+"/sidebar?current="+day, e.as(f.Partner), nil)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, `id="channel-nav"`, `href="/w/`+f.WS.ID+`/c/`+kickoff+`"`, `<span class="unread">2<`,
			`aria-current="page" data-channel="`+day+`"`, `href="/w/`+f.WS.ID+`/decisions"`)
		r.wantNoBody(t, "host-room", room, "<html")
		host := e.hx(http.MethodGet, "/w/"+f.WS.ID+"/sidebar", e.as(f.HostMember), nil)
		host.wantBody(t, "host-room", "(Host only)", `<span class="unread">1<`)

		// A long-idle channel shows 99+.
		for i := range 100 {
			say(t, f, f.Admin, day, fmt.Sprint("Update ", i))
		}
		e.hx(http.MethodGet, "/w/"+f.WS.ID+"/sidebar", e.as(f.Partner), nil).wantBody(t, `<span class="unread">99&#43;<`)
	})
}
