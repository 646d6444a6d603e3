package duet

import (
	"time"
)

// Instantiate builds a workspace's whole structure from a template, with
// real dates from the workspace's kickoff and launch, and its starter
// tasks. newID supplies ids. The template must have passed Validate.
func Instantiate(t *Template, w Workspace, newID func() string) (*WorkspaceDetail, []Task) {
	d := &WorkspaceDetail{Workspace: w}
	date := func(rel string) (Date, DueRule) {
		r, _ := ParseRelDate(rel) // validated with the template
		return r.Resolve(w.KickoffOn, w.LaunchOn), DueRule{Anchor: r.Anchor, Days: r.Days}
	}
	for _, r := range t.Roles {
		d.Roles = append(d.Roles, Role{ID: newID(), Key: r.Key, Name: r.Name, Side: r.Side, Description: r.Description, Optional: r.Optional})
	}
	for i, c := range t.Channels {
		d.Channels = append(d.Channels, Channel{ID: newID(), Key: c.Key, Name: c.Name, Purpose: c.Purpose, Visibility: c.Visibility, Position: i})
	}
	for _, c := range t.CheckIns {
		d.CheckIns = append(d.CheckIns, CheckIn{
			ID: newID(), Key: c.Key, Title: c.Title, Purpose: c.Purpose, Schedule: c.Schedule, Time: c.Time,
			DurationMinutes: c.DurationMinutes, AskRoles: nonNil(c.AskRoles), AskSides: nonNil(c.AskSides),
			Questions: nonNil(c.Questions), Visibility: VisShared, OpenDays: DefaultOpenDays, NudgeMinutes: DefaultNudgeMinutes,
			Version: 1, Updated: w.Created,
		})
	}
	for i, m := range t.Milestones {
		ms := Milestone{ID: newID(), Key: m.Key, Title: m.Title, Description: m.Description, Position: i, Version: 1}
		ms.DueOn, ms.Due = date(m.Due)
		for _, c := range m.Criteria {
			ms.Criteria = append(ms.Criteria, Criterion{ID: newID(), Text: c.Text, Check: c.Check, TaskList: c.TaskList,
				DecisionKinds: nonNil(c.DecisionKinds), DRI: DRI{RoleKey: c.DRI}})
		}
		d.Milestones = append(d.Milestones, ms)
	}
	var tasks []Task
	listIDs := map[string]string{}
	for i, l := range t.TaskLists {
		tl := TaskList{ID: newID(), Key: l.Key, Title: l.Title, Description: l.Description, DRI: DRI{RoleKey: l.DRI}, Position: i}
		listIDs[l.Key] = tl.ID
		for j, task := range l.Tasks {
			vis := task.Visibility
			if vis == "" {
				vis = VisShared
			}
			nt := Task{ID: newID(), ListID: tl.ID, Number: len(tasks) + 1, Title: task.Title, DRI: DRI{RoleKey: task.DRI},
				Status: TaskOpen, Visibility: vis, Position: j, Version: 1, Created: w.Created, Updated: w.Created}
			nt.DueOn, nt.Due = date(task.Due)
			tasks = append(tasks, nt)
		}
		d.TaskLists = append(d.TaskLists, tl)
	}
	if t.HillChart.Title != "" {
		h := HillChart{ID: newID(), Title: t.HillChart.Title}
		for _, s := range t.HillChart.Scopes {
			h.Scopes = append(h.Scopes, HillScope{ID: newID(), Title: s.Title, TaskListID: listIDs[s.TaskList]})
		}
		d.HillCharts = append(d.HillCharts, h)
	}
	for _, a := range t.Apps {
		d.Apps = append(d.Apps, App(a))
	}
	for _, in := range t.Integrations {
		d.Integrations = append(d.Integrations, Integration{Kind: in.Kind, Purpose: in.Purpose, Status: IntegrationNotConfigured})
	}
	for i, p := range t.PinnedResources {
		d.PinnedResources = append(d.PinnedResources, PinnedResource{Key: p.Key, Title: p.Title, Description: p.Description, Position: i})
	}
	return d, tasks
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Resolve fills in what is derived rather than stored: the time zone and
// each DRI's role name, side and current holder.
func (d *WorkspaceDetail) Resolve() {
	if loc, err := time.LoadLocation(d.TimeZone); err == nil {
		d.Loc = loc
	}
	roles := map[string]Role{}
	for _, r := range d.Roles {
		roles[r.Key] = r
	}
	for i := range d.TaskLists {
		d.ResolveDRI(&d.TaskLists[i].DRI)
	}
	for i := range d.Milestones {
		for j := range d.Milestones[i].Criteria {
			d.ResolveDRI(&d.Milestones[i].Criteria[j].DRI)
		}
	}
}

// ResolveDRI fills in a DRI's role name and side and the member who is
// responsible now: the one chosen, or the first holder of the role. A
// member who left, or a role nobody holds, leaves Member nil.
func (d *WorkspaceDetail) ResolveDRI(x *DRI) {
	x.Member = nil
	if x.MemberID != "" {
		for i := range d.Members {
			if m := &d.Members[i]; m.ID == x.MemberID {
				x.Member, x.Side, x.RoleName = m, m.Side, ""
				return
			}
		}
		return
	}
	for _, r := range d.Roles {
		if r.Key == x.RoleKey {
			x.RoleName, x.Side = r.Name, r.Side
		}
	}
	for i := range d.Members {
		for _, k := range d.Members[i].RoleKeys {
			if k == x.RoleKey {
				x.Member = &d.Members[i]
				return
			}
		}
	}
}

// At returns a shallow copy of d whose check-ins carry their next
// occurrence after now, in the workspace's time zone. d itself is not
// changed, so one loaded structure can serve many requests.
func (d *WorkspaceDetail) At(now time.Time) *WorkspaceDetail {
	c := *d
	c.CheckIns = make([]CheckIn, len(d.CheckIns))
	copy(c.CheckIns, d.CheckIns)
	loc := d.Loc
	if loc == nil {
		loc = time.UTC
	}
	for i := range c.CheckIns {
		ci := &c.CheckIns[i]
		if next := ci.Upcoming(d.KickoffOn, loc, now, 1); len(next) == 1 {
			ci.NextAt = next[0].StartsAt
		}
	}
	return &c
}

// UnfilledRoles returns the required roles nobody holds.
func (d *WorkspaceDetail) UnfilledRoles() []Role {
	holders := RoleHolders(d.Members)
	var out []Role
	for _, r := range d.Roles {
		if !r.Optional && len(holders[r.Key]) == 0 {
			out = append(out, r)
		}
	}
	return out
}
