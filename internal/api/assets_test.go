package api_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// pdf is the start of a PDF file: enough for content sniffing.
const pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"

// part is one part of a multipart upload: the file when file is set (its
// name as sent), a text field otherwise.
type part struct {
	name, file, body string
}

func field(name, value string) part { return part{name: name, body: value} }

func file(name, content string) part { return part{name: "file", file: name, body: content} }

// uploadRequest builds a multipart upload of the parts, in order, with an
// Idempotency-Key when key is set.
func (c client) uploadRequest(path, key string, parts ...part) *http.Request {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		if p.file != "" {
			w, _ := mw.CreateFormFile(p.name, p.file)
			io.WriteString(w, p.body)
		} else {
			mw.WriteField(p.name, p.body)
		}
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+c.token)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	return req
}

// send sends a request and decodes the JSON answer; errors are returned,
// so that other goroutines may call it.
func send(req *http.Request) (int, map[string]any, error) {
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out := map[string]any{}
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out); len(raw) > 0 && err != nil {
		return res.StatusCode, nil, fmt.Errorf("not JSON: %s", raw)
	}
	return res.StatusCode, out, nil
}

// upload sends a multipart upload and decodes the answer.
func (c client) upload(path, key string, parts ...part) (int, map[string]any) {
	c.t.Helper()
	status, body, err := send(c.uploadRequest(path, key, parts...))
	if err != nil {
		c.t.Fatal(err)
	}
	return status, body
}

