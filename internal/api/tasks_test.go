package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// taskMatrix is the authorization matrix of the task list, task and My
// work routes. Rows whose success changes the task get a fresh one per
// actor.
func taskMatrix(t *testing.T, f *coretest.Fixture) []matrixRow {
	w := "/api/v1/workspaces/" + f.WS.ID
	list := listOf(t, f, "kickoff-alignment")
	shared := taskAs(t, f, f.HostMember, duet.TaskCreate{Title: "Shared task"})
	hostOnly := taskAs(t, f, f.HostMember, duet.TaskCreate{Title: "Host-only task", Visibility: duet.VisHost})
	var n atomic.Int64
	fresh := func(vis duet.Visibility, suffix string) func() string {
		return func() string {
			task := taskAs(t, f, f.HostMember, duet.TaskCreate{Title: fmt.Sprintf("Task %d", n.Add(1)), Visibility: vis, Checklist: []string{"One"}})
			if suffix == "item" {
				d, err := f.Svc.Task(t.Context(), f.HostMember.Actor, f.WS.ID, task.ID)
				if err != nil {
					t.Fatal(err)
				}
				return w + "/tasks/" + task.ID + "/checklist/" + d.Task.Checklist[0].ID
			}
			return w + "/tasks/" + task.ID + suffix
		}
	}
	newList := func() any {
		return map[string]string{"title": fmt.Sprintf("Stage %d", n.Add(1)), "dri": "role:project-manager"}
	}
	newTask := map[string]any{"list": list.ID, "title": "Book the venue", "dri": "role:content-lead"}
	describe := func() any { return map[string]string{"description": fmt.Sprintf("Agreed %d times.", n.Add(1))} }
	return []matrixRow{
		{method: "GET", path: w + "/task-lists", pattern: "GET /api/v1/workspaces/{id}/task-lists", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/task-lists", body: newList, pattern: "POST /api/v1/workspaces/{id}/task-lists", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "PATCH", path: w + "/task-lists/" + list.ID, body: describe, pattern: "PATCH /api/v1/workspaces/{id}/task-lists/{list}", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "PATCH", path: w + "/task-lists/nope", body: map[string]string{"description": "x"}, pattern: "PATCH /api/v1/workspaces/{id}/task-lists/{list}", want: []int{401, 404, 404, 404, 404, 404}},

		{method: "GET", path: w + "/tasks", pattern: "GET /api/v1/workspaces/{id}/tasks", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/tasks", body: newTask, pattern: "POST /api/v1/workspaces/{id}/tasks", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "GET", path: w + "/tasks/" + shared.ID, pattern: "GET /api/v1/workspaces/{id}/tasks/{task}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/tasks/" + hostOnly.ID, pattern: "GET /api/v1/workspaces/{id}/tasks/{task}", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "GET", path: w + "/tasks/nope", pattern: "GET /api/v1/workspaces/{id}/tasks/{task}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "PATCH", fresh: fresh(duet.VisShared, ""), body: map[string]any{"version": 1, "title": "Renamed"}, pattern: "PATCH /api/v1/workspaces/{id}/tasks/{task}", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "PATCH", fresh: fresh(duet.VisHost, ""), body: map[string]any{"version": 1, "title": "Renamed"}, pattern: "PATCH /api/v1/workspaces/{id}/tasks/{task}", want: []int{401, 200, 200, 404, 403, 404}},
		{method: "POST", path: w + "/tasks/" + shared.ID + "/checklist", body: map[string]string{"text": "Check"}, pattern: "POST /api/v1/workspaces/{id}/tasks/{task}/checklist", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "POST", path: w + "/tasks/" + hostOnly.ID + "/checklist", body: map[string]string{"text": "Check"}, pattern: "POST /api/v1/workspaces/{id}/tasks/{task}/checklist", want: []int{401, 201, 201, 404, 403, 404}},
		{method: "PATCH", fresh: fresh(duet.VisShared, "item"), body: map[string]bool{"done": true}, pattern: "PATCH /api/v1/workspaces/{id}/tasks/{task}/checklist/{item}", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "PATCH", fresh: fresh(duet.VisHost, "item"), body: map[string]bool{"done": true}, pattern: "PATCH /api/v1/workspaces/{id}/tasks/{task}/checklist/{item}", want: []int{401, 200, 200, 404, 403, 404}},
		{method: "POST", path: w + "/tasks/" + shared.ID + "/comments", body: map[string]string{"body": "Looks good."}, pattern: "POST /api/v1/workspaces/{id}/tasks/{task}/comments", want: []int{401, 201, 201, 201, 201, 404}},
		{method: "POST", path: w + "/tasks/" + hostOnly.ID + "/comments", body: map[string]string{"body": "Looks good."}, pattern: "POST /api/v1/workspaces/{id}/tasks/{task}/comments", want: []int{401, 201, 201, 404, 201, 404}},

		{method: "GET", path: "/api/v1/me/work", pattern: "GET /api/v1/me/work", want: []int{401, 200, 200, 200, 200, 200}},
	}
}

// TestTaskFlow: lists with counts, a task created with everything a task
// has, read back, checked off, commented on and changed.
func TestTaskFlow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, guest := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Guest.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		kickoff := listOf(t, f, "kickoff-alignment")
		partnerID := memberIDOf(t, f, f.Partner, f.WS.ID)

		status, lists := partner.do("GET", w+"/task-lists", nil)
		ls := list(lists, "task_lists")
		if status != 200 || len(ls) != 4 || ls[0]["id"] != kickoff.ID || ls[0]["tasks_url"] != w+"/tasks?list="+kickoff.ID {
			t.Fatalf("task lists: %d %v", status, lists)
		}
		if c := ls[0]["counts"].(map[string]any); c["total"] != 7.0 || c["done"] != 0.0 || c["overdue"] != 6.0 {
			t.Errorf("kickoff counts = %v", c)
		}
		if dri := ls[0]["dri"].(map[string]any); dri["role_key"] != "partner-marketing-manager" || dri["name"] != f.Admin.Name || dri["unfilled"] != false {
			t.Errorf("list DRI = %v", dri)
		}
		_, tasks := partner.do("GET", ls[0]["tasks_url"].(string), nil)
		if ts := list(tasks, "tasks"); len(ts) != 7 || ts[0]["number"] != 1.0 || ts[0]["due_rule"] != "kickoff+2d" || ts[0]["due_on"] != "2026-11-11" {
			t.Fatalf("tasks of the list = %v", tasks)
		}

		// Create a task with every field.
		status, created := host.do("POST", w+"/tasks", map[string]any{"list": kickoff.ID, "title": "Write the speaker bios",
			"notes": "Ask **@Partner Marketing Lead** for the partner's bio.", "dri": "role:partner-marketing-lead",
			"collaborators": []string{partnerID}, "due": "launch-7d", "depends_on": []string{"T-1"}, "checklist": []string{"Host bio", "Partner bio"}})
		if status != 201 || created["due_on"] != "2027-01-12" || created["due_rule"] != "launch-7d" || created["status"] != "open" ||
			created["visibility"] != "shared" || created["version"] != 1.0 || created["checklist_total"] != 2.0 || created["waiting_on"] != 1.0 {
			t.Fatalf("create: %d %v", status, created)
		}
		if dri := created["dri"].(map[string]any); dri["role_key"] != "partner-marketing-lead" || dri["member_id"] != partnerID || dri["side"] != "partner" {
			t.Errorf("created DRI = %v", dri)
		}
		if _, ok := created["html"]; ok {
			t.Errorf("a change answers html: %v", created)
		}
		path := w + "/tasks/" + created["id"].(string)

		status, got := partner.do("GET", path, nil)
		if status != 200 || !strings.Contains(got["html"].(string), "<strong>") || got["notes"] != created["notes"] || got["can_edit"] != true {
			t.Fatalf("get: %d %v", status, got)
		}
		if deps := list(got, "depends_on"); len(deps) != 1 || deps[0]["number"] != 1.0 || deps[0]["status"] != "open" {
			t.Errorf("depends_on = %v", deps)
		}
		if cs := list(got, "collaborators"); len(cs) != 1 || cs[0]["member_id"] != partnerID || cs[0]["side"] != "partner" {
			t.Errorf("collaborators = %v", cs)
		}
		items := list(got, "checklist")
		if len(items) != 2 || items[0]["text"] != "Host bio" || items[0]["done"] != false || items[0]["done_by"] != nil {
			t.Errorf("checklist = %v", items)
		}
		if h := list(got, "history"); len(h) != 1 || h[0]["by"].(map[string]any)["name"] != f.HostMember.Name || h[0]["summary"] == "" {
			t.Errorf("history = %v", h)
		}
		if _, t1 := partner.do("GET", w+"/tasks/"+taskNumbered(t, f, 1).ID, nil); len(list(t1, "dependents")) != 1 || list(t1, "dependents")[0]["id"] != created["id"] {
			t.Errorf("T-1 dependents = %v", t1["dependents"])
		}
		if _, asGuest := guest.do("GET", path, nil); asGuest["can_edit"] != false {
			t.Errorf("guest can_edit = %v", asGuest["can_edit"])
		}

		// Checklist and comments.
		status, added := partner.do("POST", path+"/checklist", map[string]string{"text": "Headshots"})
		if status != 201 || added["checklist_total"] != 3.0 || added["version"] != 1.0 {
			t.Fatalf("add item: %d %v", status, added)
		}
		status, checked := partner.do("PATCH", path+"/checklist/"+items[1]["id"].(string), map[string]bool{"done": true})
		item := list(checked, "checklist")[1]
		if status != 200 || item["done"] != true || item["done_by"].(map[string]any)["member_id"] != partnerID || item["done_at"] == nil || checked["checklist_done"] != 1.0 {
			t.Fatalf("check item: %d %v", status, checked)
		}
		status, comment := guest.do("POST", path+"/comments", map[string]string{"body": "Use the *short* bios."})
		if status != 201 || comment["html"] != "<p>Use the <em>short</em> bios.</p>" || comment["author"].(map[string]any)["name"] != f.Guest.Name {
			t.Fatalf("comment: %d %v", status, comment)
		}

		// Changing the task: at the version read; status rules; DRI.
		if status, renamed := partner.do("PATCH", path, map[string]any{"version": checked["version"], "title": "Write the speaker bios and headshots"}); status != 200 {
			t.Fatalf("rename: %d %v", status, renamed)
		}
		version := checked["version"].(float64) + 1
		status, body := host.do("PATCH", path, map[string]any{"version": 1, "title": "Stale"})
		if status != 409 || errOf(body)["code"] != "conflict" || !strings.Contains(errOf(body)["message"].(string), "changed since you opened it") {
			t.Errorf("stale edit: %d %v", status, body)
		}
		if status, body := host.do("PATCH", path, map[string]any{"version": version, "status": "in_progress"}); status != 422 || errOf(body)["field"] != "status" {
			t.Errorf("starting before T-1 is done: %d %v", status, body)
		}
		status, changed := host.do("PATCH", path, map[string]any{"version": version, "status": "blocked", "blocked_reason": "Waiting for the photos",
			"dri": "member:" + partnerID, "due": "2027-01-05"})
		if status != 200 || changed["status"] != "blocked" || changed["blocked_reason"] != "Waiting for the photos" || changed["due_on"] != "2027-01-05" ||
			changed["due_rule"] != nil || changed["version"] != version+1 {
			t.Fatalf("edit: %d %v", status, changed)
		}
		if dri := changed["dri"].(map[string]any); dri["role_key"] != nil || dri["role_name"] != nil || dri["member_id"] != partnerID || dri["name"] != f.Partner.Name {
			t.Errorf("DRI chosen directly = %v", dri)
		}
		_, after := partner.do("GET", path, nil)
		if len(list(after, "comments")) != 1 || len(list(after, "history")) != 5 {
			t.Errorf("after the changes: comments %v, history %v", after["comments"], after["history"])
		}

		// Task lists: add one, move it first, archive it.
		status, stage := host.do("POST", w+"/task-lists", map[string]string{"title": "Webinar rehearsal", "description": "Dry runs.", "dri": "role:project-manager"})
		if status != 201 || stage["key"] != "webinar-rehearsal" || stage["position"] != 4.0 || stage["dri"].(map[string]any)["unfilled"] != true || stage["archived"] != false {
			t.Fatalf("create list: %d %v", status, stage)
		}
		status, moved := host.do("PATCH", w+"/task-lists/"+stage["id"].(string), map[string]any{"position": 0, "archived": true, "title": "Rehearsals"})
		if status != 200 || moved["position"] != 0.0 || moved["archived"] != true || moved["title"] != "Rehearsals" {
			t.Fatalf("update list: %d %v", status, moved)
		}
		if _, lists := host.do("GET", w+"/task-lists", nil); list(lists, "task_lists")[0]["id"] != stage["id"] {
			t.Errorf("lists after the move = %v", lists)
		}
	})
}

