package web

import (
	"net/http"
	"time"

	"duet/internal/core"
	"duet/internal/duet"
)

// viewer is a member looking at one workspace: the workspace as their side
// sees it and their own membership. Handlers inside a workspace read it
// (core caches the detail per side and version) next to their one use-case
// call, because the views name both organizations and show each person
// what they may do.
type viewer struct {
	d   *duet.WorkspaceDetail
	o   orgs
	me  duet.Member
	now time.Time
}

// viewerOf loads the viewer of the request's workspace. Anyone who is not
// a member gets ENotFound, like for a workspace that does not exist.
func (s *server) viewerOf(r *http.Request) (*viewer, error) {
	a := actorOf(r)
	d, err := s.svc.Workspace(r.Context(), a, r.PathValue("ws"))
	if err != nil {
		return nil, err
	}
	return s.viewerFrom(d, a)
}

// decisionOf loads the viewer and the decision the path names.
func (s *server) decisionOf(r *http.Request) (*viewer, duet.Decision, error) {
	v, err := s.viewerOf(r)
	if err != nil {
		return nil, duet.Decision{}, err
	}
	d, err := s.svc.Decision(r.Context(), actorOf(r), v.d.ID, r.PathValue("decision"))
	return v, d, err
}

// messageOf loads the viewer and the message the path names.
func (s *server) messageOf(r *http.Request) (*viewer, duet.Message, error) {
	v, err := s.viewerOf(r)
	if err != nil {
		return nil, duet.Message{}, err
	}
	m, err := s.svc.Message(r.Context(), actorOf(r), v.d.ID, r.PathValue("message"))
	return v, m, err
}

// taskOf loads the viewer and the task the path names, with its
// checklist, comments and history.
func (s *server) taskOf(r *http.Request) (*viewer, core.TaskDetail, error) {
	v, err := s.viewerOf(r)
	if err != nil {
		return nil, core.TaskDetail{}, err
	}
	td, err := s.svc.Task(r.Context(), actorOf(r), v.d.ID, r.PathValue("task"))
	return v, td, err
}

// channelPageOf loads the viewer and the page of the path's channel that
// ends before the ?before= cursor (the newest page without one).
func (s *server) channelPageOf(r *http.Request) (*viewer, core.ChannelView, error) {
	v, err := s.viewerOf(r)
	if err != nil {
		return nil, core.ChannelView{}, err
	}
	before, err := cursor(r, "before")
	if err != nil {
		return nil, core.ChannelView{}, err
	}
	cv, err := s.svc.ChannelMessages(r.Context(), actorOf(r), v.d.ID, r.PathValue("channel"), duet.MessageFilter{Before: before})
	return v, cv, err
}

// viewerFrom is viewerOf for a workspace the handler has loaded already.
func (s *server) viewerFrom(d *duet.WorkspaceDetail, a *duet.Actor) (*viewer, error) {
	me, ok := memberOf(d, a)
	if !ok {
		return nil, duet.NotFound("workspace")
	}
	return &viewer{d: d, o: orgsOf(d), me: me, now: s.svc.Now()}, nil
}

// loc is the workspace's time zone.
func (v *viewer) loc() *time.Location {
	if v.d.Loc != nil {
		return v.d.Loc
	}
	if l, err := time.LoadLocation(v.d.TimeZone); err == nil {
		return l
	}
	return time.UTC
}

// guest reports whether the viewer is a guest, who may read and post but
// not create or change the workspace's items.
func (v *viewer) guest() bool { return v.me.Permission == duet.PermGuest }

// channel returns a channel of the workspace the viewer may see.
func (v *viewer) channel(id string) (duet.Channel, bool) {
	for _, c := range v.d.Channels {
		if c.ID == id {
			return c, true
		}
	}
	return duet.Channel{}, false
}

