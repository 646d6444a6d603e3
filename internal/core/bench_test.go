package core_test

import (
	"context"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// BenchmarkWorkspace measures loading a whole workspace structure as a
// partner member sees it: the read behind GET /api/v1/workspaces/{id}.
func BenchmarkWorkspace(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := f.Svc.Workspace(ctx, f.Partner.Actor, f.WS.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCreateWorkspace measures instantiating the Partner
// Co-Marketing template in one transaction.
func BenchmarkCreateWorkspace(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		b.ReportAllocs()
		for b.Loop() {
			f.Workspace(b, "Bench", "Benchco")
		}
	})
}

// BenchmarkPostMessage measures posting one message: the write
// transaction with its search entry and event, and the rendered read.
func BenchmarkPostMessage(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		var day string
		for _, c := range f.WS.Channels {
			if c.Key == "day-to-day" {
				day = c.ID
			}
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := f.Svc.PostMessage(ctx, f.HostMember.Actor, f.WS.ID, day, duet.MessagePost{Body: "Kickoff moved to **Tuesday**, @Partner Marketing Lead"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPostMessageParallel posts from 256 goroutines at once, the way
// a busy campaign does; on SQLite the writes share group commits.
func BenchmarkPostMessageParallel(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		var day string
		for _, c := range f.WS.Channels {
			if c.Key == "day-to-day" {
				day = c.ID
			}
		}
		b.ReportAllocs()
		b.SetParallelism(128) // × GOMAXPROCS 2 = 256 posters
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := f.Svc.PostMessage(ctx, f.HostMember.Actor, f.WS.ID, day, duet.MessagePost{Body: "Kickoff moved to **Tuesday**"}); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkTasks5000 measures listing a workspace's 5,000 tasks with
// their DRIs resolved: the read behind a task list or board.
func BenchmarkTasks5000(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		lists := f.WS.TaskLists
		for i := range 5000 - 25 {
			if _, err := f.Svc.CreateTask(ctx, f.Admin.Actor, f.WS.ID, duet.TaskCreate{ListID: lists[i%len(lists)].ID,
				Title: "Task", DRI: "role:content-lead", Due: "launch-7d"}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportAllocs()
		for b.Loop() {
			if ts, err := f.Svc.Tasks(ctx, f.Partner.Actor, f.WS.ID, duet.TaskFilter{}); err != nil || len(ts) < 5000 {
				b.Fatal(len(ts), err)
			}
		}
	})
}

// BenchmarkUpdateTask measures one status change: version check, history
// and event in one transaction.
func BenchmarkUpdateTask(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		t, err := f.Svc.CreateTask(ctx, f.Admin.Actor, f.WS.ID, duet.TaskCreate{ListID: f.WS.TaskLists[1].ID, Title: "Task", DRI: "role:content-lead"})
		if err != nil {
			b.Fatal(err)
		}
		statuses := []string{duet.TaskInProgress, duet.TaskOpen}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if t, err = f.Svc.UpdateTask(ctx, f.HostMember.Actor, f.WS.ID, t.ID, duet.TaskUpdate{Version: t.Version, Status: &statuses[i%2]}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// BenchmarkMyWork50 measures My work for a member of 50 workspaces who
// holds a role with tasks in each.
func BenchmarkMyWork50(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		for range 48 {
			f.Workspace(b, "Bench", "Benchco")
		}
		b.ReportAllocs()
		for b.Loop() {
			w, err := f.Svc.MyWork(ctx, f.Admin.Actor)
			if err != nil || len(w.Overdue)+len(w.ThisWeek)+len(w.Later) == 0 {
				b.Fatal(err)
			}
		}
	})
}
