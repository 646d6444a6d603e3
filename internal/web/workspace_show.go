package web

import (
	"net/http"
	"time"

	"duet/internal/duet"
)

// WorkspacePage is the overview of one campaign: every part of the
// workspace as the actor may see it.
type WorkspacePage struct {
	Base
	ID           string
	Name         string
	Host         string
	Partner      string
	Kickoff      string
	Launch       string
	KickoffISO   string
	LaunchISO    string
	Countdown    string
	Progress     int // percent of the way from kickoff to launch
	TimeZone     string
	Me           MemberView
	MySide       string
	MySideClass  string
	CanInvite    bool
	Unfilled     []RoleFlag
	Sides        []SideView
	Channels     []ChannelView
	CheckIns     []CheckInView
	Milestones   []MilestoneView
	TaskLists    []TaskListCard
	Hills        []HillView
	Apps         []duet.App
	Integrations []IntegrationView
	Pinned       []pinView
	// CanReschedule offers the link that moves the campaign's dates.
	CanReschedule bool
	// Notice confirms what the viewer just did, such as a reschedule.
	Notice string
}

// ChannelView is a channel with its purpose.
type ChannelView struct {
	Name    string
	Purpose string
	Only    string // "Hostco only" for a one-side channel
	Class   string
}

// CheckInView is a recurring check-in.
type CheckInView struct {
	URL        string // the check-in's page
	CurrentURL string // the meeting people work on now
	Title      string
	Purpose    string
	When       string
	Duration   string
	Next       string
	NextISO    string
	NextRel    string
	Who        string
	Questions  []QuestionView
}

// QuestionView is one question of a check-in.
type QuestionView struct {
	Text   string
	GoNoGo bool
}

// MilestoneView is a gate with its criteria, as the overview lists it.
type MilestoneView struct {
	ID          string
	Title       string
	Description string
	Due         string
	DueISO      string
	DueRel      string
	Overdue     bool
	Complete    bool
	State       string // complete, ready, pending or overdue
	Status      string
	Met         int
	Total       int
	Criteria    []CriterionLine
}

// CriterionLine is one criterion on the overview: its text, and whether
// it is met.
type CriterionLine struct {
	Text string
	Met  bool
}

// DRIView is who is directly responsible: the role, and who holds it;
// or the person chosen directly (Role empty).
type DRIView struct {
	Role     string
	Holder   string
	Org      string
	Class    string
	Unfilled bool
}

// IntegrationView is an outside service and its state.
type IntegrationView struct {
	Kind    string
	Name    string
	Initial string
	Purpose string
	Status  string
}

