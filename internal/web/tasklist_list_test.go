package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestTasklistList(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		asset := taskListID(t, f, "asset-development")
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy"})
		ctx := context.Background()
		if _, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, task.ID, duet.TaskUpdate{Version: 1, Status: ptr(duet.TaskBlocked), BlockedReason: "Quotes"}); err != nil {
			t.Fatal(err)
		}
		hostTask(t, f, "Margin sheet")

		r := e.get(ws+"/lists", e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Task lists", "Kickoff &amp; Alignment", "Asset Development", "Launch Sequencing", "Post-Launch Review",
			`href="`+ws+`/lists/`+asset+`"`, "No DRI — Project Manager unfilled", "hal@host.test", "<strong>0</strong>/10 done", "1 blocked",
			"6 overdue", `data-live="tasklist task"`, "Add a list", `name="dri"`, `<optgroup label="Roles">`,
			"Move Kickoff &amp; Alignment down", "Move Asset Development up", "Archive<span", `aria-current="page">Tasks</a>`)
		// The first list cannot move up, nor the last down.
		r.wantNoBody(t, "Move Kickoff &amp; Alignment up", "Move Post-Launch Review down")

		// The partner counts only what the partner sees; a guest reads
		// without the controls.
		e.get(ws+"/lists", e.as(f.Partner)).wantBody(t, "<strong>0</strong>/9 done")
		g := e.get(ws+"/lists", e.as(f.Guest))
		g.wantStatus(t, http.StatusOK)
		g.wantNoBody(t, "Add a list", "/move", "Archive<span")

		// An archived list moves to its own section with a Restore button.
		if _, err := f.Svc.UpdateTaskList(ctx, f.Admin.Actor, f.WS.ID, taskListID(t, f, "post-launch-review"), duet.TaskListUpdate{Archived: ptr(true)}); err != nil {
			t.Fatal(err)
		}
		a := e.get(ws+"/lists", e.as(f.HostMember))
		archived := a.body[strings.Index(a.body, `id="archived-title"`):]
		if !strings.Contains(archived, "Post-Launch Review") || !strings.Contains(archived, "Restore") {
			t.Errorf("the archived section lacks the list:\n%s", excerpt(archived))
		}
		a.wantNoBody(t, "Move Launch Sequencing down")

		e.get(ws+"/lists", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/lists", "").wantRedirect(t, "/login?next=%2Fw%2F"+f.WS.ID+"%2Flists")
	})
}
