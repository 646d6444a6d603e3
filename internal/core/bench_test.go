package core_test

import (
	"context"
	"testing"

	"duet/internal/coretest"
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
