package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// BenchmarkCalendarMonth renders November's month view with 500 entries
// publishing in it, as the partner sees it through the whole stack on
// SQLite: every seventh ships an asset in review (those publishing before
// Wednesday afternoon slip), every ninth must follow the entry made before
// it (some then publish out of order), and both sides own entries.
func BenchmarkCalendarMonth(b *testing.B) {
	f := coretest.New(b, "sqlite")
	ctx := context.Background()
	review := calAsset(b, f, f.HostMember, "Data pipelines ebook", duet.VisShared, true)
	draft := calAsset(b, f, f.Partner, "Partner newsletter copy", duet.VisShared, false)
	var prev string
	for i := range 500 {
		u := f.Admin
		if i%2 == 1 {
			u = f.Partner
		}
		in := duet.EntrySave{Title: fmt.Sprintf("Post %d", i), Channel: duet.LaunchChannels[i%len(duet.LaunchChannels)],
			PublishAt: fmt.Sprintf("2026-11-%02dT%02d:%02d", 2+i%28, 8+i%10, i%4*15)}
		switch {
		case i%7 == 0:
			in.Assets = []string{review.ID}
		case i%11 == 0:
			in.Assets = []string{review.ID, draft.ID}
		}
		if i%9 == 0 && prev != "" {
			in.After = []string{prev}
		}
		prev = calEntry(b, f, u, in).ID
	}
	token, _, err := f.Svc.Login(ctx, f.Partner.Email, f.Partner.Password, "203.0.113.9")
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	h := Secure(New(f.Svc, opts), opts)
	get := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/w/"+f.WS.ID+"/calendar?view=month&date=2026-11-16", nil)
		req.AddCookie(&http.Cookie{Name: "duet_session", Value: token})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := get(); rec.Code != http.StatusOK || strings.Count(rec.Body.String(), `class="cal-chip `) != 500 || !strings.Contains(rec.Body.String(), "is-slipping") {
		b.Fatalf("month page: %d, %d chips", rec.Code, strings.Count(rec.Body.String(), `class="cal-chip `))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if rec := get(); rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
	// The page's size, which its rendering time follows.
	b.ReportMetric(float64(get().Body.Len())/1024, "KiB/page")
}
