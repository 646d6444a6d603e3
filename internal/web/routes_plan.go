package web

// planRoutes are the pages and actions of milestones and the hill chart.
func (s *server) planRoutes() []route {
	return []route{
		{"GET /w/{ws}/milestones", s.signedIn(s.milestoneList)},
		{"POST /w/{ws}/milestones/{milestone}", s.signedIn(s.milestoneUpdate)},
		{"POST /w/{ws}/milestones/{milestone}/complete", s.signedIn(s.milestoneComplete)},
		{"POST /w/{ws}/milestones/{milestone}/reopen", s.signedIn(s.milestoneReopen)},
		{"POST /w/{ws}/milestones/{milestone}/criteria", s.signedIn(s.criterionCreate)},
		{"POST /w/{ws}/milestones/{milestone}/criteria/{criterion}", s.signedIn(s.criterionCheck)},

		{"GET /w/{ws}/hill", s.signedIn(s.hillShow)},
		{"POST /w/{ws}/hill/{chart}/moves", s.signedIn(s.hillMove)},
		{"POST /w/{ws}/hill/{chart}/scopes", s.signedIn(s.scopeCreate)},
	}
}
