package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// calendarViews builds the launch calendar's pages from a fixture of their
// own: the partner's newsletter slipping on a host asset in review, the
// host's launch-critical landing page it must follow, the month with a
// refused move, an entry's page with a refused publish and its edit form
// refused at a field, and the new-entry form refused at the time.
func calendarViews(t *testing.T) map[string]viewCase {
	t.Helper()
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	news, landing, _ := slipping(t, f)
	d, err := f.Svc.Workspace(ctx, f.Partner.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, f.Partner.Actor)
	v := &viewer{d: d, o: orgsOf(d), me: me, now: f.Svc.Now()}
	nav := navOf(d, "calendar")

	sp := spanOf(calMonth, v.calendarToday())
	cv, err := f.Svc.Calendar(ctx, f.Partner.Actor, f.WS.ID, sp.filter(v.loc()))
	if err != nil {
		t.Fatal(err)
	}
	region := v.calendarRegion(cv, sp)
	region.Err = "Only the host side changes its own assets and calendar entries."
	month := v.calendarPage(sp, region)
	month.Base = Base{Title: "Launch calendar", Nav: nav}

	all, err := f.Svc.Calendar(ctx, f.Partner.Actor, f.WS.ID, duet.EntryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	assets, err := f.Svc.Assets(ctx, f.Partner.Actor, f.WS.ID, duet.AssetFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ed, err := f.Svc.Entry(ctx, f.Partner.Actor, f.WS.ID, news.ID)
	if err != nil {
		t.Fatal(err)
	}
	ev := v.calendarEntry(ed.Entry)
	page := &EntryPage{Base: Base{Title: news.Title, Nav: nav}, Head: EntryHead{E: ev}, Status: v.entryStatusPanel(ev, true), History: v.changes(ed.History)}
	page.Status.Err = FormError{Field: "decision", Msg: "A-1 Data pipelines ebook is not approved."}
	page.Status.LiveURL, page.Status.Decision, page.Status.Open = "https://partner.test/news", "D-7", true
	typed := v.entryFormOf(ed.Entry)
	typed.After = []string{news.ID}
	edit := v.entryFormView("entry-edit", ev.URL, typed, FormError{Field: "after", Msg: "An entry cannot publish after itself."}, assets, all, news.ID, true)
	edit.Submit = "Save changes"
	page.Edit = &edit

	newForm := EntryForm{Title: "Partner webinar reminder", Channel: duet.ChanWebinarReminder, DRI: "role:partner-marketing-lead", PublishAt: "tomorrow",
		Visibility: "partner", After: []string{landing.ID}}
	newPage := &EntryNewPage{Base: Base{Title: "Schedule an entry", Nav: nav}, Back: calendarURL(d.ID),
		Form: v.entryFormView("entry-new", calendarURL(d.ID), newForm, FormError{Field: "publish_at", Msg: "The publish time must be a date and time."}, assets, all, "", false)}
	newPage.Form.Submit = "Schedule"

	return map[string]viewCase{
		"calendar_show": {month, []string{"November 2026", "1 timing slip in the launch timing", `class="cal-chip by-partner is-planned is-slipping"`,
			`data-drop-date="2026-11-18"`, `draggable="true"`, "Only the host side changes", `id="cal-status"`, "Partnerco", "Hostco"}},
		"calendar_entry": {page, []string{"Partner newsletter feature", "Its timing slips", `id="decision-error"`, `value="D-7"`,
			`value="https://partner.test/news"`, `<details class="entry-publish" open>`, `id="after-error"`, `<details open>`, "Landing page goes live"}},
		"calendar_new": {newPage, []string{"Schedule an entry", `id="publish_at-error"`, `value="tomorrow"`, `<option value="webinar_reminder" selected>`,
			`value="partner" checked`, `value="` + landing.ID + `" checked`, "A-1 Data pipelines ebook"}},
	}
}

// TestRenderReadinessSlips: the Thursday readiness meeting lists the
// calendar's slips under Launch timing, each linking its entry, and what
// publishes soon among what is due.
func TestRenderReadinessSlips(t *testing.T) {
	f := coretest.New(t, "sqlite")
	news, _, _ := slipping(t, f)
	s := newServer(f.Svc, Options{}, staticFiles())
	e := newEnv(t, f, f.Svc)
	o := current(t, f, checkIn(t, f, "thursday-readiness").ID)
	res := e.get("/w/"+f.WS.ID+"/occurrences/"+o.ID, e.as(f.Admin))
	res.wantStatus(t, http.StatusOK)
	res.wantBody(t, "Launch timing", `<a href="/w/`+f.WS.ID+`/calendar/`+news.ID+`">Partner newsletter feature</a>`,
		"Wed 18 Nov 2026, 09:00 CET", "A-1 Data pipelines ebook is still in review", "Publishes: Landing page goes live",
		"Launch calendar · in 4 days", `data-live="milestone task decision workspace checkin entry asset"`)
	// Without slips it says so.
	d, err := f.Svc.Workspace(context.Background(), f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, f.Admin.Actor)
	v := &viewer{d: d, o: orgsOf(d), me: me, now: f.Svc.Now()}
	od, err := f.Svc.Occurrence(context.Background(), f.Admin.Actor, f.WS.ID, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	od.Agenda.Slips = nil
	p := v.occurrencePage(od)
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r = r.WithContext(withActor(r.Context(), f.Admin.Actor, "token"))
	rec := httptest.NewRecorder()
	s.render(rec, r, http.StatusOK, "occurrence_show", p)
	if !strings.Contains(rec.Body.String(), "No launch calendar entry slips.") {
		t.Error("a readiness meeting without slips does not say so")
	}
}
