package web

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// Helpers for the calendar feed tests: making a feed URL as the profile
// page does, fetching it as a calendar client would, and reading it back.

// feedPath creates (or replaces) u's calendar URL through the profile
// page and returns its path on this server.
func feedPath(t *testing.T, e *env, u coretest.User) string {
	t.Helper()
	r := e.post("/profile/calendar", e.as(u), nil)
	r.wantStatus(t, http.StatusOK)
	link, ok := inputValue(r.body, "calendar-url")
	if !ok || !strings.HasPrefix(link, "http://duet.test/cal/duetcal_") || !strings.HasSuffix(link, ".ics") {
		t.Fatalf("no calendar URL on the page (%q):\n%s", link, excerpt(r.body))
	}
	return strings.TrimPrefix(link, "http://duet.test")
}

// feedGet fetches a feed as a calendar client does: no session, and the
// validator of an earlier copy when there is one.
func feedGet(e *env, method, path, ifNoneMatch string) response {
	e.t.Helper()
	var h http.Header
	if ifNoneMatch != "" {
		h = http.Header{"If-None-Match": {ifNoneMatch}}
	}
	return e.doWith(method, path, "", nil, h)
}

// icsEvents reads a feed's events by UID, each as its unfolded content
// lines.
func icsEvents(t *testing.T, doc string) map[string][]string {
	t.Helper()
	events := map[string][]string{}
	var cur []string
	for _, line := range strings.Split(strings.ReplaceAll(doc, "\r\n ", ""), "\r\n") {
		switch {
		case line == "BEGIN:VEVENT":
			cur = []string{}
		case line == "END:VEVENT":
			uid := icsProp(cur, "UID")
			if uid == "" {
				t.Fatalf("event without UID: %q", cur)
			}
			events[uid] = cur
			cur = nil
		case cur != nil:
			cur = append(cur, line)
		}
	}
	return events
}

// icsProp returns the value of an event's first property of the name,
// whatever its parameters.
func icsProp(lines []string, name string) string {
	for _, l := range lines {
		head, value, ok := strings.Cut(l, ":")
		if ok && (head == name || strings.HasPrefix(head, name+";")) {
			return value
		}
	}
	return ""
}

// wantLines fails unless the event has every line.
func wantLines(t *testing.T, what string, lines []string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !slices.Contains(lines, w) {
			t.Errorf("%s lacks %q; it has:\n%s", what, w, strings.Join(lines, "\n"))
		}
	}
}

// feedCheckIn returns the workspace's check-in with the template key, as
// the admin sees it.
func feedCheckIn(t *testing.T, f *coretest.Fixture, wsID, key string) duet.CheckIn {
	t.Helper()
	cs, err := f.Svc.CheckIns(context.Background(), f.Admin.Actor, wsID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Key == key {
			return c
		}
	}
	t.Fatalf("no check-in %q", key)
	return duet.CheckIn{}
}

// feedCheckInSave is the whole of a check-in's settings, to edit from.
func feedCheckInSave(c duet.CheckIn) duet.CheckInSave {
	in := duet.CheckInSave{Title: c.Title, Purpose: c.Purpose, Schedule: c.Schedule, Time: c.Time, DurationMinutes: c.DurationMinutes,
		OpenDays: c.OpenDays, NudgeMinutes: c.NudgeMinutes, AskRoles: c.AskRoles, AskSides: c.AskSides, Questions: c.Questions,
		Visibility: c.Visibility, Version: c.Version}
	if !c.StartsOn.IsZero() {
		in.StartsOn = c.StartsOn.String()
	}
	return in
}

