package api_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// entryAs schedules a calendar entry through core (not the API) as u.
func entryAs(t testing.TB, f *coretest.Fixture, u coretest.User, in duet.EntrySave) duet.LaunchEntry {
	t.Helper()
	e, err := f.Svc.CreateEntry(context.Background(), u.Actor, f.WS.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// entryOf reads an entry through core as the admin.
func entryOf(t testing.TB, f *coretest.Fixture, id string) duet.LaunchEntry {
	t.Helper()
	d, err := f.Svc.Entry(context.Background(), f.Admin.Actor, f.WS.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Entry
}

// slipKinds lists the kinds of an answer's slips, sorted.
func slipKinds(slips []map[string]any) string {
	var kinds []string
	for _, s := range slips {
		kinds = append(kinds, s["kind"].(string))
	}
	sort.Strings(kinds)
	return strings.Join(kinds, ",")
}

// calendarMatrix is the authorization matrix of the calendar routes. An
// entry kept to the host side is 404 for the partner on every route;
// only the owning side replans, moves or publishes an entry, and guests
// do not.
func calendarMatrix(t *testing.T, f *coretest.Fixture) []matrixRow {
	w := "/api/v1/workspaces/" + f.WS.ID
	shared := entryAs(t, f, f.Admin, duet.EntrySave{Title: "Matrix landing page", Channel: duet.ChanLandingPage, DRI: "role:demand-gen-lead", PublishAt: "2026-12-01T10:00"})
	hostOnly := entryAs(t, f, f.Admin, duet.EntrySave{Title: "Matrix price change", Channel: duet.ChanOther, DRI: "role:demand-gen-lead",
		PublishAt: "2026-12-02T10:00", Visibility: duet.VisHost})
	var n atomic.Int64
	create := func() any {
		return map[string]any{"title": fmt.Sprintf("Post %d", n.Add(1)), "channel": "social", "dri": "role:content-lead", "publish_at": "2026-12-03T10:00"}
	}
	plan := func(id string) func() any {
		return func() any {
			e := entryOf(t, f, id)
			return map[string]any{"version": e.Version, "title": fmt.Sprintf("Replanned %d", n.Add(1)), "channel": e.Channel, "dri": "role:" + e.DRI.RoleKey,
				"publish_at": e.PublishAt, "visibility": e.Visibility, "launch_critical": false, "assets": []string{}, "after": []string{}}
		}
	}
	move := func(id string) func() any {
		return func() any {
			e := entryOf(t, f, id)
			return map[string]any{"version": e.Version, "date": fmt.Sprintf("2026-12-%02d", 4+n.Add(1)%20)}
		}
	}
	toggle := func(id string) func() any {
		return func() any {
			e := entryOf(t, f, id)
			next := map[string]string{duet.EntryPlanned: duet.EntryReady, duet.EntryReady: duet.EntryPlanned}[e.Status]
			return map[string]any{"version": e.Version, "status": next}
		}
	}
	s, h := w+"/calendar/"+shared.ID, w+"/calendar/"+hostOnly.ID
	return []matrixRow{
		{method: "GET", path: w + "/calendar", pattern: "GET /api/v1/workspaces/{id}/calendar", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/calendar", body: create, pattern: "POST /api/v1/workspaces/{id}/calendar", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "GET", path: s, pattern: "GET /api/v1/workspaces/{id}/calendar/{entry}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: h, pattern: "GET /api/v1/workspaces/{id}/calendar/{entry}", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "GET", path: w + "/calendar/nope", pattern: "GET /api/v1/workspaces/{id}/calendar/{entry}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "PUT", path: s, body: plan(shared.ID), pattern: "PUT /api/v1/workspaces/{id}/calendar/{entry}", want: []int{401, 200, 200, 403, 403, 404}},
		{method: "PUT", path: h, body: plan(hostOnly.ID), pattern: "PUT /api/v1/workspaces/{id}/calendar/{entry}", want: []int{401, 200, 200, 404, 403, 404}},
		{method: "POST", path: s + "/reschedule", body: move(shared.ID), pattern: "POST /api/v1/workspaces/{id}/calendar/{entry}/reschedule", want: []int{401, 200, 200, 403, 403, 404}},
		{method: "POST", path: h + "/reschedule", body: move(hostOnly.ID), pattern: "POST /api/v1/workspaces/{id}/calendar/{entry}/reschedule", want: []int{401, 200, 200, 404, 403, 404}},
		{method: "POST", path: s + "/status", body: toggle(shared.ID), pattern: "POST /api/v1/workspaces/{id}/calendar/{entry}/status", want: []int{401, 200, 200, 403, 403, 404}},
		{method: "POST", path: h + "/status", body: toggle(hostOnly.ID), pattern: "POST /api/v1/workspaces/{id}/calendar/{entry}/status", want: []int{401, 200, 200, 404, 403, 404}},
	}
}

// TestCalendarFlow: entries scheduled by both sides, one publishing an
// asset in review after the other; the calendar shows them with their
// slips and the assets' approval status; a loop is refused; dragging an
// entry to another day keeps its time and clears the order slip;
// publishing needs the live URL, and an override decision while an asset
// is not approved.
func TestCalendarFlow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		partner, admin := e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		copyAsset := inReviewAs(t, f, "Newsletter copy", duet.VisShared)

		status, landing := admin.do("POST", w+"/calendar", map[string]any{"title": "Landing page goes live", "channel": "landing_page",
			"dri": "role:demand-gen-lead", "publish_at": "2026-11-20T10:00", "launch_critical": true})
		if status != 201 || landing["publish_at"] != "2026-11-20T09:00:00Z" || landing["publish_at_local"] != "2026-11-20T10:00:00+01:00" ||
			landing["status"] != "planned" || landing["side"] != "host" || landing["visibility"] != "shared" || landing["launch_critical"] != true ||
			landing["version"] != 1.0 || landing["live_url"] != nil || landing["created_by"].(map[string]any)["side"] != "host" {
			t.Fatalf("create: %d %v", status, landing)
		}
		if _, ok := landing["slips"]; ok {
			t.Errorf("a change answers slips: %v", landing)
		}
		landingURL := landing["url"].(string)
		if landingURL != w+"/calendar/"+landing["id"].(string) {
			t.Errorf("url = %s", landingURL)
		}
		// An RFC 3339 instant is taken as well as the workspace's wall clock.
		status, news := partner.do("POST", w+"/calendar", map[string]any{"title": "Partner newsletter feature", "channel": "email",
			"dri": "role:partner-marketing-lead", "publish_at": "2026-11-18T08:00:00Z", "assets": []string{copyAsset.ID}, "after": []string{landing["id"].(string)}})
		if status != 201 || news["publish_at_local"] != "2026-11-18T09:00:00+01:00" || news["side"] != "partner" {
			t.Fatalf("create the newsletter: %d %v", status, news)
		}
		if as := list(news, "assets"); len(as) != 1 || as[0]["id"] != copyAsset.ID || as[0]["status"] != "in_review" || as[0]["number"] != 1.0 {
			t.Errorf("assets = %v", as)
		}
		if after := list(news, "after"); len(after) != 1 || after[0]["id"] != landing["id"] || after[0]["publish_at"] != "2026-11-20T09:00:00Z" {
			t.Errorf("after = %v", after)
		}
		newsURL := news["url"].(string)

		// The newsletter publishes Wednesday 09:00, so its asset had to be
		// approved by Monday 09:00, which has passed; and it publishes
		// before the landing page, which it must follow.
		status, cal := partner.do("GET", w+"/calendar", nil)
		entries := list(cal, "entries")
		if status != 200 || len(entries) != 2 || entries[0]["id"] != news["id"] || entries[1]["id"] != landing["id"] || cal["lead_days"] != 2.0 ||
			cal["time_zone"] != "Europe/Berlin" || cal["go_live_on"] == nil {
			t.Fatalf("calendar: %d %v", status, cal)
		}
		newsSlips, _ := entries[0]["slips"].([]any)
		if got := slipKinds(list(entries[0], "slips")); got != "asset_not_approved,out_of_order" || len(newsSlips) != 2 {
			t.Errorf("the newsletter's slips: %v", entries[0]["slips"])
		}
		for _, s := range list(entries[0], "slips") {
			if s["entry_id"] != news["id"] || s["message"] == "" || (s["kind"] == "asset_not_approved") != (s["asset_id"] == copyAsset.ID) {
				t.Errorf("slip = %v", s)
			}
		}
		if slips := list(cal, "slips"); slipKinds(slips) != "asset_not_approved,out_of_order" {
			t.Errorf("every slip: %v", slips)
		}
		if got := slipKinds(list(entries[1], "slips")); got != "" {
			t.Errorf("the landing page's slips: %v", got)
		}
		_, page := partner.do("GET", w+"/assets/"+copyAsset.ID, nil)
		if es := list(page, "entries"); len(es) != 1 || es[0]["id"] != news["id"] || slipKinds(list(page, "slips")) != "asset_not_approved" {
			t.Errorf("the asset's entries %v and slips %v", page["entries"], page["slips"])
		}

		// Replanning: a loop is refused; PUT replaces the whole plan.
		plan := func(e map[string]any, change map[string]any) map[string]any {
			p := map[string]any{"version": e["version"], "title": e["title"], "channel": e["channel"], "dri": "role:" + e["dri"].(map[string]any)["role_key"].(string),
				"publish_at": e["publish_at"], "visibility": e["visibility"], "launch_critical": e["launch_critical"], "assets": []string{}, "after": []string{}}
			for _, a := range list(e, "assets") {
				p["assets"] = append(p["assets"].([]string), a["id"].(string))
			}
			for _, a := range list(e, "after") {
				p["after"] = append(p["after"].([]string), a["id"].(string))
			}
			for k, v := range change {
				if v == nil {
					delete(p, k)
				} else {
					p[k] = v
				}
			}
			return p
		}
		for _, c := range []refusal{
			{"following itself", partner, "PUT", newsURL, plan(news, map[string]any{"after": []string{news["id"].(string)}}), 422, "invalid", "after"},
			{"closing a loop", admin, "PUT", landingURL, plan(landing, map[string]any{"after": []string{news["id"].(string)}}), 422, "invalid", "after"},
			{"following an entry that is not there", partner, "PUT", newsURL, plan(news, map[string]any{"after": []string{"nope"}}), 422, "invalid", "after"},
			{"an asset that is not there", partner, "PUT", newsURL, plan(news, map[string]any{"assets": []string{"nope"}}), 422, "invalid", "assets"},
			{"leaving out launch_critical", partner, "PUT", newsURL, plan(news, map[string]any{"launch_critical": nil}), 422, "invalid", "launch_critical"},
			{"leaving out the assets", partner, "PUT", newsURL, plan(news, map[string]any{"assets": nil}), 422, "invalid", "assets"},
			{"no version", partner, "PUT", newsURL, plan(news, map[string]any{"version": nil}), 422, "invalid", "version"},
			{"a stale version", partner, "PUT", newsURL, plan(news, map[string]any{"version": 7}), 409, "conflict", ""},
			{"a time that is not one", partner, "PUT", newsURL, plan(news, map[string]any{"publish_at": "Wednesday"}), 422, "invalid", "publish_at"},
			{"an unknown channel", partner, "PUT", newsURL, plan(news, map[string]any{"channel": "radio"}), 422, "invalid", "channel"},
			{"the other side replans", admin, "PUT", newsURL, plan(news, map[string]any{"title": "Ours"}), 403, "forbidden", ""},
			{"a version on create", partner, "POST", w + "/calendar", plan(news, nil), 400, "bad_request", "version"},
		} {
			c.check(t)
		}
		status, replanned := partner.do("PUT", newsURL, plan(news, map[string]any{"title": "Partner newsletter: the webinar"}))
		if status != 200 || replanned["version"] != 2.0 || replanned["title"] != "Partner newsletter: the webinar" || len(list(replanned, "after")) != 1 ||
			len(list(replanned, "assets")) != 1 || replanned["publish_at"] != news["publish_at"] {
			t.Fatalf("replan: %d %v", status, replanned)
		}

		// Dragging to Monday 23rd keeps 09:00 and puts it after the
		// landing page.
		for _, c := range []refusal{
			{"the other side drags it", admin, "POST", newsURL + "/reschedule", map[string]any{"version": 2, "date": "2026-11-23"}, 403, "forbidden", ""},
			{"a date that is not one", partner, "POST", newsURL + "/reschedule", map[string]any{"version": 2, "date": "23 Nov"}, 422, "invalid", "date"},
			{"no version", partner, "POST", newsURL + "/reschedule", map[string]any{"date": "2026-11-23"}, 422, "invalid", "version"},
			{"a stale version", partner, "POST", newsURL + "/reschedule", map[string]any{"version": 1, "date": "2026-11-23"}, 409, "conflict", ""},
		} {
			c.check(t)
		}
		status, moved := partner.do("POST", newsURL+"/reschedule", map[string]any{"version": 2, "date": "2026-11-23"})
		if status != 200 || moved["publish_at_local"] != "2026-11-23T09:00:00+01:00" || moved["version"] != 3.0 {
			t.Fatalf("reschedule: %d %v", status, moved)
		}
		_, got := partner.do("GET", newsURL, nil)
		if got["can_edit"] != true || slipKinds(list(got, "slips")) != "" || len(list(got, "history")) != 3 || got["title"] != "Partner newsletter: the webinar" {
			t.Errorf("after the move: %v", got)
		}
		_, got = partner.do("GET", landingURL, nil)
		if fs := list(got, "followers"); len(fs) != 1 || fs[0]["id"] != news["id"] || got["can_edit"] != false {
			t.Errorf("the landing page as the partner sees it: %v", got)
		}

		// Publishing: the live URL is required, and the asset still in
		// review needs an approved decision that overrides it.
		override := approvedAs(t, f)
		_, dec := admin.do("GET", w+"/decisions/"+override, nil)
		for _, c := range []refusal{
			{"no live URL", partner, "POST", newsURL + "/status", map[string]any{"version": 3, "status": "published"}, 422, "invalid", "live_url"},
			{"a live URL that is not https", partner, "POST", newsURL + "/status", map[string]any{"version": 3, "status": "published", "live_url": "ftp://x"}, 422, "invalid", "live_url"},
			{"an asset in review", partner, "POST", newsURL + "/status", map[string]any{"version": 3, "status": "published", "live_url": "https://partner.example/news"}, 422, "invalid", "decision"},
			{"a decision that is not approved", partner, "POST", newsURL + "/status", map[string]any{"version": 3, "status": "published", "live_url": "https://partner.example/news", "decision": 99}, 422, "invalid", "decision"},
			{"a status that is none", partner, "POST", newsURL + "/status", map[string]any{"version": 3, "status": "live"}, 422, "invalid", "status"},
			{"no version", partner, "POST", newsURL + "/status", map[string]any{"status": "ready"}, 422, "invalid", "version"},
			{"the other side publishes", admin, "POST", newsURL + "/status", map[string]any{"version": 3, "status": "ready"}, 403, "forbidden", ""},
		} {
			c.check(t)
		}
		status, published := partner.do("POST", newsURL+"/status", map[string]any{"version": 3, "status": "published", "live_url": "https://partner.example/news",
			"decision": dec["number"]})
		if status != 200 || published["status"] != "published" || published["live_url"] != "https://partner.example/news" ||
			published["published_at"] != "2026-11-16T14:00:04Z" || published["override"].(map[string]any)["id"] != override {
			t.Fatalf("publish: %d %v", status, published)
		}
		if status, body := admin.do("POST", landingURL+"/status", map[string]any{"version": 1, "status": "ready"}); status != 200 || body["status"] != "ready" {
			t.Fatalf("ready: %d %v", status, body)
		}
		refusal{"a published entry replanned", partner, "PUT", newsURL, plan(published, nil), 422, "invalid", "status"}.check(t)

		// The window and the filters.
		for query, want := range map[string]string{"": "Landing page goes live,Partner newsletter: the webinar",
			"?from=2026-11-21&to=2026-11-24": "Partner newsletter: the webinar", "?from=2026-11-20T09:00:00Z&to=2026-11-20T09:00:01Z": "Landing page goes live",
			"?to=2026-11-20T09:00:00%2B00:00": "", "?status=published": "Partner newsletter: the webinar", "?status=ready&side=host": "Landing page goes live",
			"?side=partner&from=2026-11-24": ""} {
			status, body := partner.do("GET", w+"/calendar"+query, nil)
			var titles []string
			for _, e := range list(body, "entries") {
				titles = append(titles, e["title"].(string))
			}
			if status != 200 || strings.Join(titles, ",") != want {
				t.Errorf("calendar%s: %d %v, want %s", query, status, titles, want)
			}
		}
		for _, c := range []refusal{
			{"a from that is no date", partner, "GET", w + "/calendar?from=yesterday", nil, 422, "invalid", "from"},
			{"a to that is no date", partner, "GET", w + "/calendar?to=2026-13-01", nil, 422, "invalid", "to"},
			{"a to before from", partner, "GET", w + "/calendar?from=2026-12-01&to=2026-11-01", nil, 422, "invalid", "to"},
			{"an unknown status", partner, "GET", w + "/calendar?status=live", nil, 422, "invalid", "status"},
			{"an unknown side", partner, "GET", w + "/calendar?side=both", nil, 422, "invalid", "side"},
		} {
			c.check(t)
		}
	})
}

// TestCalendarIsolation: an entry kept to the host side is 404 for the
// partner and absent from their calendar; a member of another workspace
// gets 404 for everything in this one.
func TestCalendarIsolation(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		partner, stranger, admin := e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Stranger.Email)), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		hostOnly := entryAs(t, f, f.Admin, duet.EntrySave{Title: "Price change", Channel: duet.ChanOther, DRI: "role:demand-gen-lead",
			PublishAt: "2026-12-02T10:00", Visibility: duet.VisHost})
		shared := entryAs(t, f, f.Admin, duet.EntrySave{Title: "Webinar", Channel: duet.ChanWebinar, DRI: "role:demand-gen-lead", PublishAt: "2026-12-03T16:00"})
		h := w + "/calendar/" + hostOnly.ID
		for _, c := range []refusal{
			{"the partner reads it", partner, "GET", h, nil, 404, "not_found", ""},
			{"the partner replans it", partner, "PUT", h, map[string]any{"version": 1, "title": "x", "channel": "other", "dri": "role:partner-marketing-lead",
				"publish_at": "2026-12-02T10:00", "visibility": "shared", "launch_critical": false, "assets": []string{}, "after": []string{}}, 404, "not_found", ""},
			{"the partner moves it", partner, "POST", h + "/reschedule", map[string]any{"version": 1, "date": "2026-12-04"}, 404, "not_found", ""},
			{"the partner publishes it", partner, "POST", h + "/status", map[string]any{"version": 1, "status": "ready"}, 404, "not_found", ""},
			{"the partner follows it", partner, "POST", w + "/calendar", map[string]any{"title": "After the price change", "channel": "social",
				"dri": "role:partner-marketing-lead", "publish_at": "2026-12-05T10:00", "after": []string{hostOnly.ID}}, 422, "invalid", "after"},
			{"another workspace's member lists", stranger, "GET", w + "/calendar", nil, 404, "not_found", ""},
			{"another workspace's member reads", stranger, "GET", w + "/calendar/" + shared.ID, nil, 404, "not_found", ""},
			{"another workspace's member schedules", stranger, "POST", w + "/calendar", map[string]any{"title": "Ours", "channel": "social",
				"dri": "role:partner-marketing-lead", "publish_at": "2026-12-05T10:00"}, 404, "not_found", ""},
			{"another workspace's member moves", stranger, "POST", w + "/calendar/" + shared.ID + "/reschedule", map[string]any{"version": 1, "date": "2026-12-04"}, 404, "not_found", ""},
			{"another workspace's entry from here", admin, "GET", "/api/v1/workspaces/" + f.OtherWS.ID + "/calendar/" + shared.ID, nil, 404, "not_found", ""},
		} {
			c.check(t)
		}
		_, cal := partner.do("GET", w+"/calendar", nil)
		if es := list(cal, "entries"); len(es) != 1 || es[0]["id"] != shared.ID {
			t.Errorf("the partner's calendar: %v", cal)
		}
		if _, cal := admin.do("GET", w+"/calendar", nil); len(list(cal, "entries")) != 2 {
			t.Errorf("the host's calendar: %v", cal)
		}
		if got := entryOf(t, f, hostOnly.ID); got.Version != 1 || got.Status != duet.EntryPlanned {
			t.Errorf("refused changes changed the entry: %+v", got)
		}
	})
}
