package web

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// taskMatrix is the authorization matrix of taskRoutes. The rows about one
// task work on a task only the host side sees: the partner gets 404
// exactly like the stranger, and the host's guest may read and comment
// but not change it.
func taskMatrix(f *coretest.Fixture) []matrixRow {
	ws := "/w/" + f.WS.ID
	var once sync.Once
	var list, shared, room, item string
	setup := func(t *testing.T) {
		once.Do(func() {
			list = taskListID(t, f, "asset-development")
			shared = addTask(t, f, f.Admin, duet.TaskCreate{Title: "Shared landing page copy"}).ID
			host := hostTask(t, f, "Margin sheet")
			room = host.ID
			item = taskDetail(t, f, f.Admin, room).Checklist[0].ID
		})
	}
	// req builds a request once the shared tasks exist.
	req := func(build func() (string, string, url.Values)) func(*testing.T, *env) (string, string, url.Values) {
		return func(t *testing.T, _ *env) (string, string, url.Values) {
			setup(t)
			return build()
		}
	}
	get := func(path func() string) func(*testing.T, *env) (string, string, url.Values) {
		return req(func() (string, string, url.Values) { return http.MethodGet, path(), nil })
	}
	// fresh is a new host-only task at version 1, for a change that can
	// be made once.
	fresh := func(t *testing.T) string {
		setup(t)
		return hostTask(t, f, uniqueName("Margin sheet")).ID
	}
	// freshList is a new list at the end, to move to the front.
	freshList := func(t *testing.T) string {
		l, err := f.Svc.CreateTaskList(context.Background(), f.Admin.Actor, f.WS.ID, duet.TaskListCreate{Title: uniqueName("Stage"), DRI: "role:project-manager"})
		if err != nil {
			t.Fatal(err)
		}
		return l.ID
	}
	members := map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "200", stranger: "404"}
	editors := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, partner: ok, guest: "403", stranger: "404"}
	}
	// hostEditors: a change to the host-only task.
	hostEditors := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, guest: "403", partner: "404", stranger: "404"}
	}
	admins := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: "403", partner: "403", guest: "403", stranger: "404"}
	}
	dates := func() url.Values {
		k, l := f.WS.KickoffOn.String(), f.WS.LaunchOn.String()
		return url.Values{"kickoff_on": {k}, "launch_on": {l}, "from_kickoff": {k}, "from_launch": {l}}
	}
	return []matrixRow{
		{pattern: "GET /w/{ws}/lists", request: get(func() string { return ws + "/lists" }), want: members},
		{pattern: "POST /w/{ws}/lists", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/lists", url.Values{"title": {uniqueName("Paid social")}, "dri": {"role:content-lead"}}
		}, want: editors("303 " + ws + "/lists/")},
		{pattern: "GET /w/{ws}/lists/{list}", request: get(func() string { return ws + "/lists/" + list }), want: members},
		{pattern: "POST /w/{ws}/lists/{list}", request: req(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/lists/" + list, url.Values{"description": {uniqueName("Copy, design, legal and review")}}
		}), want: editors("303 " + ws + "/lists/")},
		{pattern: "POST /w/{ws}/lists/{list}/move", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/lists/" + freshList(t) + "/move", url.Values{"position": {"0"}}
		}, want: editors("303 " + ws + "/lists")},

		{pattern: "POST /w/{ws}/tasks", request: req(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/tasks", url.Values{"list": {list}, "title": {uniqueName("Hero image")}, "dri": {"role:designer"}, "visibility": {"shared"}}
		}), want: editors("303 " + ws + "/lists/")},
		{pattern: "GET /w/{ws}/tasks/{task}", request: get(func() string { return ws + "/tasks/" + shared }), want: members},
		{pattern: "GET /w/{ws}/tasks/{task}", request: get(func() string { return ws + "/tasks/" + room }),
			want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", guest: "200", partner: "404", stranger: "404"}},
		{pattern: "POST /w/{ws}/tasks/{task}", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/tasks/" + fresh(t), url.Values{"version": {"1"}, "title": {"Margin sheet, final"}}
		}, want: hostEditors("303 " + ws + "/tasks/")},
		{pattern: "POST /w/{ws}/tasks/{task}/status", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/tasks/" + fresh(t) + "/status", url.Values{"version": {"1"}, "status": {"in_progress"}}
		}, want: hostEditors("303 " + ws + "/tasks/")},
		{pattern: "POST /w/{ws}/tasks/{task}/checklist", request: req(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/tasks/" + room + "/checklist", url.Values{"text": {uniqueName("Second check")}}
		}), want: hostEditors("303 " + ws + "/tasks/")},
		{pattern: "POST /w/{ws}/tasks/{task}/checklist/{item}", request: req(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/tasks/" + room + "/checklist/" + item, url.Values{"done": {"1"}}
		}), want: hostEditors("303 " + ws + "/tasks/")},
		{pattern: "POST /w/{ws}/tasks/{task}/comments", request: req(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/tasks/" + room + "/comments", url.Values{"body": {uniqueName("Margin floor holds")}}
		}), want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/tasks/", member: "303 " + ws + "/tasks/", guest: "303 " + ws + "/tasks/",
			partner: "404", stranger: "404"}},
		{pattern: "POST /w/{ws}/tasks/{task}/move", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/tasks/" + fresh(t) + "/move", url.Values{"version": {"1"}, "list": {list}, "position": {"0"}}
		}, want: hostEditors("303 " + ws + "/lists/")},

		{pattern: "GET /my", request: func(*testing.T, *env) (string, string, url.Values) { return http.MethodGet, "/my", nil },
			want: map[string]string{anon: "303 /login?next=%2Fmy", everybody: "200"}},

		{pattern: "GET /w/{ws}/reschedule", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodGet, ws + "/reschedule", nil
		}, want: map[string]string{anon: "303 /login?next=", admin: "200", member: "403", partner: "403", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/reschedule/preview", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/reschedule/preview", dates()
		}, want: admins("200")},
		// The dates stay as they are, so every row of the matrix sees the
		// same plan.
		{pattern: "POST /w/{ws}/reschedule", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/reschedule", dates()
		}, want: admins("303 " + ws + "?rescheduled=")},
	}
}