// download GETs path and returns the answer with its whole body.
func (c client) download(path string) (*http.Response, []byte) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// assetAs creates an asset through core (not the API) as u.
func assetAs(t testing.TB, f *coretest.Fixture, u coretest.User, title, kind string, vis duet.Visibility) duet.Asset {
	t.Helper()
	a, err := f.Svc.CreateAsset(context.Background(), u.Actor, f.WS.ID, duet.AssetCreate{Title: title, Kind: kind, DRI: "role:content-lead",
		Visibility: vis}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// inReviewAs creates an asset of kind other (copy review, then the
// partner's sign-off; copy only when kept to the host) through core,
// with a link as version 1 sent to review.
func inReviewAs(t testing.TB, f *coretest.Fixture, title string, vis duet.Visibility) duet.Asset {
	t.Helper()
	ctx := context.Background()
	a := assetAs(t, f, f.HostMember, title, duet.AssetOther, vis)
	if _, _, err := f.Svc.AddVersion(ctx, f.HostMember.Actor, f.WS.ID, a.ID, core.VersionUpload{VersionCreate: duet.VersionCreate{
		Link: "https://docs.google.com/document/d/" + a.ID, RequestReview: true}}); err != nil {
		t.Fatal(err)
	}
	return a
}

// approveAs has every step of an asset of kind other approve version n.
func approveAs(t testing.TB, f *coretest.Fixture, a duet.Asset, n int) {
	t.Helper()
	for _, st := range a.Steps {
		u := map[string]coretest.User{"copy": f.HostMember, "partner-signoff": f.Partner}[st.Key]
		if _, err := f.Svc.ReviewAsset(context.Background(), u.Actor, f.WS.ID, a.ID, duet.ReviewAct{Step: st.Key, Verdict: duet.VerdictApprove, Version: n}); err != nil {
			t.Fatal(err)
		}
	}
}

// stored counts the files in the upload store: committed ones, and
// staged ones left behind.
func stored(t testing.TB, dir string) (blobs, staged int) {
	t.Helper()
	count := func(sub string) int {
		n := 0
		filepath.WalkDir(filepath.Join(dir, sub), func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
	return count("blobs"), count("tmp")
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// assetMatrix is the authorization matrix of the asset routes. An asset
// kept to the host side is 404 for the partner on every route; only the
// owning side changes an asset and adds versions (guests do not); a
// review step is given by a holder of its role on its side. The files
// are uploaded through the API, whose file store is its own.
func assetMatrix(t *testing.T, f *coretest.Fixture, host client) []matrixRow {
	w := "/api/v1/workspaces/" + f.WS.ID
	shared := inReviewAs(t, f, "Matrix one-pager", duet.VisShared)
	hostOnly := inReviewAs(t, f, "Matrix pricing sheet", duet.VisHost)
	for _, a := range []duet.Asset{shared, hostOnly} {
		if status, body := host.upload(w+"/assets/"+a.ID+"/versions", "", field("request_review", "true"), file("sheet.pdf", pdf)); status != 201 {
			t.Fatalf("upload for the matrix: %d %v", status, body)
		}
		approveAs(t, f, a, 2)
	}
	var n atomic.Int64
	create := func() any {
		return map[string]any{"title": fmt.Sprintf("Asset %d", n.Add(1)), "kind": "other", "dri": "role:partner-marketing-lead"}
	}
	patch := func(a duet.Asset) func() any {
		return func() any {
			d, err := f.Svc.Asset(context.Background(), f.Admin.Actor, f.WS.ID, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			return map[string]any{"version": d.Asset.Version, "title": fmt.Sprintf("Matrix asset %d", n.Add(1))}
		}
	}
	link := func() any {
		return map[string]string{"link": fmt.Sprintf("https://docs.google.com/document/d/%d", n.Add(1))}
	}
	inReview := func(vis duet.Visibility) func() string {
		return func() string { return w + "/assets/" + inReviewAs(t, f, "Fresh review", vis).ID + "/reviews" }
	}
	draft := func(vis duet.Visibility) func() string {
		return func() string {
			a := assetAs(t, f, f.HostMember, "Fresh draft", duet.AssetOther, vis)
			if _, _, err := f.Svc.AddVersion(context.Background(), f.HostMember.Actor, f.WS.ID, a.ID, core.VersionUpload{
				VersionCreate: duet.VersionCreate{Link: "https://docs.google.com/document/d/draft"}}); err != nil {
				t.Fatal(err)
			}
			return w + "/assets/" + a.ID + "/review-request"
		}
	}
	s, h := w+"/assets/"+shared.ID, w+"/assets/"+hostOnly.ID
	review := map[string]any{"step": "copy", "verdict": "approve", "version": 1}
	return []matrixRow{
		{method: "GET", path: w + "/assets", pattern: "GET /api/v1/workspaces/{id}/assets", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/assets", body: create, pattern: "POST /api/v1/workspaces/{id}/assets", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "GET", path: s, pattern: "GET /api/v1/workspaces/{id}/assets/{asset}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: h, pattern: "GET /api/v1/workspaces/{id}/assets/{asset}", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "GET", path: w + "/assets/nope", pattern: "GET /api/v1/workspaces/{id}/assets/{asset}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "PATCH", path: s, body: patch(shared), pattern: "PATCH /api/v1/workspaces/{id}/assets/{asset}", want: []int{401, 200, 200, 403, 403, 404}},
		{method: "PATCH", path: h, body: patch(hostOnly), pattern: "PATCH /api/v1/workspaces/{id}/assets/{asset}", want: []int{401, 200, 200, 404, 403, 404}},
		{method: "GET", path: s + "/versions", pattern: "GET /api/v1/workspaces/{id}/assets/{asset}/versions", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: h + "/versions", pattern: "GET /api/v1/workspaces/{id}/assets/{asset}/versions", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "POST", path: s + "/versions", body: link, pattern: "POST /api/v1/workspaces/{id}/assets/{asset}/versions", want: []int{401, 201, 201, 403, 403, 404}},
		{method: "POST", path: h + "/versions", body: link, pattern: "POST /api/v1/workspaces/{id}/assets/{asset}/versions", want: []int{401, 201, 201, 404, 403, 404}},
		{method: "GET", path: s + "/versions/2/file", stream: true, pattern: "GET /api/v1/workspaces/{id}/assets/{asset}/versions/{version}/file", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: h + "/versions/2/file", stream: true, pattern: "GET /api/v1/workspaces/{id}/assets/{asset}/versions/{version}/file", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "GET", path: s + "/versions/1/file", stream: true, pattern: "GET /api/v1/workspaces/{id}/assets/{asset}/versions/{version}/file", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "GET", path: s + "/ships", stream: true, pattern: "GET /api/v1/workspaces/{id}/assets/{asset}/ships", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: h + "/ships", stream: true, pattern: "GET /api/v1/workspaces/{id}/assets/{asset}/ships", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "POST", fresh: draft(duet.VisShared), body: map[string]int{"version": 1}, pattern: "POST /api/v1/workspaces/{id}/assets/{asset}/review-request", want: []int{401, 200, 200, 403, 403, 404}},
		{method: "POST", fresh: draft(duet.VisHost), body: map[string]int{"version": 1}, pattern: "POST /api/v1/workspaces/{id}/assets/{asset}/review-request", want: []int{401, 200, 200, 404, 403, 404}},
		// The copy review is the host's Content Lead's: the host member.
		{method: "POST", fresh: inReview(duet.VisShared), body: review, pattern: "POST /api/v1/workspaces/{id}/assets/{asset}/reviews", want: []int{401, 403, 200, 403, 403, 404}},
		{method: "POST", fresh: inReview(duet.VisHost), body: review, pattern: "POST /api/v1/workspaces/{id}/assets/{asset}/reviews", want: []int{401, 403, 200, 404, 403, 404}},
	}
}

// TestAssetFlow: an asset created, a link and then a file uploaded as
// versions, sent to review with the upload, reviewed in turn by both
// sides into the version that ships, which downloads with the headers of
// an attachment; listed with filters, changed at its version.
func TestAssetFlow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID

		status, created := host.do("POST", w+"/assets", map[string]any{"title": "Launch one-pager", "kind": "other", "dri": "role:content-lead",
			"due_on": "2026-12-01", "tags": []string{"launch", "Webinar"}})
		if status != 201 || created["number"] != 1.0 || created["status"] != "draft" || created["side"] != "host" || created["visibility"] != "shared" ||
			created["current_version"] != 0.0 || created["latest"] != nil || created["shipping"] != nil || created["due_on"] != "2026-12-01" ||
			fmt.Sprint(created["tags"]) != "[launch webinar]" || created["version"] != 1.0 {
			t.Fatalf("create: %d %v", status, created)
		}
		if dri := created["dri"].(map[string]any); dri["role_key"] != "content-lead" || dri["name"] != f.HostMember.Name || dri["unfilled"] != false {
			t.Errorf("dri = %v", dri)
		}
		if steps := list(created, "steps"); len(steps) != 2 || steps[0]["key"] != "copy" || steps[0]["side"] != "host" || steps[0]["state"] != "pending" ||
			steps[0]["version"] != nil || steps[1]["key"] != "partner-signoff" || steps[1]["side"] != "partner" || steps[1]["stage"] != 1.0 {
			t.Errorf("steps = %v", steps)
		}
		asset := created["url"].(string)
		if asset != w+"/assets/"+created["id"].(string) {
			t.Errorf("url = %s", asset)
		}

		// Version 1 is a link, version 2 a file sent to review with it.
		status, v1 := host.do("POST", asset+"/versions", map[string]any{"link": "https://docs.google.com/document/d/brief", "note": "The outline."})
		if status != 201 || v1["number"] != 1.0 || v1["file"] != nil || v1["link"] != "https://docs.google.com/document/d/brief" ||
			v1["fingerprint"] != "https://docs.google.com/document/d/brief" || v1["note"] != "The outline." || v1["approved_at"] != nil {
			t.Fatalf("link version: %d %v", status, v1)
		}
		content := pdf + "% the designed one-pager\n"
		status, v2 := host.upload(asset+"/versions", "", field("note", "Designed."), field("request_review", "true"), file("Q1 launch brief.pdf", content))
		if status != 201 || v2["number"] != 2.0 || v2["link"] != nil || v2["note"] != "Designed." || v2["fingerprint"] != "sha256:"+sum(content) {
			t.Fatalf("file version: %d %v", status, v2)
		}
		fileOf := v2["file"].(map[string]any)
		if fileOf["name"] != "Q1 launch brief.pdf" || fileOf["content_type"] != "application/pdf" || fileOf["size"] != float64(len(content)) ||
			fileOf["sha256"] != sum(content) || fileOf["url"] != asset+"/versions/2/file" {
			t.Errorf("file = %v", fileOf)
		}
		if by := v2["by"].(map[string]any); by["name"] != f.HostMember.Name || by["side"] != "host" {
			t.Errorf("by = %v", by)
		}
		_, got := partner.do("GET", asset, nil)
		if got["status"] != "in_review" || got["current_version"] != 2.0 || got["latest"].(map[string]any)["number"] != 2.0 || got["shipping"] != nil ||
			fmt.Sprint(got["my_steps"]) != "[]" || got["can_edit"] != false {
			t.Fatalf("in review: %v", got)
		}

		// Out of turn, for the other side, without the role: refused.
		for _, c := range []refusal{
			{"the partner signs off before copy review", partner, "POST", asset + "/reviews", map[string]any{"step": "partner-signoff", "verdict": "approve", "version": 2}, 422, "invalid", "step"},
			{"the partner gives the host's copy review", partner, "POST", asset + "/reviews", map[string]any{"step": "copy", "verdict": "approve", "version": 2}, 403, "forbidden", ""},
			{"the admin without the Content Lead role", admin, "POST", asset + "/reviews", map[string]any{"step": "copy", "verdict": "approve", "version": 2}, 403, "forbidden", ""},
			{"a verdict on the old version", host, "POST", asset + "/reviews", map[string]any{"step": "copy", "verdict": "approve", "version": 1}, 409, "conflict", ""},
			{"changes without a comment", host, "POST", asset + "/reviews", map[string]any{"step": "copy", "verdict": "request_changes", "version": 2}, 422, "invalid", "comment"},
			{"a verdict that is neither", host, "POST", asset + "/reviews", map[string]any{"step": "copy", "verdict": "maybe", "version": 2}, 422, "invalid", "verdict"},
			{"no such step", host, "POST", asset + "/reviews", map[string]any{"step": "vibes", "verdict": "approve", "version": 2}, 422, "invalid", "step"},
			{"review requested twice", host, "POST", asset + "/review-request", map[string]int{"version": 2}, 409, "conflict", ""},
		} {
			c.check(t)
		}
		_, got = host.do("GET", asset, nil)
		if fmt.Sprint(got["my_steps"]) != "[copy]" || got["can_edit"] != true || len(list(got, "trail")) != 0 {
			t.Fatalf("the host member's view: %v", got)
		}
		status, reviewed := host.do("POST", asset+"/reviews", map[string]any{"step": "copy", "verdict": "approve", "comment": "Reads well.", "version": 2})
		copyStep := list(reviewed, "steps")[0]
		if status != 200 || reviewed["status"] != "in_review" || copyStep["state"] != "approved" || copyStep["version"] != 2.0 ||
			copyStep["comment"] != "Reads well." || copyStep["at"] != "2026-11-16T14:00:04Z" ||
			copyStep["by"].(map[string]any)["side"] != "host" || reviewed["latest"].(map[string]any)["number"] != 2.0 {
			t.Fatalf("copy review: %d %v", status, reviewed)
		}
		status, approved := partner.do("POST", asset+"/reviews", map[string]any{"step": "partner-signoff", "verdict": "approve", "version": 2})
		ships, _ := approved["shipping"].(map[string]any)
		if status != 200 || approved["status"] != "approved" || ships == nil || ships["number"] != 2.0 || ships["approved_at"] != "2026-11-16T14:00:04Z" ||
			approved["latest"].(map[string]any)["approved_at"] != "2026-11-16T14:00:04Z" {
			t.Fatalf("sign-off: %d %v", status, approved)
		}
		_, page := partner.do("GET", asset, nil)
		trail := list(page, "trail")
		if len(trail) != 2 || trail[0]["step"] != "copy" || trail[0]["fingerprint"] != "sha256:"+sum(content) || trail[0]["comment"] != "Reads well." ||
			trail[1]["step"] != "partner-signoff" || trail[1]["by"].(map[string]any)["side"] != "partner" || trail[1]["version"] != 2.0 ||
			trail[1]["comment"] != nil {
			t.Errorf("trail = %v", trail)
		}
		if vs := list(page, "versions"); len(vs) != 2 || vs[0]["number"] != 2.0 || vs[1]["number"] != 1.0 || len(list(page, "history")) != 5 {
			t.Errorf("versions %v, history %v", vs, page["history"])
		}
		if _, vs := partner.do("GET", asset+"/versions", nil); len(list(vs, "versions")) != 2 || list(vs, "versions")[0]["id"] != v2["id"] {
			t.Errorf("versions: %v", vs)
		}

		// The version that ships, and version 2 by number, download as
		// attachments with the exact bytes; a link has no file.
		for _, path := range []string{asset + "/ships", asset + "/versions/2/file"} {
			res, body := partner.download(path)
			want := map[string]string{"Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="Q1 launch brief.pdf"`,
				"Content-Security-Policy": "sandbox", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
				"Content-Length": fmt.Sprint(len(content)), "ETag": `"` + sum(content) + `"`, "Last-Modified": "Mon, 16 Nov 2026 14:00:04 GMT"}
			for k, v := range want {
				if got := res.Header.Get(k); got != v {
					t.Errorf("%s: %s = %q, want %q", path, k, got, v)
				}
			}
			if res.StatusCode != 200 || string(body) != content {
				t.Errorf("%s: %d %q", path, res.StatusCode, body)
			}
		}
		// A broken download resumes with a range.
		req, _ := http.NewRequest("GET", e.url+asset+"/ships", nil)
		req.Header.Set("Authorization", "Bearer "+partner.token)
		req.Header.Set("Range", "bytes=4-")
		req.Header.Set("If-Range", `"`+sum(content)+`"`)
		if res, err := http.DefaultClient.Do(req); err != nil {
			t.Fatal(err)
		} else {
			rest, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 206 || string(rest) != content[4:] || res.Header.Get("Content-Security-Policy") != "sandbox" {
				t.Errorf("range: %d %q", res.StatusCode, rest)
			}
		}
		for _, path := range []string{asset + "/versions/1/file", asset + "/versions/3/file", asset + "/versions/two/file"} {
			if status, body := partner.do("GET", path, nil); status != 404 || errOf(body)["code"] != "not_found" {
				t.Errorf("%s: %d %v", path, status, body)
			}
		}

		// A draft after approval does not replace what ships; a file with
		// a name beyond ASCII downloads under that name.
		status, v3 := host.upload(asset+"/versions", "", file("Überblick.pdf", pdf+"% v3\n"))
		if status != 201 || v3["number"] != 3.0 {
			t.Fatalf("v3: %d %v", status, v3)
		}
		if res, _ := partner.download(asset + "/versions/3/file"); res.Header.Get("Content-Disposition") != `attachment; filename*=utf-8''%C3%9Cberblick.pdf` {
			t.Errorf("disposition %q", res.Header.Get("Content-Disposition"))
		}
		if res, body := partner.download(asset + "/ships"); string(body) != content || res.StatusCode != 200 {
			t.Errorf("a draft replaced the version that ships: %q", body)
		}
		_, got = partner.do("GET", asset, nil)
		if got["status"] != "draft" || got["shipping"].(map[string]any)["number"] != 2.0 || got["latest"].(map[string]any)["number"] != 3.0 {
			t.Errorf("after a draft: %v", got)
		}

		// Changes at the version read.
		status, patched := host.do("PATCH", asset, map[string]any{"version": got["version"], "title": "Launch one-pager (final)", "tags": []string{}, "due_on": ""})
		if status != 200 || patched["title"] != "Launch one-pager (final)" || fmt.Sprint(patched["tags"]) != "[]" || patched["due_on"] != nil ||
			patched["shipping"].(map[string]any)["number"] != 2.0 || patched["latest"].(map[string]any)["number"] != 3.0 {
			t.Fatalf("patch: %d %v", status, patched)
		}
		if status, body := host.do("PATCH", asset, map[string]any{"version": got["version"], "title": "Stale"}); status != 409 {
			t.Errorf("stale patch: %d %v", status, body)
		}

		// Filters.
		inReviewAs(t, f, "Newsletter copy", duet.VisShared)
		for query, want := range map[string]string{"": "Newsletter copy,Launch one-pager (final)", "?status=in_review": "Newsletter copy",
			"?status=approved": "", "?kind=other&side=host": "Newsletter copy,Launch one-pager (final)", "?side=partner": "",
			"?dri=role:content-lead&limit=1": "Newsletter copy", "?tag=launch": ""} {
			status, body := partner.do("GET", w+"/assets"+query, nil)
			var titles []string
			for _, a := range list(body, "assets") {
				titles = append(titles, a["title"].(string))
			}
			if status != 200 || strings.Join(titles, ",") != want {
				t.Errorf("assets%s: %d %v, want %s", query, status, titles, want)
			}
		}
		for _, c := range []refusal{
			{"an unknown status", partner, "GET", w + "/assets?status=done", nil, 422, "invalid", "status"},
			{"an unknown kind", partner, "GET", w + "/assets?kind=poster", nil, 422, "invalid", "kind"},
			{"an unknown side", partner, "GET", w + "/assets?side=both", nil, 422, "invalid", "side"},
			{"a DRI that is neither", partner, "GET", w + "/assets?dri=content-lead", nil, 422, "invalid", "dri"},
			{"a tag pattern", partner, "GET", w + "/assets?tag=%25", nil, 422, "invalid", "tag"},
			{"two tags", partner, "GET", w + "/assets?tag=a,b", nil, 422, "invalid", "tag"},
			{"a limit of 0", partner, "GET", w + "/assets?limit=0", nil, 422, "invalid", "limit"},
			{"a limit that is no number", partner, "GET", w + "/assets?limit=ten", nil, 400, "bad_request", "limit"},
		} {
			c.check(t)
		}
	})
}

// TestUploadIdempotency: the same upload retried with one
// Idempotency-Key makes one version, answered 201 the first time and 200
// after; ten at once all name the same version, and one of them is 201.
func TestUploadIdempotency(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host := e.as(tokenOf(t, f, f.HostMember.Email))
		versions := "/api/v1/workspaces/" + f.WS.ID + "/assets/" + assetAs(t, f, f.HostMember, "Webinar deck", duet.AssetWebinarDeck, duet.VisShared).ID + "/versions"

		status, first := host.upload(versions, "deck-upload-1", file("deck.pdf", pdf))
		if status != 201 || first["number"] != 1.0 {
			t.Fatalf("first: %d %v", status, first)
		}
		status, again := host.upload(versions, "deck-upload-1", file("deck.pdf", pdf))
		if status != 200 || !jsonEqual(again, first) {
			t.Fatalf("retry: %d %v, want 200 %v", status, again, first)
		}
		const n = 10
		statuses, ids, errs := make([]int, n), make([]any, n), make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				var body map[string]any
				statuses[i], body, errs[i] = send(host.uploadRequest(versions, "deck-upload-2", file("deck-v2.pdf", pdf+"% v2\n")))
				ids[i] = body["id"]
			})
		}
		wg.Wait()
		created := 0
		for i := range n {
			if errs[i] != nil || ids[i] == nil || ids[i] != ids[0] || (statuses[i] != 201 && statuses[i] != 200) {
				t.Fatalf("request %d: %d %v %v, want the version %v", i, statuses[i], ids[i], errs[i], ids[0])
			}
			if statuses[i] == 201 {
				created++
			}
		}
		if created != 1 {
			t.Errorf("%d answers of 201, want 1: %v", created, statuses)
		}
		if _, vs := host.do("GET", versions, nil); len(list(vs, "versions")) != 2 || list(vs, "versions")[0]["id"] != ids[0] {
			t.Errorf("versions: %v", vs)
		}
		if blobs, staged := stored(t, e.uploads); blobs != 2 || staged != 0 {
			t.Errorf("%d files stored and %d staged, want 2 and 0", blobs, staged)
		}
	})
}