// feedUpdateCheckIn edits a check-in as the workspace's admin.
func feedUpdateCheckIn(t *testing.T, f *coretest.Fixture, wsID string, c duet.CheckIn, edit func(*duet.CheckInSave)) duet.CheckIn {
	t.Helper()
	in := feedCheckInSave(c)
	edit(&in)
	c, err := f.Svc.UpdateCheckIn(context.Background(), f.Admin.Actor, wsID, c.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var strongETag = regexp.MustCompile(`^"[0-9a-f]{32}"$`)

// TestCalendarFeed fetches a partner member's feed of the fixture
// workspace (Europe/Berlin, kickoff Mon 9 Nov 2026, launch Tue 19 Jan
// 2027) as a calendar client does.
func TestCalendarFeed(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ctx := context.Background()
		ws := "http://duet.test/w/" + f.WS.ID
		mon, thu := feedCheckIn(t, f, f.WS.ID, "monday-check-in"), feedCheckIn(t, f, f.WS.ID, "thursday-readiness")
		path := feedPath(t, e, f.Partner)

		r := feedGet(e, http.MethodGet, path, "")
		r.wantStatus(t, http.StatusOK)
		h := r.Header()
		for k, want := range map[string]string{"Content-Type": "text/calendar; charset=utf-8",
			"Content-Disposition": `inline; filename="duet.ics"`, "Cache-Control": "private, max-age=300"} {
			if got := h.Get(k); got != want {
				t.Errorf("%s = %q, want %q", k, got, want)
			}
		}
		etag := h.Get("ETag")
		if !strongETag.MatchString(etag) {
			t.Fatalf("ETag %q is not a strong hash", etag)
		}
		if r.cookie("duet_session") != nil || h.Get("Set-Cookie") != "" {
			t.Error("the feed sets a cookie")
		}
		doc := r.body
		if !strings.HasPrefix(doc, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(doc, "END:VCALENDAR\r\n") {
			t.Fatalf("not an iCalendar document:\n%s", excerpt(doc))
		}
		unfolded := strings.ReplaceAll(doc, "\r\n ", "")
		for _, want := range []string{"X-WR-CALNAME:Duet — " + f.Partner.Name, "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
			"X-PUBLISHED-TTL:PT1H", "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"} {
			if !strings.Contains(unfolded, want) {
				t.Errorf("feed lacks %q", want)
			}
		}
		events := icsEvents(t, doc)

		// The two check-ins are weekly series in the workspace's zone,
		// from the first meeting on or after kickoff.
		wantLines(t, "Monday check-in", events[mon.ID+"@duet"], "SEQUENCE:1",
			"DTSTART;TZID=Europe/Berlin:20261109T100000", "DTEND;TZID=Europe/Berlin:20261109T103000",
			"RRULE:FREQ=WEEKLY;BYDAY=MO", "SUMMARY:Weekly campaign check-in (Webinar with Partnerco)",
			"CATEGORIES:Check-in", "URL:"+ws+"/check-ins/"+mon.ID)
		wantLines(t, "Thursday check-in", events[thu.ID+"@duet"], "SEQUENCE:1",
			"DTSTART;TZID=Europe/Berlin:20261112T150000", "DTEND;TZID=Europe/Berlin:20261112T153000",
			"RRULE:FREQ=WEEKLY;BYDAY=TH", "SUMMARY:Thursday launch readiness (Webinar with Partnerco)", "CATEGORIES:Check-in")
		// Kickoff, launch and every milestone are all-day events.
		wantLines(t, "kickoff", events[f.WS.ID+"-kickoff@duet"], "DTSTART;VALUE=DATE:20261109", "DTEND;VALUE=DATE:20261110",
			"SUMMARY:Kickoff: Webinar with Partnerco", "CATEGORIES:Campaign", "URL:"+ws)
		wantLines(t, "launch", events[f.WS.ID+"-launch@duet"], "DTSTART;VALUE=DATE:20270119", "DTEND;VALUE=DATE:20270120",
			"SUMMARY:Launch: Webinar with Partnerco", "CATEGORIES:Campaign")
		for key, day := range map[string]string{"kickoff-complete": "20261116", "assets-approved": "20270105",
			"launch-go-live": "20270119", "retro-complete": "20270209"} {
			m := milestone(t, f, key)
			wantLines(t, key, events[m.ID+"@duet"], "DTSTART;VALUE=DATE:"+day, "SUMMARY:Milestone: "+m.Title+" (Webinar with Partnerco)",
				"CATEGORIES:Milestone", "URL:"+ws+"/milestones")
		}
		if len(events) != 2+2+4 {
			t.Errorf("%d events, want 2 check-ins, kickoff, launch and 4 milestones: %v", len(events), slices.Sorted(maps.Keys(events)))
		}
		// Only the partner's workspace: nothing of Ebook with Otherco.
		if strings.Contains(unfolded, "Otherco") || strings.Contains(unfolded, f.OtherWS.ID) {
			t.Error("the feed shows a workspace the partner is not a member of")
		}

		// The suffix is optional; HEAD answers like GET without a body.
		if r := feedGet(e, http.MethodGet, strings.TrimSuffix(path, ".ics"), ""); r.Code != http.StatusOK || r.Header().Get("ETag") != etag {
			t.Errorf("without .ics: %d, ETag %q", r.Code, r.Header().Get("ETag"))
		}
		head := feedGet(e, http.MethodHead, path, "")
		head.wantStatus(t, http.StatusOK)
		if head.body != "" || head.Header().Get("ETag") != etag || head.Header().Get("Content-Length") != h.Get("Content-Length") {
			t.Errorf("HEAD: body %d bytes, ETag %q, Content-Length %q", len(head.body), head.Header().Get("ETag"), head.Header().Get("Content-Length"))
		}

		// A client with the current copy gets 304, for GET and HEAD, with
		// the tag weak or strong, alone or in a list.
		for _, inm := range []string{etag, "W/" + etag, `"0000", ` + etag, "*"} {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				nm := feedGet(e, method, path, inm)
				if nm.Code != http.StatusNotModified || nm.body != "" || nm.Header().Get("ETag") != etag ||
					nm.Header().Get("Cache-Control") != "private, max-age=300" {
					t.Errorf("%s If-None-Match %s: %d, body %d bytes, headers %v", method, inm, nm.Code, len(nm.body), nm.Header())
				}
			}
		}
		feedGet(e, http.MethodGet, path, `"0000"`).wantStatus(t, http.StatusOK)
		// The same state gives the same bytes.
		if again := feedGet(e, http.MethodGet, path, ""); again.body != doc {
			t.Error("two fetches of an unchanged feed differ")
		}

		// An admin renames the Monday check-in: a new tag, and the event's
		// SEQUENCE goes up so clients replace it.
		feedUpdateCheckIn(t, f, f.WS.ID, mon, func(in *duet.CheckInSave) { in.Title = "Monday sync" })
		r2 := feedGet(e, http.MethodGet, path, etag)
		r2.wantStatus(t, http.StatusOK)
		etag2 := r2.Header().Get("ETag")
		if etag2 == etag || !strongETag.MatchString(etag2) {
			t.Errorf("ETag after the edit %q, before %q", etag2, etag)
		}
		events2 := icsEvents(t, r2.body)
		wantLines(t, "renamed Monday check-in", events2[mon.ID+"@duet"], "SEQUENCE:2",
			"SUMMARY:Monday sync (Webinar with Partnerco)", "DTSTART;TZID=Europe/Berlin:20261109T100000")
		wantLines(t, "Thursday check-in", events2[thu.ID+"@duet"], "SEQUENCE:1")

		// Skipping next Monday's meeting leaves it out: EXDATE in the
		// workspace's zone, and SEQUENCE up again.
		next, err := f.Svc.CurrentOccurrence(ctx, f.Admin.Actor, f.WS.ID, mon.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.SkipOccurrence(ctx, f.Admin.Actor, f.WS.ID, next.ID, "Team offsite."); err != nil {
			t.Fatal(err)
		}
		r3 := feedGet(e, http.MethodGet, path, etag2)
		r3.wantStatus(t, http.StatusOK)
		wantLines(t, "Monday check-in after a skip", icsEvents(t, r3.body)[mon.ID+"@duet"], "SEQUENCE:3",
			"EXDATE;TZID=Europe/Berlin:20261123T100000")
	})
}

// TestCalendarFeedReplace replaces a calendar URL: the old one is gone at
// once, the new one works, and neither opens anything but the feed.
func TestCalendarFeedReplace(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ctx := context.Background()
		session := e.as(f.HostMember)

		first := e.post("/profile/calendar", session, nil)
		first.wantStatus(t, http.StatusOK)
		first.wantBody(t, "Your new calendar URL is ready", "it is shown only this once", `id="calendar-url"`,
			"Other calendars", "From URL", "Add calendar", "Subscribe from web", "Replace calendar URL")
		if first.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("the page with the URL may be cached: %q", first.Header().Get("Cache-Control"))
		}
		link, _ := inputValue(first.body, "calendar-url")
		old := strings.TrimPrefix(link, "http://duet.test")
		oldToken := strings.TrimSuffix(strings.TrimPrefix(old, "/cal/"), ".ics")
		feedGet(e, http.MethodGet, old, "").wantStatus(t, http.StatusOK)

		// Shown once: the profile page tells when, never the URL again.
		p := e.get("/profile", session)
		p.wantBody(t, "Active", "Your calendar URL was created on", "Mon 16 Nov 2026, 14:00 UTC", "Replace calendar URL",
			`data-confirm="Replace your calendar URL?`)
		p.wantNoBody(t, oldToken, `id="calendar-url"`, "/cal/", "Create calendar URL")

		f.Clock.Advance(90 * time.Minute)
		path := feedPath(t, e, f.HostMember)
		newToken := strings.TrimSuffix(strings.TrimPrefix(path, "/cal/"), ".ics")
		if path == old {
			t.Fatal("replacing gave the same URL")
		}
		e.get("/profile", session).wantBody(t, "Mon 16 Nov 2026, 15:30 UTC")
		for _, p := range []string{old, strings.TrimSuffix(old, ".ics")} {
			gone := feedGet(e, http.MethodGet, p, "")
			gone.wantStatus(t, http.StatusNotFound)
			if ct := gone.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") || len(gone.body) > 100 ||
				strings.Contains(gone.body, "<") || gone.Header().Get("ETag") != "" {
				t.Errorf("old URL answers %q with %q", ct, gone.body)
			}
		}
		feedGet(e, http.MethodHead, old, "").wantStatus(t, http.StatusNotFound)
		feedGet(e, http.MethodGet, path, "").wantStatus(t, http.StatusOK)
		// Made-up tokens are not found either, whatever their shape.
		for _, p := range []string{"/cal/duetcal_" + strings.Repeat("a", 52) + ".ics", "/cal/nope", "/cal/.ics", "/cal/" + newToken + ".ics.ics"} {
			feedGet(e, http.MethodGet, p, "").wantStatus(t, http.StatusNotFound)
		}

		// A feed token is no session and no API token: it opens nothing
		// else, and its owner's session does not need it.
		for _, target := range []string{"/profile", "/w/" + f.WS.ID, "/my"} {
			e.get(target, newToken).wantStatus(t, http.StatusSeeOther)
		}
		e.post("/profile/calendar", newToken, nil).wantRedirect(t, "/login")
		feedGet(e, http.MethodGet, path, "").wantStatus(t, http.StatusOK) // still the same URL
		if _, err := e.svc.SessionActor(ctx, newToken); duet.ErrorKind(err) != duet.EUnauthorized {
			t.Errorf("SessionActor(feed token) = %v, want EUnauthorized", err)
		}
		if _, err := e.svc.TokenActor(ctx, newToken); err == nil {
			t.Error("TokenActor accepts a feed token")
		}

		// Another user's URL is theirs alone: the partner's feed holds
		// the partner's name.
		pp := feedPath(t, e, f.Partner)
		if r := feedGet(e, http.MethodGet, pp, ""); !strings.Contains(r.body, "X-WR-CALNAME:Duet — "+f.Partner.Name) {
			t.Errorf("partner's feed:\n%s", excerpt(r.body))
		}
		feedGet(e, http.MethodGet, path, "").wantStatus(t, http.StatusOK) // the member's still works

		for _, tok := range []string{oldToken, newToken} {
			if strings.Contains(e.logs.String(), tok) {
				t.Errorf("the log shows a feed token:\n%s", e.logs.String())
			}
		}
	})
}

