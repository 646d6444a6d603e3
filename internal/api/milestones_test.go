package api_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// milestoneMatrix is the authorization matrix of the milestone and
// reschedule routes. Bodies that name a version read it per request.
func milestoneMatrix(t *testing.T, f *coretest.Fixture) []matrixRow {
	w := "/api/v1/workspaces/" + f.WS.ID
	kickoff := milestoneOf(t, f, "kickoff-complete")
	m := w + "/milestones/" + kickoff.ID
	version := func(extra map[string]any) func() any {
		return func() any {
			extra["version"] = milestoneOf(t, f, "kickoff-complete").Version
			return extra
		}
	}
	var n atomic.Int64
	criterion := func() any {
		return map[string]string{"text": fmt.Sprintf("Check %d", n.Add(1)), "dri": "role:content-lead"}
	}
	dates := map[string]string{"kickoff_on": "2026-11-09", "launch_on": "2027-01-19"}
	// The criterion checked off by hand: one Duet does not decide.
	var manual duet.Criterion
	for _, c := range kickoff.Criteria {
		if c.Check == duet.CheckManual {
			manual = c
			break
		}
	}
	return []matrixRow{
		{method: "GET", path: w + "/milestones", pattern: "GET /api/v1/workspaces/{id}/milestones", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: m, pattern: "GET /api/v1/workspaces/{id}/milestones/{milestone}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/milestones/nope", pattern: "GET /api/v1/workspaces/{id}/milestones/{milestone}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "PATCH", path: m, body: version(map[string]any{"due": "kickoff+8d"}), pattern: "PATCH /api/v1/workspaces/{id}/milestones/{milestone}", want: []int{401, 200, 200, 200, 403, 404}},
		// Unmet criteria and no override: refused, changing nothing.
		{method: "POST", path: m + "/complete", body: version(map[string]any{}), pattern: "POST /api/v1/workspaces/{id}/milestones/{milestone}/complete", want: []int{401, 422, 422, 422, 403, 404}},
		{method: "POST", path: m + "/reopen", body: version(map[string]any{}), pattern: "POST /api/v1/workspaces/{id}/milestones/{milestone}/reopen", want: []int{401, 409, 403, 403, 403, 404}},
		{method: "POST", path: m + "/criteria", body: criterion, pattern: "POST /api/v1/workspaces/{id}/milestones/{milestone}/criteria", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "PATCH", path: m + "/criteria/" + manual.ID, body: map[string]bool{"checked": true}, pattern: "PATCH /api/v1/workspaces/{id}/milestones/{milestone}/criteria/{criterion}", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "POST", path: w + "/reschedule/preview", body: dates, pattern: "POST /api/v1/workspaces/{id}/reschedule/preview", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/reschedule", body: dates, pattern: "POST /api/v1/workspaces/{id}/reschedule", want: []int{401, 200, 403, 403, 403, 404}},
	}
}

// criterionOf returns a milestone answer's criterion whose check is check.
func criterionOf(t *testing.T, m map[string]any, check string) map[string]any {
	t.Helper()
	for _, c := range list(m, "criteria") {
		if c["check"] == check {
			return c
		}
	}
	t.Fatalf("no %s criterion in %v", check, m)
	return nil
}

// TestMilestoneGate: criteria decided and explained, checked off by
// hand, added; completing with an unmet criterion through an override
// decision both sides sign; reopening; moving the due date.
func TestMilestoneGate(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		partnerID := memberIDOf(t, f, f.Partner, f.WS.ID)

		status, all := partner.do("GET", w+"/milestones", nil)
		ms := list(all, "milestones")
		if status != 200 || len(ms) != 4 || ms[0]["key"] != "kickoff-complete" || ms[0]["status"] != "pending" || ms[0]["due_on"] != "2026-11-16" ||
			ms[0]["due_rule"] != "kickoff+7d" || ms[0]["completed_at"] != nil || ms[0]["override"] != nil {
			t.Fatalf("milestones: %d %v", status, all)
		}
		m := ms[0]
		path := w + "/milestones/" + m["id"].(string)
		brief := criterionOf(t, m, "brief_signed")
		if brief["computed"] != true || brief["met"] != false || brief["check_name"] != "The campaign brief is signed by both sides" ||
			brief["why"] != "The campaign brief has not been written yet." ||
			brief["dri"].(map[string]any)["role_key"] != "partner-marketing-manager" || brief["dri"].(map[string]any)["name"] != f.Admin.Name {
			t.Errorf("brief criterion = %v", brief)
		}
		if roles := criterionOf(t, m, "roles_filled"); roles["computed"] != true || roles["met"] != false || !strings.HasPrefix(roles["why"].(string), "Nobody holds ") ||
			roles["dri"].(map[string]any)["unfilled"] != true || roles["dri"].(map[string]any)["member_id"] != nil {
			t.Errorf("roles criterion = %v", roles)
		}
		if tasks := criterionOf(t, m, "tasks_done"); tasks["task_list"] != "kickoff-alignment" || tasks["why"] != "0 of 7 tasks of Kickoff & Alignment are done." {
			t.Errorf("tasks criterion = %v", tasks)
		}
		manual := criterionOf(t, m, "manual")
		if manual["computed"] != false || manual["check_name"] != "Checked off by hand" || manual["checked_by"] != nil {
			t.Errorf("manual criterion = %v", manual)
		}

		// Check off by hand, and add a check.
		status, checked := partner.do("PATCH", path+"/criteria/"+manual["id"].(string), map[string]bool{"checked": true})
		if c := criterionOf(t, checked, "manual"); status != 200 || c["met"] != true || c["checked_by"].(map[string]any)["member_id"] != partnerID || c["checked_at"] == nil {
			t.Fatalf("check off: %d %v", status, checked)
		}
		status, added := host.do("POST", path+"/criteria", map[string]string{"text": "Both logos are approved.", "dri": "role:partner-marketing-lead"})
		cs := list(added, "criteria")
		if last := cs[len(cs)-1]; status != 201 || len(cs) != 6 || last["text"] != "Both logos are approved." || last["check"] != "manual" ||
			last["met"] != false || last["dri"].(map[string]any)["member_id"] != partnerID {
			t.Fatalf("add criterion: %d %v", status, added)
		}

		// Completing with unmet criteria needs an override decision.
		version := added["version"]
		if status, body := admin.do("POST", path+"/complete", map[string]any{"version": version}); status != 422 || errOf(body)["field"] != "override_reason" {
			t.Errorf("complete without an override: %d %v", status, body)
		}
		status, pending := admin.do("POST", path+"/complete", map[string]any{"version": version, "override_kind": "scope_change",
			"override_reason": "The RACI lives in a spreadsheet this time."})
		if status != 200 || pending["status"] != "pending" || pending["override"].(map[string]any)["status"] != "proposed" {
			t.Fatalf("complete with an override: %d %v", status, pending)
		}
		override := pending["override"].(map[string]any)
		if status, body := admin.do("POST", path+"/complete", map[string]any{"version": pending["version"], "override_kind": "scope_change", "override_reason": "Again."}); status != 409 {
			t.Errorf("completing twice: %d %v", status, body)
		}
		for _, c := range []client{admin, partner} {
			if status, body := c.do("POST", w+"/decisions/"+override["id"].(string)+"/signoffs", map[string]int{"version": 1}); status != 200 {
				t.Fatalf("signing the override: %d %v", status, body)
			}
		}
		status, done := partner.do("GET", path, nil)
		if status != 200 || done["status"] != "complete" || done["completed_at"] == nil || done["override"].(map[string]any)["status"] != "approved" {
			t.Fatalf("after the override is approved: %d %v", status, done)
		}
		var summaries []string
		for _, h := range list(done, "history") {
			summaries = append(summaries, h["summary"].(string))
		}
		if s := strings.Join(summaries, " | "); !strings.Contains(s, "checked off") || !strings.Contains(s, "override D-1") {
			t.Errorf("history = %s", s)
		}

		// Reopening: admins only, at the version read.
		if status, body := host.do("POST", path+"/reopen", map[string]any{"version": done["version"]}); status != 403 {
			t.Errorf("member reopens: %d %v", status, body)
		}
		if status, body := admin.do("POST", path+"/reopen", map[string]any{}); status != 422 || errOf(body)["field"] != "version" {
			t.Errorf("reopen without a version: %d %v", status, body)
		}
		status, reopened := admin.do("POST", path+"/reopen", map[string]any{"version": done["version"]})
		if status != 200 || reopened["status"] == "complete" || reopened["completed_at"] != nil {
			t.Fatalf("reopen: %d %v", status, reopened)
		}

		// The due date: a day or a rule; never before kickoff.
		status, moved := host.do("PATCH", path, map[string]any{"version": reopened["version"], "due": "launch-40d"})
		if status != 200 || moved["due_on"] != "2026-12-10" || moved["due_rule"] != "launch-40d" {
			t.Fatalf("move the due date: %d %v", status, moved)
		}
		for _, c := range []refusal{
			{"stale version", host, "PATCH", path, map[string]any{"version": reopened["version"], "due": "launch-30d"}, 409, "conflict", ""},
			{"no version", host, "PATCH", path, map[string]any{"due": "launch-30d"}, 422, "invalid", "version"},
			{"no due", host, "PATCH", path, map[string]any{"version": moved["version"]}, 422, "invalid", "due"},
			{"before kickoff", host, "PATCH", path, map[string]any{"version": moved["version"], "due": "2026-11-01"}, 422, "invalid", "due"},
			{"following a task", host, "PATCH", path, map[string]any{"version": moved["version"], "due": "T-3+2d"}, 422, "invalid", "due"},
			{"a live check by hand", partner, "PATCH", path + "/criteria/" + criterionOf(t, m, "roles_filled")["id"].(string), map[string]bool{"checked": true}, 409, "conflict", ""},
			{"a signed document by hand", partner, "PATCH", path + "/criteria/" + brief["id"].(string), map[string]bool{"checked": true}, 409, "conflict", ""},
			{"checking without checked", partner, "PATCH", path + "/criteria/" + manual["id"].(string), map[string]any{}, 422, "invalid", "checked"},
			{"criterion with a team as DRI", host, "POST", path + "/criteria", map[string]string{"text": "x", "dri": "partner"}, 422, "invalid", "dri"},
			{"criterion with an unknown DRI", host, "POST", path + "/criteria", map[string]string{"text": "x", "dri": "role:ceo"}, 422, "invalid", "dri"},
			{"criterion with another workspace's DRI", host, "POST", path + "/criteria", map[string]string{"text": "x", "dri": "member:" + memberIDOf(t, f, f.Stranger, f.OtherWS.ID)}, 422, "invalid", "dri"},
			{"criterion without text", host, "POST", path + "/criteria", map[string]string{"dri": "role:content-lead"}, 422, "invalid", "text"},
			{"unknown override kind", admin, "POST", path + "/complete", map[string]any{"version": moved["version"], "override_kind": "vibes", "override_reason": "x"}, 422, "invalid", "override_kind"},
			{"completing at a stale version", admin, "POST", path + "/complete", map[string]any{"version": 1, "override_kind": "scope_change", "override_reason": "x"}, 409, "conflict", ""},
			{"unknown milestone", host, "GET", w + "/milestones/nope", nil, 404, "not_found", ""},
		} {
			c.check(t)
		}
		if _, after := host.do("GET", path, nil); after["version"] != moved["version"] || after["due_on"] != "2026-12-10" || len(list(after, "criteria")) != 6 {
			t.Errorf("refused changes changed the milestone: %v", after)
		}
	})
}

