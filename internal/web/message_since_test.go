package web

import (
	"fmt"
	"net/http"
	"testing"
)

func TestMessageSince(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		seen := say(t, f, f.Admin, ch, "Already on the page")
		say(t, f, f.Partner, ch, "First new one")
		say(t, f, f.HostMember, ch, "A reply stays in its thread", seen.ID)
		say(t, f, f.Partner, ch, "Second new one")
		r := e.hx(http.MethodGet, fmt.Sprintf("/w/%s/c/%s/since?after=%d", f.WS.ID, ch, seen.Seq), e.as(f.Admin), nil)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "First new one", "Second new one", `<span class="side-tag side-tag-partner">Partnerco</span>`)
		r.wantNoBody(t, "Already on the page", "A reply stays", "<html", `id="older"`)
		if r.count(`class="msg msg-`) != 2 {
			t.Errorf("%d messages, want 2", r.count(`class="msg msg-`))
		}
		room := hostRoom(t, f)
		e.hx(http.MethodGet, "/w/"+f.WS.ID+"/c/"+room+"/since?after=0", e.as(f.Partner), nil).wantStatus(t, http.StatusNotFound)
	})
}
