package core_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// pdf is the start of a PDF file: enough for content sniffing.
const pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"

func upload(name, body string) *core.VersionUpload {
	return &core.VersionUpload{VersionCreate: duet.VersionCreate{FileName: name}, Body: strings.NewReader(body)}
}

// reviewers joins the designer and the host's legal reviewer (a guest:
// outside counsel reviews but does not plan).
func reviewers(t *testing.T, f *coretest.Fixture) (designer, legal coretest.User) {
	t.Helper()
	designer = f.Join(t, f.WS.ID, "dee@host.test", duet.SideHost, duet.PermMember, "designer")
	legal = f.Join(t, f.WS.ID, "lee@host.test", duet.SideHost, duet.PermGuest, "legal-reviewer")
	return designer, legal
}

// TestAssetReview walks an ebook through copy, design, legal and partner
// sign-off: out-of-turn, other-side and wrong-role verdicts are refused;
// a request for changes holds the review until a new version, which
// keeps the approvals before the step that asked; the approved version
// ships, with its trail, and a later draft never replaces it.
func TestAssetReview(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		designer, legal := reviewers(t, f)
		as, err := f.Svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Data pipelines ebook", Kind: duet.AssetEbook,
			DRI: "role:content-lead", DueOn: "2027-01-08", Tags: "ebook, launch"}, upload("ebook.pdf", pdf))
		if err != nil {
			t.Fatal(err)
		}
		if as.Number != 1 || as.Status != duet.AssetDraft || as.Current != 1 || as.Side != duet.SideHost {
			t.Fatalf("new asset %+v", as)
		}
		if got := duet.StepNames(as.Steps); got != "Copy review, Design review, Legal review and Partner sign-off" {
			t.Fatalf("steps %s", got)
		}
		review := func(u coretest.User, step, verdict, comment string, version int) error {
			_, err := f.Svc.ReviewAsset(ctx, u.Actor, f.WS.ID, as.ID, duet.ReviewAct{Step: step, Verdict: verdict, Comment: comment, Version: version})
			return err
		}
		wantKind(t, "review before it is requested", review(f.HostMember, "copy", duet.VerdictApprove, "", 1), duet.EInvalid, "step")
		wantKind(t, "partner requests review of a host asset", func() error {
			_, err := f.Svc.RequestReview(ctx, f.Partner.Actor, f.WS.ID, as.ID, 1)
			return err
		}(), duet.EForbidden, "")
		if _, err := f.Svc.RequestReview(ctx, f.HostMember.Actor, f.WS.ID, as.ID, 1); err != nil {
			t.Fatal(err)
		}
		wantKind(t, "out of turn", review(f.Partner, "partner-signoff", duet.VerdictApprove, "", 1), duet.EInvalid, "step")
		wantKind(t, "for the other side", review(f.Partner, "copy", duet.VerdictApprove, "", 1), duet.EForbidden, "")
		wantKind(t, "without the role", review(designer, "copy", duet.VerdictApprove, "", 1), duet.EForbidden, "")
		wantKind(t, "changes without a comment", review(designer, "design", duet.VerdictChanges, "", 1), duet.EInvalid, "comment")
		wantKind(t, "no such step", review(f.HostMember, "vibes", duet.VerdictApprove, "", 1), duet.EInvalid, "step")
		if err := review(f.HostMember, "copy", duet.VerdictApprove, "Reads well.", 1); err != nil {
			t.Fatal(err)
		}
		if err := review(designer, "design", duet.VerdictChanges, "The partner logo is the old one.", 1); err != nil {
			t.Fatal(err)
		}
		v, err := f.Svc.Asset(ctx, f.Partner.Actor, f.WS.ID, as.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Asset.Status != duet.AssetChangesRequested || v.Asset.Shipping != nil {
			t.Fatalf("after changes requested: %s, shipping %v", v.Asset.Status, v.Asset.Shipping)
		}
		wantKind(t, "approve while changes are requested", review(designer, "design", duet.VerdictApprove, "", 1), duet.EInvalid, "step")

		// Version 2 resets design and what follows; copy stays approved.
		v2, created, err := f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, *upload("ebook-v2.pdf", pdf+"% new logo\n"))
		if err != nil || !created || v2.Number != 2 {
			t.Fatalf("v2: %v, created %v, %+v", err, created, v2)
		}
		wantKind(t, "a verdict on the old version", review(designer, "design", duet.VerdictApprove, "", 1), duet.EConflict, "")
		v, _ = f.Svc.Asset(ctx, f.HostMember.Actor, f.WS.ID, as.ID)
		if v.Asset.Status != duet.AssetInReview || v.Asset.Steps[0].State != duet.StepApproved || v.Asset.Steps[1].State != duet.StepPending {
			t.Fatalf("after v2: %s %+v", v.Asset.Status, v.Asset.Steps)
		}
		for _, r := range []struct {
			u    coretest.User
			step string
		}{{designer, "design"}, {legal, "legal"}, {f.Partner, "partner-signoff"}} {
			if err := review(r.u, r.step, duet.VerdictApprove, "", 2); err != nil {
				t.Fatalf("%s: %v", r.step, err)
			}
		}
		v, _ = f.Svc.Asset(ctx, f.Partner.Actor, f.WS.ID, as.ID)
		if v.Asset.Status != duet.AssetApproved || v.Asset.Shipping == nil || v.Asset.Shipping.Number != 2 || v.Asset.Shipping.Approved == nil {
			t.Fatalf("approved: %s, shipping %+v", v.Asset.Status, v.Asset.Shipping)
		}
		if len(v.Trail) != 5 || !strings.HasPrefix(v.Trail[4].Fingerprint, "sha256:") || v.Trail[4].Version != 2 || v.Trail[1].Verdict != duet.VerdictChanges {
			t.Fatalf("trail %+v", v.Trail)
		}
		wantKind(t, "approving twice", review(f.Partner, "partner-signoff", duet.VerdictApprove, "", 2), duet.EConflict, "")

		// A draft v3 does not replace the version that ships.
		if _, _, err := f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, *upload("ebook-v3.pdf", pdf+"% typo\n")); err != nil {
			t.Fatal(err)
		}
		v, _ = f.Svc.Asset(ctx, f.HostMember.Actor, f.WS.ID, as.ID)
		if v.Asset.Status != duet.AssetDraft || v.Asset.Shipping == nil || v.Asset.Shipping.Number != 2 || v.Asset.Current != 3 {
			t.Fatalf("after draft v3: %s, current %d, shipping %+v", v.Asset.Status, v.Asset.Current, v.Asset.Shipping)
		}
		ships, err := f.Svc.OpenVersion(ctx, f.Partner.Actor, f.WS.ID, as.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		ships.Body.Close()
		if ships.Version.Number != 2 || ships.Name != "ebook-v2.pdf" || ships.Type != "application/pdf" {
			t.Fatalf("the version that ships: %+v", ships.Version)
		}
		// A stranger gets 404, whatever they ask for.
		if _, err := f.Svc.OpenVersion(ctx, f.Stranger.Actor, f.WS.ID, as.ID, 2); duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("stranger download: %v", err)
		}
	})
}

