package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestTaskUpdate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ctx := context.Background()
		ws := "/w/" + f.WS.ID
		other := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Partner quotes", DRI: "role:partner-content-lead"})
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy"})
		path := ws + "/tasks/" + task.ID
		sequencing := taskListID(t, f, "launch-sequencing")
		pia := memberID(t, f, f.Partner)

		e.post(path, e.as(f.Partner), url.Values{"version": {"1"}, "title": {"Landing page copy, final"}, "notes": {"See **brief**."},
			"dri": {"member:" + pia}, "due": {"launch-10d"}, "depends_on": {taskRef(other.Number)}, "list": {sequencing}}).wantRedirect(t, path)
		r := e.get(path, e.as(f.Admin))
		r.wantBody(t, "Landing page copy, final", "<strong>brief</strong>", `<span class="dri-name">pia@partner.test</span></span>`,
			"Sat 9 Jan 2027", "<code>launch-10d</code>", "Launch Sequencing", "Partner quotes", `name="version" value="2"`,
			`value="`+taskRef(other.Number)+`"`, "renamed it to")

		// Someone changed it meanwhile: the message says so, the form keeps
		// what was typed and carries the version shown, so saving again
		// applies it.
		if _, err := f.Svc.UpdateTask(ctx, f.HostMember.Actor, f.WS.ID, task.ID, duet.TaskUpdate{Version: 2, Status: ptr(duet.TaskInProgress), DependsOn: &[]string{}}); err != nil {
			t.Fatal(err)
		}
		stale := e.post(path, e.as(f.Partner), url.Values{"version": {"2"}, "title": {"My newer title"}, "notes": {"Mine."}})
		stale.wantStatus(t, http.StatusConflict)
		stale.wantBody(t, "changed since you opened it", "Your changes are kept below", `value="My newer title"`, "Mine.</textarea>",
			`name="version" value="3"`, `<details open>`, `<span class="tstatus tstatus-in_progress">In progress</span>`)
		if got := taskDetail(t, f, f.Admin, task.ID); got.Title != "Landing page copy, final" {
			t.Fatalf("a stale edit was saved: %q", got.Title)
		}
		e.post(path, e.as(f.Partner), url.Values{"version": {"3"}, "title": {"My newer title"}}).wantRedirect(t, path)

		// Refused input comes back at its field, nothing saved.
		for _, tc := range []struct {
			form       url.Values
			field, msg string
		}{
			{url.Values{"dri": {"partner"}}, "edit-dri", "cannot be a DRI"},
			{url.Values{"due": {"someday"}}, "due", "not a date"},
			{url.Values{"depends_on": {taskRef(task.Number)}}, "depends_on", "cycle"},
			{url.Values{"depends_on": {"T-99999"}}, "depends_on", "no task T-99999"},
			{url.Values{"title": {""}}, "title", "Title is required."},
		} {
			form := url.Values{"version": {"4"}}
			for k, v := range tc.form {
				form[k] = v
			}
			bad := e.post(path, e.as(f.Admin), form)
			bad.wantStatus(t, http.StatusUnprocessableEntity)
			if msg := fieldError(bad.body, tc.field); !strings.Contains(msg, tc.msg) {
				t.Errorf("%v: %s error %q, want %q", tc.form, tc.field, msg, tc.msg)
			}
		}
		if got := taskDetail(t, f, f.Admin, task.ID); got.Version != 4 || got.Title != "My newer title" {
			t.Errorf("after refusals: version %d, title %q", got.Version, got.Title)
		}

		e.post(path, e.as(f.Guest), url.Values{"version": {"4"}, "title": {"Guest"}}).wantStatus(t, http.StatusForbidden)
		secret := hostTask(t, f, "Margin sheet")
		e.post(ws+"/tasks/"+secret.ID, e.as(f.Partner), url.Values{"version": {"1"}, "title": {"Ours"}}).wantStatus(t, http.StatusNotFound)
		if got := taskDetail(t, f, f.Admin, secret.ID); got.Title != "Margin sheet" {
			t.Errorf("the partner renamed a host-only task: %q", got.Title)
		}
	})
}
