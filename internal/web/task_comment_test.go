package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestTaskComment(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy"})
		path := ws + "/tasks/" + task.ID

		r := e.post(path+"/comments", e.as(f.Partner), url.Values{"body": {"Quotes come **Friday**, <script>alert(1)</script>."}})
		r.wantStatus(t, http.StatusSeeOther)
		if loc := r.Header().Get("Location"); !strings.HasPrefix(loc, path+"#c-") {
			t.Fatalf("Location %q", loc)
		}
		page := e.get(path, e.as(f.Admin))
		page.wantBody(t, "<strong>Friday</strong>", "pia@partner.test")
		page.wantNoBody(t, "<script>alert")

		// Guests comment too; htmx gets the comments with an empty form.
		hx := e.hx(http.MethodPost, path+"/comments", e.as(f.Guest), url.Values{"body": {"Noted."}})
		hx.wantStatus(t, http.StatusOK)
		hx.wantBody(t, `id="task-comments"`, "Noted.", "gus@host.test", `<span class="count">2</span>`, "data-send-on-ctrl-enter></textarea>")

		bad := e.hx(http.MethodPost, path+"/comments", e.as(f.Admin), url.Values{"body": {"  "}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		bad.wantBody(t, `id="body-error"`)
		td, err := f.Svc.Task(context.Background(), f.Admin.Actor, f.WS.ID, task.ID)
		if err != nil || len(td.Comments) != 2 {
			t.Fatalf("%d comments, %v", len(td.Comments), err)
		}

		secret := hostTask(t, f, "Margin sheet")
		e.post(ws+"/tasks/"+secret.ID+"/comments", e.as(f.Partner), url.Values{"body": {"Hello?"}}).wantStatus(t, http.StatusNotFound)
		e.post(ws+"/tasks/"+secret.ID+"/comments", e.as(f.Guest), url.Values{"body": {"Margin noted."}}).wantStatus(t, http.StatusSeeOther)
	})
}
