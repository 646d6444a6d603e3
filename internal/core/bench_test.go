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
