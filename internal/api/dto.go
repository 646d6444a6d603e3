package api

import (
	"time"

	"duet/internal/core"
	"duet/internal/duet"
	"duet/internal/store"
)

// The API's own shapes: they change only with the API's version, whatever
// happens to the vocabulary underneath.

type orgDTO struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type roleDTO struct {
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Side        string   `json:"side"`
	Description string   `json:"description"`
	Optional    bool     `json:"optional"`
	Holders     []string `json:"holders"` // member ids
}

type memberDTO struct {
	ID         string   `json:"id"`
	UserID     string   `json:"user_id"`
	Name       string   `json:"name"`
	Email      string   `json:"email"`
	Side       string   `json:"side"`
	Permission string   `json:"permission"`
	Roles      []string `json:"roles"`
	JoinedAt   string   `json:"joined_at"`
}

type channelDTO struct {
	ID         string `json:"id"`
	Key        string `json:"key"`
	Name       string `json:"name"`
	Purpose    string `json:"purpose"`
	Visibility string `json:"visibility"`
}

type questionDTO struct {
	Key        string   `json:"key"`
	Text       string   `json:"text"`
	Kind       string   `json:"kind"`
	VoterRoles []string `json:"voter_roles,omitempty"`
}

type checkInDTO struct {
	ID              string        `json:"id"`
	Key             string        `json:"key"`
	Title           string        `json:"title"`
	Purpose         string        `json:"purpose"`
	Schedule        string        `json:"schedule"`
	Time            string        `json:"time"`
	TimeZone        string        `json:"time_zone"`
	DurationMinutes int           `json:"duration_minutes"`
	AskRoles        []string      `json:"ask_roles"`
	AskSides        []duet.Side   `json:"ask_sides"`
	Questions       []questionDTO `json:"questions"`
	NextAt          string        `json:"next_at"`
}

type milestoneDTO struct {
	ID          string   `json:"id"`
	Key         string   `json:"key"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	DueOn       string   `json:"due_on"`
	Criteria    []string `json:"criteria"`
	Status      string   `json:"status"`
}

type driDTO struct {
	Role     string     `json:"role"`
	RoleName string     `json:"role_name"`
	Side     string     `json:"side"`
	Member   *driMember `json:"member"` // null when nobody holds the role
}

type driMember struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type taskDTO struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	DRI        driDTO `json:"dri"`
	DueOn      string `json:"due_on"`
	DueRule    string `json:"due_rule"`
	Status     string `json:"status"`
	Visibility string `json:"visibility"`
}

type taskListDTO struct {
	ID          string    `json:"id"`
	Key         string    `json:"key"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	DRI         driDTO    `json:"dri"`
	Tasks       []taskDTO `json:"tasks"`
}

type hillScopeDTO struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	TaskListID string `json:"task_list_id,omitempty"`
	Position   int    `json:"position"`
}

type hillChartDTO struct {
	ID     string         `json:"id"`
	Title  string         `json:"title"`
	Scopes []hillScopeDTO `json:"scopes"`
}

type appDTO struct {
	Key     string `json:"key"`
	Name    string `json:"name"`
	Enabled bool   `json:"enabled"`
}

type integrationDTO struct {
	Kind    string `json:"kind"`
	Purpose string `json:"purpose"`
	Status  string `json:"status"`
}