// TestAssetVisibility: a host-only draft is invisible to the partner by
// every path and is reviewed by host steps only; sharing it adds the
// partner's sign-off.
func TestAssetVisibility(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		as, err := f.Svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Internal pricing one-pager", Kind: duet.AssetOther,
			DRI: "role:content-lead", Visibility: duet.VisHost}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(as.Steps) != 1 || as.Steps[0].Side != duet.SideHost {
			t.Fatalf("host-only steps %+v", as.Steps)
		}
		if _, err := f.Svc.Asset(ctx, f.Partner.Actor, f.WS.ID, as.ID); duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("partner sees a host-only asset: %v", err)
		}
		list, _ := f.Svc.Assets(ctx, f.Partner.Actor, f.WS.ID, duet.AssetFilter{})
		if len(list) != 0 {
			t.Fatalf("partner lists %d assets", len(list))
		}
		if _, _, err := f.Svc.AddVersion(ctx, f.Partner.Actor, f.WS.ID, as.ID, *upload("x.pdf", pdf)); duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("partner uploads to a host-only asset: %v", err)
		}
		_, err = f.Svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "x", Kind: duet.AssetOther, DRI: "role:content-lead", Visibility: duet.VisPartner}, nil)
		wantInvalid(t, err, "visibility")
		shared := duet.VisShared
		as, err = f.Svc.UpdateAsset(ctx, f.HostMember.Actor, f.WS.ID, as.ID, duet.AssetUpdate{Version: as.Version, Visibility: &shared})
		if err != nil {
			t.Fatal(err)
		}
		if len(as.Steps) != 2 || as.Steps[1].Side != duet.SidePartner {
			t.Fatalf("shared steps %+v", as.Steps)
		}
		host := duet.VisHost
		_, err = f.Svc.UpdateAsset(ctx, f.HostMember.Actor, f.WS.ID, as.ID, duet.AssetUpdate{Version: as.Version, Visibility: &host})
		wantInvalid(t, err, "visibility")
	})
}

