package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestCandidateDismiss(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		ws := "/w/" + f.WS.ID
		m := say(t, f, f.Partner, ch, "Let's go with the Tuesday slot.")
		e.get(ws+"/c/"+ch, e.as(f.Partner)).wantBody(t, "This reads like a decision")

		h := e.hx(http.MethodPost, ws+"/m/"+m.ID+"/dismiss", e.as(f.Partner), nil)
		h.wantStatus(t, http.StatusOK)
		if h.body != "" {
			t.Errorf("dismissing answers %q, want nothing", h.body)
		}
		e.get(ws+"/c/"+ch, e.as(f.Partner)).wantNoBody(t, "This reads like a decision")

		// Twice is a conflict, shown on the message.
		again := e.hx(http.MethodPost, ws+"/m/"+m.ID+"/dismiss", e.as(f.Partner), nil)
		again.wantStatus(t, http.StatusConflict)
		again.wantBody(t, "not flagged as a possible decision")

		other := say(t, f, f.Admin, ch, "We agreed: orange.")
		e.post(ws+"/m/"+other.ID+"/dismiss", e.as(f.Partner), url.Values{"back": {ws + "/c/" + ch}}).wantRedirect(t, ws+"/c/"+ch)
		flagged := say(t, f, f.Admin, ch, "Approved by legal.")
		e.post(ws+"/m/"+flagged.ID+"/dismiss", e.as(f.Guest), nil).wantStatus(t, http.StatusForbidden)
	})
}
