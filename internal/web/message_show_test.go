package web

import (
	"net/http"
	"testing"
)

func TestMessageShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		m := say(t, f, f.Partner, ch, "Logo lockups are in the folder.")
		path := "/w/" + f.WS.ID + "/m/" + m.ID
		r := e.hx(http.MethodGet, path+"/item", e.as(f.Admin), nil)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, `<li class="msg msg-partner" id="m-`+m.ID+`"`, "Logo lockups", ">Reply<")
		r.wantNoBody(t, "<html", "/edit")
		// Laid out for a thread, it has no reply link.
		e.hx(http.MethodGet, path+"/item?thread=1", e.as(f.Admin), nil).wantNoBody(t, ">Reply<")
		// Without htmx it is the message's thread.
		e.get(path+"/item", e.as(f.Admin)).wantRedirect(t, path)
	})
}
