package web

// profileRoutes are the profile page and the calendar feed it manages.
// The feed is public: calendar clients send no session, the secret token
// in the path is the whole credential, and it opens nothing but the feed.
func (s *server) profileRoutes() []route {
	return []route{
		{"GET /profile", s.signedIn(s.profileShow)},
		{"POST /profile/calendar", s.signedIn(s.calendarRotate)},
		{"GET /cal/{token}", s.public(s.calendarFeed)},
	}
}
