package web

import (
	"net/http"
	"strings"

	"duet/internal/duet"
)

// AssetsPage is the approval folder: every asset the viewer may see, as
// filtered, each with its review progress and the version that ships.
type AssetsPage struct {
	Base
	WS        string
	Filter    AssetFilterView
	Cards     []AssetCard
	Count     string
	CanCreate bool
}

// AssetFilterView is the folder's filter form, which works as a plain
// GET form.
type AssetFilterView struct {
	Action   string
	Form     duet.AssetFilter
	Err      FormError
	Statuses []Option
	Kinds    []Option
	Sides    []Option
	DRI      DRIChoice
	Active   bool // some filter is set
}

// assetFilterFields are the filter's inputs, named as core names them.
var assetFilterFields = []string{"status", "kind", "side", "dri", "tag"}

// assetList serves GET /w/{ws}/assets: the approval folder, filtered by
// status, kind, owning side, DRI and tag.
func (s *server) assetList(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := duet.AssetFilter{Status: q.Get("status"), Kind: q.Get("kind"), Side: duet.Side(q.Get("side")), DRI: q.Get("dri"),
		Tag: strings.TrimPrefix(strings.ToLower(strings.TrimSpace(q.Get("tag"))), "#")}
	p := &AssetsPage{WS: v.d.ID, CanCreate: !v.guest()}
	p.Filter = AssetFilterView{Action: assetsURL(v.d.ID), Form: f, Statuses: statusOptions(f.Status),
		Kinds: kindOptionsOf(Option{Value: "", Label: "Any kind"}, f.Kind), Sides: v.sideOptions(string(f.Side)),
		DRI: v.driChoice("filter-dri", f.DRI, ""), Active: f != duet.AssetFilter{}}
	status := http.StatusOK
	assets, err := s.svc.Assets(r.Context(), actorOf(r), v.d.ID, f)
	if err != nil {
		fe, ok := formError(err, assetFilterFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		p.Filter.Err, status = fe, duet.HTTPStatus(err)
	}
	for _, a := range assets {
		p.Cards = append(p.Cards, v.assetCard(a))
	}
	p.Count = plural(len(p.Cards), "asset", "assets")
	if p.Filter.Active {
		p.Count = plural(len(p.Cards), "asset matches", "assets match") + " the filter"
	}
	nav, bell, err := s.frame(r, v, "assets", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Assets · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "asset_list", p)
}