// TestReschedule: the preview changes nothing; applying moves every date
// set from the campaign's dates, for admins only, from the dates previewed.
func TestReschedule(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		secret := taskAs(t, f, f.HostMember, duet.TaskCreate{Title: "Host-only prep", Visibility: duet.VisHost, Due: "launch-1d"})
		later := map[string]string{"kickoff_on": "2026-11-09", "launch_on": "2027-01-26"}

		status, preview := partner.do("POST", w+"/reschedule/preview", later)
		moves := list(preview, "moves")
		if status != 200 || len(moves) != 22 {
			t.Fatalf("preview: %d %d moves %v", status, len(moves), preview)
		}
		var launch map[string]any
		for _, mv := range moves {
			if mv["id"] == secret.ID {
				t.Error("the partner's preview shows the host-only task")
			}
			if mv["title"] == "Launch go-live" {
				launch = mv
			}
		}
		if launch == nil || launch["kind"] != "milestone" || launch["rule"] != "launch" || launch["from"] != "2027-01-19" || launch["to"] != "2027-01-26" {
			t.Errorf("launch milestone move = %v", launch)
		}
		if _, hostPreview := host.do("POST", w+"/reschedule/preview", later); len(list(hostPreview, "moves")) != 23 {
			t.Errorf("host preview: %d moves", len(list(hostPreview, "moves")))
		}
		if _, ws := partner.do("GET", w, nil); ws["launch_on"] != "2027-01-19" {
			t.Errorf("the preview moved the launch: %v", ws["launch_on"])
		}

		withFrom := map[string]string{"kickoff_on": "2026-11-09", "launch_on": "2027-01-26", "from_kickoff": "2026-11-09", "from_launch": "2027-01-19"}
		for _, c := range []refusal{
			{"a member reschedules", host, "POST", w + "/reschedule", withFrom, 403, "forbidden", ""},
			{"the partner reschedules", partner, "POST", w + "/reschedule", withFrom, 403, "forbidden", ""},
			{"dates changed since the preview", admin, "POST", w + "/reschedule", map[string]string{"kickoff_on": "2026-11-09", "launch_on": "2027-01-26", "from_launch": "2027-01-20"}, 409, "conflict", ""},
			{"launch before kickoff", admin, "POST", w + "/reschedule", map[string]string{"kickoff_on": "2027-02-01", "launch_on": "2027-01-26"}, 422, "invalid", "launch_on"},
			{"no kickoff", admin, "POST", w + "/reschedule/preview", map[string]string{"launch_on": "2027-01-26"}, 422, "invalid", "kickoff_on"},
			{"kickoff not a date", admin, "POST", w + "/reschedule/preview", map[string]string{"kickoff_on": "soon", "launch_on": "2027-01-26"}, 422, "invalid", "kickoff_on"},
			{"dates before the new kickoff", admin, "POST", w + "/reschedule/preview", map[string]string{"kickoff_on": "2026-12-28", "launch_on": "2027-01-19"}, 422, "invalid", "kickoff_on"},
			{"unknown field", admin, "POST", w + "/reschedule", map[string]string{"kickoff_on": "2026-11-09", "launch_on": "2027-01-26", "launch": "x"}, 400, "bad_request", "launch"},
		} {
			c.check(t)
		}
		if _, ws := partner.do("GET", w, nil); ws["launch_on"] != "2027-01-19" {
			t.Errorf("a refused reschedule moved the launch: %v", ws["launch_on"])
		}

		status, applied := admin.do("POST", w+"/reschedule", withFrom)
		if status != 200 || len(list(applied, "moves")) != 23 {
			t.Fatalf("reschedule: %d %v", status, applied)
		}
		if _, ws := partner.do("GET", w, nil); ws["launch_on"] != "2027-01-26" || ws["kickoff_on"] != "2026-11-09" {
			t.Errorf("after the reschedule: kickoff %v, launch %v", ws["kickoff_on"], ws["launch_on"])
		}
		if _, t19 := partner.do("GET", w+"/tasks/"+taskNumbered(t, f, 19).ID, nil); t19["due_on"] != "2027-01-23" || t19["due_rule"] != "launch-3d" {
			t.Errorf("T-19 after the reschedule: %v %v", t19["due_on"], t19["due_rule"])
		}
		if status, _ := admin.do("POST", w+"/reschedule", withFrom); status != 409 {
			t.Errorf("applying the same preview twice: %d", status)
		}
	})
}
