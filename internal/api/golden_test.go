package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestWorkspaceGolden pins the whole JSON shape of a workspace as a
// partner member sees it; run with -update after an intended change.
func TestWorkspaceGolden(t *testing.T) {
	f, as := setup(t, "sqlite")
	partner := as(tokenOf(t, f, f.Partner.Email))
	req, _ := http.NewRequest("GET", partner.base+"/api/v1/workspaces/"+f.WS.ID, nil)
	req.Header.Set("Authorization", "Bearer "+partner.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v any
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	got, _ := json.MarshalIndent(v, "", "  ")
	got = append(anyID.ReplaceAll(got, []byte(`<id>`)), '\n')
	path := filepath.Join("testdata", "workspace.golden.json")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("workspace JSON differs from %s; run go test ./internal/api -run Golden -update and review the diff", path)
	}
}

// anyID matches the random identifiers, which differ on every run,
// anywhere: whole values, and inside links and rendered HTML.
var anyID = regexp.MustCompile(`\b[a-z2-7]{16}\b`)

// TestMessagingGolden pins the JSON shapes of channels, a thread and a
// decision as a partner member sees them; run with -update after an
// intended change.
func TestMessagingGolden(t *testing.T) {
	e := serve(t, "sqlite")
	f := e.f
	host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
	w := "/api/v1/workspaces/" + f.WS.ID
	day := coretest.Channel(t, f.WS, "day-to-day")
	_, root := host.do("POST", w+"/channels/"+day.ID+"/messages", map[string]string{"body": "We agreed on the **blue** banner, @Partner Marketing Lead."})
	partner.do("POST", w+"/channels/"+day.ID+"/messages", map[string]string{"body": "Yes, blue.", "parent_id": root["id"].(string)})
	f.Clock.Advance(time.Minute) // reactions are listed in the order given
	admin.do("POST", w+"/messages/"+root["id"].(string)+"/reactions", map[string]string{"emoji": "👍"})
	f.Clock.Advance(time.Minute)
	partner.do("POST", w+"/messages/"+root["id"].(string)+"/reactions", map[string]string{"emoji": "👍"})
	_, dec := admin.do("POST", w+"/decisions", map[string]any{"kind": "creative", "title": "Blue banner", "body": "The banner is blue.",
		"rationale": "Both brands use blue.", "from_message": root["id"]})
	admin.do("POST", w+"/decisions/"+dec["id"].(string)+"/signoffs", map[string]int{"version": 1})

	_, channels := partner.do("GET", w+"/channels", nil)
	_, thread := partner.do("GET", w+"/messages/"+root["id"].(string), nil)
	_, decision := partner.do("GET", w+"/decisions/"+dec["id"].(string), nil)
	_, decisions := partner.do("GET", w+"/decisions", nil)
	_, hits := partner.do("GET", w+"/search?q=banner", nil)
	_, inbox := partner.do("GET", "/api/v1/notifications", nil)
	got, _ := json.MarshalIndent(map[string]any{"channels": channels, "thread": thread, "decision": decision, "decisions": decisions,
		"search": hits, "notifications": inbox}, "", "  ")
	got = append(anyID.ReplaceAll(got, []byte(`<id>`)), '\n')
	path := filepath.Join("testdata", "messaging.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("messaging JSON differs from %s; run go test ./internal/api -run Golden -update and review the diff", path)
	}
}

