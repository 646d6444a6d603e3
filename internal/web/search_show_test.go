package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestSearchShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		ch := channelID(t, f, "day-to-day")
		m := say(t, f, f.Partner, ch, "The webinar landing page copy is final.")
		reply := say(t, f, f.Admin, ch, "Landing page <b>goes</b> live Monday.", m.ID)
		d := propose(t, f, f.Admin, "Landing page headline")
		say(t, f, f.Admin, hostRoom(t, f), "Landing page margin secret.")

		r := e.get(ws+"/search?q=landing+page", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "3 results", "<mark>", "#day-to-day", "pia@partner.test", "Decision", "D-1 Landing page headline",
			ws+"/c/"+ch+"#m-"+m.ID, ws+"/m/"+m.ID+"#m-"+reply.ID, ws+"/decisions/"+d.ID, `value="landing page"`)
		// Typed HTML stays text (PostgreSQL's snippets drop it, SQLite's
		// escape it).
		r.wantNoBody(t, "secret", "<b>goes</b>")
		if !strings.Contains(e.get(ws+"/search?q=margin+secret", e.as(f.HostMember)).body, "1 result") {
			t.Error("the host side does not find its own channel's message")
		}
		none := e.get(ws+"/search?q=margin+secret", e.as(f.Partner))
		none.wantBody(t, "0 results", "Nothing matches")
		none.wantNoBody(t, "secret.")

		// An empty search shows the form; a silly one says what is wrong.
		e.get(ws+"/search", e.as(f.Partner)).wantNoBody(t, "results")
		long := e.get(ws+"/search?q="+strings.Repeat("x", 201), e.as(f.Partner))
		long.wantStatus(t, http.StatusUnprocessableEntity)
		long.wantBody(t, "The search must be at most 200 characters.")
	})
}
