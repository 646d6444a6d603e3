package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestMessageReact(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		m := say(t, f, f.Partner, ch, "Blue it is.")
		path := "/w/" + f.WS.ID + "/m/" + m.ID + "/react"

		h := e.hx(http.MethodPost, path, e.as(f.Admin), url.Values{"emoji": {"🎉"}})
		h.wantStatus(t, http.StatusOK)
		h.wantBody(t, `class="react is-mine" aria-pressed="true"`, `<span class="react-n" aria-hidden="true">1</span>`, "🎉 from Ada Admin; remove yours")
		// Someone else sees it as theirs to add.
		e.hx(http.MethodGet, "/w/"+f.WS.ID+"/m/"+m.ID+"/item", e.as(f.Partner), nil).wantBody(t, `aria-pressed="false"`, "🎉 from Ada Admin; add yours")

		// Toggling again removes it; a plain form goes back to the message.
		e.post(path, e.as(f.Admin), url.Values{"emoji": {"🎉"}}).wantRedirect(t, "/w/"+f.WS.ID+"/c/"+ch+"#m-"+m.ID)
		if gone := e.hx(http.MethodGet, "/w/"+f.WS.ID+"/m/"+m.ID+"/item", e.as(f.Partner), nil); gone.count(`class="react-n"`) > 0 {
			t.Errorf("the reaction stays:\n%s", gone.body)
		}

		bad := e.hx(http.MethodPost, path, e.as(f.Admin), url.Values{"emoji": {"<b>"}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		bad.wantBody(t, "Blue it is.", "must be a single emoji")
	})
}
