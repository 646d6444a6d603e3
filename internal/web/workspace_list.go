package web

import (
	"net/http"

	"duet/internal/duet"
)

// WorkspaceListPage is the home page: the campaigns the actor is in.
type WorkspaceListPage struct {
	Base
	Workspaces []WorkspaceCard
	CanCreate  bool
}

// WorkspaceCard is one campaign on the home page.
type WorkspaceCard struct {
	ID         string
	Name       string
	Host       string
	Partner    string
	Kickoff    string
	Launch     string
	Countdown  string
	Side       string // the actor's side, by organization
	SideClass  string
	Permission string
	Members    string
}

// workspaceList serves GET /: the actor's workspaces. Visitors are sent to
// sign in, or to the setup notice while Duet has no administrator.
func (s *server) workspaceList(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if a == nil {
		s.toSignIn(w, r)
		return
	}
	list, err := s.svc.Workspaces(r.Context(), a)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &WorkspaceListPage{Base: Base{Title: "Workspaces"},
		CanCreate: duet.Can(a, duet.ActCreateWorkspace, duet.Resource{})}
	now := s.svc.Now()
	for _, ws := range list {
		c := WorkspaceCard{ID: ws.ID, Name: ws.Name, Host: ws.HostOrg, Partner: ws.PartnerOrg,
			Kickoff: formatDate(ws.KickoffOn), Launch: formatDate(ws.LaunchOn),
			Countdown: countdown(daysFrom(today(now, ws.TimeZone), ws.LaunchOn)),
			Side:      a.Org.Name, SideClass: sideClass(ws.Side), Permission: permissionLabel(ws.Permission),
			Members: plural(ws.Members, "member", "members")}
		p.Workspaces = append(p.Workspaces, c)
	}
	s.render(w, r, http.StatusOK, "workspace_list", p)
}

// toSignIn sends a visitor to /login, or to /setup-needed before the first
// administrator exists.
func (s *server) toSignIn(w http.ResponseWriter, r *http.Request) {
	needed, err := s.svc.SetupNeeded(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if needed {
		http.Redirect(w, r, "/setup-needed", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
