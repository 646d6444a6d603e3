package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestTasklistMove(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		last := taskListID(t, f, "post-launch-review")
		e.post(ws+"/lists/"+last+"/move", e.as(f.Partner), url.Values{"position": {"0"}}).wantRedirect(t, ws+"/lists#l-"+last)
		page := e.get(ws+"/lists", e.as(f.Admin)).body
		if a, b := strings.Index(page, "Post-Launch Review"), strings.Index(page, "Kickoff &amp; Alignment"); a < 0 || a > b {
			t.Errorf("Post-Launch Review is not first (%d, %d)", a, b)
		}
		// The "down" button of the first list, as the page posts it.
		first := taskListID(t, f, "kickoff-alignment")
		page = e.get(ws+"/lists", e.as(f.Admin)).body
		down := regexpFind(t, page, `action="`+ws+`/lists/`+first+`/move"><input type="hidden" name="position" value="(\d+)"><button[^>]*><span aria-hidden="true">↓`)
		e.post(ws+"/lists/"+first+"/move", e.as(f.Admin), url.Values{"position": {down}}).wantRedirect(t, ws+"/lists#l-"+first)
		page = e.get(ws+"/lists", e.as(f.Admin)).body
		if a, b, c := strings.Index(page, "Post-Launch Review"), strings.Index(page, "Asset Development"), strings.Index(page, "Kickoff &amp; Alignment"); !(a < b && b < c) {
			t.Errorf("order after moving Kickoff down: %d %d %d", a, b, c)
		}
		e.post(ws+"/lists/"+last+"/move", e.as(f.Admin), url.Values{"position": {"first"}}).wantStatus(t, http.StatusUnprocessableEntity)
		e.post(ws+"/lists/"+last+"/move", e.as(f.Guest), url.Values{"position": {"2"}}).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/lists/"+last+"/move", e.as(f.Stranger), url.Values{"position": {"2"}}).wantStatus(t, http.StatusNotFound)
	})
}
