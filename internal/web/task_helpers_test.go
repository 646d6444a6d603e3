package web

import (
	"context"
	"regexp"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// Builders for the task list and task tests: they go through the real
// service, as the pages' own forms would.

// taskListID returns the id of the fixture workspace's task list with the
// template key (kickoff-alignment, asset-development, launch-sequencing,
// post-launch-review).
func taskListID(t *testing.T, f *coretest.Fixture, key string) string {
	t.Helper()
	for _, l := range f.WS.TaskLists {
		if l.Key == key {
			return l.ID
		}
	}
	t.Fatalf("no task list %q", key)
	return ""
}

// addTask creates a task as u: in Asset Development with the Content Lead
// (Hal, the host member) as DRI unless in says otherwise.
func addTask(t *testing.T, f *coretest.Fixture, u coretest.User, in duet.TaskCreate) duet.Task {
	t.Helper()
	if in.ListID == "" {
		in.ListID = taskListID(t, f, "asset-development")
	}
	if in.DRI == "" {
		in.DRI = "role:content-lead"
	}
	task, err := f.Svc.CreateTask(context.Background(), u.Actor, f.WS.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	return task
}

// hostTask creates a task only the host side sees.
func hostTask(t *testing.T, f *coretest.Fixture, title string) duet.Task {
	t.Helper()
	return addTask(t, f, f.Admin, duet.TaskCreate{Title: title, Visibility: duet.VisHost, Checklist: []string{"Check the margin"}})
}

// taskDetail reads a task as u sees it.
func taskDetail(t *testing.T, f *coretest.Fixture, u coretest.User, id string) duet.Task {
	t.Helper()
	td, err := f.Svc.Task(context.Background(), u.Actor, f.WS.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return td.Task
}

// memberID returns the workspace membership of a fixture user.
func memberID(t *testing.T, f *coretest.Fixture, u coretest.User) string {
	t.Helper()
	d, err := f.Svc.Workspace(context.Background(), u.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	m, ok := memberOf(d, u.Actor)
	if !ok {
		t.Fatalf("%s is not a member", u.Email)
	}
	return m.ID
}

// regexpFind returns the first group of the pattern's first match.
func regexpFind(t *testing.T, body, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no match for %s in:\n%s", pattern, excerpt(body))
	}
	return m[1]
}
