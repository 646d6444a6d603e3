package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

func TestCriterionCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		m := milestone(t, f, "launch-go-live")
		path := ws + "/milestones/" + m.ID + "/criteria"

		// A check with a role as its DRI; the role's holder is named.
		e.post(path, e.as(f.Partner), url.Values{"version": {"1"}, "text": {"The partner's press release is scheduled."}, "dri": {"role:content-lead"}}).
			wantRedirect(t, ws+"/milestones#m-"+m.ID)
		got := milestone(t, f, "launch-go-live")
		if len(got.Criteria) != len(m.Criteria)+1 {
			t.Fatalf("%d criteria, want %d", len(got.Criteria), len(m.Criteria)+1)
		}
		page := e.get(ws+"/milestones", e.as(f.Admin))
		page.wantBody(t, "The partner&#39;s press release is scheduled.", "added the check",
			"Waiting for hal@host.test to check this off")

		// A check with a person as its DRI.
		d, err := f.Svc.Workspace(context.Background(), f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		me, _ := memberOf(d, f.Partner.Actor)
		e.post(path, e.as(f.Admin), url.Values{"text": {"Partner webinar page is live."}, "dri": {"member:" + me.ID}}).
			wantRedirect(t, ws+"/milestones#m-"+m.ID)
		e.get(ws+"/milestones", e.as(f.Admin)).wantBody(t, "Partner webinar page is live.", "Waiting for "+f.Partner.Name+" to check this off")

		// A side or a team is not a DRI; a check needs its text. The form
		// keeps what was typed and opens on the error.
		r := e.post(path, e.as(f.Admin), url.Values{"text": {"Sales is briefed."}, "dri": {"side:partner"}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, m.ID+"-dri"); got == "" {
			t.Errorf("no DRI error:\n%s", excerpt(r.body))
		}
		r.wantBody(t, `<details class="ms-more ms-add" open>`, `value="Sales is briefed."`)
		empty := e.post(path, e.as(f.Admin), url.Values{"text": {"  "}, "dri": {"role:content-lead"}})
		empty.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(empty.body, m.ID+"-text"); got != "Text is required." {
			t.Errorf("text error %q", got)
		}
		empty.wantBody(t, `<option value="role:content-lead" selected>`)
		if n := len(milestone(t, f, "launch-go-live").Criteria); n != len(m.Criteria)+2 {
			t.Errorf("refused checks were added: %d criteria", n)
		}

		e.post(path, e.as(f.Guest), url.Values{"text": {"x"}, "dri": {"role:content-lead"}}).wantStatus(t, http.StatusForbidden)
		e.post(path, e.as(f.Stranger), url.Values{"text": {"x"}, "dri": {"role:content-lead"}}).wantStatus(t, http.StatusNotFound)
		e.post(ws+"/milestones/nope/criteria", e.as(f.Admin), url.Values{"text": {"x"}, "dri": {"role:content-lead"}}).wantStatus(t, http.StatusNotFound)
	})
}
