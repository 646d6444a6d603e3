package web

import (
	"net/http"

	"duet/internal/duet"
)

// briefShow serves GET /w/{ws}/brief: the campaign brief as it is now,
// its sign-off and its history. A notice confirms what the viewer just
// saved or signed.
func (s *server) briefShow(w http.ResponseWriter, r *http.Request) {
	v, p, err := s.briefPageOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Notice = savedNotice(r.URL.Query(), "brief", p.Sign)
	s.showBrief(w, r, v, http.StatusOK, p)
}

// briefPageOf loads the viewer and lays out the brief.
func (s *server) briefPageOf(r *http.Request) (*viewer, *BriefPage, error) {
	v, err := s.viewerOf(r)
	if err != nil {
		return nil, nil, err
	}
	bv, err := s.svc.Brief(r.Context(), actorOf(r), v.d.ID)
	if err != nil {
		return nil, nil, err
	}
	return v, v.briefPage(bv), nil
}

// showBrief renders the brief's page around p.
func (s *server) showBrief(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *BriefPage) {
	nav, bell, err := s.frame(r, v, "brief", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Campaign brief · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "brief_show", p)
}

// briefFailed shows the brief again after core refused an action on it
// (signing, entering an actual), with the refusal next to the action by
// mark. A refusal because of the viewer's role is shown the same way;
// anything hidden stays a 404 page.
func (s *server) briefFailed(w http.ResponseWriter, r *http.Request, err error, mark func(*BriefPage, FormError)) {
	fe, ok := actionError(err, "value")
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, p, perr := s.briefPageOf(r)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	mark(p, fe)
	s.showBrief(w, r, v, duet.HTTPStatus(err), p)
}
