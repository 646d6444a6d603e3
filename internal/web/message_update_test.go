package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestMessageUpdate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		m := say(t, f, f.Partner, ch, "Logo lockups are in the folder.")
		path := "/w/" + f.WS.ID + "/m/" + m.ID + "/edit"

		h := e.hx(http.MethodPost, path, e.as(f.Partner), url.Values{"body": {"Logo lockups **and** icons are in the folder."}})
		h.wantStatus(t, http.StatusOK)
		h.wantBody(t, `id="m-`+m.ID+`"`, "<strong>and</strong> icons", ">edited</a>", `/m/`+m.ID+`/history`)

		e.post(path, e.as(f.Partner), url.Values{"body": {"Final: lockups, icons, fonts."}}).
			wantRedirect(t, "/w/"+f.WS.ID+"/c/"+ch+"#m-"+m.ID)

		// An error keeps what was typed, in place or on the page.
		bad := e.hx(http.MethodPost, path, e.as(f.Partner), url.Values{"body": {" "}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		bad.wantBody(t, "is-editing", "The text is empty", `aria-invalid="true"`)
		page := e.post(path, e.as(f.Partner), url.Values{"body": {""}})
		page.wantStatus(t, http.StatusUnprocessableEntity)
		page.wantBody(t, "Edit your message", "The text is empty")

		// Nobody else changes the partner's words.
		other := e.post(path, e.as(f.Admin), url.Values{"body": {"Rewritten"}})
		other.wantStatus(t, http.StatusForbidden)
		other.wantBody(t, "Only pia@partner.test can change their message.", "Rewritten")
	})
}
