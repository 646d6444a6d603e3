package web

import (
	"net/http"
	"testing"

	"duet/internal/core"
	"duet/internal/duet"
)

func TestAssetShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		a := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Data pipelines at scale", DueOn: "2026-12-04", Tags: "ebook, launch"},
			file("pipelines.pdf", pdfFile))
		addVersion(t, f, f.HostMember, a.ID, &core.VersionUpload{VersionCreate: duet.VersionCreate{Link: "https://drive.google.com/file/d/x", Note: "Moved to Drive."}})
		path := ws + "/assets/" + a.ID

		r := e.get(path, e.as(f.HostMember))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "A-1", "<h1 class=\"asset-title\">Data pipelines at scale</h1>", "Ebook / whitepaper", "Hostco", "Content Lead",
			"Fri 4 Dec 2026", "#ebook", "#launch", `<span class="astatus astatus-draft">`,
			// The steps in order, nothing shipping, the versions newest first.
			"Copy review", "Design review", "Legal review", "Partner sign-off", "Not requested yet", "Nothing ships yet",
			`id="v2"`, "Google Drive", "Moved to Drive.", `id="v1"`, "pipelines.pdf", "45 bytes · PDF", path+"/versions/1/download",
			// History, the edit and upload forms for the asset's side.
			"added “Data pipelines at scale” (Ebook / whitepaper)", "uploaded version 2", "Edit asset", "Upload a new version",
			`aria-current="page">Assets</a>`, `name="version" value="`)
		// The partner reads it, reviews later, and edits nothing.
		p := e.get(path, e.as(f.Partner))
		p.wantStatus(t, http.StatusOK)
		p.wantBody(t, "Data pipelines at scale", "Hostco owns this asset: only they upload versions and edit it.")
		p.wantNoBody(t, "Edit asset", "Upload a new version")

		// A host-only asset is not there for the partner or anyone outside.
		secret := hostAsset(t, f, "Margin sheet", file("margins.pdf", pdfFile))
		e.get(ws+"/assets/"+secret.ID, e.as(f.Guest)).wantBody(t, "Margin sheet", `<span class="badge badge-host">Hostco only</span>`)
		for _, u := range []string{e.as(f.Partner), e.as(f.Stranger)} {
			nf := e.get(ws+"/assets/"+secret.ID, u)
			nf.wantStatus(t, http.StatusNotFound)
			nf.wantNoBody(t, "Margin sheet", "margins.pdf")
		}
		e.get(ws+"/assets/nope", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
		e.get(path, "").wantRedirect(t, "/login?next=%2Fw%2F"+f.WS.ID+"%2Fassets%2F"+a.ID)
	})
}