// oversize sends an upload whose Content-Length is over the limit and no
// body at all, on a connection of its own: the answer must come without
// the server waiting for a byte of the body.
func oversize(t *testing.T, base, path, token string) (*http.Response, []byte) {
	t.Helper()
	u, _ := url.Parse(base)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n\r\n",
		path, u.Host, token, maxUpload+64<<10+1)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer before the body: %v", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// TestUploadRefusals: an upload over the limit (by its Content-Length,
// before anything is read, or as it streams), an HTML page named .png, a
// name with a path, a field after the file and the other malformed forms
// are refused naming the field, and nothing is stored.
func TestUploadRefusals(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, guest := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Guest.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		asset := w + "/assets/" + assetAs(t, f, f.HostMember, "Banner", duet.AssetAdCreative, duet.VisShared).ID
		versions := asset + "/versions"

		res, raw := oversize(t, e.url, versions, host.token)
		body := map[string]any{}
		json.Unmarshal(raw, &body)
		if res.StatusCode != 413 || errOf(body)["code"] != "too_large" || errOf(body)["field"] != "file" || !res.Close {
			t.Errorf("oversize Content-Length: %d close=%v %s", res.StatusCode, res.Close, raw)
		}
		// Without a Content-Length the stream is cut at the limit.
		big := host.uploadRequest(versions, "", file("banner.png", "\x89PNG\r\n\x1a\n"+strings.Repeat("x", maxUpload)))
		big.ContentLength = -1
		big.Body = io.NopCloser(big.Body)
		status, got, err := send(big)
		if err != nil || status != 413 || errOf(got)["field"] != "file" {
			t.Errorf("oversize stream: %d %v %v", status, got, err)
		}
		// A small file in a form padded beyond the limit around it meets
		// the cap on the whole body.
		padded := host.uploadRequest(versions, "", file("banner.png", "\x89PNG\r\n\x1a\n"))
		form, _ := io.ReadAll(padded.Body)
		padded.Body, padded.ContentLength = io.NopCloser(io.MultiReader(strings.NewReader(strings.Repeat("padding\r\n", (maxUpload+64<<10)/9+1)),
			bytes.NewReader(form))), -1
		if status, got, err := send(padded); err != nil || status != 413 || errOf(got)["code"] != "too_large" {
			t.Errorf("padded form: %d %v %v", status, got, err)
		}

		png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
		for _, c := range []struct {
			name   string
			client client
			key    string
			parts  []part
			status int
			field  string
		}{
			{"an HTML page named .png", host, "", []part{file("banner.png", "<!DOCTYPE html><html><script>alert(1)</script></html>")}, 422, "file"},
			{"a name with a path", host, "", []part{file("../../etc/banner.png", png)}, 422, "file"},
			{"a name with a Windows path", host, "", []part{file(`C:\banners\banner.png`, png)}, 422, "file"},
			{"a type Duet does not take", host, "", []part{file("banner.exe", "MZ")}, 422, "file"},
			{"an empty file", host, "", []part{file("banner.png", "")}, 422, "file"},
			{"no file", host, "", []part{field("note", "Where is it?")}, 422, "file"},
			{"a note after the file", host, "", []part{file("banner.png", png), field("note", "Too late.")}, 400, "note"},
			{"two files", host, "", []part{file("banner.png", png), file("banner2.png", png)}, 400, "file"},
			{"a field twice", host, "", []part{field("note", "a"), field("note", "b"), file("banner.png", png)}, 400, "note"},
			{"an unknown field", host, "", []part{field("owner", "me"), file("banner.png", png)}, 400, "owner"},
			{"request_review that is no boolean", host, "", []part{field("request_review", "yes"), file("banner.png", png)}, 400, "request_review"},
			{"a note too long", host, "", []part{field("note", strings.Repeat("n", duet.MaxNote+1)), file("banner.png", png)}, 422, "note"},
			{"a note far too long", host, "", []part{field("note", strings.Repeat("n", 20<<10)), file("banner.png", png)}, 422, "note"},
			{"an Idempotency-Key too long", host, strings.Repeat("k", 201), []part{file("banner.png", png)}, 422, "Idempotency-Key"},
			{"a guest uploads", guest, "", []part{file("banner.png", png)}, 403, ""},
			{"the partner uploads to a host asset", partner, "", []part{file("banner.png", png)}, 403, ""},
		} {
			status, body := c.client.upload(versions, c.key, c.parts...)
			er := errOf(body)
			field, _ := er["field"].(string)
			if status != c.status || field != c.field || er["message"] == nil {
				t.Errorf("%s: %d %v, want %d naming %q", c.name, status, body, c.status, c.field)
			}
		}
		for _, c := range []refusal{
			{"a link that is not https", host, "POST", versions, map[string]string{"link": "javascript:alert(1)"}, 422, "invalid", "link"},
			{"an unknown field", host, "POST", versions, map[string]string{"link": "https://docs.google.com/x", "file": "x.pdf"}, 400, "bad_request", "file"},
		} {
			c.check(t)
		}
		req, _ := http.NewRequest("POST", e.url+versions, strings.NewReader(pdf))
		req.Header.Set("Authorization", "Bearer "+host.token)
		req.Header.Set("Content-Type", "application/pdf")
		if status, body, _ := send(req); status != 400 || errOf(body)["field"] != "Content-Type" {
			t.Errorf("a raw body: %d %v", status, body)
		}

		// Nothing was saved, and no file is left in the store.
		if _, got := host.do("GET", asset, nil); got["current_version"] != 0.0 || len(list(got, "versions")) != 0 {
			t.Errorf("refused uploads made versions: %v", got)
		}
		if blobs, staged := stored(t, e.uploads); blobs != 0 || staged != 0 {
			t.Errorf("refused uploads left %d files and %d staged", blobs, staged)
		}

		// A key already used for another asset's version is refused.
		other := w + "/assets/" + assetAs(t, f, f.HostMember, "Other banner", duet.AssetAdCreative, duet.VisShared).ID + "/versions"
		if status, _ := host.upload(other, "banner-1", file("banner.png", png)); status != 201 {
			t.Fatalf("upload to the other asset: %d", status)
		}
		if status, body := host.upload(versions, "banner-1", file("banner.png", png)); status != 422 || errOf(body)["field"] != "Idempotency-Key" {
			t.Errorf("a key used for another asset: %d %v", status, body)
		}
	})
}

