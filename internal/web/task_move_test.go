package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestTaskMove(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ctx := context.Background()
		ws := "/w/" + f.WS.ID
		list := taskListID(t, f, "asset-development")
		a := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Alpha task"})
		b := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Bravo task"})
		order := func(list string) string {
			ts, err := f.Svc.Tasks(ctx, f.Admin.Actor, f.WS.ID, duet.TaskFilter{ListID: list})
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, t := range ts {
				if strings.HasSuffix(t.Title, " task") {
					titles = append(titles, t.Title)
				}
			}
			return strings.Join(titles, ",")
		}
		// The list page's "up" button on Bravo, as it posts it.
		page := e.get(ws+"/lists/"+list, e.as(f.Partner)).body
		up := regexpFind(t, page, `action="`+ws+`/tasks/`+b.ID+`/move"><input type="hidden" name="list" value="`+list+`"><input type="hidden" name="position" value="(\d+)">`)
		e.post(ws+"/tasks/"+b.ID+"/move", e.as(f.Partner), url.Values{"list": {list}, "position": {up}, "version": {"1"}}).
			wantRedirect(t, ws+"/lists/"+list+"#t-"+b.ID)
		if got := order(list); got != "Bravo task,Alpha task" {
			t.Fatalf("order %q", got)
		}

		// To another list, at its end.
		seq := taskListID(t, f, "launch-sequencing")
		e.post(ws+"/tasks/"+a.ID+"/move", e.as(f.Admin), url.Values{"list": {seq}, "version": {"1"}}).wantRedirect(t, ws+"/lists/"+seq+"#t-"+a.ID)
		if got := order(seq); got != "Alpha task" {
			t.Fatalf("Launch Sequencing: %q", got)
		}

		// A stale version is said above the list; nothing moves.
		stale := e.post(ws+"/tasks/"+b.ID+"/move", e.as(f.Admin), url.Values{"list": {list}, "position": {"0"}, "version": {"1"}})
		stale.wantStatus(t, http.StatusConflict)
		stale.wantBody(t, `<div class="alert alert-error" role="alert">`, "changed since you opened it", "<h1>Asset Development</h1>")
		e.post(ws+"/tasks/"+b.ID+"/move", e.as(f.Admin), url.Values{"list": {list}, "position": {"up"}, "version": {"2"}}).wantStatus(t, http.StatusUnprocessableEntity)

		e.post(ws+"/tasks/"+b.ID+"/move", e.as(f.Guest), url.Values{"list": {list}, "position": {"0"}, "version": {"2"}}).wantStatus(t, http.StatusForbidden)
		secret := hostTask(t, f, "Margin sheet")
		e.post(ws+"/tasks/"+secret.ID+"/move", e.as(f.Partner), url.Values{"list": {seq}, "version": {"1"}}).wantStatus(t, http.StatusNotFound)
	})
}
