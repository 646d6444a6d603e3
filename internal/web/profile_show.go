package web

import (
	"net/http"
	"time"
)

// ProfilePage is the signed-in user's account and their calendar feed.
type ProfilePage struct {
	Base
	Name     string
	Email    string
	Org      string
	OrgClass string // "host" or "partner"
	Since    string
	// FeedCreated is when the current feed URL was made; "" when there
	// is none.
	FeedCreated    string
	FeedCreatedISO string
	// FeedURL is the new feed URL, set only on the answer to creating
	// it: it is shown this once and never stored.
	FeedURL string
	// Workspaces are what the feed covers.
	Workspaces []ProfileWorkspace
}

// ProfileWorkspace is one workspace a calendar feed covers.
type ProfileWorkspace struct {
	Name     string
	URL      string
	TimeZone string
}

// HasFeed reports whether the user has a calendar URL.
func (p *ProfilePage) HasFeed() bool { return p.FeedCreated != "" }

// profileShow serves GET /profile.
func (s *server) profileShow(w http.ResponseWriter, r *http.Request) {
	s.showProfile(w, r, "")
}

// showProfile renders the profile page; feedURL is a calendar URL just
// made, shown once.
func (s *server) showProfile(w http.ResponseWriter, r *http.Request, feedURL string) {
	a := actorOf(r)
	ctx := r.Context()
	created, err := s.svc.CalendarFeedCreated(ctx, a)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	wss, err := s.svc.Workspaces(ctx, a)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &ProfilePage{Base: Base{Title: "Profile"}, Name: a.User.Name, Email: a.User.Email, Org: a.Org.Name,
		OrgClass: "partner", FeedURL: feedURL}
	if a.Org.IsHost {
		p.OrgClass = "host"
	}
	if !a.User.Created.IsZero() {
		p.Since = a.User.Created.UTC().Format("2 January 2006")
	}
	if created != nil {
		at := created.UTC()
		p.FeedCreated, p.FeedCreatedISO = at.Format("Mon 2 Jan 2006, 15:04 UTC"), at.Format(time.RFC3339)
	}
	for _, ws := range wss {
		p.Workspaces = append(p.Workspaces, ProfileWorkspace{Name: ws.Name, URL: "/w/" + ws.ID, TimeZone: ws.TimeZone})
	}
	s.render(w, r, http.StatusOK, "profile_show", p)
}
