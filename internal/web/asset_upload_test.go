package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestAssetUpload(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal := e.as(f.HostMember)
		a := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Data pipelines at scale"}, file("ebook.pdf", pdfFile))
		path := ws + "/assets/" + a.ID
		versions := func() int { return len(assetOf(t, f, f.Admin, a.ID).Versions) }

		// The page's form carries a fresh idempotency key; sent twice, it
		// makes one version.
		page := e.get(path, hal)
		page.wantBody(t, "Upload a new version", `enctype="multipart/form-data"`, `accept=".pdf,.png,`, `data-max-bytes="104857600"`)
		key := regexpFind(t, page.body, `name="idempotency_key" value="([^"]+)"`)
		form := []field{{"idempotency_key", key}, {"note", "Cover with the new partner logo."}}
		e.upload(path+"/versions", hal, form, "ebook-v2.pdf", pdfFile+"% v2\n").wantRedirect(t, path+"#versions")
		e.upload(path+"/versions", hal, form, "ebook-v2.pdf", pdfFile+"% v2\n").wantRedirect(t, path+"#versions")
		ad := assetOf(t, f, f.Admin, a.ID)
		if len(ad.Versions) != 2 || ad.Versions[0].Note != "Cover with the new partner logo." || ad.Versions[0].File.Name != "ebook-v2.pdf" {
			t.Fatalf("versions %+v", ad.Versions)
		}
		if again := e.get(path, hal); strings.Contains(again.body, `value="`+key+`"`) {
			t.Error("the form is shown again with a used key")
		}

		// A link version, with review requested at once.
		e.upload(path+"/versions", hal, []field{{"link", "https://drive.google.com/file/d/v3"}, {"request_review", "1"}}, "", "").
			wantRedirect(t, path+"#versions")
		ad = assetOf(t, f, f.Admin, a.ID)
		if ad.Asset.Current != 3 || ad.Asset.Status != duet.AssetInReview {
			t.Fatalf("after the link: %+v", ad.Asset)
		}
		e.get(path, hal).wantBody(t, `<span class="drive-tag">Google Drive</span>`, "https://drive.google.com/file/d/v3")

		// Refusals keep what was typed and say why at the field.
		r := e.upload(path+"/versions", hal, []field{{"note", "Hero swap"}}, "hero.png", htmlFile)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "file"); got != "The file is named .png but its content is text/html; upload it with its real extension." {
			t.Errorf("HTML as .png: %q", got)
		}
		r.wantBody(t, "Hero swap</textarea>")
		r = e.upload(path+"/versions", hal, []field{{"link", "https://drive.google.com/x"}}, "x.pdf", pdfFile)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "link"); got != "Give either a file or a link, not both." {
			t.Errorf("both: %q", got)
		}
		r = e.upload(path+"/versions", hal, []field{{"note", "x"}}, "../../etc/passwd.pdf", pdfFile)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "file"); !strings.Contains(got, "contains a path") {
			t.Errorf("path in the name: %q", got)
		}
		big := httptest.NewRequest(http.MethodPost, path+"/versions", strings.NewReader("never read"))
		big.ContentLength = e.svc.MaxUpload() + 65<<10
		r = e.send(big, "multipart/form-data; boundary=x", hal)
		r.wantStatus(t, http.StatusRequestEntityTooLarge)
		if got := fieldError(r.body, "file"); got != "The file is larger than the 100 MB limit; nothing was uploaded." {
			t.Errorf("too large: %q", got)
		}
		if n := versions(); n != 3 {
			t.Fatalf("%d versions after refused uploads, want 3", n)
		}

		// Only the asset's side uploads; the partner is told so, a guest
		// too, and a host-only asset is not there for the partner.
		r = e.upload(path+"/versions", e.as(f.Partner), nil, "p.pdf", pdfFile)
		r.wantStatus(t, http.StatusForbidden)
		r.wantBody(t, "Only the host side changes its own assets and calendar entries.")
		e.upload(path+"/versions", e.as(f.Guest), nil, "g.pdf", pdfFile).wantStatus(t, http.StatusForbidden)
		secret := hostAsset(t, f, "Margin sheet", nil)
		e.upload(ws+"/assets/"+secret.ID+"/versions", e.as(f.Partner), nil, "p.pdf", pdfFile).wantStatus(t, http.StatusNotFound)
		e.upload(path+"/versions", e.as(f.Stranger), nil, "s.pdf", pdfFile).wantStatus(t, http.StatusNotFound)
		if n := versions(); n != 3 {
			t.Fatalf("%d versions after refused uploads, want 3", n)
		}
	})
}

// TestAssetUploadKeepsApprovals checks the reset choice: once steps have
// approved and none asked for changes, the uploader names the step the
// change first concerns and the approvals before it stay; once a step
// asked for changes, review restarts there.
func TestAssetUploadKeepsApprovals(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal := e.as(f.HostMember)
		designer, _ := reviewers(t, f)
		a := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Ebook"}, file("ebook.pdf", pdfFile))
		path := ws + "/assets/" + a.ID
		requestReview(t, f, f.HostMember, a.ID, 1)
		review(t, f, f.HostMember, a.ID, "copy", duet.VerdictApprove, "", 1)

		r := e.get(path, hal)
		r.wantBody(t, "The change first concerns…", `<option value="design">Design review — keeps Copy review</option>`,
			`<option value="copy">Copy review — every step reviews it again</option>`)
		e.upload(path+"/versions", hal, []field{{"reset_from", "design"}, {"request_review", "1"}}, "ebook-v2.pdf", pdfFile+"%2").
			wantRedirect(t, path+"#versions")
		steps := assetOf(t, f, f.Admin, a.ID).Asset.Steps
		if steps[0].State != duet.StepApproved || steps[1].State != duet.StepPending {
			t.Fatalf("steps after v2: %+v", steps)
		}

		review(t, f, designer, a.ID, "design", duet.VerdictChanges, "Logo is blurry.", 2)
		r = e.get(path, hal)
		r.wantBody(t, "Review restarts at Design review, which asked for changes; the approvals before it are kept.")
		r.wantNoBody(t, "The change first concerns")
	})
}

// TestAssetUploadURLEncoded takes a link from a form sent URL-encoded, as
// scripts do; a file needs multipart.
func TestAssetUploadURLEncoded(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		a := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Landing page"}, nil)
		path := "/w/" + f.WS.ID + "/assets/" + a.ID
		e.post(path+"/versions", e.as(f.HostMember), url.Values{"link": {"https://docs.google.com/document/d/lp"}}).wantRedirect(t, path+"#versions")
		r := e.post(path+"/versions", e.as(f.HostMember), url.Values{"note": {"no file"}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "file"); got != "File is required: upload a file or give a link." {
			t.Errorf("nothing sent: %q", got)
		}
	})
}
