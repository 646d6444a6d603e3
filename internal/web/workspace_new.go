package web

import (
	"net/http"

	"duet/internal/duet"
)

// WorkspaceNewPage is the form that opens a campaign from a template, with
// a preview of every template's parts.
type WorkspaceNewPage struct {
	Base
	Templates []TemplateView
	Form      WorkspaceForm
	Err       FormError
	TimeZones []string
}

// WorkspaceForm is what the form sends back.
type WorkspaceForm struct {
	Template   string
	Name       string
	PartnerOrg string
	KickoffOn  string
	LaunchOn   string
	TimeZone   string
}

// workspaceFields are the inputs of the form, named as core names them.
var workspaceFields = []string{"template", "name", "partner_org", "kickoff_on", "launch_on", "time_zone"}

// TemplateView is a template as the picker previews it.
type TemplateView struct {
	Key          string
	Name         string
	Description  string
	PartnerType  string
	Selected     bool
	Sides        []TemplateSide
	Channels     []TemplateChannelView
	CheckIns     []TemplateCheckInView
	Milestones   []TemplateMilestoneView
	TaskLists    []TemplateListView
	Hill         string
	Scopes       int
	Apps         []string
	Integrations []string
	Pinned       []string
}

// TemplateSide lists a template's roles on one side.
type TemplateSide struct {
	Label string
	Class string
	Roles []duet.TemplateRole
}

// TemplateChannelView is a channel in the preview.
type TemplateChannelView struct {
	Name    string
	Purpose string
	Only    string
}

// TemplateCheckInView is a check-in in the preview.
type TemplateCheckInView struct {
	Title     string
	When      string
	Questions string
}

// TemplateMilestoneView is a milestone in the preview.
type TemplateMilestoneView struct {
	Title    string
	Due      string
	Criteria string
}

// TemplateListView is a task list in the preview.
type TemplateListView struct {
	Title string
	DRI   string
	Tasks string
}

// commonZones are offered as suggestions; any IANA zone is accepted.
var commonZones = []string{
	"UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
	"Europe/Amsterdam", "Europe/Madrid", "Europe/Rome", "Europe/Stockholm", "Europe/Warsaw",
	"Europe/Zurich", "Europe/Helsinki", "Europe/Istanbul", "America/New_York", "America/Toronto",
	"America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
	"America/Mexico_City", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai",
	"Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Pacific/Auckland", "Africa/Johannesburg",
}

// workspaceNew serves GET /w/new. Only the host's administrators open
// workspaces; ?template= picks the template previewed without JavaScript.
func (s *server) workspaceNew(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if !duet.Can(a, duet.ActCreateWorkspace, duet.Resource{}) {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Only administrators of the host organization can create workspaces."))
		return
	}
	kickoff := today(s.svc.Now(), "UTC")
	form := WorkspaceForm{Template: r.URL.Query().Get("template"),
		KickoffOn: kickoff.String(), LaunchOn: kickoff.AddDays(56).String()}
	s.render(w, r, http.StatusOK, "workspace_new", s.newWorkspacePage(a, form, FormError{}))
}

// newWorkspacePage builds the form page, for showing it and for showing
// it again with an error.
func (s *server) newWorkspacePage(a *duet.Actor, form WorkspaceForm, fe FormError) *WorkspaceNewPage {
	p := &WorkspaceNewPage{Base: Base{Title: "New workspace"}, Form: form, Err: fe, TimeZones: commonZones}
	tpls := s.svc.Templates()
	found := false
	for _, t := range tpls {
		found = found || t.Key == form.Template
	}
	if !found && len(tpls) > 0 {
		p.Form.Template = tpls[0].Key
	}
	for _, t := range tpls {
		p.Templates = append(p.Templates, templateView(t, a.Org.Name, t.Key == p.Form.Template))
	}
	return p
}

// templateView describes every part of a template for the preview.
func templateView(t *duet.Template, host string, selected bool) TemplateView {
	v := TemplateView{Key: t.Key, Name: t.Name, Description: t.Description, PartnerType: t.PartnerType,
		Selected: selected, Hill: t.HillChart.Title, Scopes: len(t.HillChart.Scopes)}
	names := map[string]string{}
	hostSide := TemplateSide{Label: host, Class: "host"}
	partnerSide := TemplateSide{Label: "Partner", Class: "partner"}
	for _, r := range t.Roles {
		names[r.Key] = r.Name
		if r.Side == duet.SideHost {
			hostSide.Roles = append(hostSide.Roles, r)
		} else {
			partnerSide.Roles = append(partnerSide.Roles, r)
		}
	}
	v.Sides = []TemplateSide{hostSide, partnerSide}
	o := orgs{host, "Partner"}
	for _, c := range t.Channels {
		v.Channels = append(v.Channels, TemplateChannelView{Name: c.Name, Purpose: c.Purpose, Only: o.onlyLabel(c.Visibility)})
	}
	for _, c := range t.CheckIns {
		v.CheckIns = append(v.CheckIns, TemplateCheckInView{Title: c.Title, When: duet.ScheduleWords(c.Schedule, c.Time, ""),
			Questions: plural(len(c.Questions), "question", "questions")})
	}
	for _, m := range t.Milestones {
		v.Milestones = append(v.Milestones, TemplateMilestoneView{Title: m.Title, Due: ruleWords(m.Due),
			Criteria: plural(len(m.Criteria), "criterion", "criteria")})
	}
	for _, l := range t.TaskLists {
		v.TaskLists = append(v.TaskLists, TemplateListView{Title: l.Title, DRI: names[l.DRI], Tasks: plural(len(l.Tasks), "task", "tasks")})
	}
	for _, a := range t.Apps {
		if a.Enabled {
			v.Apps = append(v.Apps, a.Name)
		}
	}
	for _, in := range t.Integrations {
		v.Integrations = append(v.Integrations, integrationName(in.Kind))
	}
	for _, p := range t.PinnedResources {
		v.Pinned = append(v.Pinned, p.Title)
	}
	return v
}