// TestUploadRefusals: an oversize file, an HTML page named .png, a path
// in the name and a guest's upload are refused with the field named and
// nothing written.
func TestUploadRefusals(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		small := core.New(core.Config{DB: f.DB, Templates: coretest.Registry(t), Now: f.Clock.Now, Files: coretest.Files(t), MaxUpload: 1024})
		as, err := small.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Banner", Kind: duet.AssetAdCreative, DRI: "role:content-lead"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			who        coretest.User
			up         *core.VersionUpload
			kind, fild string
		}{
			{f.HostMember, upload("banner.png", strings.Repeat("x", 1025)), duet.ETooLarge, "file"},
			{f.HostMember, upload("banner.png", "<!DOCTYPE html><html><script>alert(1)</script></html>"), duet.EInvalid, "file"},
			{f.HostMember, upload("../../etc/banner.png", "\x89PNG\r\n\x1a\n"), duet.EInvalid, "file"},
			{f.HostMember, upload("banner.exe", "MZ"), duet.EInvalid, "file"},
			{f.HostMember, upload("banner.png", ""), duet.EInvalid, "file"},
			{f.HostMember, &core.VersionUpload{VersionCreate: duet.VersionCreate{Link: "javascript:alert(1)"}}, duet.EInvalid, "link"},
			{f.Guest, upload("banner.pdf", pdf), duet.EForbidden, ""},
		} {
			_, _, err := small.AddVersion(ctx, tc.who.Actor, f.WS.ID, as.ID, *tc.up)
			wantKind(t, tc.up.FileName+tc.up.Link, err, tc.kind, tc.fild)
		}
		v, err := small.Asset(ctx, f.HostMember.Actor, f.WS.ID, as.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Versions) != 0 || v.Asset.Current != 0 {
			t.Fatalf("a refused upload left %d versions", len(v.Versions))
		}
	})
}

// TestUploadIdempotent: the same upload retried with one Idempotency-Key,
// in turn and then ten at once, makes one version.
func TestUploadIdempotent(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		as, err := f.Svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Deck", Kind: duet.AssetWebinarDeck, DRI: "role:content-lead"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		send := func(key string) (duet.AssetVersion, bool, error) {
			up := upload("deck.pdf", pdf)
			up.IdempotencyKey = key
			return f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, *up)
		}
		first, created, err := send("retry-1")
		if err != nil || !created {
			t.Fatal(err, created)
		}
		again, created, err := send("retry-1")
		if err != nil || created || again.ID != first.ID {
			t.Fatalf("retry: %v, created %v, %s vs %s", err, created, again.ID, first.ID)
		}
		var wg sync.WaitGroup
		ids := make([]string, 10)
		errs := make([]error, 10)
		for i := range ids {
			wg.Go(func() {
				v, _, err := send("burst")
				ids[i], errs[i] = v.ID, err
			})
		}
		wg.Wait()
		for i := range ids {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Fatalf("burst %d: %v, %s vs %s", i, errs[i], ids[i], ids[0])
			}
		}
		v, _ := f.Svc.Asset(ctx, f.HostMember.Actor, f.WS.ID, as.ID)
		if len(v.Versions) != 2 {
			t.Fatalf("%d versions, want 2", len(v.Versions))
		}
	})
}