// TestTaskFilters: every filter, alone and together.
func TestTaskFilters(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		partner := e.as(tokenOf(t, f, f.Partner.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		partnerID := memberIDOf(t, f, f.Partner, f.WS.ID)
		kickoff, assets := listOf(t, f, "kickoff-alignment"), listOf(t, f, "asset-development")
		t2 := taskNumbered(t, f, 2)
		if _, err := f.Svc.UpdateTask(t.Context(), f.Partner.Actor, f.WS.ID, t2.ID, duet.TaskUpdate{Version: t2.Version, Status: ptr(duet.TaskDone)}); err != nil {
			t.Fatal(err)
		}
		numbers := func(query string) string {
			t.Helper()
			status, body := partner.do("GET", w+"/tasks"+query, nil)
			if status != 200 {
				t.Fatalf("%s: %d %v", query, status, body)
			}
			var ns []string
			for _, task := range list(body, "tasks") {
				ns = append(ns, fmt.Sprintf("T-%v", task["number"]))
			}
			return strings.Join(ns, ",")
		}
		for _, tc := range []struct{ query, want string }{
			{"?list=" + kickoff.ID, "T-1,T-2,T-3,T-4,T-5,T-6,T-7"},
			{"?dri=me", "T-2,T-6,T-19,T-25"},
			{"?dri=" + partnerID + "&list=" + kickoff.ID, "T-2,T-6"},
			{"?dri=" + memberIDOf(t, f, f.Admin, f.WS.ID) + "&list=" + assets.ID, ""},
			{"?status=done", "T-2"},
			{"?list=" + kickoff.ID + "&status=open&due_to=2026-11-12", "T-1,T-3"},
			{"?due_from=2027-01-02&due_to=2027-01-05", "T-13,T-14,T-15"},
			{"?list=" + kickoff.ID + "&limit=2", "T-1,T-2"},
			{"?archived=true", ""},
		} {
			if got := numbers(tc.query); got != tc.want {
				t.Errorf("%s = %s, want %s", tc.query, got, tc.want)
			}
		}
	})
}

