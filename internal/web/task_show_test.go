package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestTaskShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ctx := context.Background()
		ws := "/w/" + f.WS.ID
		first := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Partner quotes", DRI: "role:partner-content-lead", Due: "kickoff+10d"})
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Due: "launch-7d", Notes: "Draft in **Docs**, then ask @hal@host.test.",
			Checklist: []string{"Outline", "First draft"}, DependsOn: []string{taskRef(first.Number)}})
		if _, err := f.Svc.CommentOnTask(ctx, f.Partner.Actor, f.WS.ID, task.ID, "Quotes come *Friday*."); err != nil {
			t.Fatal(err)
		}
		path := ws + "/tasks/" + task.ID

		r := e.get(path, e.as(f.HostMember))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, taskRef(task.Number), "<h1 class=\"task-title-big\">Landing page copy</h1>", "<strong>Docs</strong>",
			"hal@host.test", "Content Lead", "Tue 12 Jan 2027", "<code>launch-7d</code> 7 days before launch", "Asset Development",
			// Status buttons carry the version; blocked asks for a reason.
			`<span class="tstatus tstatus-open">Open</span>`, `name="version" value="1"`, `name="status" value="in_progress"`,
			`aria-pressed="true">Open</button>`, "Blocked…", `id="blocked_reason"`,
			// Dependencies both ways, checklist, comments, history.
			"Waits on", taskRef(first.Number), "Partner quotes", `role="checkbox" aria-checked="false"`, "Outline", "First draft",
			"<em>Friday</em>", "pia@partner.test", "Partnerco", "created the task with", "Edit task", `value="T-`,
			`id="task-status" data-live="task"`, `id="task-checklist" data-live="task"`, `id="task-comments" data-live="task"`,
			`id="task-history" data-live="task"`, `aria-current="page">Tasks</a>`)
		e.get(ws+"/tasks/"+first.ID, e.as(f.Partner)).wantBody(t, "Waiting on it", "Landing page copy")

		// A guest reads and comments, and has no buttons.
		g := e.get(path, e.as(f.Guest))
		g.wantStatus(t, http.StatusOK)
		g.wantBody(t, "Guests can comment but not change the task.", `id="comment-body"`, "(not done)")
		g.wantNoBody(t, "Edit task", `role="checkbox"`, `id="blocked_reason"`)

		// A host-only task is not there for the partner or anyone outside.
		secret := hostTask(t, f, "Margin sheet")
		e.get(ws+"/tasks/"+secret.ID, e.as(f.HostMember)).wantBody(t, "Margin sheet", `<span class="badge badge-host">Hostco only</span>`)
		for _, u := range []string{e.as(f.Partner), e.as(f.Stranger)} {
			nf := e.get(ws+"/tasks/"+secret.ID, u)
			nf.wantStatus(t, http.StatusNotFound)
			nf.wantNoBody(t, "Margin sheet")
		}
		e.get(ws+"/tasks/nope", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
		e.get(path, "").wantRedirect(t, "/login?next=%2Fw%2F"+f.WS.ID+"%2Ftasks%2F"+task.ID)
	})
}
