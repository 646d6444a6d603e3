package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// assetWorld is a folder in the middle of a campaign, on a fixture of its
// own: an ebook reviewed through every step whose v2 ships while a v3 is
// in review, with the copy review open for the Content Lead; a host-only
// pair of images; a Markdown brief in two versions; a shared landing page
// that a calendar entry publishes tomorrow although it is still a draft.
type assetWorld struct {
	f                     *coretest.Fixture
	ebook, images, brief  duet.Asset
	landing               duet.Asset
	designer, legal       coretest.User
	hostViewer, adminView *viewer
}

func newAssetWorld(t *testing.T) *assetWorld {
	t.Helper()
	f := coretest.New(t, "sqlite")
	w := &assetWorld{f: f}
	w.designer, w.legal = reviewers(t, f)
	w.ebook = addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Data pipelines at scale", DueOn: "2026-12-04", Tags: "ebook, launch"},
		file("pipelines-ebook.pdf", pdfFile))
	id := w.ebook.ID
	requestReview(t, f, f.HostMember, id, 1)
	review(t, f, f.HostMember, id, "copy", duet.VerdictApprove, "Reads well.", 1)
	review(t, f, w.designer, id, "design", duet.VerdictChanges, "The partner logo is the old one.", 1)
	up := file("pipelines-ebook-v2.pdf", pdfFile+"% new logo\n")
	up.Note = "New partner logo on the cover."
	addVersion(t, f, f.HostMember, id, up) // back in review at once: changes were asked for
	review(t, f, w.designer, id, "design", duet.VerdictApprove, "", 2)
	review(t, f, w.legal, id, "legal", duet.VerdictApprove, "Claims are fine.", 2)
	review(t, f, f.Partner, id, "partner-signoff", duet.VerdictApprove, "", 2)
	v3 := file("pipelines-ebook-v3.pdf", pdfFile+"% typo fixed\n")
	v3.RequestReview = true
	addVersion(t, f, f.HostMember, id, v3)

	w.images = hostAsset(t, f, "Hero banner", file("hero.png", pngFile(t, 320, 180)))
	addVersion(t, f, f.HostMember, w.images.ID, file("hero-blue.png", pngFile(t, 300, 200)))
	w.brief = addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Webinar brief", Kind: duet.AssetOther},
		file("brief.md", "# Brief\n\nAudience: data engineers.\nLength: 45 minutes.\n"))
	addVersion(t, f, f.HostMember, w.brief.ID, file("brief.md", "# Brief\n\nAudience: data and platform engineers.\nLength: 45 minutes.\nQ&A at the end.\n"))
	w.landing = addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Registration page", Kind: duet.AssetLandingPage, DRI: "role:partner-marketing-manager"},
		&core.VersionUpload{VersionCreate: duet.VersionCreate{Link: "https://docs.google.com/document/d/landing"}})
	if _, err := f.Svc.CreateEntry(context.Background(), f.Admin.Actor, f.WS.ID, duet.EntrySave{Title: "Registration page goes live",
		Channel: duet.ChanLandingPage, DRI: "role:partner-marketing-manager", PublishAt: "2026-11-17T10:00", Visibility: duet.VisShared,
		Assets: []string{w.landing.ID}}); err != nil {
		t.Fatal(err)
	}
	w.hostViewer, w.adminView = viewerFor(t, f, f.HostMember), viewerFor(t, f, f.Admin)
	return w
}

// viewerFor is the viewer of the fixture workspace as u.
func viewerFor(t *testing.T, f *coretest.Fixture, u coretest.User) *viewer {
	t.Helper()
	d, err := f.Svc.Workspace(context.Background(), u.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, u.Actor)
	return &viewer{d: d, o: orgsOf(d), me: me, now: f.Svc.Now()}
}

// page lays out an asset's page as u sees it.
func (w *assetWorld) page(t *testing.T, v *viewer, u coretest.User, id string) *AssetPage {
	t.Helper()
	p := v.assetPage(assetOf(t, w.f, u, id), duet.ResetFromChanges, uploadLimit(w.f.Svc.MaxUpload()))
	p.Base = Base{Title: "Asset", Nav: navOf(v.d, "assets")}
	return p
}

