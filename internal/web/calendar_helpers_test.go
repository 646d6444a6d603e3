package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// Builders for the launch calendar tests: they go through the real
// service, as the pages' own forms would. The fixture's clock stands at
// Monday 16 November 2026, 15:00 in Berlin, the workspace's zone; assets
// must be approved two business days before their entry publishes.

// calAsset adds an asset as u with a first version, and asks for its
// review when review is set: it is then in review, not approved.
func calAsset(t testing.TB, f *coretest.Fixture, u coretest.User, title string, vis duet.Visibility, review bool) duet.Asset {
	t.Helper()
	ctx := context.Background()
	dri := "role:content-lead"
	if !u.Actor.Org.IsHost {
		dri = "role:partner-marketing-lead"
	}
	as, err := f.Svc.CreateAsset(ctx, u.Actor, f.WS.ID, duet.AssetCreate{Title: title, Kind: duet.AssetOther, DRI: dri, Visibility: vis},
		&core.VersionUpload{VersionCreate: duet.VersionCreate{FileName: "copy.md"}, Body: strings.NewReader("# " + title)})
	if err != nil {
		t.Fatal(err)
	}
	if review {
		if as, err = f.Svc.RequestReview(ctx, u.Actor, f.WS.ID, as.ID, 1); err != nil {
			t.Fatal(err)
		}
	}
	return as
}

// calEntry schedules an entry as u: on social at the time given, with the
// side's marketing lead as DRI unless in says otherwise.
func calEntry(t testing.TB, f *coretest.Fixture, u coretest.User, in duet.EntrySave) duet.LaunchEntry {
	t.Helper()
	if in.Channel == "" {
		in.Channel = duet.ChanSocial
	}
	if in.DRI == "" {
		in.DRI = "role:partner-marketing-manager"
		if !u.Actor.Org.IsHost {
			in.DRI = "role:partner-marketing-lead"
		}
	}
	e, err := f.Svc.CreateEntry(context.Background(), u.Actor, f.WS.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// calEntryAs reads an entry as u sees it.
func calEntryAs(t *testing.T, f *coretest.Fixture, u coretest.User, id string) *core.EntryDetail {
	t.Helper()
	ed, err := f.Svc.Entry(context.Background(), u.Actor, f.WS.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// slipping schedules what the calendar tests share: the partner's
// newsletter on Wednesday 18 November at 09:00, shipping a host asset
// still in review whose approval was due Monday 09:00, so it slips; and
// the host's landing page on Friday at 10:00, in order.
func slipping(t *testing.T, f *coretest.Fixture) (news, landing duet.LaunchEntry, asset duet.Asset) {
	t.Helper()
	asset = calAsset(t, f, f.HostMember, "Data pipelines ebook", duet.VisShared, true)
	landing = calEntry(t, f, f.Admin, duet.EntrySave{Title: "Landing page goes live", Channel: duet.ChanLandingPage, PublishAt: "2026-11-20T10:00", LaunchCritical: true})
	news = calEntry(t, f, f.Partner, duet.EntrySave{Title: "Partner newsletter feature", Channel: duet.ChanEmail, PublishAt: "2026-11-18T09:00",
		Assets: []string{asset.ID}})
	return news, landing, asset
}

// calEntryForm is the edit form of an entry as its page would send it.
func calEntryForm(e duet.LaunchEntry, publishAt string) url.Values {
	v := url.Values{"version": {strconv.Itoa(e.Version)}, "title": {e.Title}, "channel": {e.Channel}, "dri": {e.DRI.Ref()},
		"publish_at": {publishAt}, "visibility": {string(e.Visibility)}}
	for _, a := range e.Assets {
		v.Add("assets", a.ID)
	}
	for _, r := range e.After {
		v.Add("after", r.ID)
	}
	return v
}
