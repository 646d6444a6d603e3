package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestTaskCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		list := taskListID(t, f, "asset-development")
		count := func() int {
			ts, err := f.Svc.Tasks(context.Background(), f.Admin.Actor, f.WS.ID, duet.TaskFilter{ListID: list})
			if err != nil {
				t.Fatal(err)
			}
			return len(ts)
		}
		before := count()

		// A plain form post goes back to the list with the task in view.
		r := e.post(ws+"/tasks", e.as(f.HostMember), url.Values{"list": {list}, "title": {"Landing page copy"}, "dri": {"role:content-lead"},
			"due": {"launch-7d"}, "visibility": {"shared"}})
		r.wantStatus(t, http.StatusSeeOther)
		loc := r.Header().Get("Location")
		if !strings.HasPrefix(loc, ws+"/lists/"+list+"#t-") {
			t.Fatalf("Location %q", loc)
		}
		e.get(ws+"/lists/"+list, e.as(f.Partner)).wantBody(t, `id="`+strings.TrimPrefix(loc, ws+"/lists/"+list+"#")+`"`, "Landing page copy", "Tue 12 Jan 2027")

		// htmx gets a fresh form and the rows, swapped in beside it.
		h := e.doWith(http.MethodPost, ws+"/tasks", e.as(f.Admin), url.Values{"list": {list}, "title": {"Partner quotes"},
			"dri": {"role:partner-content-lead"}, "visibility": {"shared"}},
			http.Header{"Hx-Request": {"true"}, "Hx-Current-Url": {"http://duet.test" + ws + "/lists/" + list + "?status=open"}})
		h.wantStatus(t, http.StatusOK)
		h.wantBody(t, `id="task-new"`, `id="new-task-title" name="title" type="text" maxlength="200" autocomplete="off" value=""`,
			`id="list-tasks" data-live="task tasklist workspace" role="list" hx-swap-oob="true"`, "Partner quotes", "Landing page copy")
		h.wantNoBody(t, "<html")

		// A host-only task, seen by the host side only.
		e.post(ws+"/tasks", e.as(f.Admin), url.Values{"list": {list}, "title": {"Margin sheet"}, "dri": {"role:content-lead"}, "visibility": {"host"}}).
			wantStatus(t, http.StatusSeeOther)
		e.get(ws+"/lists/"+list, e.as(f.Partner)).wantNoBody(t, "Margin sheet")
		if got := count(); got != before+3 {
			t.Fatalf("%d tasks, want %d", got, before+3)
		}

		// Refused: a side, team or organization as DRI, a bad due date, the
		// other side's visibility. The field says why, the form keeps what
		// was typed, nothing is created.
		for _, tc := range []struct {
			form  url.Values
			field string
			want  string
		}{
			{url.Values{"dri": {"partner"}}, "new-task-dri", "cannot be a DRI"},
			{url.Values{"dri": {"team:design"}}, "new-task-dri", "cannot be a DRI"},
			{url.Values{"dri": {"org:" + f.WS.PartnerOrgID}}, "new-task-dri", "cannot be a DRI"},
			{url.Values{"dri": {""}}, "new-task-dri", "DRI is required"},
			{url.Values{"dri": {"role:content-lead"}, "due": {"next week"}}, "new-task-due", "not a date"},
			{url.Values{"dri": {"role:content-lead"}, "title": {""}}, "new-task-title", "Title is required."},
		} {
			form := url.Values{"list": {list}, "title": {"Hero image"}, "due": {"2026-12-01"}, "visibility": {"shared"}}
			for k, v := range tc.form {
				form[k] = v
			}
			bad := e.post(ws+"/tasks", e.as(f.Admin), form)
			bad.wantStatus(t, http.StatusUnprocessableEntity)
			if msg := fieldError(bad.body, tc.field); !strings.Contains(msg, tc.want) {
				t.Errorf("%v: %s error %q, want %q", tc.form, tc.field, msg, tc.want)
			}
			if form.Get("title") != "" {
				bad.wantBody(t, `value="Hero image"`)
			}
			bad.wantBody(t, "<h1>Asset Development</h1>")
		}
		hx := e.hx(http.MethodPost, ws+"/tasks", e.as(f.Admin), url.Values{"list": {list}, "title": {"Hero image"}, "dri": {"side:partner"}})
		hx.wantStatus(t, http.StatusUnprocessableEntity)
		hx.wantBody(t, `id="new-task-dri-error"`, `value="Hero image"`)
		hx.wantNoBody(t, "<html", `id="list-tasks"`)
		part := e.post(ws+"/tasks", e.as(f.Partner), url.Values{"list": {list}, "title": {"Ours"}, "dri": {"role:partner-content-lead"}, "visibility": {"host"}})
		part.wantStatus(t, http.StatusUnprocessableEntity)
		part.wantBody(t, "not to the other")
		if got := count(); got != before+3 {
			t.Errorf("%d tasks after refusals, want %d", got, before+3)
		}

		e.post(ws+"/tasks", e.as(f.Guest), url.Values{"list": {list}, "title": {"Guest"}, "dri": {"role:content-lead"}}).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/tasks", e.as(f.Stranger), url.Values{"list": {list}, "title": {"X"}, "dri": {"role:content-lead"}}).wantStatus(t, http.StatusNotFound)
		e.post(ws+"/tasks", e.as(f.Admin), url.Values{"list": {"nope"}, "title": {"X"}, "dri": {"role:content-lead"}}).wantStatus(t, http.StatusUnprocessableEntity)
	})
}
