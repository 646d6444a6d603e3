package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestTasklistCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		r := e.post(ws+"/lists", e.as(f.Partner), url.Values{"title": {"Paid social"}, "description": {"Ads on both sides' channels."},
			"dri": {"role:partner-marketing-lead"}})
		r.wantStatus(t, http.StatusSeeOther)
		loc := r.Header().Get("Location")
		if !strings.HasPrefix(loc, ws+"/lists/") {
			t.Fatalf("Location %q", loc)
		}
		e.get(loc, e.as(f.Admin)).wantBody(t, "Paid social", "Ads on both sides&#39; channels.", "pia@partner.test", "Partner Marketing Lead")

		count := func() int {
			infos, err := f.Svc.TaskLists(context.Background(), f.Admin.Actor, f.WS.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(infos)
		}
		before := count()
		// A side, a team or an organization is never a DRI: the field
		// says so and what was typed stays.
		for _, dri := range []string{"partner", "team:partner", "org:" + f.WS.PartnerOrgID, ""} {
			bad := e.post(ws+"/lists", e.as(f.Admin), url.Values{"title": {"Events"}, "description": {"Booths."}, "dri": {dri}})
			bad.wantStatus(t, http.StatusUnprocessableEntity)
			if msg := fieldError(bad.body, "new-list-dri"); !strings.HasPrefix(msg, "DRI ") {
				t.Errorf("dri %q: field error %q", dri, msg)
			}
			bad.wantBody(t, `id="new-list-title" name="title" type="text" maxlength="120" autocomplete="off" value="Events"`, "Booths.</textarea>")
			bad.wantNoBody(t, `value="partner"`, `value="team:`, `value="org:`)
		}
		if count() != before {
			t.Error("a refused list was created")
		}
		e.post(ws+"/lists", e.as(f.Guest), url.Values{"title": {"Guest list"}, "dri": {"role:content-lead"}}).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/lists", e.as(f.Stranger), url.Values{"title": {"Other"}, "dri": {"role:content-lead"}}).wantStatus(t, http.StatusNotFound)
	})
}
