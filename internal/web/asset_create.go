package web

import (
	"net/http"
	"net/url"

	"duet/internal/core"
	"duet/internal/duet"
)

// assetCreate serves POST /w/{ws}/assets: a new asset owned by the
// viewer's side, with its first version when a file or a link comes with
// it, sent to review at once when asked. The form is multipart with the
// file last; its text fields are read first and the file streams to the
// file store.
func (s *server) assetCreate(w http.ResponseWriter, r *http.Request) {
	up, err := s.readUpload(w, r)
	if err != nil {
		s.assetCreateFailed(w, r, AssetForm{Kind: duet.AssetEbook, Visibility: string(duet.VisShared)}, err)
		return
	}
	f := assetFormOf(up.fields)
	var first *core.VersionUpload
	// Asking for review without a version lets core say that one is
	// needed.
	if up.file != nil || f.Link != "" || f.RequestReview {
		first = &core.VersionUpload{VersionCreate: duet.VersionCreate{FileName: up.fileName, Link: f.Link, Note: f.Note,
			RequestReview: f.RequestReview}, Body: up.file}
	}
	in := duet.AssetCreate{Title: f.Title, Kind: f.Kind, DRI: f.DRI, DueOn: f.DueOn, Visibility: duet.Visibility(f.Visibility), Tags: f.Tags}
	as, err := s.svc.CreateAsset(r.Context(), actorOf(r), r.PathValue("ws"), in, first)
	if err != nil {
		s.assetCreateFailed(w, r, f, err)
		return
	}
	http.Redirect(w, r, assetURL(r.PathValue("ws"), as.ID), http.StatusSeeOther)
}

// assetFormOf reads the asset forms' text fields.
func assetFormOf(v url.Values) AssetForm {
	return AssetForm{Title: v.Get("title"), Kind: v.Get("kind"), DRI: v.Get("dri"), DueOn: v.Get("due_on"), Tags: v.Get("tags"),
		Visibility: v.Get("visibility"), Share: v.Get("share") != "", Link: v.Get("link"), Note: v.Get("note"),
		RequestReview: v.Get("request_review") != ""}
}

// assetCreateFailed shows the form again with the error at its field.
// Anything not the user's to fix is an error page.
func (s *server) assetCreateFailed(w http.ResponseWriter, r *http.Request, f AssetForm, err error) {
	fe, ok := formError(err, assetFields...)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	s.showAssetNew(w, r, v, duet.HTTPStatus(err), f, fe)
}