// TestVersionTexts: two Markdown versions compare line by line; a
// PDF does not.
func TestVersionTexts(t *testing.T) {
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	as, err := f.Svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Blog", Kind: duet.AssetBlogPost, DRI: "role:content-lead"},
		upload("post.md", "# Title\n\nFirst draft.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, *upload("post.md", "# Title\n\nSecond draft.\n")); err != nil {
		t.Fatal(err)
	}
	old, new, err := f.Svc.VersionTexts(ctx, f.Partner.Actor, f.WS.ID, as.ID, 1, 2)
	if err != nil || !strings.Contains(old, "First") || !strings.Contains(new, "Second") {
		t.Fatalf("texts %q %q %v", old, new, err)
	}
	if _, _, err := f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, *upload("post.pdf", pdf)); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.Svc.VersionTexts(ctx, f.Partner.Actor, f.WS.ID, as.ID, 2, 3)
	wantInvalid(t, err, "from")
}

// TestLaunchSlips: an entry two business days out whose asset is in
// review turns red and the Thursday readiness lists it; one scheduled
// before the entry it must follow does too; an entry cannot follow
// itself or close a loop; publishing needs the assets approved or an
// approved override decision, and the go-live gate counts it.
func TestLaunchSlips(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		as, err := f.Svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Newsletter copy", Kind: duet.AssetOther, DRI: "role:content-lead"}, upload("copy.md", "Hello"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.RequestReview(ctx, f.HostMember.Actor, f.WS.ID, as.ID, 1); err != nil {
			t.Fatal(err)
		}
		// Now is Monday 16 Nov 15:00 Berlin. The newsletter publishes
		// Wednesday 09:00, so its asset had to be approved two business
		// days before, Monday 09:00: that has passed. And it publishes
		// before the landing page (Friday), which it must follow.
		landing, err := f.Svc.CreateEntry(ctx, f.Admin.Actor, f.WS.ID, duet.EntrySave{Title: "Landing page goes live", Channel: duet.ChanLandingPage,
			DRI: "role:demand-gen-lead", PublishAt: "2026-11-20T10:00", LaunchCritical: true})
		if err != nil {
			t.Fatal(err)
		}
		news, err := f.Svc.CreateEntry(ctx, f.Partner.Actor, f.WS.ID, duet.EntrySave{Title: "Partner newsletter feature", Channel: duet.ChanEmail,
			DRI: "role:partner-marketing-lead", PublishAt: "2026-11-18T09:00", Assets: []string{as.ID}, After: []string{landing.ID}})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := f.Svc.Calendar(ctx, f.Partner.Actor, f.WS.ID, duet.EntryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]bool{}
		for _, s := range duet.SlipsOf(cal.Slips, news.ID, "") {
			kinds[s.Kind] = true
		}
		if !kinds[duet.SlipUnapproved] || !kinds[duet.SlipOrder] || len(cal.Entries) != 2 {
			t.Fatalf("slips %+v", cal.Slips)
		}
		thu := checkInByKey(t, f.WS, "thursday-readiness")
		occ, err := f.Svc.CurrentOccurrence(ctx, f.Admin.Actor, f.WS.ID, thu.ID)
		if err != nil {
			t.Fatal(err)
		}
		o, err := f.Svc.Occurrence(ctx, f.Admin.Actor, f.WS.ID, occ.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(o.Agenda.Slips) < 2 || !strings.Contains(strings.Join(o.Agenda.Blockers(), "\n"), "Partner newsletter feature") {
			t.Fatalf("readiness slips %+v", o.Agenda.Slips)
		}

		// Bad plans: following itself, a loop, another side's entry.
		_, err = f.Svc.UpdateEntry(ctx, f.Partner.Actor, f.WS.ID, news.ID, duet.EntrySave{Version: news.Version, Title: news.Title, Channel: news.Channel,
			DRI: "role:partner-marketing-lead", PublishAt: "2026-11-18T09:00", After: []string{news.ID}})
		wantInvalid(t, err, "after")
		_, err = f.Svc.UpdateEntry(ctx, f.Admin.Actor, f.WS.ID, landing.ID, duet.EntrySave{Version: landing.Version, Title: landing.Title, Channel: landing.Channel,
			DRI: "role:demand-gen-lead", PublishAt: "2026-11-20T10:00", After: []string{news.ID}})
		wantInvalid(t, err, "after")
		_, err = f.Svc.RescheduleEntry(ctx, f.Admin.Actor, f.WS.ID, news.ID, news.Version, "2026-11-23")
		wantKind(t, "moving the other side's entry", err, duet.EForbidden, "")

		// Dragging to Monday 23rd keeps 09:00 and fixes the order.
		news, err = f.Svc.RescheduleEntry(ctx, f.Partner.Actor, f.WS.ID, news.ID, news.Version, "2026-11-23")
		if err != nil {
			t.Fatal(err)
		}
		if got := news.PublishAt.In(f.WS.Loc).Format("2006-01-02 15:04"); got != "2026-11-23 09:00" {
			t.Fatalf("rescheduled to %s", got)
		}
		cal, _ = f.Svc.Calendar(ctx, f.Partner.Actor, f.WS.ID, duet.EntryFilter{})
		for _, s := range duet.SlipsOf(cal.Slips, news.ID, "") {
			if s.Kind == duet.SlipOrder {
				t.Fatalf("still out of order: %s", s.Msg)
			}
		}

		// Publishing with the asset in review needs an override.
		move := duet.EntryMove{Version: news.Version, Status: duet.EntryPublished, LiveURL: "https://partner.example/newsletter"}
		_, err = f.Svc.MoveEntry(ctx, f.Partner.Actor, f.WS.ID, news.ID, move)
		wantInvalid(t, err, "decision")
		move.LiveURL = ""
		_, err = f.Svc.MoveEntry(ctx, f.Partner.Actor, f.WS.ID, news.ID, move)
		wantInvalid(t, err, "live_url")

		gate := func() duet.Criterion {
			ms, err := f.Svc.Milestones(ctx, f.Admin.Actor, f.WS.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				for _, c := range m.Criteria {
					if c.Check == duet.CheckCalendarPublished {
						return c
					}
				}
			}
			t.Fatal("no calendar_published criterion")
			return duet.Criterion{}
		}
		if c := gate(); c.Met || !c.Computed || !strings.Contains(c.Why, "0 of 1") {
			t.Fatalf("gate before: %+v", c)
		}
		landing, err = f.Svc.MoveEntry(ctx, f.Admin.Actor, f.WS.ID, landing.ID, duet.EntryMove{Version: landing.Version, Status: duet.EntryPublished, LiveURL: "https://host.example/webinar"})
		if err != nil {
			t.Fatal(err)
		}
		if c := gate(); !c.Met {
			t.Fatalf("gate after: %+v", c)
		}
		_, err = f.Svc.MoveEntry(ctx, f.Admin.Actor, f.WS.ID, landing.ID, duet.EntryMove{Version: landing.Version, Status: duet.EntryPlanned})
		wantInvalid(t, err, "status")
	})
}

