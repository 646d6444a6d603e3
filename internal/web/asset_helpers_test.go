package web

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"testing"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// Builders for the asset tests: they go through the real service, as the
// pages' own forms would, and the uploads are real multipart bodies.

// pdfFile is the start of a PDF: enough for content sniffing.
const pdfFile = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"

// htmlFile is a web page, to be smuggled in under an image's name.
const htmlFile = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

// pngFile is a real PNG image of w×h pixels, so that thumbnails can be
// made of it.
func pngFile(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// jpegFile is a small real JPEG image.
func jpegFile(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 40, 20)), nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// file is an upload for a core call.
func file(name, body string) *core.VersionUpload {
	return &core.VersionUpload{VersionCreate: duet.VersionCreate{FileName: name}, Body: strings.NewReader(body)}
}

// field is one text field of a multipart form, in order.
type field struct{ name, value string }

// multipartForm writes a form as a browser sends it: the text fields in
// order, then the file (when name is set) as the last field.
func multipartForm(t *testing.T, fields []field, name, body string) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		if err := mw.WriteField(f.name, f.value); err != nil {
			t.Fatal(err)
		}
	}
	if name != "" {
		// The name goes as given, path and all, as a hostile client
		// would send it.
		w, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &b, mw.FormDataContentType()
}

// browserForm writes a form whose file input was left empty, as
// browsers send it: a file part with an empty name and no content.
func browserForm(t *testing.T, fields []field) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		mw.WriteField(f.name, f.value)
	}
	if _, err := mw.CreatePart(textproto.MIMEHeader{"Content-Disposition": {`form-data; name="file"; filename=""`},
		"Content-Type": {"application/octet-stream"}}); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &b, mw.FormDataContentType()
}

// upload posts a multipart form from a page of this site.
func (e *env) upload(target, session string, fields []field, name, body string) response {
	e.t.Helper()
	b, ct := multipartForm(e.t, fields, name, body)
	return e.send(httptest.NewRequest(http.MethodPost, target, b), ct, session)
}

// send serves a prepared request from a page of this site.
func (e *env) send(req *http.Request, contentType, session string) response {
	req.RemoteAddr = e.ip() + ":41000"
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "duet_session", Value: session})
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return response{rec, rec.Body.String()}
}

// addAsset creates an asset as u: a shared ebook with the Content Lead
// as DRI unless in says otherwise.
func addAsset(t *testing.T, f *coretest.Fixture, u coretest.User, in duet.AssetCreate, first *core.VersionUpload) duet.Asset {
	t.Helper()
	if in.Kind == "" {
		in.Kind = duet.AssetEbook
	}
	if in.DRI == "" {
		in.DRI = "role:content-lead"
	}
	a, err := f.Svc.CreateAsset(context.Background(), u.Actor, f.WS.ID, in, first)
	if err != nil {
		t.Fatalf("create asset %q: %v", in.Title, err)
	}
	return a
}

// addVersion uploads a version as u.
func addVersion(t *testing.T, f *coretest.Fixture, u coretest.User, id string, up *core.VersionUpload) duet.AssetVersion {
	t.Helper()
	v, _, err := f.Svc.AddVersion(context.Background(), u.Actor, f.WS.ID, id, *up)
	if err != nil {
		t.Fatalf("add version: %v", err)
	}
	return v
}

// requestReview sends version to review as u.
func requestReview(t *testing.T, f *coretest.Fixture, u coretest.User, id string, version int) {
	t.Helper()
	if _, err := f.Svc.RequestReview(context.Background(), u.Actor, f.WS.ID, id, version); err != nil {
		t.Fatalf("request review: %v", err)
	}
}

// review gives u's verdict on a step.
func review(t *testing.T, f *coretest.Fixture, u coretest.User, id, step, verdict, comment string, version int) {
	t.Helper()
	_, err := f.Svc.ReviewAsset(context.Background(), u.Actor, f.WS.ID, id, duet.ReviewAct{Step: step, Verdict: verdict, Comment: comment, Version: version})
	if err != nil {
		t.Fatalf("%s %s of v%d as %s: %v", verdict, step, version, u.Email, err)
	}
}

// assetOf reads an asset as u sees it.
func assetOf(t *testing.T, f *coretest.Fixture, u coretest.User, id string) *core.AssetDetail {
	t.Helper()
	ad, err := f.Svc.Asset(context.Background(), u.Actor, f.WS.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return ad
}

// reviewers joins the Designer and the host's Legal Reviewer, a guest
// (outside counsel reviews but does not plan), to the fixture workspace.
func reviewers(t *testing.T, f *coretest.Fixture) (designer, legal coretest.User) {
	t.Helper()
	designer = f.Join(t, f.WS.ID, "dee@host.test", duet.SideHost, duet.PermMember, "designer")
	legal = f.Join(t, f.WS.ID, "lee@host.test", duet.SideHost, duet.PermGuest, "legal-reviewer")
	return designer, legal
}

// hostAsset creates an asset only the host side sees, of kind "other":
// its one host step is the Content Lead's copy review.
func hostAsset(t *testing.T, f *coretest.Fixture, title string, first *core.VersionUpload) duet.Asset {
	t.Helper()
	return addAsset(t, f, f.HostMember, duet.AssetCreate{Title: title, Kind: duet.AssetOther, Visibility: duet.VisHost}, first)
}
