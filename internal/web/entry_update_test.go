package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestEntryUpdate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		news, landing, _ := slipping(t, f)
		path := ws + "/calendar/" + news.ID

		// The partner moves the newsletter after the landing page and
		// follows it: the order slip is gone, the asset slip stays.
		form := calEntryForm(news, "2026-11-23T09:00")
		form.Set("title", "Partner newsletter: webinar feature")
		form.Add("after", landing.ID)
		e.post(path, e.as(f.Partner), form).wantRedirect(t, path)
		got := calEntryAs(t, f, f.Partner, news.ID).Entry
		if got.Title != "Partner newsletter: webinar feature" || got.Version != 2 || len(got.After) != 1 ||
			got.PublishAt.In(f.WS.Loc).Format("2006-01-02 15:04") != "2026-11-23 09:00" {
			t.Fatalf("updated %+v", got)
		}
		e.get(path, e.as(f.Admin)).wantBody(t, "changed the plan; moved it to Mon 23 Nov 2026 09:00")

		// Publishing after itself is refused at the field.
		self := calEntryForm(got, "2026-11-23T09:00")
		self.Add("after", news.ID)
		bad := e.post(path, e.as(f.Partner), self)
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(bad.body, "after"); msg != "An entry cannot publish after itself." {
			t.Errorf("after error %q", msg)
		}
		bad.wantBody(t, "<details open>")
		// So is a loop through another entry.
		back := calEntryForm(landing, "2026-11-20T10:00")
		back.Add("after", news.ID)
		loop := e.post(ws+"/calendar/"+landing.ID, e.as(f.Admin), back)
		loop.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(loop.body, "after"); !strings.Contains(msg, "That would make a loop: Landing page goes live → Partner newsletter: webinar feature → Landing page goes live") {
			t.Errorf("loop error %q", msg)
		}

		// A stale version: the entry as it is now, what was typed kept.
		stale := calEntryForm(news, "2026-11-27T09:00")
		stale.Set("title", "Typed meanwhile")
		old := e.post(path, e.as(f.Partner), stale)
		old.wantStatus(t, http.StatusConflict)
		old.wantBody(t, "changed by someone else meanwhile", "Your changes are kept below", `value="Typed meanwhile"`, `name="version" value="2"`)

		// The other side cannot replan it.
		other := e.post(path, e.as(f.Admin), calEntryForm(got, "2026-11-27T09:00"))
		other.wantStatus(t, http.StatusForbidden)
		other.wantBody(t, "Only the partner side changes its own assets and calendar entries.")
		if v := calEntryAs(t, f, f.Partner, news.ID).Entry.Version; v != 2 {
			t.Errorf("refused updates changed the entry: version %d", v)
		}
	})
}
