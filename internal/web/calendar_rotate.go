package web

import "net/http"

// calendarRotate serves POST /profile/calendar: it makes a new secret
// calendar feed URL, which stops the old one at once, and shows the new
// URL on the profile page this once. Like a new invite link, it is never
// put in a redirect or logged.
func (s *server) calendarRotate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	token, err := s.svc.RotateCalendarFeed(r.Context(), actorOf(r))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showProfile(w, r, s.absolute(r, s.svc.CalendarFeedURL(token)))
}