// TestHostOnlyAssetStaysWithTheHost: an asset kept to the host side is
// 404 for the partner on every route, and absent from the list.
func TestHostOnlyAssetStaysWithTheHost(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		a := assetAs(t, f, f.HostMember, "Pricing sheet", duet.AssetOther, duet.VisHost)
		asset := w + "/assets/" + a.ID
		if status, body := host.upload(asset+"/versions", "", field("request_review", "true"), file("pricing.pdf", pdf)); status != 201 {
			t.Fatalf("upload: %d %v", status, body)
		}
		approveAs(t, f, a, 1)
		if res, _ := host.download(asset + "/ships"); res.StatusCode != 200 {
			t.Fatalf("the host downloads what ships: %d", res.StatusCode)
		}
		for _, c := range []refusal{
			{"get", partner, "GET", asset, nil, 404, "not_found", ""},
			{"versions", partner, "GET", asset + "/versions", nil, 404, "not_found", ""},
			{"file", partner, "GET", asset + "/versions/1/file", nil, 404, "not_found", ""},
			{"ships", partner, "GET", asset + "/ships", nil, 404, "not_found", ""},
			{"reviews", partner, "POST", asset + "/reviews", map[string]any{"step": "copy", "verdict": "approve", "version": 1}, 404, "not_found", ""},
			{"review request", partner, "POST", asset + "/review-request", map[string]int{"version": 1}, 404, "not_found", ""},
			{"patch", partner, "PATCH", asset, map[string]any{"version": 1, "title": "Ours"}, 404, "not_found", ""},
			{"link version", partner, "POST", asset + "/versions", map[string]string{"link": "https://docs.google.com/x"}, 404, "not_found", ""},
		} {
			c.check(t)
		}
		if status, body := partner.upload(asset+"/versions", "", file("pricing.pdf", pdf)); status != 404 || errOf(body)["code"] != "not_found" {
			t.Errorf("upload: %d %v", status, body)
		}
		if _, all := partner.do("GET", w+"/assets", nil); len(list(all, "assets")) != 0 {
			t.Errorf("the partner lists %v", all)
		}
		if _, got := host.do("GET", asset, nil); len(list(got, "versions")) != 1 {
			t.Errorf("the partner's upload was saved: %v", got)
		}
	})
}