// TestCalendarWindow: the month view asks for a window and gets only its
// entries, while slips are still found against entries outside it.
func TestCalendarWindow(t *testing.T) {
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	for i := range 50 {
		day := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		if _, err := f.Svc.CreateEntry(ctx, f.Admin.Actor, f.WS.ID, duet.EntrySave{Title: fmt.Sprintf("Post %d", i), Channel: duet.ChanSocial,
			DRI: "role:content-lead", PublishAt: day.Format("2006-01-02T15:04")}); err != nil {
			t.Fatal(err)
		}
	}
	from := time.Date(2026, 12, 1, 0, 0, 0, 0, f.WS.Loc)
	cal, err := f.Svc.Calendar(ctx, f.Admin.Actor, f.WS.ID, duet.EntryFilter{From: from, To: from.AddDate(0, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if len(cal.Entries) != 31 {
		t.Fatalf("%d entries in December", len(cal.Entries))
	}
	var b bytes.Buffer
	for _, e := range cal.Entries[:2] {
		b.WriteString(e.Title + ";")
	}
	if b.String() != "Post 11;Post 12;" {
		t.Fatalf("first entries %s", b.String())
	}
}

// TestSweepFiles: a file written to the store whose version never
// committed (a crash in between) is removed once older than the grace;
// files versions refer to stay.
func TestSweepFiles(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		disk := coretest.Files(t)
		svc := core.New(core.Config{DB: f.DB, Templates: coretest.Registry(t), Now: f.Clock.Now, Files: disk})
		as, err := svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Kept", Kind: duet.AssetOther, DRI: "role:content-lead"}, upload("kept.md", "kept"))
		if err != nil {
			t.Fatal(err)
		}
		orphan, err := disk.Stage(ctx, strings.NewReader("never committed"), 1024)
		if err != nil {
			t.Fatal(err)
		}
		if err := orphan.Commit(); err != nil {
			t.Fatal(err)
		}
		// Within the grace the orphan may be an upload about to commit.
		if _, err := svc.SweepFiles(ctx, time.Now(), core.SweepGrace); err != nil {
			t.Fatal(err)
		}
		if b, err := disk.Open(orphan.Hash); err != nil {
			t.Fatalf("a fresh file was swept: %v", err)
		} else {
			b.Close()
		}
		if _, err := svc.SweepFiles(ctx, time.Now().Add(time.Minute), 0); err != nil {
			t.Fatal(err)
		}
		if _, err := disk.Open(orphan.Hash); duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("orphan kept: %v", err)
		}
		got, err := svc.OpenVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, 1)
		if err != nil {
			t.Fatalf("a referenced file was swept: %v", err)
		}
		got.Body.Close()
	})
}