// TestPlanningGolden pins the JSON shapes of task lists, tasks,
// milestones, the hill chart, My work and a reschedule preview as a
// partner member sees them; run with -update after an intended change.
func TestPlanningGolden(t *testing.T) {
	e := serve(t, "sqlite")
	f := e.f
	host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
	w := "/api/v1/workspaces/" + f.WS.ID
	kickoff := listOf(t, f, "kickoff-alignment")
	chart := f.WS.HillCharts[0]
	step := func() { f.Clock.Advance(time.Minute) } // each change at its own time, so history reads in order

	_, created := host.do("POST", w+"/tasks", map[string]any{"list": kickoff.ID, "title": "Write the speaker bios",
		"notes": "Ask **@Partner Marketing Lead** for the partner's bio; see T-1.", "dri": "role:partner-marketing-lead",
		"collaborators": []string{memberIDOf(t, f, f.HostMember, f.WS.ID)}, "due": "launch-7d", "depends_on": []string{"T-1"},
		"checklist": []string{"Host bio", "Partner bio"}})
	task := w + "/tasks/" + created["id"].(string)
	step()
	_, withItem := partner.do("GET", task, nil)
	partner.do("PATCH", task+"/checklist/"+list(withItem, "checklist")[1]["id"].(string), map[string]bool{"done": true})
	step()
	partner.do("POST", task+"/comments", map[string]string{"body": "Mine is attached, @" + f.HostMember.Name + "."})
	step()
	_, updated := host.do("PATCH", task, map[string]any{"version": 1, "status": "blocked", "blocked_reason": "Waiting for the headshots"})
	step()

	m := milestoneOf(t, f, "kickoff-complete")
	for _, c := range m.Criteria {
		if c.Check == duet.CheckManual { // the brief and the RACI are decided by Duet
			partner.do("PATCH", w+"/milestones/"+m.ID+"/criteria/"+c.ID, map[string]bool{"checked": true})
			break
		}
	}
	step()
	_, override := admin.do("POST", w+"/milestones/"+m.ID+"/complete", map[string]any{"version": m.Version, "override_kind": "scope_change",
		"override_reason": "The RACI lives in a spreadsheet this time."})
	step()

	partner.do("POST", w+"/hill-charts/"+chart.ID+"/moves", map[string]any{"positions": map[string]int{chart.Scopes[0].ID: 62}, "note": "Brief drafted."})
	step()
	host.do("POST", w+"/hill-charts/"+chart.ID+"/moves", map[string]any{"positions": map[string]int{chart.Scopes[0].ID: 70, chart.Scopes[1].ID: 15}})
	step()

	_, lists := partner.do("GET", w+"/task-lists", nil)
	_, tasks := partner.do("GET", w+"/tasks?list="+kickoff.ID+"&limit=3", nil)
	_, got := partner.do("GET", task, nil)
	_, milestone := partner.do("GET", w+"/milestones/"+m.ID, nil)
	_, hill := partner.do("GET", w+"/hill-charts/"+chart.ID, nil)
	_, snaps := partner.do("GET", w+"/hill-charts/"+chart.ID+"/snapshots", nil)
	_, work := partner.do("GET", "/api/v1/me/work", nil)
	_, preview := partner.do("POST", w+"/reschedule/preview", map[string]string{"kickoff_on": "2026-11-10", "launch_on": "2027-01-19"})

	// A snapshot's positions are keyed by random scope ids, whose order
	// is not stable: key them by the scope's title instead.
	titles := map[string]string{}
	for _, s := range chart.Scopes {
		titles[s.ID] = s.Title
	}
	for _, s := range list(snaps, "snapshots") {
		byTitle := map[string]any{}
		for id, pos := range s["positions"].(map[string]any) {
			byTitle[titles[id]] = pos
		}
		s["positions"] = byTitle
	}

	out, _ := json.MarshalIndent(map[string]any{"task_lists": lists, "tasks": tasks, "task_created": created, "task_updated": updated,
		"task": got, "milestone": milestone, "milestone_override": override, "hill_chart": hill, "hill_snapshots": snaps,
		"my_work": work, "reschedule_preview": preview}, "", "  ")
	out = append(anyID.ReplaceAll(out, []byte(`<id>`)), '\n')
	path := filepath.Join("testdata", "planning.golden.json")
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("planning JSON differs from %s; run go test ./internal/api -run Golden -update and review the diff", path)
	}
}

// TestCheckInsGolden pins the JSON shapes of check-ins, their meetings,
// an answer, a comment, the go/no-go with its launch call, a skip and two
// refusals, as a partner member sees them (an admin creates); run with
// -update after an intended change.
func TestCheckInsGolden(t *testing.T) {
	e := serve(t, "sqlite")
	f := e.f
	host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
	w := "/api/v1/workspaces/" + f.WS.ID
	step := func() { f.Clock.Advance(time.Minute) }

	_, created := admin.do("POST", w+"/check-ins", map[string]any{"title": "Content sync", "purpose": "Sync the two content teams.",
		"schedule": map[string]string{"rrule": "FREQ=WEEKLY;BYDAY=WE", "time": "09:30"}, "duration_minutes": 45,
		"ask_roles": []string{"content-lead", "partner-marketing-lead"},
		"questions": []map[string]string{{"text": "What is blocked?"}, {"key": "next", "text": "What comes next?"}}})
	step()
	_, current := partner.do("GET", w+"/check-ins/monday-check-in/occurrences/current", nil)
	occ := current["url"].(string)
	host.do("PUT", occ+"/answers/progress", map[string]string{"body": "The brief is **drafted**."})
	step()
	host.do("PUT", occ+"/answers/blockers", map[string]string{"body": "Pricing is still open on our side.", "visibility": "host"})
	step()
	_, answer := partner.do("PUT", occ+"/answers/blockers", map[string]string{"body": "Waiting for the logo files from @" + f.HostMember.Name + "."})
	step()
	_, comment := partner.do("POST", occ+"/comments", map[string]string{"body": "Can we move this to *10:30*?"})
	step()
	_, thursday := partner.do("GET", w+"/check-ins/thursday-readiness/occurrences/current", nil)
	admin.do("POST", thursday["url"].(string)+"/votes", map[string]string{"vote": "go"})
	step()
	_, voted := partner.do("POST", thursday["url"].(string)+"/votes", map[string]string{"vote": "no_go", "reason": "The landing page is not tested."})
	step()
	_, occs := partner.do("GET", w+"/check-ins/monday-check-in/occurrences", nil)
	_, skipped := admin.do("POST", list(occs, "upcoming")[1]["url"].(string)+"/skip", map[string]string{"reason": "Both teams are at the offsite."})
	step()

	_, checkIns := partner.do("GET", w+"/check-ins", nil)
	_, checkIn := partner.do("GET", w+"/check-ins/thursday-readiness", nil)
	_, occs = partner.do("GET", w+"/check-ins/monday-check-in/occurrences", nil)
	_, occurrence := partner.do("GET", occ, nil)
	_, badRule := admin.do("POST", w+"/check-ins", map[string]any{"title": "Too often", "schedule": map[string]string{"rrule": "FREQ=SECONDLY", "time": "09:30"},
		"duration_minutes": 30, "ask_sides": []string{"host"}, "questions": []map[string]string{{"text": "Status?"}}})
	_, twice := partner.do("POST", thursday["url"].(string)+"/votes", map[string]string{"vote": "go"})

	out, _ := json.MarshalIndent(map[string]any{"check_ins": checkIns, "check_in": checkIn, "check_in_created": created, "occurrences": occs,
		"occurrence_current": current, "occurrence": occurrence, "answer": answer, "comment": comment, "vote": voted, "skipped": skipped,
		"error_schedule": badRule, "error_vote_twice": twice}, "", "  ")
	out = append(anyID.ReplaceAll(out, []byte(`<id>`)), '\n')
	path := filepath.Join("testdata", "checkins.golden.json")
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("check-in JSON differs from %s; run go test ./internal/api -run Golden -update and review the diff", path)
	}
}