// assetViews builds the folder, the new-asset form, an asset's page and
// a comparison, each with an error shown where it belongs.
func assetViews(t *testing.T) map[string]viewCase {
	w := newAssetWorld(t)
	f, v := w.f, w.hostViewer
	assets, err := f.Svc.Assets(context.Background(), f.HostMember.Actor, f.WS.ID, duet.AssetFilter{})
	if err != nil {
		t.Fatal(err)
	}
	list := &AssetsPage{Base: Base{Title: "Assets", Nav: navOf(v.d, "assets")}, WS: v.d.ID, CanCreate: true, Count: "4 assets",
		Filter: AssetFilterView{Action: assetsURL(v.d.ID), Statuses: statusOptions("in_review"), Kinds: kindOptionsOf(Option{Label: "Any kind"}, ""),
			Sides: v.sideOptions(""), DRI: v.driChoice("filter-dri", "", ""), Active: true, Form: duet.AssetFilter{Status: "in_review"}}}
	for _, a := range assets {
		list.Cards = append(list.Cards, v.assetCard(a))
	}

	form := AssetForm{Title: "Partner quote card", Kind: duet.AssetSocialPost, DRI: "role:designer", Tags: "social", Visibility: "host", Note: "First cut"}
	fresh := &AssetNewPage{Base: Base{Title: "New asset", Nav: navOf(v.d, "assets")}, WS: v.d.ID, Form: form,
		Err: FormError{Field: "file", Msg: "The file is named .png but its content is text/html; upload it with its real extension."},
		DRI: v.driChoice("asset-dri", form.DRI, ""), Kinds: kindOptionsOf(Option{Label: "Choose a kind…"}, form.Kind),
		Vis: visibilityOptions(v, form.Visibility), Limit: uploadLimit(f.Svc.MaxUpload())}

	show := w.page(t, v, f.HostMember, w.ebook.ID)
	show.Upload.Form.Note, show.Upload.Err = "Typo on page 2", FormError{Field: "file", Msg: "The file is larger than the 100 MB limit; nothing was uploaded."}

	ad := assetOf(t, f, f.HostMember, w.brief.ID)
	cmp := &AssetComparePage{Base: Base{Title: "Compare", Nav: navOf(v.d, "assets")}, A: v.assetHead(ad.Asset)}
	cmp.From, cmp.To, cmp.Mode = v.version(ad.Asset, ad.Versions[1]), v.version(ad.Asset, ad.Versions[0]), "text"
	s := newServer(f.Svc, Options{}, staticFiles())
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r = r.WithContext(withActor(r.Context(), f.HostMember.Actor, "token"))
	if err := s.diff(r, cmp, f.WS.ID, w.brief.ID, 1, 2); err != nil {
		t.Fatal(err)
	}

	return map[string]viewCase{
		"asset_list": {list, []string{"Asset approval folder", "A-1", "Data pipelines at scale", "Ebook / whitepaper", `class="ships-pin is-set"`,
			`<strong class="ships-pin-v">v2</strong>`, "v3 · in review", "Nothing approved yet", "Timing slip:", "Registration page is still a draft",
			`class="rpills-stage"`, `<span class="astatus astatus-in_review">`, "Hostco only", `<option value="in_review" selected>`,
			`<optgroup label="Roles">`, "#ebook", "Clear", `id="asset-folder" data-live="asset entry milestone"`}},
		"asset_new": {fresh, []string{"New asset", `value="Partner quote card"`, `<option value="social_post" selected>`, `enctype="multipart/form-data"`,
			`id="file-error"`, "content is text/html", `value="host" checked`, "First cut</textarea>", `data-max-bytes="104857600"`, "Up to 100 MB: PDF, PNG"}},
		"asset_show": {show, []string{"Data pipelines at scale", "The version that ships", `<span class="visually-hidden">The version that ships: </span><span class="ships-n">v2</span>`,
			"pipelines-ebook-v2.pdf", "/ships", "v3 came later and is in review", "Its approval trail", "Claims are fine.", "sha256:",
			"Your review: Copy review", `name="verdict" value="request_changes"`, `name="version" value="3"`, "Upload a new version",
			`id="file-error"`, "Typo on page 2</textarea>", `name="idempotency_key"`, "New partner logo on the cover.",
			"The partner logo is the old one.", "Edit asset", `id="asset-review" data-live="asset"`, `id="asset-ships" data-live="asset"`,
			"No calendar entry publishes it yet", "requested changes in Design review of version 1"}},
		"asset_compare": {cmp, []string{"Compare v1 and v2", `class="dl dl-del"`, `class="dl dl-ins"`, "Audience: data and platform engineers.",
			"Q&amp;A at the end.", "2 lines added, 1 removed", "v1 lines 1–4 · v2 lines 1–5"}},
	}
}

// TestRenderAssetFragments renders what htmx swaps in on its own: every
// live region of an asset's page, out of band, and a folder card.
func TestRenderAssetFragments(t *testing.T) {
	w := newAssetWorld(t)
	s := newServer(w.f.Svc, Options{}, staticFiles())
	p := w.page(t, w.hostViewer, w.f.HostMember, w.ebook.ID).outOfBand()
	assets, err := w.f.Svc.Assets(context.Background(), w.f.HostMember.Actor, w.f.WS.ID, duet.AssetFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		data  any
		wants []string
	}{
		"asset-regions": {p, []string{`id="asset-head" data-live="asset" hx-swap-oob="true"`, `id="asset-ships" data-live="asset"`,
			`id="asset-review"`, `id="asset-versions"`, `id="asset-calendar"`, `id="asset-timeline"`}},
		"asset-card": {w.hostViewer.assetCard(assets[0]), []string{`id="a-` + assets[0].ID + `"`, "Ships"}},
	} {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.fragment(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, name, c.data)
			body := rec.Body.String()
			for _, want := range c.wants {
				if !strings.Contains(body, want) {
					t.Errorf("lacks %q:\n%s", want, body)
				}
			}
			if got := strings.Count(body, `hx-swap-oob="true"`); name == "asset-regions" && got != 6 {
				t.Errorf("%d regions out of band, want 6", got)
			}
			for _, bad := range []string{"ZgotmplZ", "<no value>", " style=", "<script", " onclick=", "<html"} {
				if strings.Contains(body, bad) {
					t.Errorf("contains %q", bad)
				}
			}
		})
	}
}
