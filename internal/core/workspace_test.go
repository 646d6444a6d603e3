package core_test

import (
	"context"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

func TestCreateWorkspaceFromTemplate(t *testing.T) {
	for _, engine := range coretest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
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
}
