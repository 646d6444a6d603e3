package web

import (
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// occurrenceShow serves GET /w/{ws}/occurrences/{occ}: one meeting of a
// check-in. The viewer's answer forms, everyone's answers they may see,
// who has not answered, the agenda Duet computed, for a readiness
// check-in the gates and the go/no-go, and the comments.
func (s *server) occurrenceShow(w http.ResponseWriter, r *http.Request) {
	v, od, err := s.occurrenceOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showOccurrence(w, r, v, http.StatusOK, v.occurrencePage(od))
}

// occurrenceOf loads the viewer and the occurrence the path names.
func (s *server) occurrenceOf(r *http.Request) (*viewer, core.OccurrenceDetail, error) {
	v, err := s.viewerOf(r)
	if err != nil {
		return nil, core.OccurrenceDetail{}, err
	}
	od, err := s.svc.Occurrence(r.Context(), actorOf(r), v.d.ID, r.PathValue("occ"))
	return v, od, err
}

// showOccurrence renders the meeting's page around p.
func (s *server) showOccurrence(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *OccurrencePage) {
	nav, bell, err := s.frame(r, v, "checkins", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: p.Head.CheckInTitle + " · " + p.Head.Day + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "occurrence_show", p)
}

// occurrenceDone answers an action on a meeting that worked: htmx gets
// the region named fragment, laid out by region from the meeting as it is
// now; a plain form post goes to the meeting's page at anchor.
func (s *server) occurrenceDone(w http.ResponseWriter, r *http.Request, fragment, anchor string, region func(*OccurrencePage) any) {
	if !wantsFragment(r) {
		http.Redirect(w, r, occurrenceURL(r.PathValue("ws"), r.PathValue("occ"))+anchor, http.StatusSeeOther)
		return
	}
	v, od, err := s.occurrenceOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.fragment(w, r, http.StatusOK, fragment, region(v.occurrencePage(od)))
}

// occurrenceFailed shows the meeting again after core refused an action:
// the region for htmx, the page otherwise, with the error and what was
// typed set on it by mark. A refusal because of the viewer's role is
// shown like invalid input; anything hidden stays a 404 page.
func (s *server) occurrenceFailed(w http.ResponseWriter, r *http.Request, err error, fragment string, fields []string, mark func(*OccurrencePage, FormError) any) {
	fe, ok := actionError(err, fields...)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, od, oerr := s.occurrenceOf(r)
	if oerr != nil {
		s.Error(w, r, oerr)
		return
	}
	p := v.occurrencePage(od)
	region := mark(p, fe)
	if wantsFragment(r) {
		s.fragment(w, r, duet.HTTPStatus(err), fragment, region)
		return
	}
	s.showOccurrence(w, r, v, duet.HTTPStatus(err), p)
}
