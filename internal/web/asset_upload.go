package web

import (
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// assetUpload serves POST /w/{ws}/assets/{asset}/versions: a new version,
// a file or a link, from the asset's own side. The form is multipart
// with the file last; its text fields are read first and the file
// streams to the file store. It carries an idempotency key, so a form
// sent twice makes one version.
func (s *server) assetUpload(w http.ResponseWriter, r *http.Request) {
	up, err := s.readUpload(w, r)
	var f VersionForm
	if err == nil {
		pf := up.fields
		f = VersionForm{Link: pf.Get("link"), Note: pf.Get("note"), RequestReview: pf.Get("request_review") != "",
			ResetFrom: pf.Get("reset_from"), Key: pf.Get("idempotency_key")}
		in := core.VersionUpload{VersionCreate: duet.VersionCreate{FileName: up.fileName, Link: f.Link, Note: f.Note,
			RequestReview: f.RequestReview, ResetFrom: f.ResetFrom, IdempotencyKey: f.Key}, Body: up.file}
		if _, _, err = s.svc.AddVersion(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("asset"), in); err == nil {
			http.Redirect(w, r, assetURL(r.PathValue("ws"), r.PathValue("asset"))+"#versions", http.StatusSeeOther)
			return
		}
	}
	s.assetFailed(w, r, err, versionFields, func(v *viewer, p *AssetPage, fe FormError) {
		if !p.CanEdit {
			p.Review.Err = fe
			return
		}
		// The form keeps what was typed, under a new key: nothing was
		// made with the old one.
		f.Key = p.Upload.Form.Key
		p.Upload.Form, p.Upload.Err = f, fe
		for i := range p.Upload.Reset {
			p.Upload.Reset[i].Selected = p.Upload.Reset[i].Value == f.ResetFrom
		}
	})
}