func ptr[T any](v T) *T { return &v }

// TestTaskSides: a task kept to one side does not exist for the other,
// by any route; nor does any of it for a non-member.
func TestTaskSides(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, stranger := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Stranger.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		status, secret := host.do("POST", w+"/tasks", map[string]any{"list": listOf(t, f, "kickoff-alignment").ID, "title": "Agree our margin floor",
			"dri": "role:content-lead", "visibility": "host", "checklist": []string{"Ask finance"}})
		if status != 201 || secret["visibility"] != "host" {
			t.Fatalf("host-only task: %d %v", status, secret)
		}
		path := w + "/tasks/" + secret["id"].(string)
		_, full := host.do("GET", path, nil)
		item := list(full, "checklist")[0]["id"].(string)
		for _, c := range []struct {
			client       client
			method, path string
			body         any
		}{
			{partner, "GET", path, nil},
			{partner, "PATCH", path, map[string]any{"version": 1, "title": "Mine now"}},
			{partner, "POST", path + "/checklist", map[string]string{"text": "x"}},
			{partner, "PATCH", path + "/checklist/" + item, map[string]bool{"done": true}},
			{partner, "POST", path + "/comments", map[string]string{"body": "x"}},
			{stranger, "GET", w + "/tasks", nil},
			{stranger, "GET", w + "/task-lists", nil},
			{stranger, "GET", path, nil},
			{stranger, "POST", w + "/tasks", map[string]any{"list": listOf(t, f, "kickoff-alignment").ID, "title": "x", "dri": "role:content-lead"}},
		} {
			if status, body := c.client.do(c.method, c.path, c.body); status != 404 || errOf(body)["code"] != "not_found" {
				t.Errorf("%s %s: %d %v, want 404", c.method, c.path, status, body)
			}
		}
		_, tasks := partner.do("GET", w+"/tasks", nil)
		for _, task := range list(tasks, "tasks") {
			if task["id"] == secret["id"] {
				t.Error("the partner lists the host-only task")
			}
		}
		_, lists := partner.do("GET", w+"/task-lists", nil)
		_, hostLists := host.do("GET", w+"/task-lists", nil)
		if p, h := list(lists, "task_lists")[0]["counts"].(map[string]any), list(hostLists, "task_lists")[0]["counts"].(map[string]any); p["total"] != 7.0 || h["total"] != 8.0 {
			t.Errorf("counts: partner %v, host %v", p, h)
		}
		// Nor may a shared task depend on it or follow it, for anyone.
		if status, body := host.do("POST", w+"/tasks", map[string]any{"list": listOf(t, f, "kickoff-alignment").ID, "title": "x",
			"dri": "role:content-lead", "depends_on": []string{secret["id"].(string)}}); status != 422 || errOf(body)["field"] != "depends_on" {
			t.Errorf("a shared task depending on a host-only one: %d %v", status, body)
		}
		if _, after := host.do("GET", path, nil); after["version"] != 1.0 || after["title"] != "Agree our margin floor" || len(list(after, "comments")) != 0 {
			t.Errorf("the host-only task changed: %v", after)
		}
	})
}

