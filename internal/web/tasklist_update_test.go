package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestTasklistUpdate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		list := taskListID(t, f, "asset-development")
		path := ws + "/lists/" + list
		hal := memberID(t, f, f.HostMember)

		// A person chosen directly is the DRI by name.
		e.post(path, e.as(f.HostMember), url.Values{"title": {"Assets"}, "description": {"Copy and creative."}, "dri": {"member:" + hal}}).
			wantRedirect(t, path)
		r := e.get(path, e.as(f.Partner))
		r.wantBody(t, "<h1>Assets</h1>", "Copy and creative.", `<span class="dri-name">hal@host.test</span></span>`)
		e.get(ws, e.as(f.Partner)).wantBody(t, "Assets", `<span class="dri-name">hal@host.test</span></span>`)

		// A refused DRI comes back on the open settings form with what was
		// typed; nothing changes.
		bad := e.post(path, e.as(f.Admin), url.Values{"title": {"Assets v2"}, "description": {"New."}, "dri": {"side:host"}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(bad.body, "edit-list-dri"); !strings.Contains(msg, "cannot be a DRI") {
			t.Errorf("dri error %q", msg)
		}
		bad.wantBody(t, `class="tl-settings" open`, `value="Assets v2"`, "New.</textarea>", "<h1>Assets</h1>")
		bad = e.post(path, e.as(f.Admin), url.Values{"title": {"  "}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(bad.body, "edit-list-title"); msg != "Title is required." {
			t.Errorf("title error %q", msg)
		}

		// Archive: the list leaves for the lists page and takes no tasks.
		e.post(path, e.as(f.Admin), url.Values{"archived": {"1"}}).wantRedirect(t, ws+"/lists")
		a := e.get(path, e.as(f.Admin))
		a.wantBody(t, "This list is archived", "Restore the list", "Assets is archived. Restore it to add tasks.")
		e.post(ws+"/tasks", e.as(f.Admin), url.Values{"list": {list}, "title": {"Late idea"}, "dri": {"role:content-lead"}}).
			wantStatus(t, http.StatusConflict)
		e.post(path, e.as(f.Admin), url.Values{"archived": {"0"}}).wantRedirect(t, path)
		e.get(path, e.as(f.Admin)).wantNoBody(t, "This list is archived")

		e.post(path, e.as(f.Guest), url.Values{"title": {"Guest"}}).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/lists/nope", e.as(f.Admin), url.Values{"title": {"X"}}).wantStatus(t, http.StatusNotFound)
	})
}
