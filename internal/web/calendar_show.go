package web

import "net/http"

// calendarShow serves GET /w/{ws}/calendar?view=month|week|list&date=YYYY-MM-DD:
// the launch calendar around the day (today when none), in the
// workspace's time zone, with every slip of launch timing above it.
func (s *server) calendarShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	sp, err := spanFrom(q.Get("view"), q.Get("date"), v.calendarToday())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showCalendar(w, r, v, http.StatusOK, sp, CalendarRegion{})
}

// showCalendar renders the calendar's span as it is now: the region alone
// for htmx (a move made from the page), else the whole page. done carries
// what a move just did or why it was refused.
func (s *server) showCalendar(w http.ResponseWriter, r *http.Request, v *viewer, status int, sp calendarSpan, done CalendarRegion) {
	cv, err := s.svc.Calendar(r.Context(), actorOf(r), v.d.ID, sp.filter(v.loc()))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	region := v.calendarRegion(cv, sp)
	region.Note, region.Err = done.Note, done.Err
	if wantsFragment(r) {
		s.fragment(w, r, status, "calendar-moved", region)
		return
	}
	p := v.calendarPage(sp, region)
	nav, bell, err := s.frame(r, v, "calendar", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Launch calendar · " + p.Heading + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "calendar_show", p)
}
