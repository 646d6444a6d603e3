package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestChecklistCheck(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Checklist: []string{"Outline", "Draft"}})
		path := ws + "/tasks/" + task.ID
		items := taskDetail(t, f, f.Admin, task.ID).Checklist

		e.post(path+"/checklist/"+items[0].ID, e.as(f.Partner), url.Values{"done": {"1"}}).wantRedirect(t, path+"#checklist")
		r := e.get(path, e.as(f.Admin))
		r.wantBody(t, `<li class="cl-item is-done">`, `role="checkbox" aria-checked="true"`, `<span class="count">1/2</span>`,
			`<span class="cl-by">pia@partner.test`, "checked off")
		// The checked item's form unchecks it.
		r.wantBody(t, `action="`+path+`/checklist/`+items[0].ID+`"`, `name="done" value="0"`)
		e.get(ws+"/lists/"+task.ListID, e.as(f.Admin)).wantBody(t, "1/2")

		hx := e.hx(http.MethodPost, path+"/checklist/"+items[0].ID, e.as(f.Admin), url.Values{"done": {"0"}})
		hx.wantStatus(t, http.StatusOK)
		hx.wantBody(t, `id="task-checklist"`, `<span class="count">0/2</span>`)
		if got := taskDetail(t, f, f.Admin, task.ID); got.Checklist[0].Done {
			t.Error("the item is still checked")
		}

		e.post(path+"/checklist/nope", e.as(f.Admin), url.Values{"done": {"1"}}).wantStatus(t, http.StatusNotFound)
		e.post(path+"/checklist/"+items[1].ID, e.as(f.Guest), url.Values{"done": {"1"}}).wantStatus(t, http.StatusForbidden)
		secret := hostTask(t, f, "Margin sheet")
		item := taskDetail(t, f, f.Admin, secret.ID).Checklist[0].ID
		e.post(ws+"/tasks/"+secret.ID+"/checklist/"+item, e.as(f.Partner), url.Values{"done": {"1"}}).wantStatus(t, http.StatusNotFound)
	})
}
