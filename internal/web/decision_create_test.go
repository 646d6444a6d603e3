package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestDecisionCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		ch := channelID(t, f, "day-to-day")
		m := say(t, f, f.Partner, ch, "Let's go with Tuesday 10am ET.")

		r := e.post(ws+"/decisions", e.as(f.Partner), url.Values{"kind": {"launch_call"}, "title": {"Live session on Tuesday 10am ET"},
			"body": {"Let's go with Tuesday 10am ET."}, "rationale": {"Both regions are awake."}, "from_message": {m.ID}})
		r.wantStatus(t, http.StatusSeeOther)
		loc := r.Header().Get("Location")
		if !strings.HasPrefix(loc, ws+"/decisions/") {
			t.Fatalf("Location %q", loc)
		}
		e.get(loc, e.as(f.Admin)).wantBody(t, "D-1", "Live session on Tuesday 10am ET", "Launch call", "Awaiting sign-off", "from a chat message")
		// The message now links its decision and nudges nobody.
		c := e.get(ws+"/c/"+ch, e.as(f.Partner))
		c.wantBody(t, "Recorded as D-1")
		c.wantNoBody(t, "This reads like a decision")

		// Errors come back on the form with everything typed.
		bad := e.post(ws+"/decisions", e.as(f.Admin), url.Values{"kind": {"creative"}, "title": {"  "}, "body": {"Blue."}, "rationale": {"Palettes."}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(bad.body, "title"); got != "Title is required." {
			t.Errorf("title error %q", got)
		}
		bad.wantBody(t, `<option value="creative" selected>`, "Blue.</textarea>", "Palettes.</textarea>")
		twice := e.post(ws+"/decisions", e.as(f.Admin), url.Values{"title": {"Again"}, "body": {"Again."}, "from_message": {m.ID}})
		twice.wantStatus(t, http.StatusConflict)
		twice.wantBody(t, "already recorded as D-1", `value="Again"`)

		e.post(ws+"/decisions", e.as(f.Guest), url.Values{"title": {"Guest"}, "body": {"No."}}).wantStatus(t, http.StatusForbidden)
	})
}