// TestAssetsGolden pins the JSON shapes of assets, their versions, the
// approval trail, the launch calendar with its slips, an entry and three
// refusals, as a partner member sees them (the host uploads and
// schedules); run with -update after an intended change.
func TestAssetsGolden(t *testing.T) {
	e := serve(t, "sqlite")
	f := e.f
	host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
	w := "/api/v1/workspaces/" + f.WS.ID
	step := func() { f.Clock.Advance(time.Minute) }

	_, created := host.do("POST", w+"/assets", map[string]any{"title": "Webinar landing page", "kind": "landing_page", "dri": "role:content-lead",
		"due_on": "2026-11-25", "tags": []string{"launch"}})
	asset := created["url"].(string)
	step()
	_, link := host.do("POST", asset+"/versions", map[string]any{"link": "https://docs.google.com/document/d/landing", "note": "Copy outline."})
	step()
	_, upload := host.upload(asset+"/versions", "landing-v2", field("note", "Designed."), field("request_review", "true"),
		file("landing page.pdf", pdf+"% v2\n"))
	step()
	_, review := host.do("POST", asset+"/reviews", map[string]any{"step": "copy", "verdict": "approve", "comment": "Reads well.", "version": 2})
	step()
	_, outOfTurn := partner.do("POST", asset+"/reviews", map[string]any{"step": "partner-signoff", "verdict": "approve", "version": 2})
	_, html := host.upload(asset+"/versions", "", file("banner.png", "<!DOCTYPE html><html></html>"))

	_, landing := admin.do("POST", w+"/calendar", map[string]any{"title": "Landing page goes live", "channel": "landing_page",
		"dri": "role:demand-gen-lead", "publish_at": "2026-11-20T10:00", "launch_critical": true, "assets": []string{created["id"].(string)}})
	step()
	_, social := admin.do("POST", w+"/calendar", map[string]any{"title": "Launch post", "channel": "social", "dri": "role:content-lead",
		"publish_at": "2026-11-21T12:00", "after": []string{landing["id"].(string)}})
	step()
	// Dragged before the landing page it must follow: a slip, as is the
	// landing page's asset being due for approval after it publishes.
	_, moved := admin.do("POST", social["url"].(string)+"/reschedule", map[string]any{"version": 1, "date": "2026-11-19"})
	step()
	_, loop := admin.do("PUT", landing["url"].(string), map[string]any{"version": 1, "title": "Landing page goes live", "channel": "landing_page",
		"dri": "role:demand-gen-lead", "publish_at": "2026-11-20T10:00", "visibility": "shared", "launch_critical": true, "assets": []string{},
		"after": []string{social["id"].(string)}})

	_, assets := partner.do("GET", w+"/assets", nil)
	_, page := partner.do("GET", asset, nil)
	_, versions := partner.do("GET", asset+"/versions", nil)
	_, calendar := partner.do("GET", w+"/calendar", nil)
	_, entry := partner.do("GET", landing["url"].(string), nil)

	out, _ := json.MarshalIndent(map[string]any{"asset_created": created, "version_link": link, "version_upload": upload, "review": review,
		"assets": assets, "asset": page, "versions": versions, "entry_created": landing, "entry_moved": moved, "calendar": calendar, "entry": entry,
		"error_out_of_turn": outOfTurn, "error_content": html, "error_loop": loop}, "", "  ")
	out = append(anyID.ReplaceAll(out, []byte(`<id>`)), '\n')
	path := filepath.Join("testdata", "assets.golden.json")
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("asset and calendar JSON differs from %s; run go test ./internal/api -run Golden -update and review the diff", path)
	}
}
