package web

// leadRoutes are the pages and actions of the lead-share rules and the
// leads they route.
func (s *server) leadRoutes() []route {
	return []route{
		{"GET /w/{ws}/rules", s.signedIn(s.rulesShow)},
		{"POST /w/{ws}/rules", s.signedIn(s.rulesSave)},
		{"GET /w/{ws}/rules/edit", s.signedIn(s.rulesEdit)},
		{"POST /w/{ws}/rules/propose", s.signedIn(s.rulesPropose)},
		{"GET /w/{ws}/rules/test", s.signedIn(s.rulesTestLead)},
		{"POST /w/{ws}/rules/test", s.signedIn(s.rulesTestLead)},
		{"GET /w/{ws}/rules/compare", s.signedIn(s.rulesCompare)},
		{"POST /w/{ws}/rules/accounts", s.signedIn(s.rulesAccounts)},
		{"POST /w/{ws}/rules/webhook", s.signedIn(s.rulesWebhook)},
		{"POST /w/{ws}/rules/webhook/disable", s.signedIn(s.rulesWebhookDisable)},

		{"GET /w/{ws}/leads", s.signedIn(s.leadList)},
		{"GET /w/{ws}/leads.csv", s.signedIn(s.leadCSV)},
		{"POST /w/{ws}/leads/away", s.signedIn(s.leadAway)},
		{"GET /w/{ws}/leads/import", s.signedIn(s.leadImportShow)},
		{"POST /w/{ws}/leads/import", s.signedIn(s.leadImport)},
		{"GET /w/{ws}/leads/report", s.signedIn(s.leadReport)},
		{"GET /w/{ws}/leads/{lead}", s.signedIn(s.leadShow)},
		{"POST /w/{ws}/leads/{lead}/accept", s.signedIn(s.leadAccept)},
		{"POST /w/{ws}/leads/{lead}/reject", s.signedIn(s.leadReject)},
		{"POST /w/{ws}/leads/{lead}/contacted", s.signedIn(s.leadContacted)},
	}
}
