package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestTasklistShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ctx := context.Background()
		ws := "/w/" + f.WS.ID
		list := taskListID(t, f, "asset-development")
		path := ws + "/lists/" + list
		first := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Due: "launch-7d", Checklist: []string{"Outline", "Draft"}})
		td := taskDetail(t, f, f.Admin, first.ID)
		if _, err := f.Svc.CheckItem(ctx, f.Admin.Actor, f.WS.ID, first.ID, td.Checklist[0].ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, first.ID, duet.TaskUpdate{Version: 1, Status: ptr(duet.TaskBlocked),
			BlockedReason: "Waiting for partner quotes"}); err != nil {
			t.Fatal(err)
		}
		after := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Hero image", DRI: "role:designer", Due: "2026-11-12",
			DependsOn: []string{taskRef(first.Number)}})
		secret := hostTask(t, f, "Margin sheet")

		r := e.get(path, e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "<h1>Asset Development</h1>", "Create and review the co-branded assets", `<span class="label">DRI</span>`,
			// The rows: number, title, DRI, due, status, blocked reason,
			// checklist, what it waits on, one-side badge.
			taskRef(first.Number), `href="`+ws+`/tasks/`+first.ID+`"`, "Landing page copy", "hal@host.test", "Tue 12 Jan 2027", "in 57 days",
			`<span class="tstatus tstatus-blocked">Blocked</span>`, "<strong>Blocked:</strong> Waiting for partner quotes", "1/2",
			"No DRI — Designer unfilled", "Waiting on 1 task", `<span class="late-mark">Overdue</span>`, "Thu 12 Nov 2026", "4 days ago",
			"Margin sheet", `<span class="badge badge-host">Hostco only</span>`,
			// Filters, the add form with the list's DRI chosen, the settings.
			`href="`+path+`?status=blocked"`, `href="`+path+`?mine=1"`, `id="list-tasks" data-live="task tasklist workspace"`,
			`name="list" value="`+list+`"`, `<option value="role:content-lead" selected>Content Lead — hal@host.test</option>`,
			"Designer — nobody yet", `<option value="member:`, `value="shared" checked`, "Only Hostco", "List settings",
			"Move "+taskRef(after.Number)+" up")
		// No team, side or organization to choose.
		for _, v := range []string{`value="host"`, `value="partner"`, `value="team:`, `value="org:`, `value="side:`} {
			if strings.Contains(r.body[strings.Index(r.body, `id="new-task-dri"`):strings.Index(r.body, `</select>`)], v) {
				t.Errorf("the DRI picker offers %s", v)
			}
		}

		// The partner sees the shared tasks only, with no trace of the
		// host's.
		p := e.get(path, e.as(f.Partner))
		p.wantBody(t, "Landing page copy", "Hero image", "Only Partnerco")
		p.wantNoBody(t, "Margin sheet", secret.ID)

		// Filters: by status, and only the viewer's own tasks.
		b := e.get(path+"?status=blocked", e.as(f.Admin))
		b.wantBody(t, "Landing page copy", `aria-current="true">Blocked</a>`)
		b.wantNoBody(t, "Hero image", "/move")
		mine := e.get(path+"?mine=1", e.as(f.HostMember))
		mine.wantBody(t, "Landing page copy", "Write the first draft of the campaign copy")
		mine.wantNoBody(t, "Hero image", "Design the co-branded creative")
		e.get(path+"?status=done&mine=1", e.as(f.Partner)).wantBody(t, "No task matches.")
		e.get(path+"?status=late", e.as(f.Admin)).wantStatus(t, http.StatusUnprocessableEntity)

		// A guest reads the list without the forms.
		g := e.get(path, e.as(f.Guest))
		g.wantStatus(t, http.StatusOK)
		g.wantNoBody(t, "Add task", "List settings", "/move")

		e.get(path, e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/lists/nope", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
	})
}
