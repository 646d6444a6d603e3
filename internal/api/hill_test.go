package api_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// hillMatrix is the authorization matrix of the hill chart routes.
func hillMatrix(t *testing.T, f *coretest.Fixture) []matrixRow {
	chart := f.WS.HillCharts[0]
	h := "/api/v1/workspaces/" + f.WS.ID + "/hill-charts/" + chart.ID
	var n atomic.Int64
	move := func() any {
		return map[string]any{"positions": map[string]int64{chart.Scopes[0].ID: n.Add(1)}, "note": "Moving along."}
	}
	scope := func() any { return map[string]string{"title": fmt.Sprintf("Scope %d", n.Add(1))} }
	return []matrixRow{
		{method: "GET", path: h, pattern: "GET /api/v1/workspaces/{id}/hill-charts/{chart}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: "/api/v1/workspaces/" + f.WS.ID + "/hill-charts/nope", pattern: "GET /api/v1/workspaces/{id}/hill-charts/{chart}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "GET", path: h + "/snapshots", pattern: "GET /api/v1/workspaces/{id}/hill-charts/{chart}/snapshots", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: h + "/moves", body: move, pattern: "POST /api/v1/workspaces/{id}/hill-charts/{chart}/moves", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "POST", path: h + "/scopes", body: scope, pattern: "POST /api/v1/workspaces/{id}/hill-charts/{chart}/scopes", want: []int{401, 201, 201, 201, 403, 404}},
	}
}