// TestTaskBadInput: every refusal names the field, and nothing changes.
func TestTaskBadInput(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, guest := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Guest.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		kickoff := listOf(t, f, "kickoff-alignment")
		t1 := taskNumbered(t, f, 1)
		follower := taskAs(t, f, f.HostMember, duet.TaskCreate{Title: "After T-1", DependsOn: []string{"T-1"}})
		strangerID := memberIDOf(t, f, f.Stranger, f.OtherWS.ID)
		_, before := host.do("GET", w+"/tasks", nil)
		newTask := func(k string, v any) map[string]any {
			m := map[string]any{"list": kickoff.ID, "title": "Book the venue", "dri": "role:content-lead"}
			m[k] = v
			return m
		}
		t1Path := w + "/tasks/" + t1.ID
		edit := func(k string, v any) map[string]any { return map[string]any{"version": t1.Version, k: v} }
		for _, c := range []refusal{
			{"unknown DRI role", host, "POST", w + "/tasks", newTask("dri", "role:ceo"), 422, "invalid", "dri"},
			{"a team as DRI", host, "POST", w + "/tasks", newTask("dri", "partner"), 422, "invalid", "dri"},
			{"no DRI", host, "POST", w + "/tasks", newTask("dri", ""), 422, "invalid", "dri"},
			{"DRI from another workspace", host, "POST", w + "/tasks", newTask("dri", "member:"+strangerID), 422, "invalid", "dri"},
			{"collaborator from another workspace", host, "POST", w + "/tasks", newTask("collaborators", []string{strangerID}), 422, "invalid", "collaborators"},
			{"due before kickoff", host, "POST", w + "/tasks", newTask("due", "2026-11-01"), 422, "invalid", "due"},
			{"due rule before kickoff", host, "POST", w + "/tasks", newTask("due", "kickoff-3d"), 422, "invalid", "due"},
			{"due nonsense", host, "POST", w + "/tasks", newTask("due", "soonish"), 422, "invalid", "due"},
			{"unknown dependency", host, "POST", w + "/tasks", newTask("depends_on", []string{"T-999"}), 422, "invalid", "depends_on"},
			{"unknown list", host, "POST", w + "/tasks", newTask("list", "nope"), 422, "invalid", "list"},
			{"no title", host, "POST", w + "/tasks", newTask("title", " "), 422, "invalid", "title"},
			{"kept to the other side", host, "POST", w + "/tasks", newTask("visibility", "partner"), 422, "invalid", "visibility"},
			{"server-owned status", host, "POST", w + "/tasks", newTask("status", "done"), 400, "bad_request", "status"},
			{"wrong type", host, "POST", w + "/tasks", newTask("checklist", "one"), 400, "bad_request", "checklist"},
			{"over 1 MiB", host, "POST", w + "/tasks", newTask("notes", strings.Repeat("a", 1<<20)), 413, "too_large", "body"},
			{"guest creates", guest, "POST", w + "/tasks", newTask("title", "Guest task"), 403, "forbidden", ""},

			{"cyclic dependency", host, "PATCH", t1Path, edit("depends_on", []string{follower.ID}), 422, "invalid", "depends_on"},
			{"depending on itself", host, "PATCH", t1Path, edit("depends_on", []string{"T-1"}), 422, "invalid", "depends_on"},
			{"due date before kickoff", host, "PATCH", t1Path, edit("due", "2026-11-02"), 422, "invalid", "due"},
			{"DRI from the other workspace", host, "PATCH", t1Path, edit("dri", "member:"+strangerID), 422, "invalid", "dri"},
			{"blocked without a reason", host, "PATCH", t1Path, edit("status", "blocked"), 422, "invalid", "blocked_reason"},
			{"unknown status", host, "PATCH", t1Path, edit("status", "finished"), 422, "invalid", "status"},
			{"negative position", host, "PATCH", t1Path, edit("position", -1), 422, "invalid", "position"},
			{"no version", host, "PATCH", t1Path, map[string]any{"title": "x"}, 422, "invalid", "version"},
			{"stale version", host, "PATCH", t1Path, map[string]any{"version": t1.Version + 5, "title": "x"}, 409, "conflict", ""},
			{"guest edits", guest, "PATCH", t1Path, edit("title", "x"), 403, "forbidden", ""},
			{"guest checks", guest, "POST", t1Path + "/checklist", map[string]string{"text": "x"}, 403, "forbidden", ""},
			{"empty checklist item", host, "POST", t1Path + "/checklist", map[string]string{"text": ""}, 422, "invalid", "text"},
			{"check without done", host, "PATCH", t1Path + "/checklist/nope", map[string]any{}, 422, "invalid", "done"},
			{"empty comment", host, "POST", t1Path + "/comments", map[string]string{"body": " "}, 422, "invalid", "body"},

			{"list DRI a side", host, "POST", w + "/task-lists", map[string]string{"title": "x", "dri": "host"}, 422, "invalid", "dri"},
			{"list without title", host, "POST", w + "/task-lists", map[string]string{"dri": "role:content-lead"}, 422, "invalid", "title"},
			{"list DRI unknown member", host, "PATCH", w + "/task-lists/" + kickoff.ID, map[string]string{"dri": "member:" + strangerID}, 422, "invalid", "dri"},
			{"guest edits a list", guest, "PATCH", w + "/task-lists/" + kickoff.ID, map[string]string{"title": "x"}, 403, "forbidden", ""},

			{"filter by unknown status", host, "GET", w + "/tasks?status=finished", nil, 422, "invalid", "status"},
			{"filter by bad date", host, "GET", w + "/tasks?due_from=monday", nil, 422, "invalid", "due_from"},
			{"filter by bad end date", host, "GET", w + "/tasks?due_to=2027-13-01", nil, 422, "invalid", "due_to"},
			{"filter by reversed dates", host, "GET", w + "/tasks?due_from=2027-01-02&due_to=2027-01-01", nil, 422, "invalid", "due_to"},
			{"filter by unknown member", host, "GET", w + "/tasks?dri=" + strangerID, nil, 422, "invalid", "dri"},
			{"filter with limit 0", host, "GET", w + "/tasks?limit=0", nil, 422, "invalid", "limit"},
			{"filter with a huge limit", host, "GET", w + "/tasks?limit=99999999999", nil, 422, "invalid", "limit"},
			{"filter with a word for a limit", host, "GET", w + "/tasks?limit=ten", nil, 400, "bad_request", "limit"},
			{"filter archived maybe", host, "GET", w + "/tasks?archived=maybe", nil, 422, "invalid", "archived"},
		} {
			c.check(t)
		}
		if _, after := host.do("GET", w+"/tasks", nil); !jsonEqual(before, after) {
			t.Errorf("refused requests changed the tasks")
		}
		_, lists := host.do("GET", w+"/task-lists", nil)
		if ls := list(lists, "task_lists"); len(ls) != 4 || ls[0]["title"] != kickoff.Title || ls[0]["dri"].(map[string]any)["role_key"] != "partner-marketing-manager" {
			t.Errorf("refused requests changed the lists: %v", ls)
		}
		if _, got := host.do("GET", t1Path, nil); got["version"] != float64(t1.Version) || len(list(got, "depends_on")) != 0 || len(list(got, "checklist")) != 0 {
			t.Errorf("T-1 after refused changes: %v", got)
		}
	})
}

