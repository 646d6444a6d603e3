package web

import (
	"net/http"
	"testing"
)

func TestInboxShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		ch := channelID(t, f, "day-to-day")
		m := say(t, f, f.Admin, ch, "@pia@partner.test can you check the lockups?")
		root := say(t, f, f.Partner, ch, "Logo question")
		say(t, f, f.Admin, ch, "Answer in the thread", root.ID)
		d := propose(t, f, f.Admin, "Blue hero image")

		r := e.get("/inbox", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Inbox", "Ada Admin", "mentioned you", "replied in a thread", "asks for your sign-off", "D-1 Blue hero image",
			"Webinar with Partnerco", ws+"/c/"+ch+"#m-"+m.ID, ws+"/decisions/"+d.ID, "Mark all read", `class="note note-signoff is-unread"`,
			`<span id="bell-count" class="bell-count">3<`)
		if n := r.count(`is-unread`); n != 3 {
			t.Errorf("%d unread notes, want 3", n)
		}
		empty := e.get("/inbox", e.as(f.Stranger))
		empty.wantBody(t, "Nothing for you yet")
		empty.wantNoBody(t, "Mark all read")
	})
}
