package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestOccurrenceComment(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		o := current(t, f, checkIn(t, f, "monday-check-in").ID)
		path := ws + "/occurrences/" + o.ID

		r := e.post(path+"/comments", e.as(f.Partner), url.Values{"body": {"Can we move this to **11:00**?"}})
		r.wantStatus(t, http.StatusSeeOther)
		if loc := r.Header().Get("Location"); !contains(loc, path+"#c-") {
			t.Fatalf("Location %q", loc)
		}
		e.get(path, e.as(f.Admin)).wantBody(t, "Can we move this to <strong>11:00</strong>?", "<strong>pia@partner.test</strong>",
			`Comments <span class="count">1</span>`)

		// htmx gets the comments back, the form empty.
		hx := e.hx(http.MethodPost, path+"/comments", e.as(f.Guest), url.Values{"body": {"Works for me."}})
		hx.wantStatus(t, http.StatusOK)
		hx.wantBody(t, `<section class="card occ-comments" id="occ-comments"`, "Works for me.", `name="body" rows="3" data-send-on-ctrl-enter></textarea>`)
		hx.wantNoBody(t, "<html")

		// An empty comment is refused at the field, on the page or in the region.
		empty := e.post(path+"/comments", e.as(f.Admin), url.Values{"body": {""}})
		empty.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(empty.body, "occ-comment-body"); got == "" {
			t.Errorf("no comment error:\n%s", excerpt(empty.body))
		}
		e.hx(http.MethodPost, path+"/comments", e.as(f.Admin), url.Values{"body": {" "}}).wantBody(t, `id="occ-comment-body-error"`)
		e.post(path+"/comments", e.as(f.Stranger), url.Values{"body": {"Hi"}}).wantStatus(t, http.StatusNotFound)
	})
}
