package core_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// filler is an endless reader of a repeating byte pattern: an upload
// body that is never held in memory.
type filler struct{ n int }

func (f *filler) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte((f.n + i) % 251)
	}
	f.n += len(p)
	return len(p), nil
}

// BenchmarkAddVersion100MB uploads a 100 MB PDF as a new version: the
// body streams through content checks into the file store and the
// version row commits. B/op shows that memory does not grow with size.
func BenchmarkAddVersion100MB(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		as, err := f.Svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Ebook", Kind: duet.AssetEbook, DRI: "role:content-lead"}, nil)
		if err != nil {
			b.Fatal(err)
		}
		const size = 100 << 20
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			body := io.MultiReader(strings.NewReader(pdf), io.LimitReader(&filler{}, size-int64(len(pdf))))
			up := core.VersionUpload{VersionCreate: duet.VersionCreate{FileName: "ebook.pdf"}, Body: body}
			if _, _, err := f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, up); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCalendar500 reads a launch calendar of 500 entries, a third
// linked to an asset in review and each following the one before, for
// one month's window: every slip is detected over all 500.
func BenchmarkCalendar500(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		ctx := context.Background()
		as, err := f.Svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Banner", Kind: duet.AssetAdCreative, DRI: "role:content-lead"}, nil)
		if err != nil {
			b.Fatal(err)
		}
		prev := ""
		start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
		for i := range 500 {
			in := duet.EntrySave{Title: fmt.Sprintf("Post %d", i), Channel: duet.ChanSocial, DRI: "role:content-lead",
				PublishAt: start.Add(time.Duration(i) * 4 * time.Hour).Format("2006-01-02T15:04")}
			if i%3 == 0 {
				in.Assets = []string{as.ID}
			}
			if prev != "" {
				in.After = []string{prev}
			}
			e, err := f.Svc.CreateEntry(ctx, f.HostMember.Actor, f.WS.ID, in)
			if err != nil {
				b.Fatal(err)
			}
			prev = e.ID
		}
		from := time.Date(2026, 12, 1, 0, 0, 0, 0, f.WS.Loc)
		b.ReportAllocs()
		for b.Loop() {
			v, err := f.Svc.Calendar(ctx, f.Partner.Actor, f.WS.ID, duet.EntryFilter{From: from, To: from.AddDate(0, 1, 0)})
			if err != nil || len(v.Entries) == 0 {
				b.Fatal(err)
			}
		}
	})
}
