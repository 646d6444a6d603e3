package web

import (
	"net/http"

	"duet/internal/duet"
)

// checkinList serves GET /w/{ws}/check-ins: the workspace's check-ins,
// each with its schedule, who it asks and a link to the meeting people
// work on now; for admins, the form for a new one.
func (s *server) checkinList(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f := newCheckInForm()
	// The go/no-go's voters start as each side's first role: in the
	// template, the two partner marketing leads.
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		for _, r := range v.d.Roles {
			if r.Side == side {
				f.Voters = append(f.Voters, r.Key)
				break
			}
		}
	}
	s.showCheckIns(w, r, v, http.StatusOK, f, FormError{})
}

// showCheckIns renders the list with the new-check-in form as typed.
func (s *server) showCheckIns(w http.ResponseWriter, r *http.Request, v *viewer, status int, f CheckInForm, fe FormError) {
	a := actorOf(r)
	cs, err := s.svc.CheckIns(r.Context(), a, v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &CheckInsPage{WS: v.d.ID, CanCreate: v.me.Permission == duet.PermAdmin,
		New: v.checkInFormView("/w/"+v.d.ID+"/check-ins#new-checkin", false, f, fe)}
	if !p.CanCreate {
		p.Alert = fe.Msg
	}
	for _, c := range cs {
		var cur *duet.Occurrence
		switch o, err := s.svc.CurrentOccurrence(r.Context(), a, v.d.ID, c.ID); {
		case err == nil:
			cur = &o
		case duet.ErrorKind(err) != duet.ENotFound:
			s.Error(w, r, err)
			return
		}
		p.Items = append(p.Items, v.checkInCard(c, cur))
	}
	nav, bell, err := s.frame(r, v, "checkins", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Check-ins · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "checkin_list", p)
}
