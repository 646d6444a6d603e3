package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// checkInOf returns the fixture workspace's check-in with the given key,
// as the admin sees it.
func checkInOf(t testing.TB, f *coretest.Fixture, key string) duet.CheckIn {
	t.Helper()
	cs, err := f.Svc.CheckIns(t.Context(), f.Admin.Actor, f.WS.ID)
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

// currentOf returns a check-in's current occurrence through core.
func currentOf(t testing.TB, f *coretest.Fixture, checkInID string) duet.Occurrence {
	t.Helper()
	o, err := f.Svc.CurrentOccurrence(t.Context(), f.Admin.Actor, f.WS.ID, checkInID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// upcomingOf returns a check-in's upcoming occurrences through core.
func upcomingOf(t testing.TB, f *coretest.Fixture, checkInID string) []duet.Occurrence {
	t.Helper()
	d, err := f.Svc.CheckIn(t.Context(), f.Admin.Actor, f.WS.ID, checkInID)
	if err != nil {
		t.Fatal(err)
	}
	return d.Upcoming
}

// checkInAs creates a check-in through core (not the API) as the admin:
// every Wednesday at 09:30, asking the sides given one text question.
func checkInAs(t testing.TB, f *coretest.Fixture, title string, vis duet.Visibility, sides ...duet.Side) duet.CheckIn {
	t.Helper()
	c, err := f.Svc.CreateCheckIn(t.Context(), f.Admin.Actor, f.WS.ID, duet.CheckInSave{Title: title, Schedule: "FREQ=WEEKLY;BYDAY=WE",
		Time: "09:30", DurationMinutes: 30, OpenDays: 1, NudgeMinutes: 60, AskSides: sides, Visibility: vis,
		Questions: []duet.TemplateQuestion{{Key: "pricing", Text: "Where is the pricing?"}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newCheckIn is a valid body to create a check-in with.
func newCheckIn(title string) map[string]any {
	return map[string]any{"title": title, "purpose": "Sync the two content teams.",
		"schedule":         map[string]string{"rrule": "FREQ=WEEKLY;BYDAY=WE", "time": "09:30"},
		"duration_minutes": 45, "ask_roles": []string{"content-lead", "partner-marketing-lead"},
		"questions": []map[string]string{{"text": "What is blocked?"}, {"key": "next", "text": "What comes next?"}}}
}

// checkInMatrix is the authorization matrix of the check-in routes. A
// check-in kept to the host side is 404 for the partner on every route;
// settings, pausing and skipping are for workspace admins.
func checkInMatrix(t *testing.T, f *coretest.Fixture) []matrixRow {
	w := "/api/v1/workspaces/" + f.WS.ID
	monday, thursday := checkInOf(t, f, "monday-check-in"), checkInOf(t, f, "thursday-readiness")
	hostOnly := checkInAs(t, f, "Host pricing sync", duet.VisHost, duet.SideHost)
	toggled := checkInAs(t, f, "Matrix sync", duet.VisShared, duet.SideHost, duet.SidePartner)
	occ, hostOcc, vote := currentOf(t, f, monday.ID), currentOf(t, f, hostOnly.ID), currentOf(t, f, thursday.ID)
	skip := upcomingOf(t, f, monday.ID)[1]
	// An answered meeting stays when its check-in is paused and resumed.
	if _, err := f.Svc.AnswerOccurrence(context.Background(), f.Admin.Actor, f.WS.ID, hostOcc.ID, duet.AnswerSave{Question: "pricing", Body: "Draft ready."}); err != nil {
		t.Fatal(err)
	}
	// Pausing and resuming the host-only check-in replaces its meetings
	// that are not open yet: find the one to skip when it is skipped.
	hostSkip := func() string { return w + "/occurrences/" + upcomingOf(t, f, hostOnly.ID)[1].ID + "/skip" }
	version := func(c duet.CheckIn, extra map[string]any) func() any {
		return func() any {
			body := map[string]any{"version": checkInOf(t, f, c.Key).Version}
			for k, v := range extra {
				body[k] = v
			}
			return body
		}
	}
	var n atomic.Int64
	create := func() any { return newCheckIn(fmt.Sprintf("Sync %d", n.Add(1))) }
	answer := func() any { return map[string]string{"body": fmt.Sprintf("Answer %d", n.Add(1))} }
	c, hc, o, ho := w+"/check-ins/"+monday.ID, w+"/check-ins/"+hostOnly.ID, w+"/occurrences/"+occ.ID, w+"/occurrences/"+hostOcc.ID
	return []matrixRow{
		{method: "GET", path: w + "/check-ins", pattern: "GET /api/v1/workspaces/{id}/check-ins", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/check-ins", body: create, pattern: "POST /api/v1/workspaces/{id}/check-ins", want: []int{401, 201, 403, 403, 403, 404}},
		{method: "GET", path: c, pattern: "GET /api/v1/workspaces/{id}/check-ins/{checkin}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/check-ins/monday-check-in", pattern: "GET /api/v1/workspaces/{id}/check-ins/{checkin}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: hc, pattern: "GET /api/v1/workspaces/{id}/check-ins/{checkin}", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "GET", path: w + "/check-ins/nope", pattern: "GET /api/v1/workspaces/{id}/check-ins/{checkin}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "PATCH", path: c, body: version(monday, map[string]any{"purpose": "Weekly sync."}), pattern: "PATCH /api/v1/workspaces/{id}/check-ins/{checkin}", want: []int{401, 200, 403, 403, 403, 404}},
		{method: "PATCH", path: hc, body: version(hostOnly, map[string]any{"purpose": "Pricing."}), pattern: "PATCH /api/v1/workspaces/{id}/check-ins/{checkin}", want: []int{401, 200, 403, 404, 403, 404}},
		{method: "POST", path: w + "/check-ins/" + toggled.ID + "/pause", body: version(toggled, nil), pattern: "POST /api/v1/workspaces/{id}/check-ins/{checkin}/pause", want: []int{401, 200, 403, 403, 403, 404}},
		{method: "POST", path: w + "/check-ins/" + toggled.Key + "/resume", body: version(toggled, nil), pattern: "POST /api/v1/workspaces/{id}/check-ins/{checkin}/resume", want: []int{401, 200, 403, 403, 403, 404}},
		{method: "POST", path: hc + "/pause", body: version(hostOnly, nil), pattern: "POST /api/v1/workspaces/{id}/check-ins/{checkin}/pause", want: []int{401, 200, 403, 404, 403, 404}},
		{method: "POST", path: hc + "/resume", body: version(hostOnly, nil), pattern: "POST /api/v1/workspaces/{id}/check-ins/{checkin}/resume", want: []int{401, 200, 403, 404, 403, 404}},
		{method: "GET", path: c + "/occurrences", pattern: "GET /api/v1/workspaces/{id}/check-ins/{checkin}/occurrences", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: hc + "/occurrences", pattern: "GET /api/v1/workspaces/{id}/check-ins/{checkin}/occurrences", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "GET", path: c + "/occurrences/current", pattern: "GET /api/v1/workspaces/{id}/check-ins/{checkin}/occurrences/current", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: hc + "/occurrences/current", pattern: "GET /api/v1/workspaces/{id}/check-ins/{checkin}/occurrences/current", want: []int{401, 200, 200, 404, 200, 404}},

		{method: "GET", path: o, pattern: "GET /api/v1/workspaces/{id}/occurrences/{occurrence}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/occurrences/" + hostOcc.ID, pattern: "GET /api/v1/workspaces/{id}/occurrences/{occurrence}", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "GET", path: w + "/occurrences/nope", pattern: "GET /api/v1/workspaces/{id}/occurrences/{occurrence}", want: []int{401, 404, 404, 404, 404, 404}},
		// Guests are members of their side: a check-in asking the host
		// side asks them too.
		{method: "PUT", path: o + "/answers/progress", body: answer, pattern: "PUT /api/v1/workspaces/{id}/occurrences/{occurrence}/answers/{question}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "PUT", path: w + "/occurrences/" + hostOcc.ID + "/answers/pricing", body: answer, pattern: "PUT /api/v1/workspaces/{id}/occurrences/{occurrence}/answers/{question}", want: []int{401, 200, 200, 404, 200, 404}},
		// Only the voter roles vote: the admin holds the host's, the
		// partner member the partner's.
		{method: "POST", path: w + "/occurrences/" + vote.ID + "/votes", body: map[string]string{"vote": "go"}, pattern: "POST /api/v1/workspaces/{id}/occurrences/{occurrence}/votes", want: []int{401, 200, 403, 200, 403, 404}},
		{method: "POST", path: ho + "/votes", body: map[string]string{"vote": "go"}, pattern: "POST /api/v1/workspaces/{id}/occurrences/{occurrence}/votes", want: []int{401, 422, 422, 404, 422, 404}},
		{method: "POST", path: o + "/comments", body: map[string]string{"body": "See you Monday."}, pattern: "POST /api/v1/workspaces/{id}/occurrences/{occurrence}/comments", want: []int{401, 201, 201, 201, 201, 404}},
		{method: "POST", path: ho + "/comments", body: map[string]string{"body": "Pricing first."}, pattern: "POST /api/v1/workspaces/{id}/occurrences/{occurrence}/comments", want: []int{401, 201, 201, 404, 201, 404}},
		{method: "POST", path: w + "/occurrences/" + skip.ID + "/skip", body: map[string]string{"reason": "Offsite."}, pattern: "POST /api/v1/workspaces/{id}/occurrences/{occurrence}/skip", want: []int{401, 200, 403, 403, 403, 404}},
		{method: "POST", fresh: hostSkip, body: map[string]string{"reason": "Offsite."}, pattern: "POST /api/v1/workspaces/{id}/occurrences/{occurrence}/skip", want: []int{401, 200, 403, 404, 403, 404}},
	}
}

// TestCheckInFlow: check-ins listed, one created by an admin, changed at
// its version, paused and resumed; the current meeting answered by both
// sides, voted on by both voter roles into a launch call, commented on;
// a future meeting skipped.
func TestCheckInFlow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		hostID, partnerID, adminID := memberIDOf(t, f, f.HostMember, f.WS.ID), memberIDOf(t, f, f.Partner, f.WS.ID), memberIDOf(t, f, f.Admin, f.WS.ID)

		// The template's two check-ins, with their next meetings.
		status, all := partner.do("GET", w+"/check-ins", nil)
		cs := list(all, "check_ins")
		if status != 200 || len(cs) != 2 || cs[0]["key"] != "monday-check-in" || cs[1]["key"] != "thursday-readiness" {
			t.Fatalf("check-ins: %d %v", status, all)
		}
		sched := cs[0]["schedule"].(map[string]any)
		if sched["rrule"] != "FREQ=WEEKLY;BYDAY=MO" || sched["time"] != "10:00" || sched["time_zone"] != "Europe/Berlin" ||
			sched["words"] != "Every Monday at 10:00 Europe/Berlin" || cs[0]["next_at"] != "2026-11-23T09:00:00Z" ||
			cs[0]["next_at_local"] != "2026-11-23T10:00:00+01:00" || cs[0]["paused"] != false || cs[0]["version"] != 1.0 {
			t.Errorf("monday check-in = %v", cs[0])
		}

		// An admin creates one; open days and the nudge take the defaults.
		status, created := admin.do("POST", w+"/check-ins", newCheckIn("Content sync"))
		if status != 201 || created["key"] != "content-sync" || created["version"] != 1.0 || created["open_days"] != 1.0 ||
			created["nudge_minutes"] != 60.0 || created["duration_minutes"] != 45.0 || created["visibility"] != "shared" ||
			created["next_at"] != "2026-11-18T08:30:00Z" || created["next_at_local"] != "2026-11-18T09:30:00+01:00" {
			t.Fatalf("create: %d %v", status, created)
		}
		if qs := list(created, "questions"); len(qs) != 2 || qs[0]["key"] != "what-is-blocked" || qs[0]["kind"] != "text" || qs[1]["key"] != "next" {
			t.Errorf("created questions = %v", qs)
		}
		path := w + "/check-ins/" + created["id"].(string)
		if status, got := partner.do("GET", path, nil); status != 200 || got["title"] != "Content sync" || got["can_edit"] != false {
			t.Errorf("partner reads the new check-in: %d %v", status, got)
		}
		if status, got := admin.do("GET", w+"/check-ins/content-sync", nil); status != 200 || got["id"] != created["id"] || got["can_edit"] != true {
			t.Errorf("admin reads it by key: %d %v", status, got)
		}

		// PATCH changes what is given, at the version read.
		status, patched := admin.do("PATCH", path, map[string]any{"version": 1, "title": "Content sync-up", "schedule": map[string]string{"time": "10:15"}})
		ps := patched["schedule"].(map[string]any)
		if status != 200 || patched["version"] != 2.0 || patched["title"] != "Content sync-up" || patched["key"] != "content-sync" ||
			ps["rrule"] != "FREQ=WEEKLY;BYDAY=WE" || ps["time"] != "10:15" || ps["words"] != "Every Wednesday at 10:15 Europe/Berlin" ||
			patched["duration_minutes"] != 45.0 || len(list(patched, "questions")) != 2 || patched["next_at"] != "2026-11-18T09:15:00Z" {
			t.Fatalf("patch: %d %v", status, patched)
		}
		if status, body := admin.do("PATCH", path, map[string]any{"version": 1, "title": "Stale"}); status != 409 || errOf(body)["code"] != "conflict" {
			t.Errorf("stale version: %d %v", status, body)
		}
		if _, got := admin.do("GET", path, nil); got["title"] != "Content sync-up" || got["version"] != 2.0 {
			t.Errorf("a stale PATCH changed the check-in: %v", got)
		}

		// Pausing withdraws the coming meetings nobody has answered yet
		// (the first, open at once, too); resuming brings them back.
		status, paused := admin.do("POST", w+"/check-ins/content-sync/pause", map[string]int{"version": 2})
		if status != 200 || paused["paused"] != true || paused["next_at"] != nil || paused["next_at_local"] != nil {
			t.Fatalf("pause: %d %v", status, paused)
		}
		if _, occs := partner.do("GET", path+"/occurrences", nil); len(list(occs, "upcoming")) != 0 {
			t.Errorf("a paused check-in's meetings: %v", occs)
		}
		if status, body := admin.do("POST", path+"/pause", map[string]any{"version": paused["version"]}); status != 409 {
			t.Errorf("pausing twice: %d %v", status, body)
		}
		status, resumed := admin.do("POST", path+"/resume", map[string]any{"version": paused["version"]})
		if status != 200 || resumed["paused"] != false || resumed["next_at"] != "2026-11-18T09:15:00Z" {
			t.Fatalf("resume: %d %v", status, resumed)
		}
		status, later := admin.do("PATCH", path, map[string]any{"version": resumed["version"], "starts_on": "2026-12-01", "ask_sides": []string{"partner"}})
		if status != 200 || later["starts_on"] != "2026-12-01" || later["next_at"] != "2026-12-02T09:15:00Z" || len(list(later, "questions")) != 2 ||
			fmt.Sprint(later["ask_sides"], later["ask_roles"]) != "[partner] [content-lead partner-marketing-lead]" {
			t.Fatalf("patch the start: %d %v", status, later)
		}
		if status, back := admin.do("PATCH", path, map[string]any{"version": later["version"], "starts_on": ""}); status != 200 || back["starts_on"] != nil ||
			back["next_at"] != "2026-11-18T09:15:00Z" {
			t.Fatalf("back to the kickoff: %d %v", status, back)
		}

		// The Monday check-in: its first meeting opened at once.
		monday := w + "/check-ins/monday-check-in"
		status, cur := partner.do("GET", monday+"/occurrences/current", nil)
		if status != 200 || cur["state"] != "open" || cur["starts_at"] != "2026-11-23T09:00:00Z" || cur["starts_at_local"] != "2026-11-23T10:00:00+01:00" ||
			cur["ends_at"] != "2026-11-23T09:30:00Z" || cur["closes_at"] != "2026-11-30T09:00:00Z" || cur["check_in_title"] != "Weekly campaign check-in" {
			t.Fatalf("current: %d %v", status, cur)
		}
		occ := cur["url"].(string)
		if occ != w+"/occurrences/"+cur["id"].(string) {
			t.Errorf("url = %s", occ)
		}
		_, before := partner.do("GET", occ, nil)
		if len(list(before, "not_answered")) != 4 || before["can_answer"] != true || before["vote_side"] != nil || before["can_skip"] != false {
			t.Fatalf("before answers: %v", before)
		}

		// Both sides answer; who has not answered shrinks.
		status, ans := host.do("PUT", occ+"/answers/progress", map[string]string{"body": "The brief is **drafted**."})
		if status != 200 || ans["question"] != "progress" || ans["mine"] != true || ans["html"] != "<p>The brief is <strong>drafted</strong>.</p>" ||
			ans["author"].(map[string]any)["member_id"] != hostID || ans["visibility"] != "shared" {
			t.Fatalf("host answers: %d %v", status, ans)
		}
		if status, ans := partner.do("PUT", occ+"/answers/blockers", map[string]any{"body": "Waiting for the logo files.", "member_id": partnerID}); status != 200 || ans["mine"] != true {
			t.Fatalf("partner answers: %d %v", status, ans)
		}
		host.do("PUT", occ+"/answers/progress", map[string]string{"body": "The brief is signed."}) // replaces the first answer
		status, after := partner.do("GET", occ, nil)
		var waiting []string
		for _, m := range list(after, "not_answered") {
			waiting = append(waiting, m["member_id"].(string))
		}
		answers := after["answers"].(map[string]any)
		progress, blockers := answers["progress"].([]any), answers["blockers"].([]any)
		if status != 200 || strings.Join(waiting, ",") != adminID+","+memberIDOf(t, f, f.Guest, f.WS.ID) || len(progress) != 1 || len(blockers) != 1 ||
			len(answers["decisions-needed"].([]any)) != 0 {
			t.Fatalf("after answers: %d not answered %v, answers %v", status, waiting, answers)
		}
		if p := progress[0].(map[string]any); p["body"] != "The brief is signed." || p["mine"] != false {
			t.Errorf("the replaced answer = %v", p)
		}
		if b := blockers[0].(map[string]any); b["mine"] != true {
			t.Errorf("the partner's own answer = %v", b)
		}
		if ba := after["agenda"].(map[string]any)["blocker_answers"].([]any); len(ba) != 1 || ba[0].(map[string]any)["body"] != "Waiting for the logo files." {
			t.Errorf("agenda blocker answers = %v", ba)
		}

		// A comment.
		status, com := partner.do("POST", occ+"/comments", map[string]string{"body": "Can we move this to *10:30*?"})
		if status != 201 || com["html"] != "<p>Can we move this to <em>10:30</em>?</p>" || com["author"].(map[string]any)["member_id"] != partnerID {
			t.Fatalf("comment: %d %v", status, com)
		}

		// Thursday readiness: go from the host, no-go from the partner,
		// recorded as an approved launch call.
		_, th := partner.do("GET", w+"/check-ins/thursday-readiness/occurrences/current", nil)
		thursday := th["url"].(string)
		if _, got := admin.do("GET", thursday, nil); got["vote_side"] != "host" {
			t.Errorf("admin vote side = %v", got["vote_side"])
		}
		status, voted := admin.do("POST", thursday+"/votes", map[string]string{"vote": "go"})
		if vs := list(voted, "votes"); status != 200 || len(vs) != 1 || vs[0]["side"] != "host" || vs[0]["vote"] != "go" || vs[0]["reason"] != nil ||
			vs[0]["by"].(map[string]any)["member_id"] != adminID || voted["vote_side"] != nil || voted["launch_call"] != nil {
			t.Fatalf("host votes: %d %v", status, voted)
		}
		status, voted = partner.do("POST", thursday+"/votes", map[string]string{"vote": "no_go", "reason": "The landing page is not tested.", "side": "partner"})
		vs := list(voted, "votes")
		call, _ := voted["launch_call"].(map[string]any)
		if status != 200 || len(vs) != 2 || vs[1]["side"] != "partner" || vs[1]["vote"] != "no_go" || vs[1]["reason"] != "The landing page is not tested." ||
			len(vs[1]["blockers"].([]any)) == 0 || call == nil || call["status"] != "approved" ||
			call["title"] != "Launch call: No-go (Thursday launch readiness, 19 Nov 2026)" {
			t.Fatalf("partner votes: %d %v", status, voted)
		}
		status, decs := host.do("GET", w+"/decisions?kind=launch_call", nil)
		if ds := list(decs, "decisions"); status != 200 || len(ds) != 1 || ds[0]["id"] != call["id"] || ds[0]["status"] != "approved" ||
			!strings.Contains(ds[0]["body"].(string), "The landing page is not tested.") {
			t.Errorf("the launch call in the decision log: %d %v", status, decs)
		}

		// Skipping a future meeting: it stays listed as skipped.
		_, occs := partner.do("GET", monday+"/occurrences", nil)
		up := list(occs, "upcoming")
		if len(up) != 2 || up[0]["id"] != cur["id"] || up[1]["starts_at"] != "2026-11-30T09:00:00Z" || len(list(occs, "past")) != 0 {
			t.Fatalf("occurrences: %v", occs)
		}
		status, skipped := admin.do("POST", up[1]["url"].(string)+"/skip", map[string]string{"reason": "Both teams are at the offsite."})
		if status != 200 || skipped["state"] != "skipped" || skipped["skip_reason"] != "Both teams are at the offsite." ||
			skipped["skipped_by"].(map[string]any)["member_id"] != adminID {
			t.Fatalf("skip: %d %v", status, skipped)
		}
		if _, got := partner.do("GET", up[1]["url"].(string), nil); got["state"] != "skipped" || got["can_answer"] != false {
			t.Errorf("the skipped meeting = %v", got)
		}
		if status, body := partner.do("PUT", up[1]["url"].(string)+"/answers/progress", map[string]string{"body": "x"}); status != 409 {
			t.Errorf("answering a skipped meeting: %d %v", status, body)
		}

		// Two weeks on, both meetings are past, newest first; with nothing
		// open or to come (no scheduler runs here), the current meeting is
		// the latest that was not skipped.
		f.Clock.Advance(15 * 24 * time.Hour)
		_, occs = partner.do("GET", monday+"/occurrences", nil)
		if past := list(occs, "past"); len(past) != 2 || past[0]["state"] != "skipped" || past[1]["id"] != cur["id"] || past[1]["state"] != "closed" {
			t.Errorf("past after two weeks: %v", past)
		}
		if _, now := partner.do("GET", monday+"/occurrences/current", nil); now["id"] != cur["id"] || now["state"] != "closed" {
			t.Errorf("current after two weeks: %v", now)
		}
		if status, body := admin.do("POST", occ+"/skip", map[string]string{"reason": "Too late."}); status != 409 {
			t.Errorf("skipping a past meeting: %d %v", status, body)
		}
	})
}

// TestCheckInBadInput: each refusal names the field and changes nothing.
func TestCheckInBadInput(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, admin, guest := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)),
			e.as(tokenOf(t, f, f.Admin.Email)), e.as(tokenOf(t, f, f.Guest.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		monday := checkInOf(t, f, "monday-check-in")
		mondayPath := w + "/check-ins/" + monday.ID
		occ := w + "/occurrences/" + currentOf(t, f, monday.ID).ID
		vote := w + "/occurrences/" + currentOf(t, f, checkInOf(t, f, "thursday-readiness").ID).ID
		hostOnly := checkInAs(t, f, "Host pricing sync", duet.VisHost, duet.SideHost)
		hostOcc := w + "/occurrences/" + currentOf(t, f, hostOnly.ID).ID
		partnerID := memberIDOf(t, f, f.Partner, f.WS.ID)
		with := func(k string, v any) map[string]any {
			b := newCheckIn("Bad sync")
			b[k] = v
			return b
		}
		rule := func(r string) map[string]string { return map[string]string{"rrule": r, "time": "09:30"} }
		if status, body := admin.do("POST", vote+"/votes", map[string]string{"vote": "go"}); status != 200 {
			t.Fatalf("the host's vote: %d %v", status, body)
		}

		for _, c := range []refusal{
			{"fires every second", admin, "POST", w + "/check-ins", with("schedule", rule("FREQ=SECONDLY")), 422, "invalid", "schedule"},
			{"never fires", admin, "POST", w + "/check-ins", with("schedule", rule("FREQ=WEEKLY;UNTIL=20261101")), 422, "invalid", "schedule"},
			{"patched to fire every second", admin, "PATCH", mondayPath, map[string]any{"version": 1, "schedule": map[string]string{"rrule": "FREQ=SECONDLY"}}, 422, "invalid", "schedule"},
			{"patched to never fire", admin, "PATCH", mondayPath, map[string]any{"version": 1, "schedule": map[string]string{"rrule": "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261101"}}, 422, "invalid", "schedule"},
			{"no schedule", admin, "POST", w + "/check-ins", with("schedule", nil), 422, "invalid", "schedule"},
			{"a time of day that is not one", admin, "POST", w + "/check-ins", with("schedule", map[string]string{"rrule": "FREQ=DAILY", "time": "25:00"}), 422, "invalid", "schedule.time"},
			{"schedule words are the server's", admin, "POST", w + "/check-ins", with("schedule", map[string]string{"rrule": "FREQ=DAILY", "time": "09:30", "words": "Daily"}), 400, "bad_request", "words"},
			{"a version on create", admin, "POST", w + "/check-ins", with("version", 3), 400, "bad_request", "version"},
			{"no title", admin, "POST", w + "/check-ins", with("title", ""), 422, "invalid", "title"},
			{"no questions", admin, "POST", w + "/check-ins", with("questions", []any{}), 422, "invalid", "questions"},
			{"an unknown role asked", admin, "POST", w + "/check-ins", with("ask_roles", []string{"ceo"}), 422, "invalid", "ask_roles"},
			{"a meeting of two minutes", admin, "POST", w + "/check-ins", with("duration_minutes", 2), 422, "invalid", "duration_minutes"},
			{"a non-admin creates", host, "POST", w + "/check-ins", newCheckIn("Host sync"), 403, "forbidden", ""},
			{"the partner creates", partner, "POST", w + "/check-ins", newCheckIn("Partner sync"), 403, "forbidden", ""},
			{"a non-admin patches", host, "PATCH", mondayPath, map[string]any{"version": 1, "title": "Mine now"}, 403, "forbidden", ""},
			{"patch without a version", admin, "PATCH", mondayPath, map[string]any{"title": "Monday"}, 422, "invalid", "version"},
			{"patch with nothing to change", admin, "PATCH", mondayPath, map[string]any{"version": 1}, 422, "invalid", "body"},
			{"pause without a version", admin, "POST", mondayPath + "/pause", map[string]any{}, 422, "invalid", "version"},
			{"resume what is not paused", admin, "POST", mondayPath + "/resume", map[string]any{"version": 1}, 409, "conflict", ""},

			{"answering for someone else", host, "PUT", occ + "/answers/progress", map[string]string{"body": "Done.", "member_id": partnerID}, 403, "forbidden", ""},
			{"an unknown question", host, "PUT", occ + "/answers/weather", map[string]string{"body": "Sunny."}, 422, "invalid", "question"},
			{"answering the go/no-go", partner, "PUT", vote + "/answers/go-no-go", map[string]string{"body": "Go."}, 422, "invalid", "question"},
			{"an empty answer", host, "PUT", occ + "/answers/progress", map[string]string{"body": "  "}, 422, "invalid", "body"},
			{"an answer kept to the other side", host, "PUT", occ + "/answers/progress", map[string]string{"body": "x", "visibility": "partner"}, 422, "invalid", "visibility"},
			{"voting twice", admin, "POST", vote + "/votes", map[string]string{"vote": "no_go", "reason": "Second thoughts."}, 409, "conflict", ""},
			{"voting for the other side", admin, "POST", vote + "/votes", map[string]string{"vote": "go", "side": "partner"}, 403, "forbidden", ""},
			{"no-go without a reason", partner, "POST", vote + "/votes", map[string]string{"vote": "no_go"}, 422, "invalid", "reason"},
			{"a vote that is neither", partner, "POST", vote + "/votes", map[string]string{"vote": "maybe"}, 422, "invalid", "vote"},
			{"a member without a voter role", host, "POST", vote + "/votes", map[string]string{"vote": "go"}, 403, "forbidden", ""},
			{"a guest votes", guest, "POST", vote + "/votes", map[string]string{"vote": "go"}, 403, "forbidden", ""},
			{"a vote where there is no go/no-go", admin, "POST", occ + "/votes", map[string]string{"vote": "go"}, 422, "invalid", "vote"},
			{"an empty comment", partner, "POST", occ + "/comments", map[string]string{"body": ""}, 422, "invalid", "body"},
			{"skipping without a reason", admin, "POST", occ + "/skip", map[string]string{"reason": ""}, 422, "invalid", "reason"},
			{"a non-admin skips", host, "POST", occ + "/skip", map[string]string{"reason": "Busy."}, 403, "forbidden", ""},

			{"the partner reads a host-only check-in", partner, "GET", w + "/check-ins/" + hostOnly.ID, nil, 404, "not_found", ""},
			{"the partner reads it by key", partner, "GET", w + "/check-ins/" + hostOnly.Key, nil, 404, "not_found", ""},
			{"the partner lists its meetings", partner, "GET", w + "/check-ins/" + hostOnly.ID + "/occurrences", nil, 404, "not_found", ""},
			{"the partner asks for its current meeting", partner, "GET", w + "/check-ins/" + hostOnly.ID + "/occurrences/current", nil, 404, "not_found", ""},
			{"the partner reads its meeting", partner, "GET", hostOcc, nil, 404, "not_found", ""},
			{"the partner answers it", partner, "PUT", hostOcc + "/answers/pricing", map[string]string{"body": "Cheap."}, 404, "not_found", ""},
			{"the partner comments on it", partner, "POST", hostOcc + "/comments", map[string]string{"body": "Hi."}, 404, "not_found", ""},
			{"the partner pauses it", partner, "POST", w + "/check-ins/" + hostOnly.ID + "/pause", map[string]int{"version": 1}, 404, "not_found", ""},
		} {
			c.check(t)
		}

		// Nothing changed.
		if _, all := admin.do("GET", w+"/check-ins", nil); len(list(all, "check_ins")) != 3 {
			t.Errorf("refused creates added check-ins: %v", all)
		}
		if _, got := admin.do("GET", mondayPath, nil); got["version"] != 1.0 || got["title"] != "Weekly campaign check-in" ||
			got["schedule"].(map[string]any)["rrule"] != "FREQ=WEEKLY;BYDAY=MO" || got["paused"] != false {
			t.Errorf("refused changes changed the check-in: %v", got)
		}
		_, o := admin.do("GET", occ, nil)
		for k, as := range o["answers"].(map[string]any) {
			if len(as.([]any)) != 0 {
				t.Errorf("refused answers saved %s: %v", k, as)
			}
		}
		if len(list(o, "comments")) != 0 || o["state"] != "open" || len(list(o, "not_answered")) != 4 {
			t.Errorf("refused changes changed the meeting: %v", o)
		}
		_, v := admin.do("GET", vote, nil)
		if vs := list(v, "votes"); len(vs) != 1 || vs[0]["vote"] != "go" || v["launch_call"] != nil {
			t.Errorf("refused votes changed the votes: %v", v)
		}
		if _, ho := admin.do("GET", hostOcc, nil); len(list(ho, "comments")) != 0 {
			t.Errorf("the partner's refused comment was saved: %v", ho)
		}
		if _, decs := admin.do("GET", w+"/decisions?kind=launch_call", nil); len(list(decs, "decisions")) != 0 {
			t.Errorf("a launch call without both votes: %v", decs)
		}
		if status := admin.status(http.MethodGet, w+"/check-ins/"+hostOnly.ID); status != 200 {
			t.Errorf("the host-only check-in for its side: %d", status)
		}
	})
}
