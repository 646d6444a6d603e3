package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// assetCount counts the assets the admin sees.
func assetCount(t *testing.T, f *coretest.Fixture) int {
	t.Helper()
	as, err := f.Svc.Assets(context.Background(), f.Admin.Actor, f.WS.ID, duet.AssetFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(as)
}

// newAssetFields are the new-asset form's text fields, as the page sends
// them.
func newAssetFields(title string, extra ...field) []field {
	return append([]field{{"title", title}, {"kind", "ebook"}, {"dri", "role:content-lead"}, {"due_on", "2026-12-04"},
		{"tags", "ebook, Launch"}, {"visibility", "shared"}, {"note", "First full draft."}}, extra...)
}

func TestAssetCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal := e.as(f.HostMember)

		// The Content Lead adds an ebook with its PDF and asks for review.
		r := e.upload(ws+"/assets", hal, newAssetFields("Data pipelines at scale", field{"request_review", "1"}), "pipelines.pdf", pdfFile)
		r.wantStatus(t, http.StatusSeeOther)
		id := strings.TrimPrefix(r.Header().Get("Location"), ws+"/assets/")
		ad := assetOf(t, f, f.Admin, id)
		a := ad.Asset
		if a.Title != "Data pipelines at scale" || a.Kind != duet.AssetEbook || a.Side != duet.SideHost || a.Status != duet.AssetInReview ||
			a.DueOn.String() != "2026-12-04" || strings.Join(a.Tags, ",") != "ebook,launch" || a.Current != 1 {
			t.Fatalf("created %+v", a)
		}
		v := ad.Versions[0]
		if v.File == nil || v.File.Name != "pipelines.pdf" || v.File.ContentType != "application/pdf" || v.File.Size != int64(len(pdfFile)) ||
			v.Note != "First full draft." {
			t.Fatalf("first version %+v %+v", v, v.File)
		}
		e.get(ws+"/assets/"+id, hal).wantBody(t, "Data pipelines at scale", "pipelines.pdf", "First full draft.", "In review")

		// A link needs no file, and the form may then come URL-encoded.
		r = e.post(ws+"/assets", hal, url.Values{"title": {"Landing page copy"}, "kind": {"landing_page"}, "dri": {"role:content-lead"},
			"link": {"https://docs.google.com/document/d/abc"}})
		r.wantStatus(t, http.StatusSeeOther)
		linked := assetOf(t, f, f.Admin, strings.TrimPrefix(r.Header().Get("Location"), ws+"/assets/"))
		if linked.Versions[0].Link != "https://docs.google.com/document/d/abc" || linked.Asset.Status != duet.AssetDraft {
			t.Fatalf("linked %+v", linked.Versions)
		}
		// Without a version it is a draft waiting for one; the file
		// input left empty sends an empty part, which is no file.
		r = e.upload(ws+"/assets", hal, newAssetFields("Social teaser"), "", "")
		r.wantStatus(t, http.StatusSeeOther)
		b, ct := browserForm(t, newAssetFields("Email teaser"))
		r = e.send(httptest.NewRequest(http.MethodPost, ws+"/assets", b), ct, hal)
		r.wantStatus(t, http.StatusSeeOther)
		if d := assetOf(t, f, f.Admin, strings.TrimPrefix(r.Header().Get("Location"), ws+"/assets/")); d.Asset.Current != 0 || d.Asset.Status != duet.AssetDraft {
			t.Fatalf("no version: %+v", d.Asset)
		}
		before := assetCount(t, f)

		// Refused, the form comes back with what was typed and the
		// message at its field; nothing is created.
		r = e.upload(ws+"/assets", hal, newAssetFields("Hero image"), "hero.png", htmlFile)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "file"); got != "The file is named .png but its content is text/html; upload it with its real extension." {
			t.Errorf("HTML as .png: %q", got)
		}
		r.wantBody(t, `value="Hero image"`, "First full draft.</textarea>", `<option value="ebook" selected>`)
		r = e.upload(ws+"/assets", hal, newAssetFields("Hero image"), "../x.png", pngFile(t, 4, 4))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "file"); !strings.Contains(got, "contains a path") {
			t.Errorf("../x.png: %q", got)
		}
		r = e.upload(ws+"/assets", hal, newAssetFields("Brochure"), "brochure.exe", "MZ")
		r.wantStatus(t, http.StatusUnprocessableEntity)
		r.wantBody(t, "is not a file type Duet accepts")
		r = e.upload(ws+"/assets", hal, newAssetFields(""), "pipelines.pdf", pdfFile)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "title"); got != "Title is required." {
			t.Errorf("no title: %q", got)
		}
		r = e.upload(ws+"/assets", hal, newAssetFields("Deck", field{"request_review", "1"}), "", "")
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "file"); got != "File is required: upload a file or give a link." {
			t.Errorf("review without a version: %q", got)
		}
		r.wantBody(t, `name="request_review" value="1" checked`)
		r = e.upload(ws+"/assets", hal, newAssetFields("Deck", field{"link", "http://example.com/deck"}), "", "")
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "link"); !strings.HasPrefix(got, "Link must be an https:// link") {
			t.Errorf("http link: %q", got)
		}

		// Too large: refused from its declared length, before a byte of
		// it is read, with the limit in words.
		big := httptest.NewRequest(http.MethodPost, ws+"/assets", strings.NewReader("never read"))
		big.ContentLength = e.svc.MaxUpload() + 1<<20
		r = e.send(big, "multipart/form-data; boundary=x", hal)
		r.wantStatus(t, http.StatusRequestEntityTooLarge)
		if got := fieldError(r.body, "file"); got != "The file is larger than the 100 MB limit; nothing was uploaded." {
			t.Errorf("too large: %q", got)
		}
		if n := assetCount(t, f); n != before {
			t.Fatalf("refused uploads made assets: %d, want %d", n, before)
		}

		// Guests review but do not add; nobody else gets in.
		e.upload(ws+"/assets", e.as(f.Guest), newAssetFields("Guest asset"), "g.pdf", pdfFile).wantStatus(t, http.StatusForbidden)
		e.upload(ws+"/assets", e.as(f.Stranger), newAssetFields("Stranger asset"), "s.pdf", pdfFile).wantStatus(t, http.StatusNotFound)
		if n := assetCount(t, f); n != before {
			t.Fatalf("refused requests made assets: %d, want %d", n, before)
		}

		// The partner's asset is the partner's: only it uploads to it.
		r = e.upload(ws+"/assets", e.as(f.Partner), []field{{"title", "Partner newsletter"}, {"kind", "email"}, {"dri", "role:partner-marketing-lead"}}, "", "")
		r.wantStatus(t, http.StatusSeeOther)
		if d := assetOf(t, f, f.Admin, strings.TrimPrefix(r.Header().Get("Location"), ws+"/assets/")); d.Asset.Side != duet.SidePartner || d.CanEdit {
			t.Errorf("partner asset %+v, host may edit %v", d.Asset, d.CanEdit)
		}
	})
}
