package web

import (
	"net/http"

	"duet/internal/duet"
)

// raciShow serves GET /w/{ws}/raci: the matrix as it is now, or before
// the first save the draft core proposes from the task lists; whether it
// is valid, its sign-off and its history.
func (s *server) raciShow(w http.ResponseWriter, r *http.Request) {
	v, p, err := s.raciPageOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Notice = savedNotice(r.URL.Query(), "RACI", p.Sign)
	s.showRACI(w, r, v, http.StatusOK, p)
}

// raciPageOf loads the viewer and lays out the matrix.
func (s *server) raciPageOf(r *http.Request) (*viewer, *RACIPage, error) {
	v, err := s.viewerOf(r)
	if err != nil {
		return nil, nil, err
	}
	rv, err := s.svc.RACI(r.Context(), actorOf(r), v.d.ID)
	if err != nil {
		return nil, nil, err
	}
	return v, v.raciPage(rv), nil
}

// showRACI renders the matrix's page around p.
func (s *server) showRACI(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *RACIPage) {
	nav, bell, err := s.frame(r, v, "raci", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "RACI matrix · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "raci_show", p)
}

// raciFailed shows the matrix again with core's refusal of a signature
// next to the button; anything hidden stays a 404 page.
func (s *server) raciFailed(w http.ResponseWriter, r *http.Request, err error) {
	fe, ok := actionError(err)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, p, perr := s.raciPageOf(r)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	p.Sign.Err = fe.Msg
	s.showRACI(w, r, v, duet.HTTPStatus(err), p)
}
