package web

import (
	"crypto/rand"
	"net/http"

	"duet/internal/duet"
)

// AssetPage is one asset: what it is, the version that ships with its
// approval trail, the review steps with the viewer's forms, the
// versions, where it publishes, its history, and for its own side the
// upload and edit forms. Each part an event changes is a region of its
// own; the upload and edit forms are not, so that a live update never
// throws away a chosen file or what is being typed.
type AssetPage struct {
	Base
	WS       string
	A        AssetHead
	Ships    ShipsPanel
	Review   ReviewPanel
	Versions VersionsPanel
	Calendar CalendarPanel
	Timeline TimelinePanel
	CanEdit  bool
	Upload   UploadForm
	Edit     AssetEditForm
	// Hint tells a viewer who cannot change the asset why.
	Hint string
}

// assetShow serves GET /w/{ws}/assets/{asset}.
func (s *server) assetShow(w http.ResponseWriter, r *http.Request) {
	v, p, err := s.assetPageOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showAsset(w, r, v, http.StatusOK, p)
}

// assetPageOf loads the viewer and lays out the page of the asset the
// path names.
func (s *server) assetPageOf(r *http.Request) (*viewer, *AssetPage, error) {
	v, err := s.viewerOf(r)
	if err != nil {
		return nil, nil, err
	}
	ad, err := s.svc.Asset(r.Context(), actorOf(r), v.d.ID, r.PathValue("asset"))
	if err != nil {
		return nil, nil, err
	}
	policy, err := s.resetPolicy(v)
	if err != nil {
		return nil, nil, err
	}
	p := v.assetPage(ad, policy, uploadLimit(s.svc.MaxUpload()))
	p.Hint = v.assetHint(ad.Asset)
	return v, p, nil
}

// resetPolicy is what a new version resets in this workspace, from its
// template: the upload form asks which step a change concerns only when
// approvals before it can be kept.
func (s *server) resetPolicy(v *viewer) (string, error) {
	t, err := s.svc.Template(v.d.TemplateKey)
	if err != nil {
		return "", err
	}
	return t.Assets.ResetPolicy(), nil
}

// showAsset renders the asset's page around p.
func (s *server) showAsset(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *AssetPage) {
	nav, bell, err := s.frame(r, v, "assets", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: p.A.Ref + " " + p.A.Title + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "asset_show", p)
}

// assetDone answers an action on an asset that worked: htmx gets every
// live region of the page as it is now, swapped in out of band; a plain
// form post goes to the asset's page at anchor.
func (s *server) assetDone(w http.ResponseWriter, r *http.Request, anchor string) {
	if !wantsFragment(r) {
		http.Redirect(w, r, assetURL(r.PathValue("ws"), r.PathValue("asset"))+anchor, http.StatusSeeOther)
		return
	}
	_, p, err := s.assetPageOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.fragment(w, r, http.StatusOK, "asset-regions", p.outOfBand())
}

// assetFailed shows the asset again after core refused an action: with
// the error and what was typed set on the page by mark, as live regions
// for htmx and as the whole page otherwise. A refusal because of the
// viewer's role is shown like invalid input; anything hidden stays a 404
// page.
func (s *server) assetFailed(w http.ResponseWriter, r *http.Request, err error, fields []string, mark func(*viewer, *AssetPage, FormError)) {
	fe, ok := actionError(err, fields...)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, p, perr := s.assetPageOf(r)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	mark(v, p, fe)
	if wantsFragment(r) {
		s.fragment(w, r, duet.HTTPStatus(err), "asset-regions", p.outOfBand())
		return
	}
	s.showAsset(w, r, v, duet.HTTPStatus(err), p)
}

// outOfBand marks every live region to be swapped in where it is on the
// page, whichever form was sent.
func (p *AssetPage) outOfBand() *AssetPage {
	p.A.OOB, p.Ships.OOB, p.Review.OOB, p.Versions.OOB, p.Calendar.OOB, p.Timeline.OOB = true, true, true, true, true, true
	return p
}

// newFormKey is the idempotency key an upload form carries: a retried or
// doubly sent upload makes one version.
func newFormKey() string { return rand.Text() }
