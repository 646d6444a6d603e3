package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"duet/internal/duet"
)

func TestEntryReschedule(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		news, landing, _ := slipping(t, f)
		move := func(version int, date, view, at string) url.Values {
			return url.Values{"version": {strconv.Itoa(version)}, "date": {date}, "view": {view}, "at": {at}}
		}
		when := func(id string) string {
			return calEntryAs(t, f, f.Admin, id).Entry.PublishAt.In(f.WS.Loc).Format("2006-01-02 15:04")
		}

		// The owning side drags the newsletter from the month view: htmx
		// gets the month again, saying where it went, at the same time of
		// day.
		path := ws + "/calendar/" + news.ID + "/reschedule"
		hx := e.hx(http.MethodPost, path, e.as(f.Partner), move(1, "2026-11-23", "month", "2026-11-16"))
		hx.wantStatus(t, http.StatusOK)
		hx.wantBody(t, `id="cal-region"`, `class="cal-region cal-month"`, "Moved “Partner newsletter feature” to Mon 23 Nov 2026, 09:00 CET.",
			`<p id="cal-status" class="cal-note" role="status" hx-swap-oob="innerHTML">Moved`, `data-day="2026-11-23"`)
		hx.wantNoBody(t, "<html")
		if got := when(news.ID); got != "2026-11-23 09:00" {
			t.Fatalf("moved to %s", got)
		}
		// The keyboard's form without script: the calendar around the
		// new day, in the view it came from.
		e.post(path, e.as(f.Partner), move(2, "2026-12-02", "week", "2026-11-16")).wantRedirect(t, ws+"/calendar?date=2026-12-02&view=week")
		if got := when(news.ID); got != "2026-12-02 09:00" {
			t.Fatalf("moved to %s", got)
		}
		// Across the change to summer time the wall clock stays too.
		lp := ws + "/calendar/" + landing.ID + "/reschedule"
		e.post(lp, e.as(f.Admin), move(1, "2027-04-02", "month", "2026-11-16")).wantStatus(t, http.StatusSeeOther)
		if got := when(landing.ID); got != "2027-04-02 10:00" {
			t.Fatalf("landing page moved to %s", got)
		}

		// The other side gets 403 with the reason above the calendar.
		other := e.hx(http.MethodPost, path, e.as(f.Admin), move(3, "2026-11-25", "month", "2026-11-16"))
		other.wantStatus(t, http.StatusForbidden)
		other.wantBody(t, `<p class="alert alert-error cal-alert" role="alert">Only the partner side changes its own assets and calendar entries.</p>`)
		page := e.post(path, e.as(f.Admin), move(3, "2026-11-25", "month", "2026-11-16"))
		page.wantStatus(t, http.StatusForbidden)
		page.wantBody(t, "Launch calendar", "Only the partner side changes")
		e.post(path, e.as(f.Guest), move(3, "2026-11-25", "month", "2026-11-16")).wantStatus(t, http.StatusForbidden)
		// A stale version and a day that is not one.
		e.post(path, e.as(f.Partner), move(1, "2026-11-25", "month", "2026-11-16")).wantStatus(t, http.StatusConflict)
		bad := e.post(path, e.as(f.Partner), move(3, "25/11/2026", "month", "2026-11-16"))
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		bad.wantBody(t, "Date must be a date like 2027-03-12")
		if got := when(news.ID); got != "2026-12-02 09:00" {
			t.Fatalf("refused moves moved it to %s", got)
		}

		// A published or cancelled entry stays where it is.
		e.post(ws+"/calendar/"+landing.ID+"/status", e.as(f.Admin), url.Values{"version": {"2"}, "status": {"cancelled"}}).wantStatus(t, http.StatusSeeOther)
		e.post(lp, e.as(f.Admin), move(3, "2027-04-03", "month", "2026-11-16")).wantStatus(t, http.StatusUnprocessableEntity)

		own := calEntry(t, f, f.Partner, duet.EntrySave{Title: "Our own teaser", PublishAt: "2026-11-25T09:00", Visibility: duet.VisPartner})
		e.post(ws+"/calendar/"+own.ID+"/reschedule", e.as(f.HostMember), move(1, "2026-11-26", "month", "")).wantStatus(t, http.StatusNotFound)
		e.post(path, e.as(f.Stranger), move(3, "2026-11-26", "month", "")).wantStatus(t, http.StatusNotFound)
	})
}