// workspaceShow serves GET /w/{ws}: the campaign overview.
func (s *server) workspaceShow(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	d, err := s.svc.Workspace(r.Context(), a, r.PathValue("ws"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := overviewOf(d, a, s.svc.Now())
	if v, err := s.viewerFrom(d, a); err == nil {
		if p.Nav, p.Bell, err = s.frame(r, v, "overview", ""); err != nil {
			s.Error(w, r, err)
			return
		}
		infos, err := s.svc.TaskLists(r.Context(), a, d.ID)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		p.TaskLists, _ = v.listCards(infos)
		p.CanReschedule = v.canReschedule()
		p.Notice = rescheduledNotice(r.URL.Query().Get("rescheduled"))
		// The milestones with their criteria judged, for "x of y met".
		ms, err := s.svc.Milestones(r.Context(), a, d.ID)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		p.Milestones = milestoneLines(ms, today(v.now, d.TimeZone))
	}
	s.render(w, r, http.StatusOK, "workspace_show", p)
}

// pinView is a pinned resource with the page it lives on, once Duet has
// that page.
type pinView struct {
	duet.PinnedResource
	Href string
}

// pinPages are the pinned resources Duet has a page for, by key.
var pinPages = map[string]string{
	"asset-approval-folder": "/assets",
	"launch-calendar":       "/calendar",
	"campaign-brief":        "/brief",
	"raci-matrix":           "/raci",
	"lead-share-rules":      "/rules",
}

func pinsOf(d *duet.WorkspaceDetail) []pinView {
	out := make([]pinView, len(d.PinnedResources))
	for i, p := range d.PinnedResources {
		out[i] = pinView{PinnedResource: p}
		if page, ok := pinPages[p.Key]; ok {
			out[i].Href = "/w/" + d.ID + page
		}
	}
	return out
}

// overviewOf lays out a workspace for the overview page.
func overviewOf(d *duet.WorkspaceDetail, a *duet.Actor, now time.Time) *WorkspacePage {
	o := orgsOf(d)
	day := today(now, d.TimeZone)
	loc, err := time.LoadLocation(d.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	p := &WorkspacePage{
		Base: Base{Title: d.Name, Nav: navOf(d, "overview")},
		ID:   d.ID, Name: d.Name, Host: o.host, Partner: o.partner,
		Kickoff: formatDate(d.KickoffOn), Launch: formatDate(d.LaunchOn),
		KickoffISO: d.KickoffOn.String(), LaunchISO: d.LaunchOn.String(),
		Countdown: countdown(daysFrom(day, d.LaunchOn)), TimeZone: d.TimeZone,
		Unfilled: unfilledOf(d), Apps: d.Apps, Pinned: pinsOf(d),
	}
	if span := daysFrom(d.KickoffOn, d.LaunchOn); span > 0 {
		p.Progress = min(max(daysFrom(d.KickoffOn, day)*100/span, 0), 100)
	}
	var me string
	if a != nil {
		me = a.User.ID
	}
	p.Sides = sidesOf(d, me)
	if m, ok := memberOf(d, a); ok {
		p.MySide, p.MySideClass = o.of(m.Side), sideClass(m.Side)
		p.CanInvite = duet.Can(a, duet.ActManageInvites, duet.Resource{Member: &m, Side: m.Side})
		for _, sv := range p.Sides {
			for _, mv := range sv.Members {
				if mv.Me {
					p.Me = mv
				}
			}
		}
	}
	for _, c := range d.Channels {
		p.Channels = append(p.Channels, ChannelView{Name: c.Name, Purpose: c.Purpose, Only: o.onlyLabel(c.Visibility), Class: visClass(c.Visibility)})
	}
	for _, c := range d.CheckIns {
		v := CheckInView{URL: checkInURL(d.ID, c.ID), CurrentURL: checkInURL(d.ID, c.ID) + "/current", Title: c.Title, Purpose: c.Purpose,
			When: duet.ScheduleWords(c.Schedule, c.Time, d.TimeZone), Who: askWho(c, o, d.Roles)}
		if c.DurationMinutes > 0 {
			v.Duration = plural(c.DurationMinutes, "minute", "minutes")
		}
		if !c.NextAt.IsZero() {
			at := c.NextAt.In(loc)
			v.Next = at.Format("Mon 2 Jan 2006, 15:04 MST")
			v.NextISO = at.Format(time.RFC3339)
			y, mo, dd := at.Date()
			v.NextRel = relDays(daysFrom(day, duet.Date{Time: time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC)}))
		}
		for _, q := range c.Questions {
			v.Questions = append(v.Questions, QuestionView{Text: q.Text, GoNoGo: q.Kind == duet.QuestionGoNoGo})
		}
		p.CheckIns = append(p.CheckIns, v)
	}
	p.Milestones = milestoneLines(d.Milestones, day)
	for _, l := range d.TaskLists {
		if !l.Archived {
			p.TaskLists = append(p.TaskLists, TaskListCard{WS: d.ID, ID: l.ID, URL: taskListURL(d.ID, l.ID), Title: l.Title,
				Description: l.Description, DRI: driOf(l.DRI, o), Up: -1, Down: -1})
		}
	}
	for _, h := range d.HillCharts {
		p.Hills = append(p.Hills, hillOf(h))
	}
	for _, in := range d.Integrations {
		name := integrationName(in.Kind)
		p.Integrations = append(p.Integrations, IntegrationView{Kind: in.Kind, Name: name, Initial: string([]rune(initials(name))[:1]),
			Purpose: in.Purpose, Status: statusLabel(in.Status)})
	}
	return p
}

// visClass is the CSS modifier of an item's visibility.
func visClass(v duet.Visibility) string {
	switch v {
	case duet.VisHost:
		return "host"
	case duet.VisPartner:
		return "partner"
	}
	return ""
}

// driOf describes a DRI: the role's name, its side and who holds it now;
// or the person chosen directly.
func driOf(x duet.DRI, o orgs) DRIView {
	v := DRIView{Role: x.RoleName, Org: o.of(x.Side), Class: sideClass(x.Side), Unfilled: x.Member == nil}
	if v.Role == "" && x.MemberID == "" {
		v.Role = x.RoleKey
	}
	if x.Member != nil {
		v.Holder = x.Member.Name
		v.Org, v.Class = o.of(x.Member.Side), sideClass(x.Member.Side)
	}
	return v
}

// askWho says who answers a check-in: both sides, one side, or roles.
func askWho(c duet.CheckIn, o orgs, roles []duet.Role) string {
	var who []string
	for _, side := range c.AskSides {
		who = append(who, o.of(side))
	}
	for _, k := range c.AskRoles {
		for _, r := range roles {
			if r.Key == k {
				who = append(who, r.Name)
			}
		}
	}
	if len(c.AskSides) == 2 && len(c.AskRoles) == 0 {
		return "Both sides answer"
	}
	if len(who) == 0 {
		return ""
	}
	return duet.JoinWords(who) + " answer"
}
