package web

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestOccurrenceSkip(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		mon := checkIn(t, f, "monday-check-in")
		page := ws + "/check-ins/" + mon.ID
		cd := checkInDetail(t, f, mon.ID)
		next := cd.Upcoming[1]
		path := ws + "/occurrences/" + next.ID

		// Members may not skip; the refusal shows on the check-in's page.
		m := e.post(path+"/skip", e.as(f.HostMember), url.Values{"reason": {"Holiday"}})
		m.wantStatus(t, http.StatusForbidden)
		m.wantBody(t, "Only a workspace admin can skip a check-in.")
		e.post(path+"/skip", e.as(f.Guest), url.Values{"reason": {"Holiday"}}).wantStatus(t, http.StatusForbidden)
		e.post(path+"/skip", e.as(f.Stranger), url.Values{"reason": {"Holiday"}}).wantStatus(t, http.StatusNotFound)

		// A skip needs a reason: refused next to that meeting's form.
		empty := e.post(path+"/skip", e.as(f.Admin), url.Values{"reason": {""}})
		empty.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(empty.body, "skip-"+next.ID); got == "" {
			t.Errorf("no reason error:\n%s", excerpt(empty.body))
		}
		empty.wantBody(t, `<details class="occ-skip" open>`)

		e.post(path+"/skip", e.as(f.Admin), url.Values{"reason": {"Public holiday"}}).wantRedirect(t, page+"#o-"+next.ID)
		e.get(page, e.as(f.Partner)).wantBody(t, `<span class="occ-state occ-state-skipped">Skipped: Public holiday</span>`)
		e.get(path, e.as(f.Partner)).wantBody(t, "Skipped: Public holiday")
		if o := occurrence(t, f, f.Admin, next.ID); !o.Skipped || o.SkipReason != "Public holiday" {
			t.Fatalf("not skipped: %+v", o)
		}

		// A meeting that has met cannot be skipped.
		first := cd.Upcoming[0]
		f.Clock.Advance(first.StartsAt.Sub(f.Clock.Now()) + time.Hour)
		late := e.post(ws+"/occurrences/"+first.ID+"/skip", e.login(f.Admin.Email, f.Admin.Password), url.Values{"reason": {"Too late"}})
		late.wantStatus(t, http.StatusConflict)
		late.wantBody(t, "This check-in already met on Mon 23 Nov 10:00; only a future one can be skipped.")
	})
}
