package web

import (
	"net/http"
	"testing"
)

func TestThreadShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		root := say(t, f, f.Admin, ch, "Which hero image?")
		reply := say(t, f, f.Partner, ch, "The blue one.", root.ID)
		say(t, f, f.HostMember, ch, "Agreed.", root.ID)

		// The thread opens from its root or from any reply in it.
		for _, id := range []string{root.ID, reply.ID} {
			r := e.get("/w/"+f.WS.ID+"/m/"+id, e.as(f.Guest))
			r.wantStatus(t, http.StatusOK)
			r.wantBody(t, "Thread", "#day-to-day", "Which hero image?", "The blue one.", "Agreed.", "2 replies",
				`name="parent_id" value="`+root.ID+`"`, "Reply in thread", `data-thread="`+root.ID+`"`)
		}

		room := hostRoom(t, f)
		secret := say(t, f, f.Admin, room, "Margin floor")
		e.get("/w/"+f.WS.ID+"/m/"+secret.ID, e.as(f.HostMember)).wantBody(t, "Margin floor")
		e.get("/w/"+f.WS.ID+"/m/"+secret.ID, e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		e.get("/w/"+f.WS.ID+"/m/nope", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
	})
}