// SidebarView is the workspace's left column: its channels with unread
// counts, the decision log, search and a form for a new channel.
type SidebarView struct {
	WS        string
	Channels  []SidebarChannel
	Archived  []SidebarChannel
	Current   string // the open channel's id, for refreshing the list
	CanCreate bool
	OnSearch  bool
	New       ChannelFormView
}

// ChannelFormView is the form for a new channel.
type ChannelFormView struct {
	WS         string
	Form       ChannelForm
	Err        FormError
	VisOptions []Option
}

// SidebarChannel is one channel in the sidebar.
type SidebarChannel struct {
	ID      string
	Name    string
	Href    string
	Unread  string // "", "3", "99+"
	Only    string // "Host only" for a channel kept to one side
	Class   string
	Current bool
}

// ChannelForm is what the new-channel and channel-settings forms send.
type ChannelForm struct {
	Name       string
	Purpose    string
	Visibility string
}

// channelFields are the inputs of the channel forms, named as core names
// them.
var channelFields = []string{"name", "purpose", "visibility"}

// frame loads what every full page inside a workspace shows around its
// content: the sub-navigation, the sidebar and the inbox count. current is
// the open channel's id, if any.
func (s *server) frame(r *http.Request, v *viewer, active, current string) (*WorkspaceNav, *BellView, error) {
	a := actorOf(r)
	infos, err := s.svc.Channels(r.Context(), a, v.d.ID)
	if err != nil {
		return nil, nil, err
	}
	unread, err := s.svc.UnreadNotifications(r.Context(), a)
	if err != nil {
		return nil, nil, err
	}
	if active == "decisions" {
		for _, c := range infos {
			if c.Key == core.DecisionsChannel {
				current = c.ID
			}
		}
	}
	nav := navOf(v.d, active)
	nav.Sidebar = sidebarOf(v, infos, current)
	nav.Sidebar.OnSearch = active == "search"
	return nav, &BellView{Count: unread}, nil
}

// sidebarOf lays out the channel list. The open channel shows no unread
// badge: the browser marks it read as soon as the page is shown.
func sidebarOf(v *viewer, infos []duet.ChannelInfo, current string) *SidebarView {
	sb := &SidebarView{WS: v.d.ID, Current: current, CanCreate: !v.guest(),
		New: v.channelForm(ChannelForm{Visibility: string(duet.VisShared)}, FormError{})}
	for _, c := range infos {
		sc := SidebarChannel{ID: c.ID, Name: c.Name, Href: "/w/" + v.d.ID + "/c/" + c.ID, Only: visLabel(c.Visibility),
			Class: visClass(c.Visibility), Current: c.ID == current}
		if c.Key == core.DecisionsChannel {
			sc.Href = "/w/" + v.d.ID + "/decisions"
		} else if !sc.Current {
			sc.Unread = countLabel(c.Unread)
		}
		if c.Archived {
			sb.Archived = append(sb.Archived, sc)
			continue
		}
		sb.Channels = append(sb.Channels, sc)
	}
	return sb
}

// channelForm is the new-channel form with what was typed.
func (v *viewer) channelForm(f ChannelForm, fe FormError) ChannelFormView {
	return ChannelFormView{WS: v.d.ID, Form: f, Err: fe, VisOptions: visibilityOptions(v, f.Visibility)}
}

// visibilityOptions are the choices for a new channel: shared, or kept to
// the viewer's own side (core refuses the other side's).
func visibilityOptions(v *viewer, chosen string) []Option {
	own := string(v.me.Side)
	return []Option{
		{Value: string(duet.VisShared), Label: "Shared", Hint: v.o.host + " and " + v.o.partner, Selected: chosen != own},
		{Value: own, Label: "Only " + v.o.of(v.me.Side), Hint: "the other side never sees it", Selected: chosen == own},
	}
}

// visLabel is the badge of a channel's visibility, "" when shared.
func visLabel(vis duet.Visibility) string {
	switch vis {
	case duet.VisHost:
		return "Host only"
	case duet.VisPartner:
		return "Partner only"
	}
	return ""
}
