package web

// checkInRoutes are the pages and actions of check-ins and their
// occurrences (the meetings).
func (s *server) checkInRoutes() []route {
	return []route{
		{"GET /w/{ws}/check-ins", s.signedIn(s.checkinList)},
		{"POST /w/{ws}/check-ins", s.signedIn(s.checkinCreate)},
		{"GET /w/{ws}/check-ins/{checkin}", s.signedIn(s.checkinShow)},
		{"POST /w/{ws}/check-ins/{checkin}", s.signedIn(s.checkinUpdate)},
		{"POST /w/{ws}/check-ins/{checkin}/pause", s.signedIn(s.checkinPause)},
		{"GET /w/{ws}/check-ins/{checkin}/current", s.signedIn(s.checkinCurrent)},

		{"GET /w/{ws}/occurrences/{occ}", s.signedIn(s.occurrenceShow)},
		{"POST /w/{ws}/occurrences/{occ}/answers", s.signedIn(s.occurrenceAnswer)},
		{"POST /w/{ws}/occurrences/{occ}/votes", s.signedIn(s.occurrenceVote)},
		{"POST /w/{ws}/occurrences/{occ}/comments", s.signedIn(s.occurrenceComment)},
		{"POST /w/{ws}/occurrences/{occ}/skip", s.signedIn(s.occurrenceSkip)},
	}
}