// TestCalendarFeedVisibility makes the Monday check-in host-only: it
// leaves the partner's feed at once and stays in the host member's.
func TestCalendarFeedVisibility(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		mon := feedCheckIn(t, f, f.WS.ID, "monday-check-in")
		uid := mon.ID + "@duet"
		partnerFeed, hostFeed := feedPath(t, e, f.Partner), feedPath(t, e, f.HostMember)
		before := feedGet(e, http.MethodGet, partnerFeed, "")
		if _, ok := icsEvents(t, before.body)[uid]; !ok {
			t.Fatal("the shared Monday check-in is not in the partner's feed")
		}

		feedUpdateCheckIn(t, f, f.WS.ID, mon, func(in *duet.CheckInSave) {
			in.Visibility, in.AskSides, in.AskRoles = duet.VisHost, []duet.Side{duet.SideHost}, nil
		})

		after := feedGet(e, http.MethodGet, partnerFeed, before.Header().Get("ETag"))
		after.wantStatus(t, http.StatusOK)
		if _, ok := icsEvents(t, after.body)[uid]; ok || strings.Contains(after.body, "Weekly campaign check-in") {
			t.Errorf("the host-only check-in is in the partner's feed:\n%s", excerpt(after.body))
		}
		if _, ok := icsEvents(t, after.body)[feedCheckIn(t, f, f.WS.ID, "thursday-readiness").ID+"@duet"]; !ok {
			t.Error("the shared Thursday check-in left the partner's feed too")
		}
		host := feedGet(e, http.MethodGet, hostFeed, "")
		wantLines(t, "host member's Monday check-in", icsEvents(t, host.body)[uid], "SEQUENCE:2",
			"SUMMARY:Weekly campaign check-in (Webinar with Partnerco)", "RRULE:FREQ=WEEKLY;BYDAY=MO")
	})
}

// TestCalendarFeedLogPath: a feed's token never reaches the log.
func TestCalendarFeedLogPath(t *testing.T) {
	for path, want := range map[string]string{
		"/cal/duetcal_abc.ics": "/cal/[token]",
		"/cal/duetcal_abc":     "/cal/[token]",
		"/invite/inv_abc":      "/invite/[token]",
		"/w/x/milestones":      "/w/x/milestones",
	} {
		if got := logPath(httptest.NewRequest(http.MethodGet, path, nil)); got != want {
			t.Errorf("logPath(%s) = %q, want %q", path, got, want)
		}
	}
}