type pinnedDTO struct {
	Key         string `json:"key"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// workspaceDTO is the whole structure of a workspace.
type workspaceDTO struct {
	ID              string           `json:"id"`
	Name            string           `json:"name"`
	Template        string           `json:"template"`
	KickoffOn       string           `json:"kickoff_on"`
	LaunchOn        string           `json:"launch_on"`
	TimeZone        string           `json:"time_zone"`
	CreatedAt       string           `json:"created_at"`
	HostOrg         orgDTO           `json:"host_org"`
	PartnerOrg      orgDTO           `json:"partner_org"`
	Roles           []roleDTO        `json:"roles"`
	Members         []memberDTO      `json:"members"`
	Channels        []channelDTO     `json:"channels"`
	CheckIns        []checkInDTO     `json:"check_ins"`
	Milestones      []milestoneDTO   `json:"milestones"`
	TaskLists       []taskListDTO    `json:"task_lists"`
	HillCharts      []hillChartDTO   `json:"hill_charts"`
	Apps            []appDTO         `json:"apps"`
	Integrations    []integrationDTO `json:"integrations"`
	PinnedResources []pinnedDTO      `json:"pinned_resources"`
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func toWorkspace(d *duet.WorkspaceDetail) workspaceDTO {
	w := workspaceDTO{
		ID: d.ID, Name: d.Name, Template: d.TemplateKey, KickoffOn: d.KickoffOn.String(), LaunchOn: d.LaunchOn.String(),
		TimeZone: d.TimeZone, CreatedAt: stamp(d.Created),
		HostOrg:    orgDTO{ID: d.HostOrg.ID, Name: d.HostOrg.Name},
		PartnerOrg: orgDTO{ID: d.PartnerOrg.ID, Name: d.PartnerOrg.Name},
		Roles:      []roleDTO{}, Members: []memberDTO{}, Channels: []channelDTO{}, CheckIns: []checkInDTO{}, Milestones: []milestoneDTO{},
		TaskLists: []taskListDTO{}, HillCharts: []hillChartDTO{}, Apps: []appDTO{}, Integrations: []integrationDTO{}, PinnedResources: []pinnedDTO{},
	}
	holders := duet.RoleHolders(d.Members)
	for _, r := range d.Roles {
		ids := []string{}
		for _, m := range holders[r.Key] {
			ids = append(ids, m.ID)
		}
		w.Roles = append(w.Roles, roleDTO{Key: r.Key, Name: r.Name, Side: string(r.Side), Description: r.Description, Optional: r.Optional, Holders: ids})
	}
	for _, m := range d.Members {
		w.Members = append(w.Members, toMember(m))
	}
	for _, c := range d.Channels {
		w.Channels = append(w.Channels, channelDTO{ID: c.ID, Key: c.Key, Name: c.Name, Purpose: c.Purpose, Visibility: string(c.Visibility)})
	}
	for _, c := range d.CheckIns {
		dto := checkInDTO{ID: c.ID, Key: c.Key, Title: c.Title, Purpose: c.Purpose, Schedule: c.Schedule, Time: c.Time, TimeZone: d.TimeZone,
			DurationMinutes: c.DurationMinutes, AskRoles: c.AskRoles, AskSides: c.AskSides, Questions: []questionDTO{}}
		if !c.NextAt.IsZero() {
			dto.NextAt = c.NextAt.Format(time.RFC3339)
		}
		for _, q := range c.Questions {
			dto.Questions = append(dto.Questions, questionDTO{Key: q.Key, Text: q.Text, Kind: q.Kind, VoterRoles: q.VoterRoles})
		}
		w.CheckIns = append(w.CheckIns, dto)
	}
	for _, m := range d.Milestones {
		w.Milestones = append(w.Milestones, milestoneDTO{ID: m.ID, Key: m.Key, Title: m.Title, Description: m.Description,
			DueOn: m.DueOn.String(), Criteria: m.Criteria, Status: m.Status})
	}
	for _, l := range d.TaskLists {
		dto := taskListDTO{ID: l.ID, Key: l.Key, Title: l.Title, Description: l.Description, DRI: toDRI(l.DRI), Tasks: []taskDTO{}}
		for _, t := range l.Tasks {
			dto.Tasks = append(dto.Tasks, taskDTO{ID: t.ID, Title: t.Title, DRI: toDRI(t.DRI), DueOn: t.DueOn.String(), DueRule: t.DueRule,
				Status: t.Status, Visibility: string(t.Visibility)})
		}
		w.TaskLists = append(w.TaskLists, dto)
	}
	for _, h := range d.HillCharts {
		dto := hillChartDTO{ID: h.ID, Title: h.Title, Scopes: []hillScopeDTO{}}
		for _, s := range h.Scopes {
			dto.Scopes = append(dto.Scopes, hillScopeDTO{ID: s.ID, Title: s.Title, TaskListID: s.TaskListID, Position: s.Position})
		}
		w.HillCharts = append(w.HillCharts, dto)
	}
	for _, a := range d.Apps {
		w.Apps = append(w.Apps, appDTO{Key: a.Key, Name: a.Name, Enabled: a.Enabled})
	}
	for _, in := range d.Integrations {
		w.Integrations = append(w.Integrations, integrationDTO{Kind: in.Kind, Purpose: in.Purpose, Status: in.Status})
	}
	for _, p := range d.PinnedResources {
		w.PinnedResources = append(w.PinnedResources, pinnedDTO{Key: p.Key, Title: p.Title, Description: p.Description})
	}
	return w
}

func toMember(m duet.Member) memberDTO {
	return memberDTO{ID: m.ID, UserID: m.UserID, Name: m.Name, Email: m.Email, Side: string(m.Side),
		Permission: string(m.Permission), Roles: m.RoleKeys, JoinedAt: stamp(m.Joined)}
}

func toDRI(d duet.DRI) driDTO {
	dto := driDTO{Role: d.RoleKey, RoleName: d.RoleName, Side: string(d.Side)}
	if d.Member != nil {
		dto.Member = &driMember{ID: d.Member.ID, Name: d.Member.Name}
	}
	return dto
}

// workspaceSummaryDTO is a workspace in a list.
type workspaceSummaryDTO struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Template   string `json:"template"`
	HostOrg    string `json:"host_org"`
	PartnerOrg string `json:"partner_org"`
	KickoffOn  string `json:"kickoff_on"`
	LaunchOn   string `json:"launch_on"`
	TimeZone   string `json:"time_zone"`
	Side       string `json:"side"`
	Permission string `json:"permission"`
	Members    int    `json:"members"`
}

func toSummary(s store.WorkspaceSummary) workspaceSummaryDTO {
	return workspaceSummaryDTO{ID: s.ID, Name: s.Name, Template: s.TemplateKey, HostOrg: s.HostOrg, PartnerOrg: s.PartnerOrg, KickoffOn: s.KickoffOn.String(),
		LaunchOn: s.LaunchOn.String(), TimeZone: s.TimeZone, Side: string(s.Side), Permission: string(s.Permission), Members: s.Members}
}

type inviteDTO struct {
	ID         string   `json:"id"`
	Email      string   `json:"email"`
	Side       string   `json:"side"`
	Permission string   `json:"permission"`
	Roles      []string `json:"roles"`
	State      string   `json:"state"`
	CreatedAt  string   `json:"created_at"`
	ExpiresAt  string   `json:"expires_at"`
	// Only in the answer to creating the invite: the secret link, once.
	URL    string `json:"url,omitempty"`
	Token  string `json:"token,omitempty"`
	Mailed *bool  `json:"mailed,omitempty"`
}

func toInvite(in duet.Invite, now time.Time) inviteDTO {
	return inviteDTO{ID: in.ID, Email: in.Email, Side: string(in.Side), Permission: string(in.Permission), Roles: in.RoleKeys,
		State: in.State(now), CreatedAt: stamp(in.Created), ExpiresAt: stamp(in.Expires)}
}

func toCreatedInvite(r *core.InviteResult, now time.Time) inviteDTO {
	dto := toInvite(r.Invite, now)
	dto.URL, dto.Token, dto.Mailed = r.URL, r.Token, &r.Mailed
	return dto
}

// templateDTO summarizes a template and counts its parts.
type templateDTO struct {
	Key          string `json:"key"`
	Name         string `json:"name"`
	Description  string `json:"description"`
	PartnerType  string `json:"partner_type,omitempty"`
	Roles        int    `json:"roles"`
	Channels     int    `json:"channels"`
	CheckIns     int    `json:"check_ins"`
	Milestones   int    `json:"milestones"`
	TaskLists    int    `json:"task_lists"`
	Tasks        int    `json:"tasks"`
	Integrations int    `json:"integrations"`
	Pinned       int    `json:"pinned_resources"`
}

func toTemplate(t *duet.Template) templateDTO {
	n := 0
	for _, l := range t.TaskLists {
		n += len(l.Tasks)
	}
	return templateDTO{Key: t.Key, Name: t.Name, Description: t.Description, PartnerType: t.PartnerType, Roles: len(t.Roles),
		Channels: len(t.Channels), CheckIns: len(t.CheckIns), Milestones: len(t.Milestones), TaskLists: len(t.TaskLists), Tasks: n,
		Integrations: len(t.Integrations), Pinned: len(t.PinnedResources)}
}

type userDTO struct {
	ID      string  `json:"id"`
	Email   string  `json:"email"`
	Name    string  `json:"name"`
	Org     *orgDTO `json:"org,omitempty"`
	IsAdmin bool    `json:"is_admin"`
}
