package core_test

import (
	"context"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
)

func TestCreateWorkspaceFromTemplate(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		d, err := f.Svc.Workspace(context.Background(), f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Channels) != 4 || len(d.CheckIns) != 2 || len(d.Milestones) != 4 || len(d.TaskLists) != 4 {
			t.Fatalf("structure: %d channels, %d check-ins, %d milestones, %d task lists", len(d.Channels), len(d.CheckIns), len(d.Milestones), len(d.TaskLists))
		}
		t.Logf("%+v", d.CheckIns[0].NextAt)
		if len(d.Members) != 4 {
			t.Fatalf("members = %d", len(d.Members))
		}
		_, err = f.Svc.Workspace(context.Background(), f.Stranger.Actor, f.WS.ID)
		if duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("stranger: %v", err)
		}
	})
}

func TestWorkspaceCacheFollowsChanges(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		before, err := f.Svc.Workspace(ctx, f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.Join(t, f.WS.ID, "second@partner.test", duet.SidePartner, duet.PermMember, "partner-legal-reviewer")
		after, err := f.Svc.Workspace(ctx, f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(after.Members) != len(before.Members)+1 {
			t.Fatalf("members %d → %d after a join", len(before.Members), len(after.Members))
		}
		// The new holder shows up as DRI of the tasks owned through the role.
		tasks, err := f.Svc.Tasks(ctx, f.Partner.Actor, f.WS.ID, duet.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, task := range tasks {
			if task.DRI.RoleKey == "partner-legal-reviewer" && task.DRI.Member != nil && task.DRI.Member.Email == "second@partner.test" {
				found = true
			}
		}
		if !found {
			t.Error("the new Partner Legal Reviewer is not DRI of that role's tasks")
		}
		// Next check-in dates move with the clock, not with the cache.
		f.Clock.Advance(7 * 24 * time.Hour)
		later, _ := f.Svc.Workspace(ctx, f.Partner.Actor, f.WS.ID)
		if !later.CheckIns[0].NextAt.After(after.CheckIns[0].NextAt) {
			t.Errorf("next check-in stayed at %v after a week", later.CheckIns[0].NextAt)
		}
	})
}
