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
//	public   no session is read (health, static files)
//	anyone   the session is read when there is one; pages for visitors
//	signedIn a session is required; anonymous visitors go to /login
//
// Finer access (which workspace, which side, which permission) is decided
// by core's one policy. The authorization matrix test fails when a route
// here has no row.
func (s *server) routes() []route {
	return []route{
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

		{"GET /invite/{token}", s.anyone(s.inviteShow)},
		{"POST /invite/{token}", s.anyone(s.inviteAccept)},

		{"GET /healthz", s.public(s.healthCheck)},
		{"GET /static/{hash}/{file...}", s.public(s.staticServe)},
		{"/", s.anyone(s.notFound)},
	}
}
