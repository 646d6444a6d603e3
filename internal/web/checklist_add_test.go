package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestChecklistAdd(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy"})
		path := ws + "/tasks/" + task.ID

		e.post(path+"/checklist", e.as(f.Partner), url.Values{"text": {"Partner quotes in"}}).wantRedirect(t, path+"#checklist")
		hx := e.hx(http.MethodPost, path+"/checklist", e.as(f.HostMember), url.Values{"text": {"Legal sign-off on claims"}})
		hx.wantStatus(t, http.StatusOK)
		hx.wantBody(t, `id="task-checklist"`, "Partner quotes in", "Legal sign-off on claims", `<span class="count">0/2</span>`,
			`id="checklist-text" name="text" type="text" maxlength="300" autocomplete="off" placeholder="Add an item, e.g. Legal sign-off on claims" value=""`)
		hx.wantNoBody(t, "<html")

		bad := e.post(path+"/checklist", e.as(f.Admin), url.Values{"text": {"   "}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(bad.body, "text"); msg == "" {
			t.Errorf("no error at the field:\n%s", excerpt(bad.body))
		}
		if got := taskDetail(t, f, f.Admin, task.ID); len(got.Checklist) != 2 {
			t.Errorf("%d items, want 2", len(got.Checklist))
		}
		e.post(path+"/checklist", e.as(f.Guest), url.Values{"text": {"Guest"}}).wantStatus(t, http.StatusForbidden)
		secret := hostTask(t, f, "Margin sheet")
		e.post(ws+"/tasks/"+secret.ID+"/checklist", e.as(f.Partner), url.Values{"text": {"Ours"}}).wantStatus(t, http.StatusNotFound)
	})
}
