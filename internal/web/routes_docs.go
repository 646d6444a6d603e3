package web

// docRoutes are the pages and actions of the campaign brief and the RACI
// matrix.
func (s *server) docRoutes() []route {
	return []route{
		{"GET /w/{ws}/brief", s.signedIn(s.briefShow)},
		{"GET /w/{ws}/brief/edit", s.signedIn(s.briefEdit)},
		{"POST /w/{ws}/brief", s.signedIn(s.briefSave)},
		{"POST /w/{ws}/brief/sign", s.signedIn(s.briefSign)},
		{"POST /w/{ws}/brief/actuals", s.signedIn(s.briefActuals)},
		{"GET /w/{ws}/brief/compare", s.signedIn(s.briefCompare)},

		{"GET /w/{ws}/raci", s.signedIn(s.raciShow)},
		{"GET /w/{ws}/raci/edit", s.signedIn(s.raciEdit)},
		{"POST /w/{ws}/raci", s.signedIn(s.raciSave)},
		{"POST /w/{ws}/raci/sign", s.signedIn(s.raciSign)},
		{"GET /w/{ws}/raci/compare", s.signedIn(s.raciCompare)},
		{"GET /w/{ws}/raci.csv", s.signedIn(s.raciCSV)},
	}
}