// held is an upload body that signals its first read and then waits.
type held struct {
	started chan<- struct{}
	release <-chan struct{}
	once    sync.Once
}

func (h *held) Read(p []byte) (int, error) {
	h.once.Do(func() { h.started <- struct{}{} })
	<-h.release
	return 0, io.EOF
}

// TestUploadsInFlight: one user streams at most MaxUploadsInFlight
// uploads at once; the next is told to wait, and another user is not.
func TestUploadsInFlight(t *testing.T) {
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	as, err := f.Svc.CreateAsset(ctx, f.HostMember.Actor, f.WS.ID, duet.AssetCreate{Title: "Deck", Kind: duet.AssetWebinarDeck, DRI: "role:content-lead"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	for range core.MaxUploadsInFlight {
		wg.Go(func() {
			up := core.VersionUpload{VersionCreate: duet.VersionCreate{FileName: "deck.pdf"}, Body: &held{started: started, release: release}}
			f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, up)
		})
		<-started
	}
	_, _, err = f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, *upload("deck.pdf", pdf))
	wantKind(t, "one upload too many", err, duet.ERateLimited, "")
	if _, _, err := f.Svc.AddVersion(ctx, f.Admin.Actor, f.WS.ID, as.ID, *upload("deck.pdf", pdf)); err != nil {
		t.Fatalf("another user: %v", err)
	}
	close(release)
	wg.Wait()
	if _, _, err := f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, as.ID, *upload("deck.pdf", pdf)); err != nil {
		t.Fatalf("after the others finished: %v", err)
	}
}
