package web

import (
	"net/http"

	"duet/internal/duet"
)

// AssetNewPage is the form for a new asset, with an optional first
// version: a file or a link.
type AssetNewPage struct {
	Base
	WS    string
	Form  AssetForm
	Err   FormError
	DRI   DRIChoice
	Kinds []Option
	Vis   []Option
	Limit UploadLimit
}

// assetNew serves GET /w/{ws}/assets/new. Guests review assets but do
// not add them.
func (s *server) assetNew(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if v.guest() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests review assets but do not add them."))
		return
	}
	s.showAssetNew(w, r, v, http.StatusOK, AssetForm{Kind: duet.AssetEbook, Visibility: string(duet.VisShared)}, FormError{})
}

// showAssetNew renders the new-asset form with what was typed.
func (s *server) showAssetNew(w http.ResponseWriter, r *http.Request, v *viewer, status int, f AssetForm, fe FormError) {
	nav, bell, err := s.frame(r, v, "assets", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &AssetNewPage{Base: Base{Title: "New asset · " + v.d.Name, Nav: nav, Bell: bell}, WS: v.d.ID, Form: f, Err: fe,
		DRI: v.driChoice("asset-dri", f.DRI, fe.For("dri")), Kinds: kindOptionsOf(Option{Value: "", Label: "Choose a kind…"}, f.Kind),
		Vis: visibilityOptions(v, f.Visibility), Limit: uploadLimit(s.svc.MaxUpload())}
	s.render(w, r, status, "asset_new", p)
}

// File is the form's file input, for the first version.
func (p *AssetNewPage) File() FileInput {
	return FileInput{ID: "asset-file", Limit: p.Limit, Err: p.Err.For("file")}
}
