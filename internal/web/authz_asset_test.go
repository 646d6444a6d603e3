package web

import (
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// assetMatrix is the authorization matrix of the approval folder. Most
// rows work on assets only the host side sees: the partner gets 404 on
// every route, exactly like the stranger. The host side adds, uploads and
// edits; guests only review; a review step is its role holder's alone.
func assetMatrix(f *coretest.Fixture) []matrixRow {
	ws := "/w/" + f.WS.ID
	members := map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "200", stranger: "404"}
	hosts := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, guest: ok, partner: "404", stranger: "404"}
	}
	hostEditors := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, guest: "403", partner: "404", stranger: "404"}
	}
	// The host-only assets, made on first use: a PDF, an image, two text
	// versions, and one approved, so that it ships.
	var once sync.Once
	var pdf, img, text, shipped, shared duet.Asset
	made := func(t *testing.T) {
		once.Do(func() {
			pdf = hostAsset(t, f, "Margin sheet", file("margins.pdf", pdfFile))
			img = hostAsset(t, f, "Internal mockup", file("mockup.png", pngFile(t, 40, 20)))
			text = hostAsset(t, f, "Pricing notes", file("notes.md", "18 percent\n"))
			addVersion(t, f, f.HostMember, text.ID, file("notes.md", "20 percent\n"))
			shipped = hostAsset(t, f, "Internal one-pager", file("one-pager.pdf", pdfFile))
			requestReview(t, f, f.HostMember, shipped.ID, 1)
			review(t, f, f.HostMember, shipped.ID, "copy", duet.VerdictApprove, "", 1)
			shared = addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Shared ebook"}, file("ebook.pdf", pdfFile))
		})
	}
	on := func(method string, a *duet.Asset, suffix string, form func(t *testing.T) url.Values) func(*testing.T, *env) (string, string, url.Values) {
		return func(t *testing.T, _ *env) (string, string, url.Values) {
			made(t)
			var v url.Values
			if form != nil {
				v = form(t)
			}
			return method, ws + "/assets/" + a.ID + suffix, v
		}
	}
	link := func(*testing.T) url.Values {
		return url.Values{"link": {"https://drive.google.com/file/d/" + uniqueName("v")}}
	}
	return []matrixRow{
		{pattern: "GET /w/{ws}/assets", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodGet, ws + "/assets", nil
		}, want: members},
		{pattern: "GET /w/{ws}/assets/new", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodGet, ws + "/assets/new", nil
		}, want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/assets", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/assets", url.Values{"title": {uniqueName("Asset")}, "kind": {"email"}, "dri": {"role:content-lead"},
				"link": {"https://docs.google.com/document/d/x"}}
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/assets/", member: "303 " + ws + "/assets/",
			partner: "303 " + ws + "/assets/", guest: "403", stranger: "404"}},
		{pattern: "GET /w/{ws}/assets/{asset}", request: on(http.MethodGet, &pdf, "", nil), want: map[string]string{anon: "303 /login?next=",
			admin: "200", member: "200", guest: "200", partner: "404", stranger: "404"}},
		{pattern: "GET /w/{ws}/assets/{asset}", request: on(http.MethodGet, &shared, "", nil), want: members},
		{pattern: "POST /w/{ws}/assets/{asset}", request: on(http.MethodPost, &pdf, "", func(t *testing.T) url.Values {
			a := assetOf(t, f, f.Admin, pdf.ID).Asset
			return url.Values{"version": {strconv.Itoa(a.Version)}, "title": {uniqueName("Margin sheet")}, "dri": {"role:content-lead"}}
		}), want: hostEditors("303 " + ws + "/assets/")},
		{pattern: "POST /w/{ws}/assets/{asset}/versions", request: on(http.MethodPost, &pdf, "/versions", link),
			want: hostEditors("303 " + ws + "/assets/")},
		// Each request sends a draft of its own to review.
		{pattern: "POST /w/{ws}/assets/{asset}/review-request", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			a := hostAsset(t, f, uniqueName("Draft"), &core.VersionUpload{VersionCreate: duet.VersionCreate{Link: "https://drive.google.com/file/d/d"}})
			return http.MethodPost, ws + "/assets/" + a.ID + "/review-request", url.Values{"version": {"1"}}
		}, want: hostEditors("303 " + ws + "/assets/")},
		// Each request reviews a shared asset of its own: the copy review
		// is the Content Lead's alone, whoever else sees the asset.
		{pattern: "POST /w/{ws}/assets/{asset}/reviews", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			a := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: uniqueName("In review")}, file("r.pdf", pdfFile))
			requestReview(t, f, f.HostMember, a.ID, 1)
			return http.MethodPost, ws + "/assets/" + a.ID + "/reviews", verdict("copy", duet.VerdictApprove, "", 1)
		}, want: map[string]string{anon: "303 /login", member: "303 " + ws + "/assets/", admin: "403", guest: "403", partner: "403", stranger: "404"}},
		{pattern: "GET /w/{ws}/assets/{asset}/versions/{n}/download", request: on(http.MethodGet, &pdf, "/versions/1/download", nil),
			want: hosts("200")},
		{pattern: "GET /w/{ws}/assets/{asset}/versions/{n}/preview", request: on(http.MethodGet, &img, "/versions/1/preview?size=160", nil),
			want: hosts("200")},
		{pattern: "GET /w/{ws}/assets/{asset}/ships", request: on(http.MethodGet, &shipped, "/ships", nil), want: hosts("200")},
		{pattern: "GET /w/{ws}/assets/{asset}/compare", request: on(http.MethodGet, &text, "/compare?from=1&to=2", nil), want: hosts("200")},
	}
}
