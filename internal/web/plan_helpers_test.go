package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// Builders for the milestone and hill chart tests: they go through the
// real service, as the pages' own forms would.

// milestone returns the fixture workspace's milestone with the template
// key (kickoff-complete, assets-approved, launch-go-live, retro-complete),
// evaluated.
func milestone(t *testing.T, f *coretest.Fixture, key string) duet.Milestone {
	t.Helper()
	ms, err := f.Svc.Milestones(context.Background(), f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Key == key {
			return m
		}
	}
	t.Fatalf("no milestone %q", key)
	return duet.Milestone{}
}

// criterion returns the milestone's criterion whose text starts with
// prefix.
func criterion(t *testing.T, m duet.Milestone, prefix string) duet.Criterion {
	t.Helper()
	for _, c := range m.Criteria {
		if strings.HasPrefix(c.Text, prefix) {
			return c
		}
	}
	t.Fatalf("%s has no criterion %q", m.Title, prefix)
	return duet.Criterion{}
}

// makeReady meets every criterion of the retro milestone: its checks
// are ticked off and the tasks of its list are done.
func makeReady(t *testing.T, f *coretest.Fixture) duet.Milestone {
	t.Helper()
	ctx := context.Background()
	m := milestone(t, f, "retro-complete")
	for _, c := range m.Criteria {
		if c.Check == duet.CheckTasksDone {
			finishList(t, f, c.TaskList)
			continue
		}
		if _, err := f.Svc.CheckCriterion(ctx, f.Admin.Actor, f.WS.ID, m.ID, c.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	m = milestone(t, f, "retro-complete")
	if m.Status != duet.MilestoneReady {
		t.Fatalf("%s is %s: %+v", m.Title, m.Status, m.Unmet())
	}
	return m
}

// finishList marks every task of the list with the key done.
func finishList(t *testing.T, f *coretest.Fixture, key string) {
	t.Helper()
	ctx := context.Background()
	for _, l := range f.WS.TaskLists {
		if l.Key != key {
			continue
		}
		tasks, err := f.Svc.Tasks(ctx, f.Admin.Actor, f.WS.ID, duet.TaskFilter{ListID: l.ID})
		if err != nil {
			t.Fatal(err)
		}
		done := duet.TaskDone
		for _, task := range tasks {
			if _, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, task.ID, duet.TaskUpdate{Version: task.Version, Status: &done}); err != nil {
				t.Fatalf("finish %s: %v", task.Title, err)
			}
		}
		return
	}
	t.Fatalf("no task list %q", key)
}

// overrideOf completes a milestone with an override as u and returns the
// override decision.
func overrideOf(t *testing.T, f *coretest.Fixture, u coretest.User, m duet.Milestone) duet.Decision {
	t.Helper()
	ctx := context.Background()
	m, err := f.Svc.CompleteMilestone(ctx, u.Actor, f.WS.ID, m.ID, duet.MilestoneCompletion{Version: m.Version,
		OverrideKind: duet.KindLaunchCall, OverrideReason: "Legal cleared the claims by email; we launch on time."})
	if err != nil {
		t.Fatal(err)
	}
	if m.Override == nil {
		t.Fatalf("%s has no override", m.Title)
	}
	d, err := f.Svc.Decision(ctx, u.Actor, f.WS.ID, m.Override.ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// hill returns the fixture workspace's hill chart.
func hill(t *testing.T, f *coretest.Fixture) duet.HillChart {
	t.Helper()
	h, err := f.Svc.HillChart(context.Background(), f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// snapshots returns the chart's saves, newest first.
func snapshots(t *testing.T, f *coretest.Fixture, chart string) []duet.HillSnapshot {
	t.Helper()
	s, err := f.Svc.HillSnapshots(context.Background(), f.Admin.Actor, f.WS.ID, chart, 100)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// move saves dots at positions as u, as the chart's form would.
func move(t *testing.T, f *coretest.Fixture, u coretest.User, chart string, note string, pos map[string]int) duet.HillSnapshot {
	t.Helper()
	s, err := f.Svc.MoveHill(context.Background(), u.Actor, f.WS.ID, chart, duet.HillUpdate{Positions: pos, Note: note})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// moveForm is the hill chart form moving one dot from one position to
// another.
func moveForm(scope string, from, to int, note string) url.Values {
	return url.Values{"pos." + scope: {strconv.Itoa(to)}, "from." + scope: {strconv.Itoa(from)}, "note": {note}}
}
