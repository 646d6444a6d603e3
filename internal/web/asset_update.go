package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// assetUpdate serves POST /w/{ws}/assets/{asset}: the asset's title, DRI,
// approval due date and tags, sent with the version they were edited
// from; a side-only asset may be shared with the other side, which adds
// that side's review steps. Only the asset's own side edits it.
func (s *server) assetUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	f := assetFormOf(r.PostForm)
	f.Version, _ = strconv.Atoi(r.PostForm.Get("version"))
	in := duet.AssetUpdate{Version: f.Version, Title: &f.Title, DRI: &f.DRI, DueOn: &f.DueOn, Tags: &f.Tags}
	if f.Share {
		shared := duet.VisShared
		in.Visibility = &shared
	}
	if _, err := s.svc.UpdateAsset(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("asset"), in); err != nil {
		s.assetFailed(w, r, err, assetFields, func(v *viewer, p *AssetPage, fe FormError) {
			if !p.CanEdit {
				p.Review.Err = fe
				return
			}
			// After a conflict the form keeps what was typed and carries
			// the version now shown.
			f.Version, f.Visibility = p.Edit.Form.Version, p.Edit.Form.Visibility
			p.Edit.Form, p.Edit.Err, p.Edit.Open = f, fe, true
			p.Edit.DRI = v.driChoice(p.Edit.DRI.ID, f.DRI, fe.For("dri"))
			p.Edit.Conflict = duet.ErrorKind(err) == duet.EConflict
		})
		return
	}
	http.Redirect(w, r, assetURL(r.PathValue("ws"), r.PathValue("asset")), http.StatusSeeOther)
}
