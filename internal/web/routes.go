package web

import "net/http"

// route is one entry of the route table.
type route struct {
	pattern string
	handler http.Handler
}

// routes is every page and action of the HTML interface. Each handler is
// wrapped by who may reach it:
//
//	public   no session is read (health, static files, calendar feeds)
//	anyone   the session is read when there is one; pages for visitors
//	signedIn a session is required; anonymous visitors go to /login
//
// Finer access (which workspace, which side, which permission) is decided
// by core's one policy. The authorization matrix test fails when a route
// here has no row.
func (s *server) routes() []route {
	rs := []route{
		{"GET /{$}", s.anyone(s.workspaceList)},
		{"GET /setup-needed", s.anyone(s.setupNeeded)},
		{"GET /setup", s.anyone(s.setupShow)},
		{"POST /setup", s.anyone(s.setupSubmit)},
		{"GET /login", s.anyone(s.loginShow)},
		{"POST /login", s.anyone(s.loginSubmit)},
		{"POST /logout", s.anyone(s.logoutSubmit)},

		{"GET /w/new", s.signedIn(s.workspaceNew)},
		{"POST /w", s.signedIn(s.workspaceCreate)},
		{"GET /w/{ws}", s.signedIn(s.workspaceShow)},
		{"GET /w/{ws}/members", s.signedIn(s.memberList)},
		{"POST /w/{ws}/invites", s.signedIn(s.inviteCreate)},
		{"POST /w/{ws}/invites/{invite}/revoke", s.signedIn(s.inviteRevoke)},

		{"GET /w/{ws}/sidebar", s.signedIn(s.sidebarShow)},
		{"GET /w/{ws}/channels/new", s.signedIn(s.channelNew)},
		{"POST /w/{ws}/channels", s.signedIn(s.channelCreate)},
		{"GET /w/{ws}/c/{channel}", s.signedIn(s.channelShow)},
		{"GET /w/{ws}/c/{channel}/older", s.signedIn(s.messageOlder)},
		{"GET /w/{ws}/c/{channel}/since", s.signedIn(s.messageSince)},
		{"POST /w/{ws}/c/{channel}/messages", s.signedIn(s.messagePost)},
		{"POST /w/{ws}/c/{channel}/read", s.signedIn(s.channelRead)},
		{"GET /w/{ws}/c/{channel}/settings", s.signedIn(s.channelSettings)},
		{"POST /w/{ws}/c/{channel}/settings", s.signedIn(s.channelUpdate)},
		{"POST /w/{ws}/c/{channel}/archive", s.signedIn(s.channelArchive)},

		{"GET /w/{ws}/m/{message}", s.signedIn(s.threadShow)},
		{"GET /w/{ws}/m/{message}/item", s.signedIn(s.messageShow)},
		{"GET /w/{ws}/m/{message}/edit", s.signedIn(s.messageEdit)},
		{"POST /w/{ws}/m/{message}/edit", s.signedIn(s.messageUpdate)},
		{"POST /w/{ws}/m/{message}/delete", s.signedIn(s.messageDelete)},
		{"GET /w/{ws}/m/{message}/history", s.signedIn(s.messageHistory)},
		{"POST /w/{ws}/m/{message}/react", s.signedIn(s.messageReact)},
		{"POST /w/{ws}/m/{message}/dismiss", s.signedIn(s.candidateDismiss)},

		{"GET /w/{ws}/decisions", s.signedIn(s.decisionList)},
		{"GET /w/{ws}/decisions/unrecorded", s.signedIn(s.candidateList)},
		{"GET /w/{ws}/decisions/new", s.signedIn(s.decisionNew)},
		{"POST /w/{ws}/decisions", s.signedIn(s.decisionCreate)},
		{"GET /w/{ws}/decisions/{decision}", s.signedIn(s.decisionShow)},
		{"GET /w/{ws}/decisions/{decision}/edit", s.signedIn(s.decisionEdit)},
		{"POST /w/{ws}/decisions/{decision}/edit", s.signedIn(s.decisionUpdate)},
		{"POST /w/{ws}/decisions/{decision}/sign", s.signedIn(s.decisionSign)},
		{"POST /w/{ws}/decisions/{decision}/reject", s.signedIn(s.decisionReject)},
		{"POST /w/{ws}/decisions/{decision}/withdraw", s.signedIn(s.decisionWithdraw)},

		{"GET /w/{ws}/calendar", s.signedIn(s.calendarShow)},
		{"GET /w/{ws}/calendar/new", s.signedIn(s.entryNew)},
		{"POST /w/{ws}/calendar", s.signedIn(s.entryCreate)},
		{"GET /w/{ws}/calendar/{entry}", s.signedIn(s.entryShow)},
		{"POST /w/{ws}/calendar/{entry}", s.signedIn(s.entryUpdate)},
		{"POST /w/{ws}/calendar/{entry}/status", s.signedIn(s.entryStatus)},
		{"POST /w/{ws}/calendar/{entry}/reschedule", s.signedIn(s.entryReschedule)},

		{"GET /w/{ws}/assets", s.signedIn(s.assetList)},
		{"GET /w/{ws}/assets/new", s.signedIn(s.assetNew)},
		{"POST /w/{ws}/assets", s.signedIn(s.assetCreate)},
		{"GET /w/{ws}/assets/{asset}", s.signedIn(s.assetShow)},
		{"POST /w/{ws}/assets/{asset}", s.signedIn(s.assetUpdate)},
		{"POST /w/{ws}/assets/{asset}/versions", s.signedIn(s.assetUpload)},
		{"POST /w/{ws}/assets/{asset}/review-request", s.signedIn(s.assetRequest)},
		{"POST /w/{ws}/assets/{asset}/reviews", s.signedIn(s.assetReview)},
		{"GET /w/{ws}/assets/{asset}/versions/{n}/download", s.signedIn(s.assetDownload)},
		{"GET /w/{ws}/assets/{asset}/versions/{n}/preview", s.signedIn(s.assetPreview)},
		{"GET /w/{ws}/assets/{asset}/ships", s.signedIn(s.assetShips)},
		{"GET /w/{ws}/assets/{asset}/compare", s.signedIn(s.assetCompare)},

		{"GET /w/{ws}/search", s.signedIn(s.searchShow)},
		{"GET /w/{ws}/events", s.signedIn(s.eventStream)},

		{"GET /inbox", s.signedIn(s.inboxShow)},
		{"GET /inbox/count", s.signedIn(s.inboxCount)},
		{"POST /inbox/read", s.signedIn(s.inboxRead)},

		{"GET /invite/{token}", s.anyone(s.inviteShow)},
		{"POST /invite/{token}", s.anyone(s.inviteAccept)},

		{"GET /healthz", s.public(s.healthCheck)},
		{"GET /static/{hash}/{file...}", s.public(s.staticServe)},
		{"/", s.anyone(s.notFound)},
	}
	rs = append(rs, s.taskRoutes()...)
	rs = append(rs, s.checkInRoutes()...)
	rs = append(rs, s.profileRoutes()...)
	rs = append(rs, s.docRoutes()...)
	rs = append(rs, s.leadRoutes()...)
	return append(rs, s.planRoutes()...)
}
