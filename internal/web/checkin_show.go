package web

import (
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// pastCounted is how many of a check-in's past meetings its page counts
// the answers of; older ones show their state only.
const pastCounted = 6

// checkinShow serves GET /w/{ws}/check-ins/{checkin}: the check-in's
// settings, its upcoming meetings (each with a skip form for admins) and
// its past ones with their answer counts.
func (s *server) checkinShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showCheckIn(w, r, v, r.PathValue("checkin"), http.StatusOK, checkInFailure{})
}

// checkInFailure is an action on the check-in's page that core refused:
// the page shows the error next to the form it came from, with what was
// typed.
type checkInFailure struct {
	action string // "edit", "pause" or "skip"
	err    FormError
	form   CheckInForm
	occ    string // the occurrence a skip was for
	reason string
	// conflict: the check-in changed meanwhile; the form keeps what was
	// typed and now carries the version shown.
	conflict bool
}

// showCheckIn renders the check-in's page.
func (s *server) showCheckIn(w http.ResponseWriter, r *http.Request, v *viewer, id string, status int, fail checkInFailure) {
	a := actorOf(r)
	cd, err := s.svc.CheckIn(r.Context(), a, v.d.ID, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &CheckInPage{WS: v.d.ID, C: v.checkInSummary(cd), CanEdit: cd.CanEdit}
	f := checkInFormFrom(cd.CheckIn)
	if fail.action == "edit" {
		f = fail.form
		f.Version = cd.Version
	}
	var fe FormError
	if fail.action == "edit" {
		fe = fail.err
	}
	p.Edit = v.checkInFormView(checkInURL(v.d.ID, cd.ID)+"#settings", true, f, fe)
	p.Edit.Conflict = fail.action == "edit" && fail.conflict
	// A refusal goes next to the form it came from, or above the page
	// when the viewer has no such form.
	shown := false
	switch fail.action {
	case "pause":
		p.Pause, shown = fail.err, cd.CanEdit
	case "edit":
		shown = cd.CanEdit
	}
	for _, o := range cd.Upcoming {
		row := v.occRow(o, cd.CanEdit, nil)
		if fail.action == "skip" && fail.occ == o.ID && row.CanSkip {
			row.SkipErr, row.Reason, shown = fail.err, fail.reason, true
		}
		p.Upcoming = append(p.Upcoming, row)
	}
	if fail.action != "" && !shown {
		p.Alert = fail.err.Msg
	}
	for i, o := range cd.Past {
		var detail *core.OccurrenceDetail
		if i < pastCounted && !o.Skipped {
			od, err := s.svc.Occurrence(r.Context(), a, v.d.ID, o.ID)
			if err != nil {
				s.Error(w, r, err)
				return
			}
			detail = &od
		}
		p.Past = append(p.Past, v.occRow(o, false, detail))
	}
	nav, bell, err := s.frame(r, v, "checkins", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: cd.Title + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "checkin_show", p)
}

// checkInFailed shows the check-in's page again after core refused an
// action on it. Anything the viewer may not see stays a plain error page.
func (s *server) checkInFailed(w http.ResponseWriter, r *http.Request, id string, err error, fail checkInFailure, fe FormError, ok bool) {
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	fail.err, fail.conflict = fe, duet.ErrorKind(err) == duet.EConflict
	s.showCheckIn(w, r, v, id, duet.HTTPStatus(err), fail)
}
