package web

import (
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"duet/internal/core"
	"duet/internal/duet"
)

// wantFileHeaders checks what every served file carries: its type,
// nosniff, the sandbox and how it is to be shown.
func wantFileHeaders(t *testing.T, r response, contentType, disposition string) {
	t.Helper()
	h := r.Header()
	for k, want := range map[string]string{"Content-Type": contentType, "Content-Disposition": disposition,
		"Content-Security-Policy": "sandbox", "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-cache"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}

func TestAssetDownload(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		a := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Ebook"}, file("Data pipelines ebook.pdf", pdfFile))
		addVersion(t, f, f.HostMember, a.ID, file("Résumé 2027.pdf", pdfFile+"% v2\n"))
		addVersion(t, f, f.HostMember, a.ID, &core.VersionUpload{VersionCreate: duet.VersionCreate{Link: "https://drive.google.com/file/d/x"}})
		path := ws + "/assets/" + a.ID + "/versions/"

		r := e.get(path+"1/download", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		wantFileHeaders(t, r, "application/pdf", `attachment; filename="Data pipelines ebook.pdf"`)
		if r.body != pdfFile {
			t.Errorf("body %q", r.body)
		}
		// A name that is not ASCII is written as RFC 2231 says.
		r = e.get(path+"2/download", e.as(f.HostMember))
		wantFileHeaders(t, r, "application/pdf", `attachment; filename*=utf-8''R%C3%A9sum%C3%A9%202027.pdf`)

		// Conditional and range requests, as browsers and download
		// managers send them.
		etag := r.Header().Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		e.doWith(http.MethodGet, path+"2/download", e.as(f.HostMember), nil, http.Header{"If-None-Match": {etag}}).wantStatus(t, http.StatusNotModified)
		part := e.doWith(http.MethodGet, path+"2/download", e.as(f.HostMember), nil, http.Header{"Range": {"bytes=0-3"}})
		part.wantStatus(t, http.StatusPartialContent)
		if part.body != "%PDF" {
			t.Errorf("range %q", part.body)
		}

		// A link has no file; a version that does not exist is not there.
		for _, p := range []string{"3/download", "4/download", "0/download", "x/download"} {
			e.get(path+p, e.as(f.HostMember)).wantStatus(t, http.StatusNotFound)
		}
		// Nor is a host-only asset's file for the partner.
		secret := hostAsset(t, f, "Margin sheet", file("margins.pdf", pdfFile))
		for _, u := range []string{e.as(f.Partner), e.as(f.Stranger)} {
			r := e.get(ws+"/assets/"+secret.ID+"/versions/1/download", u)
			r.wantStatus(t, http.StatusNotFound)
			r.wantNoBody(t, "%PDF")
		}
		e.get(ws+"/assets/"+secret.ID+"/versions/1/download", e.as(f.Guest)).wantStatus(t, http.StatusOK)
	})
}

// TestAssetShips serves the version that ships: none before approval,
// then the approved one, whatever draft comes after it.
func TestAssetShips(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		a := hostAsset(t, f, "One-pager", file("one-pager-v1.pdf", pdfFile))
		path := ws + "/assets/" + a.ID + "/ships"
		e.get(path, e.as(f.HostMember)).wantStatus(t, http.StatusNotFound)

		requestReview(t, f, f.HostMember, a.ID, 1)
		review(t, f, f.HostMember, a.ID, "copy", duet.VerdictApprove, "", 1)
		addVersion(t, f, f.HostMember, a.ID, file("one-pager-v2.pdf", pdfFile+"% draft\n"))
		r := e.get(path, e.as(f.Guest))
		r.wantStatus(t, http.StatusOK)
		wantFileHeaders(t, r, "application/pdf", `attachment; filename=one-pager-v1.pdf`)
		if r.body != pdfFile {
			t.Errorf("ships %q, want v1", r.body)
		}
		e.get(path, e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		e.get(path, e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}

func TestAssetPreview(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		a := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Hero banner", Kind: duet.AssetAdCreative}, file("hero.png", pngFile(t, 1200, 600)))
		addVersion(t, f, f.HostMember, a.ID, file("brief.pdf", pdfFile))
		path := ws + "/assets/" + a.ID + "/versions/"

		r := e.get(path+"1/preview?size=160", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		wantFileHeaders(t, r, "image/png", `inline; filename=hero.png`)
		small := decodePNG(t, r.body)
		if b := small.Bounds(); b.Dx() != 160 || b.Dy() != 80 {
			t.Errorf("160 px preview is %v", b)
		}
		if b := decodePNG(t, e.get(path+"1/preview?size=800", e.as(f.Partner)).body).Bounds(); b.Dx() != 800 {
			t.Errorf("800 px preview is %v", b)
		}
		if b := decodePNG(t, e.get(path+"1/preview", e.as(f.Partner)).body).Bounds(); b.Dx() != 160 {
			t.Errorf("default preview is %v", b)
		}
		// Only the sizes pages use, only images, only for those who see it.
		for _, p := range []string{"1/preview?size=300", "1/preview?size=big", "2/preview", "9/preview"} {
			e.get(path+p, e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		}
		secret := hostAsset(t, f, "Internal mockup", file("mock.png", pngFile(t, 40, 40)))
		e.get(ws+"/assets/"+secret.ID+"/versions/1/preview", e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/assets/"+secret.ID+"/versions/1/preview", e.as(f.HostMember)).wantStatus(t, http.StatusOK)
		// The page shows the thumbnail of an image version.
		e.get(ws+"/assets/"+a.ID, e.as(f.Partner)).wantBody(t, `<img src="`+path+`1/preview?size=160" alt="Preview of v1, hero.png"`)
	})
}

// decodePNG decodes a preview.
func decodePNG(t *testing.T, body string) image.Image {
	t.Helper()
	img, err := png.Decode(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}