// TestMyWork: the partner's work is grouped by when it is due, with a
// link to each item.
func TestMyWork(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		partner := e.as(tokenOf(t, f, f.Partner.Email))
		proposeAs(t, f, f.Admin) // the partner signs it
		status, work := partner.do("GET", "/api/v1/me/work", nil)
		if status != 200 {
			t.Fatalf("my work: %d %v", status, work)
		}
		refs := func(group string) string {
			var rs []string
			for _, it := range list(work, group) {
				rs = append(rs, it["ref"].(string))
			}
			return strings.Join(rs, ",")
		}
		if refs("overdue") != "T-2,T-6" || refs("this_week") != "D-1" || !strings.Contains(refs("later"), "T-19") {
			t.Errorf("overdue %s, this week %s, later %s", refs("overdue"), refs("this_week"), refs("later"))
		}
		it := list(work, "overdue")[0]
		if it["kind"] != "task" || it["workspace_id"] != f.WS.ID || it["workspace_name"] != f.WS.Name || it["overdue"] != true ||
			it["due_on"] != "2026-11-12" || it["why"] != "DRI as Partner Marketing Lead" || it["url"] != "/api/v1/workspaces/"+f.WS.ID+"/tasks/"+it["id"].(string) {
			t.Errorf("overdue item = %v", it)
		}
		if d := list(work, "this_week")[0]; d["kind"] != "decision" || d["url"] != "/api/v1/workspaces/"+f.WS.ID+"/decisions/"+d["id"].(string) || d["due_on"] != nil {
			t.Errorf("sign-off item = %v", d)
		}
		if _, other := e.as(tokenOf(t, f, f.Stranger.Email)).do("GET", "/api/v1/me/work", nil); strings.Contains(fmt.Sprint(other), f.WS.ID) {
			t.Errorf("a stranger's work shows the workspace: %v", other)
		}
		if status, _ := e.as("").do("GET", "/api/v1/me/work", nil); status != http.StatusUnauthorized {
			t.Errorf("anonymous: %d", status)
		}
	})
}
