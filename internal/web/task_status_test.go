package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestTaskStatus(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy"})
		path := ws + "/tasks/" + task.ID

		e.post(path+"/status", e.as(f.HostMember), url.Values{"version": {"1"}, "status": {"in_progress"}}).wantRedirect(t, path+"#status")
		e.get(path, e.as(f.Partner)).wantBody(t, `<span class="tstatus tstatus-in_progress">In progress</span>`, `aria-pressed="true">In progress</button>`)

		// Blocked needs a reason: the field says so, nothing changes.
		bad := e.post(path+"/status", e.as(f.HostMember), url.Values{"version": {"2"}, "status": {"blocked"}, "blocked_reason": {"  "}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(bad.body, "blocked_reason"); msg == "" {
			t.Errorf("no reason error:\n%s", excerpt(bad.body))
		}
		bad.wantBody(t, `<details class="status-blocked" open>`)
		if got := taskDetail(t, f, f.Admin, task.ID); got.Status != duet.TaskInProgress || got.Version != 2 {
			t.Fatalf("after a refused block: %s v%d", got.Status, got.Version)
		}
		// htmx gets the status panel, with the error and the reason typed.
		hx := e.hx(http.MethodPost, path+"/status", e.as(f.HostMember), url.Values{"version": {"2"}, "status": {"blocked"}})
		hx.wantStatus(t, http.StatusUnprocessableEntity)
		hx.wantBody(t, `id="task-status"`, `id="blocked_reason-error"`)
		hx.wantNoBody(t, "<html")

		ok := e.hx(http.MethodPost, path+"/status", e.as(f.HostMember), url.Values{"version": {"2"}, "status": {"blocked"}, "blocked_reason": {"Waiting for quotes"}})
		ok.wantStatus(t, http.StatusOK)
		ok.wantBody(t, `id="task-status"`, "<strong>Blocked:</strong> Waiting for quotes", `name="version" value="3"`, `value="Waiting for quotes"`)

		// A stale version is refused with the message next to the buttons.
		stale := e.post(path+"/status", e.as(f.Partner), url.Values{"version": {"2"}, "status": {"done"}})
		stale.wantStatus(t, http.StatusConflict)
		stale.wantBody(t, `id="status-error"`, "changed since you opened it")

		e.post(path+"/status", e.as(f.Partner), url.Values{"version": {"3"}, "status": {"done"}}).wantRedirect(t, path+"#status")
		e.get(path, e.as(f.Admin)).wantBody(t, `<span class="tstatus tstatus-done">Done</span>`, "marked it done", "marked it blocked: Waiting for quotes")

		// A task waiting on an unfinished one cannot start.
		next := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Publish", DependsOn: []string{taskRef(addTask(t, f, f.Admin, duet.TaskCreate{Title: "Legal"}).Number)}})
		w := e.post(ws+"/tasks/"+next.ID+"/status", e.as(f.Admin), url.Values{"version": {"1"}, "status": {"in_progress"}})
		w.wantStatus(t, http.StatusUnprocessableEntity)
		w.wantBody(t, "depends on", "Legal")

		e.post(path+"/status", e.as(f.Admin), url.Values{"version": {"4"}, "status": {"finished"}}).wantStatus(t, http.StatusUnprocessableEntity)
		e.post(path+"/status", e.as(f.Guest), url.Values{"version": {"4"}, "status": {"open"}}).wantStatus(t, http.StatusForbidden)
		secret := hostTask(t, f, "Margin sheet")
		e.post(ws+"/tasks/"+secret.ID+"/status", e.as(f.Partner), url.Values{"version": {"1"}, "status": {"done"}}).wantStatus(t, http.StatusNotFound)
	})
}
