package core_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// BenchmarkOccurrenceReadiness reads the Thursday go/no-go page's data
// in a workspace of 2,000 tasks (a fifth blocked or overdue): answers,
// votes and the readiness agenda computed from the workspace.
func BenchmarkOccurrenceReadiness(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		lists := f.WS.TaskLists
		blocked := duet.TaskBlocked
		for i := range 2000 {
			in := duet.TaskCreate{ListID: lists[i%len(lists)].ID, Title: fmt.Sprintf("Task %d", i), DRI: "role:content-lead"}
			if i%10 == 0 {
				in.Due = "2026-11-10"
			}
			t, err := f.Svc.CreateTask(ctx, f.Admin.Actor, f.WS.ID, in)
			if err != nil {
				b.Fatal(err)
			}
			if i%10 == 5 {
				if _, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, t.ID, duet.TaskUpdate{Version: t.Version, Status: &blocked, BlockedReason: "waiting"}); err != nil {
					b.Fatal(err)
				}
			}
		}
		thu := checkInByKey(b, f.WS, "thursday-readiness")
		occ, err := f.Svc.CurrentOccurrence(ctx, f.Partner.Actor, f.WS.ID, thu.ID)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := f.Svc.Occurrence(ctx, f.Partner.Actor, f.WS.ID, occ.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSendReminders opens the check-ins of 200 workspaces due at
// the same minute: one claim, the asked and their notifications per
// occurrence. Reported per occurrence.
func BenchmarkSendReminders(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		for range 198 {
			f.Workspace(b, "Bench", "Benchco")
		}
		// Each round, a week of openings: the clock moves to the next
		// Friday and Wednesday openings of every workspace.
		if _, err := f.Svc.SendReminders(ctx, f.Clock.Now()); err != nil {
			b.Fatal(err)
		}
		n := 0
		b.ResetTimer()
		for b.Loop() {
			b.StopTimer()
			f.Clock.Advance(7 * 24 * time.Hour)
			if _, err := f.Svc.MaterializeCheckIns(ctx, f.Clock.Now()); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := f.Svc.SendReminders(ctx, f.Clock.Now()); err != nil {
				b.Fatal(err)
			}
			n += 200 * 2 * 2 // workspaces × check-ins × (opening + nudge)
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/reminder")
	})
}

// BenchmarkCalendarFeed builds the calendar feed of a member of 50
// workspaces: two check-in series, four milestones, kickoff and launch
// each.
func BenchmarkCalendarFeed(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		for range 48 {
			f.Workspace(b, "Bench", "Benchco")
		}
		token, err := f.Svc.RotateCalendarFeed(ctx, f.Admin.Actor)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			feed, err := f.Svc.CalendarFeed(ctx, token, "192.0.2.1")
			if err != nil || len(feed.Items) != 50*8 {
				b.Fatalf("%d items, %v", len(feed.Items), err)
			}
		}
	})
}
