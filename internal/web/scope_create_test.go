package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestScopeCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		h := hill(t, f)
		path := ws + "/hill/" + h.ID + "/scopes"
		list := f.WS.TaskLists[1]

		e.post(path, e.as(f.Partner), url.Values{"title": {"Partner landing page"}, "task_list": {list.ID}}).wantRedirect(t, ws+"/hill#scopes")
		e.post(path, e.as(f.Admin), url.Values{"title": {"Press kit"}}).wantRedirect(t, ws+"/hill#scopes")
		got := hill(t, f)
		if n := len(got.Scopes); n != len(h.Scopes)+2 {
			t.Fatalf("%d scopes, want %d", n, len(h.Scopes)+2)
		}
		if s := got.Scopes[len(h.Scopes)]; s.Title != "Partner landing page" || s.TaskListID != list.ID || s.Position != 0 {
			t.Errorf("new scope %+v", s)
		}
		page := e.get(ws+"/hill", e.as(f.Admin))
		page.wantBody(t, `aria-label="Partner landing page"`, `aria-label="Press kit"`)
		if n := page.count(`role="slider"`); n != 6 {
			t.Errorf("%d sliders, want 6", n)
		}

		// A title is required; the task list must be the workspace's.
		r := e.post(path, e.as(f.Admin), url.Values{"title": {""}, "task_list": {list.ID}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "scope-title"); got != "Title is required." {
			t.Errorf("title error %q", got)
		}
		r.wantBody(t, `<option value="`+list.ID+`" selected>`)
		bad := e.post(path, e.as(f.Admin), url.Values{"title": {"Webinar"}, "task_list": {"nope"}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(bad.body, "scope-list"); got == "" {
			t.Errorf("no task list error")
		}
		bad.wantBody(t, `value="Webinar"`)
		if n := len(hill(t, f).Scopes); n != len(h.Scopes)+2 {
			t.Errorf("refused scopes added: %d", n)
		}

		e.post(path, e.as(f.Guest), url.Values{"title": {"x"}}).wantStatus(t, http.StatusForbidden)
		e.post(path, e.as(f.Stranger), url.Values{"title": {"x"}}).wantStatus(t, http.StatusNotFound)
	})
}