// TestUploadAtTheLimit: a file of exactly the limit is accepted; the
// limit is on the file, not on the form around it.
func TestUploadAtTheLimit(t *testing.T) {
	e := serve(t, "sqlite")
	f := e.f
	host := e.as(tokenOf(t, f, f.HostMember.Email))
	versions := "/api/v1/workspaces/" + f.WS.ID + "/assets/" + assetAs(t, f, f.HostMember, "Poster", duet.AssetAdCreative, duet.VisShared).ID + "/versions"
	content := "\x89PNG\r\n\x1a\n" + strings.Repeat("x", maxUpload-8)
	status, v := host.upload(versions, "", file("poster.png", content))
	if status != 201 || v["file"].(map[string]any)["size"] != float64(maxUpload) {
		t.Fatalf("a file of the limit: %d %v", status, v)
	}
	if blobs, staged := stored(t, e.uploads); blobs != 1 || staged != 0 {
		t.Errorf("%d files stored and %d staged, want 1 and 0", blobs, staged)
	}
}

// TestSlowUpload: an upload may take longer than the server's read and
// write timeouts, which are for small bodies; a slow JSON request is
// still cut off by them.
func TestSlowUpload(t *testing.T) {
	e := serveWith(t, "sqlite", func(s *http.Server) { s.ReadTimeout, s.WriteTimeout = 300*time.Millisecond, 300*time.Millisecond })
	f := e.f
	host := e.as(tokenOf(t, f, f.HostMember.Email))
	w := "/api/v1/workspaces/" + f.WS.ID
	versions := w + "/assets/" + assetAs(t, f, f.HostMember, "Slow deck", duet.AssetWebinarDeck, duet.VisShared).ID + "/versions"
	trickle := func(req *http.Request) (int, map[string]any, error) {
		all, _ := io.ReadAll(req.Body)
		pr, pw := io.Pipe()
		go func() {
			for i := 0; i < len(all); i += len(all)/8 + 1 {
				time.Sleep(100 * time.Millisecond) // 900 ms in all, three times the timeouts
				pw.Write(all[i:min(i+len(all)/8+1, len(all))])
			}
			time.Sleep(100 * time.Millisecond)
			pw.Close()
		}()
		req.Body, req.ContentLength = pr, -1
		return send(req)
	}
	status, v, err := trickle(host.uploadRequest(versions, "", field("note", "Slowly."), file("deck.pdf", pdf+strings.Repeat("% slide\n", 64))))
	if err != nil || status != 201 || v["note"] != "Slowly." {
		t.Fatalf("a slow upload: %d %v %v", status, v, err)
	}
	req, _ := http.NewRequest("POST", e.url+w+"/assets", strings.NewReader(`{"title": "Slow", "kind": "other", "dri": "role:content-lead"}`))
	req.Header.Set("Authorization", "Bearer "+host.token)
	if status, _, err := trickle(req); err == nil && status == 201 {
		t.Errorf("a slow JSON request outlived the server's timeouts")
	}
}
