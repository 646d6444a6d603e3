package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestEntryStatus(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		news, landing, _ := slipping(t, f)
		path := ws + "/calendar/" + news.ID
		status := func(version int, to string, more ...string) url.Values {
			v := url.Values{"version": {strconv.Itoa(version)}, "status": {to}}
			for i := 0; i+1 < len(more); i += 2 {
				v.Set(more[i], more[i+1])
			}
			return v
		}

		// Ready, as a plain form and then back with htmx, which gets the
		// status panel and the head out of band.
		e.post(path+"/status", e.as(f.Partner), status(1, duet.EntryReady)).wantRedirect(t, path+"#status")
		hx := e.hx(http.MethodPost, path+"/status", e.as(f.Partner), status(2, duet.EntryPlanned))
		hx.wantStatus(t, http.StatusOK)
		hx.wantBody(t, `id="entry-status"`, `id="entry-head" data-live="entry asset" hx-swap-oob="true"`, `<span class="estatus estatus-planned">Planned</span>`,
			`name="version" value="3"`)
		hx.wantNoBody(t, "<html")

		// Publishing needs the live URL.
		nourl := e.post(path+"/status", e.as(f.Partner), status(3, duet.EntryPublished))
		nourl.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(nourl.body, "live_url"); msg != "The live URL is required: where it went live." {
			t.Errorf("live_url error %q", msg)
		}
		nourl.wantBody(t, `<details class="entry-publish" open>`)
		// And the asset in review needs an override decision: the form
		// says so at its decision field, with what was typed.
		live := "https://brightwave.example/newsletter"
		over := e.hx(http.MethodPost, path+"/status", e.as(f.Partner), status(3, duet.EntryPublished, "live_url", live))
		over.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(over.body, "decision"); !strings.Contains(msg, "A-1 Data pipelines ebook is not approved; publishing needs its approval or an approved decision that overrides it") {
			t.Errorf("decision error %q", msg)
		}
		over.wantBody(t, `<label for="decision">Override decision</label>`, `value="`+live+`"`, `<details class="entry-publish" open>`)
		typo := e.post(path+"/status", e.as(f.Partner), status(3, duet.EntryPublished, "live_url", live, "decision", "D-four"))
		typo.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(typo.body, "decision"); msg != "The override decision must be a decision number like D-4, not &#34;D-four&#34;." {
			t.Errorf("decision typo error %q", msg)
		}
		unknown := e.post(path+"/status", e.as(f.Partner), status(3, duet.EntryPublished, "live_url", live, "decision", "D-9"))
		unknown.wantStatus(t, http.StatusUnprocessableEntity)
		unknown.wantBody(t, "D-9 is not an approved decision of this workspace")

		// The other side may not change it; the refusal is shown.
		other := e.post(path+"/status", e.as(f.Admin), status(3, duet.EntryReady))
		other.wantStatus(t, http.StatusForbidden)
		other.wantBody(t, `id="status-error"`, "Only the partner side changes")
		e.post(path+"/status", e.as(f.Guest), status(3, duet.EntryReady)).wantStatus(t, http.StatusForbidden)

		// An entry without assets publishes; it is history then.
		lp := ws + "/calendar/" + landing.ID
		e.post(lp+"/status", e.as(f.Admin), status(1, duet.EntryPublished, "live_url", "https://hostco.example/webinar")).wantRedirect(t, lp+"#status")
		done := e.get(lp, e.as(f.Partner))
		done.wantBody(t, `<span class="estatus estatus-published">Published</span>`, `Live at <a href="https://hostco.example/webinar"`)
		done.wantNoBody(t, "Publish…")
		again := e.get(lp, e.as(f.Admin))
		again.wantNoBody(t, `id="entry-edit-title"`, `id="set-`)

		// Cancelled, then reopened.
		e.post(path+"/status", e.as(f.Partner), status(3, duet.EntryCancelled)).wantRedirect(t, path+"#status")
		e.get(path, e.as(f.Partner)).wantBody(t, "Cancelled: it will not publish. Reopen it to plan it again.", `id="set-planned"`)
		e.post(path+"/status", e.as(f.Partner), status(4, duet.EntryPlanned)).wantRedirect(t, path+"#status")

		own := calEntry(t, f, f.Partner, duet.EntrySave{Title: "Our own teaser", PublishAt: "2026-11-25T09:00", Visibility: duet.VisPartner})
		e.post(ws+"/calendar/"+own.ID+"/status", e.as(f.HostMember), status(1, duet.EntryReady)).wantStatus(t, http.StatusNotFound)
	})
}
