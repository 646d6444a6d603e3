package web

import (
	"net/http"
	"testing"
)

func TestMessageEdit(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		m := say(t, f, f.Partner, ch, "Logo lockups are **in** the folder.")
		path := "/w/" + f.WS.ID + "/m/" + m.ID + "/edit"

		h := e.hx(http.MethodGet, path, e.as(f.Partner), nil)
		h.wantStatus(t, http.StatusOK)
		h.wantBody(t, `class="msg msg-partner is-editing"`, `hx-post="/w/`+f.WS.ID+`/m/`+m.ID+`/edit"`, "Logo lockups are **in** the folder.</textarea>", "Cancel")
		h.wantNoBody(t, "<html")

		p := e.get(path, e.as(f.Partner))
		p.wantStatus(t, http.StatusOK)
		p.wantBody(t, "Edit your message", "Logo lockups are **in** the folder.</textarea>", `href="/w/`+f.WS.ID+`/c/`+ch+`#m-`+m.ID+`"`)

		// Only the author edits, whoever else may see it.
		e.get(path, e.as(f.Admin)).wantStatus(t, http.StatusForbidden)
	})
}