// TestHillChart: dots move and each save is a snapshot; a dot whose
// tasks change while it sits still is stale.
func TestHillChart(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, guest := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Guest.Email))
		chart := f.WS.HillCharts[0]
		h := "/api/v1/workspaces/" + f.WS.ID + "/hill-charts/" + chart.ID
		first, second := chart.Scopes[0], chart.Scopes[1]
		// A week after the template made every task, no dot is stale.
		f.Clock.Advance(duet.StaleAfter + time.Hour)
		movedAt := f.Clock.Now().UTC().Format(time.RFC3339)

		status, got := partner.do("GET", h, nil)
		scopes := list(got, "scopes")
		if status != 200 || got["id"] != chart.ID || got["title"] != "Partner Co-Marketing Campaign" || len(scopes) != 4 {
			t.Fatalf("chart: %d %v", status, got)
		}
		if s := scopes[0]; s["id"] != first.ID || s["task_list_id"] != listOf(t, f, "kickoff-alignment").ID || s["position"] != 0.0 ||
			s["phase"] != "Figuring it out" || s["stale"] != false || s["moved_at"] != nil {
			t.Errorf("first dot = %v", s)
		}

		status, snap := partner.do("POST", h+"/moves", map[string]any{"positions": map[string]int{first.ID: 62}, "note": "Brief drafted; roles filled."})
		if status != 201 || snap["chart_id"] != chart.ID || snap["note"] != "Brief drafted; roles filled." || snap["by"].(map[string]any)["name"] != f.Partner.Name {
			t.Fatalf("move: %d %v", status, snap)
		}
		if mv := list(snap, "moves"); len(mv) != 1 || mv[0]["scope_id"] != first.ID || mv[0]["from"] != 0.0 || mv[0]["to"] != 62.0 || mv[0]["title"] != first.Title {
			t.Errorf("moves = %v", mv)
		}
		if pos := snap["positions"].(map[string]any); len(pos) != 4 || pos[first.ID] != 62.0 || pos[second.ID] != 0.0 {
			t.Errorf("positions = %v", pos)
		}
		f.Clock.Advance(time.Minute)
		if status, _ := host.do("POST", h+"/moves", map[string]any{"positions": map[string]int{second.ID: 20}}); status != 201 {
			t.Fatalf("second move: %d", status)
		}
		_, got = partner.do("GET", h, nil)
		if s := list(got, "scopes")[0]; s["position"] != 62.0 || s["phase"] != "Making it happen" || s["moved_at"] != movedAt {
			t.Errorf("first dot after the move = %v", s)
		}

		_, snaps := partner.do("GET", h+"/snapshots", nil)
		if ss := list(snaps, "snapshots"); len(ss) != 2 || ss[0]["note"] != "" || ss[1]["note"] != "Brief drafted; roles filled." {
			t.Errorf("snapshots = %v", snaps)
		}
		if _, one := partner.do("GET", h+"/snapshots?limit=1", nil); len(list(one, "snapshots")) != 1 || list(one, "snapshots")[0]["by"].(map[string]any)["name"] != f.HostMember.Name {
			t.Errorf("limit=1: %v", one)
		}

		// A task of the third list changes while its dot has never moved.
		t16 := taskNumbered(t, f, 16)
		if _, err := f.Svc.UpdateTask(t.Context(), f.HostMember.Actor, f.WS.ID, t16.ID, duet.TaskUpdate{Version: t16.Version, Title: ptr("Schedule the launch posts")}); err != nil {
			t.Fatal(err)
		}
		_, got = partner.do("GET", h, nil)
		if s := list(got, "scopes"); s[2]["stale"] != true || s[0]["stale"] != false || s[3]["stale"] != false {
			t.Errorf("stale after a task change: %v", s)
		}

		status, added := host.do("POST", h+"/scopes", map[string]string{"title": "Webinar platform", "task_list": listOf(t, f, "launch-sequencing").ID})
		if s := list(added, "scopes"); status != 201 || len(s) != 5 || s[4]["title"] != "Webinar platform" || s[4]["position"] != 0.0 || s[4]["stale"] != true {
			t.Fatalf("add scope: %d %v", status, added)
		}

		for _, c := range []refusal{
			{"position 250", partner, "POST", h + "/moves", map[string]any{"positions": map[string]int{first.ID: 250}}, 422, "invalid", "position"},
			{"negative position", partner, "POST", h + "/moves", map[string]any{"positions": map[string]int{first.ID: -1}}, 422, "invalid", "position"},
			{"fractional position", partner, "POST", h + "/moves", map[string]any{"positions": map[string]float64{first.ID: 6.5}}, 400, "bad_request", "positions"},
			{"unknown dot", partner, "POST", h + "/moves", map[string]any{"positions": map[string]int{"nope": 10}}, 422, "invalid", "positions"},
			{"nothing moves", partner, "POST", h + "/moves", map[string]any{"positions": map[string]int{}}, 422, "invalid", "positions"},
			{"a dot where it is, without a note", partner, "POST", h + "/moves", map[string]any{"positions": map[string]int{first.ID: 62}}, 422, "invalid", "positions"},
			{"guest moves", guest, "POST", h + "/moves", map[string]any{"positions": map[string]int{first.ID: 70}}, 403, "forbidden", ""},
			{"scope without title", host, "POST", h + "/scopes", map[string]string{"title": ""}, 422, "invalid", "title"},
			{"scope of an unknown list", host, "POST", h + "/scopes", map[string]string{"title": "x", "task_list": "nope"}, 422, "invalid", "task_list"},
			{"guest adds a scope", guest, "POST", h + "/scopes", map[string]string{"title": "x"}, 403, "forbidden", ""},
			{"limit 0", partner, "GET", h + "/snapshots?limit=0", nil, 422, "invalid", "limit"},
			{"limit too big", partner, "GET", h + "/snapshots?limit=201", nil, 422, "invalid", "limit"},
			{"another chart", partner, "GET", "/api/v1/workspaces/" + f.WS.ID + "/hill-charts/" + f.OtherWS.HillCharts[0].ID, nil, 404, "not_found", ""},
			{"another chart's snapshots", partner, "GET", "/api/v1/workspaces/" + f.WS.ID + "/hill-charts/" + f.OtherWS.HillCharts[0].ID + "/snapshots", nil, 404, "not_found", ""},
		} {
			c.check(t)
		}
		_, after := partner.do("GET", h, nil)
		if s := list(after, "scopes"); len(s) != 5 || s[0]["position"] != 62.0 || s[1]["position"] != 20.0 {
			t.Errorf("refused moves changed the chart: %v", s)
		}
		if _, snaps := partner.do("GET", h+"/snapshots", nil); len(list(snaps, "snapshots")) != 2 || strings.Contains(fmt.Sprint(snaps), "nope") {
			t.Errorf("refused moves were recorded: %v", snaps)
		}
	})
}
