package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/duet"
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

// TestInboxTasks: becoming a task's DRI, or being mentioned on a task,
// reads as a sentence and links to the task.
func TestInboxTasks(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy"})
		if _, err := f.Svc.CommentOnTask(context.Background(), f.Admin.Actor, f.WS.ID, task.ID, "@pia@partner.test please send the quotes"); err != nil {
			t.Fatal(err)
		}
		r := e.get("/inbox", e.as(f.HostMember))
		r.wantBody(t, "<strong>Ada Admin</strong> made you DRI of", taskRef(task.Number)+" Landing page copy", `href="`+ws+`/tasks/`+task.ID+`"`,
			`class="note note-assigned is-unread"`)
		p := e.get("/inbox", e.as(f.Partner))
		p.wantBody(t, "<strong>Ada Admin</strong> mentioned you on", taskRef(task.Number)+" Landing page copy", `href="`+ws+`/tasks/`+task.ID+`"`)
		// A host-only task never reaches the partner's inbox.
		secret := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Margin sheet", Visibility: duet.VisHost, Notes: "@pia@partner.test margin"})
		e.get("/inbox", e.as(f.Partner)).wantNoBody(t, "Margin sheet", secret.ID)
	})
}
