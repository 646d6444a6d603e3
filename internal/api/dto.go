package api

import (
	"slices"
	"strconv"
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
	Away       bool     `json:"away"` // skipped by lead routing
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

// milestoneSummaryDTO is a milestone in the workspace structure: its
// criteria as written, without the evaluation, which GET of the
// milestone (url) answers.
type milestoneSummaryDTO struct {
	ID          string                `json:"id"`
	Key         string                `json:"key"`
	Title       string                `json:"title"`
	Description string                `json:"description"`
	DueOn       *string               `json:"due_on"`
	DueRule     *string               `json:"due_rule"`
	CompletedAt *string               `json:"completed_at"`
	Criteria    []criterionSummaryDTO `json:"criteria"`
	URL         string                `json:"url"`
}

// criterionSummaryDTO is a criterion as written: what it says, how it is
// checked and who makes it true.
type criterionSummaryDTO struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Check string `json:"check"`
	DRI   driDTO `json:"dri"`
}

// driDTO is who is directly responsible for an item: one person, chosen
// directly (role_key and role_name are null) or through a role, whose
// holder now is the DRI. member_id and name are that person; unfilled is
// true, and they are null, when nobody holds the role or the person
// chosen left the workspace.
type driDTO struct {
	RoleKey  *string `json:"role_key"`
	RoleName *string `json:"role_name"`
	MemberID *string `json:"member_id"`
	Name     *string `json:"name"`
	Side     *string `json:"side"`
	Unfilled bool    `json:"unfilled"`
}

// taskListDTO is a task list (a stage of the campaign). Its tasks are
// listed by GET tasks_url.
type taskListDTO struct {
	ID          string `json:"id"`
	Key         string `json:"key"`
	Title       string `json:"title"`
	Description string `json:"description"`
	DRI         driDTO `json:"dri"`
	Position    int    `json:"position"`
	Archived    bool   `json:"archived"`
	TasksURL    string `json:"tasks_url"`
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
	ID              string                `json:"id"`
	Name            string                `json:"name"`
	Template        string                `json:"template"`
	KickoffOn       string                `json:"kickoff_on"`
	LaunchOn        string                `json:"launch_on"`
	TimeZone        string                `json:"time_zone"`
	CreatedAt       string                `json:"created_at"`
	HostOrg         orgDTO                `json:"host_org"`
	PartnerOrg      orgDTO                `json:"partner_org"`
	Roles           []roleDTO             `json:"roles"`
	Members         []memberDTO           `json:"members"`
	Channels        []channelDTO          `json:"channels"`
	CheckIns        []checkInDTO          `json:"check_ins"`
	Milestones      []milestoneSummaryDTO `json:"milestones"`
	TaskLists       []taskListDTO         `json:"task_lists"`
	HillCharts      []hillChartDTO        `json:"hill_charts"`
	Apps            []appDTO              `json:"apps"`
	Integrations    []integrationDTO      `json:"integrations"`
	PinnedResources []pinnedDTO           `json:"pinned_resources"`
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func toWorkspace(d *duet.WorkspaceDetail) workspaceDTO {
	w := workspaceDTO{
		ID: d.ID, Name: d.Name, Template: d.TemplateKey, KickoffOn: d.KickoffOn.String(), LaunchOn: d.LaunchOn.String(),
		TimeZone: d.TimeZone, CreatedAt: stamp(d.Created),
		HostOrg:    orgDTO{ID: d.HostOrg.ID, Name: d.HostOrg.Name},
		PartnerOrg: orgDTO{ID: d.PartnerOrg.ID, Name: d.PartnerOrg.Name},
		Roles:      []roleDTO{}, Members: []memberDTO{}, Channels: []channelDTO{}, CheckIns: []checkInDTO{}, Milestones: []milestoneSummaryDTO{},
		TaskLists: []taskListDTO{}, HillCharts: []hillChartDTO{}, Apps: []appDTO{}, Integrations: []integrationDTO{}, PinnedResources: []pinnedDTO{},
	}
	holders := duet.RoleHolders(d.Members)
	loc := d.Loc
	if loc == nil {
		loc = time.UTC
	}
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
			// The meeting's time in the workspace's zone, with its offset,
			// as this shape has always given it (the vocabulary keeps UTC).
			dto.NextAt = localStamp(c.NextAt, loc)
		}
		for _, q := range c.Questions {
			dto.Questions = append(dto.Questions, questionDTO{Key: q.Key, Text: q.Text, Kind: q.Kind, VoterRoles: q.VoterRoles})
		}
		w.CheckIns = append(w.CheckIns, dto)
	}
	for _, m := range d.Milestones {
		dto := milestoneSummaryDTO{ID: m.ID, Key: m.Key, Title: m.Title, Description: m.Description, DueOn: day(m.DueOn),
			DueRule: optional(m.Due.String()), CompletedAt: stampPtr(m.Completed), Criteria: []criterionSummaryDTO{},
			URL: "/api/v1/workspaces/" + d.ID + "/milestones/" + m.ID}
		for _, c := range m.Criteria {
			dto.Criteria = append(dto.Criteria, criterionSummaryDTO{ID: c.ID, Text: c.Text, Check: checkName(c.Check), DRI: toDRI(c.DRI)})
		}
		w.Milestones = append(w.Milestones, dto)
	}
	for _, l := range d.TaskLists {
		w.TaskLists = append(w.TaskLists, toTaskList(d.ID, l))
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
		Permission: string(m.Permission), Roles: m.RoleKeys, JoinedAt: stamp(m.Joined), Away: m.Away}
}

func toDRI(d duet.DRI) driDTO {
	dto := driDTO{RoleKey: optional(d.RoleKey), RoleName: optional(d.RoleName), Side: optional(string(d.Side)), Unfilled: d.Member == nil}
	if d.MemberID != "" {
		dto.RoleKey, dto.RoleName = nil, nil // chosen directly, not through a role
	}
	if d.Member != nil {
		dto.MemberID, dto.Name = &d.Member.ID, &d.Member.Name
		if dto.Side == nil {
			dto.Side = optional(string(d.Member.Side))
		}
	}
	return dto
}

func toTaskList(wsID string, l duet.TaskList) taskListDTO {
	return taskListDTO{ID: l.ID, Key: l.Key, Title: l.Title, Description: l.Description, DRI: toDRI(l.DRI), Position: l.Position,
		Archived: l.Archived, TasksURL: "/api/v1/workspaces/" + wsID + "/tasks?list=" + l.ID}
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

// stampPtr is stamp for an optional time: null when unset.
func stampPtr(t *time.Time) *string {
	if t == nil || t.IsZero() {
		return nil
	}
	s := stamp(*t)
	return &s
}

// optional is null for "" and the string otherwise.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// authorDTO is who wrote or signed something. It names a member of the
// workspace, never a user account: user ids of the other organization are
// never exposed.
type authorDTO struct {
	MemberID string `json:"member_id"`
	Name     string `json:"name"`
	Side     string `json:"side"`
}

func toAuthor(a duet.Author) authorDTO {
	return authorDTO{MemberID: a.MemberID, Name: a.Name, Side: string(a.Side)}
}

// channelStateDTO is a channel as the channel endpoints answer it.
type channelStateDTO struct {
	ID         string `json:"id"`
	Key        string `json:"key"`
	Name       string `json:"name"`
	Purpose    string `json:"purpose"`
	Visibility string `json:"visibility"`
	Position   int    `json:"position"`
	Archived   bool   `json:"archived"`
}

func toChannelState(c duet.Channel) channelStateDTO {
	return channelStateDTO{ID: c.ID, Key: c.Key, Name: c.Name, Purpose: c.Purpose, Visibility: string(c.Visibility),
		Position: c.Position, Archived: c.Archived}
}

// channelInfoDTO is a channel in the caller's list, with what they have
// not read yet.
type channelInfoDTO struct {
	channelStateDTO
	// Unread counts top-level messages by others since the caller's last
	// read, capped at duet.UnreadCap.
	Unread  int   `json:"unread"`
	LastSeq int64 `json:"last_seq"`
}

func toChannelInfo(c duet.ChannelInfo) channelInfoDTO {
	return channelInfoDTO{channelStateDTO: toChannelState(c.Channel), Unread: c.Unread, LastSeq: c.LastSeq}
}

// channelRefDTO names the channel a message or thread is in.
type channelRefDTO struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Visibility string `json:"visibility"`
}

func toChannelRef(c duet.Channel) channelRefDTO {
	return channelRefDTO{ID: c.ID, Name: c.Name, Visibility: string(c.Visibility)}
}

type reactionDTO struct {
	Emoji string   `json:"emoji"`
	Count int      `json:"count"`
	Names []string `json:"names"`
	Mine  bool     `json:"mine"` // the caller is among those who reacted
}

// decisionRefDTO names another decision.
type decisionRefDTO struct {
	ID     string `json:"id"`
	Number int    `json:"number"`
	Title  string `json:"title,omitempty"`
	Status string `json:"status,omitempty"`
}

func toDecisionRef(r *duet.DecisionRef) *decisionRefDTO {
	if r == nil {
		return nil
	}
	return &decisionRefDTO{ID: r.ID, Number: r.Number, Title: r.Title, Status: r.Status}
}

// messageDTO is one message. Body is the Markdown as written; HTML is it
// rendered and sanitized, safe to insert into a page.
type messageDTO struct {
	ID          string          `json:"id"`
	ChannelID   string          `json:"channel_id"`
	Seq         int64           `json:"seq"`
	ParentID    *string         `json:"parent_id"` // null for a top-level message
	Author      authorDTO       `json:"author"`
	Body        string          `json:"body"`
	HTML        string          `json:"html"`
	CreatedAt   string          `json:"created_at"`
	EditedAt    *string         `json:"edited_at"`
	Deleted     bool            `json:"deleted"`
	ReplyCount  int             `json:"reply_count"`
	LastReplyAt *string         `json:"last_reply_at"`
	Reactions   []reactionDTO   `json:"reactions"`
	Decision    *decisionRefDTO `json:"decision"`  // the decision it was recorded as
	Candidate   *string         `json:"candidate"` // flagged, dismissed, recorded or null
}

// toMessage converts a message for the member viewer (their member id,
// to mark their own reactions).
func toMessage(m duet.Message, viewer string) messageDTO {
	dto := messageDTO{ID: m.ID, ChannelID: m.ChannelID, Seq: m.Seq, ParentID: optional(m.ParentID), Author: toAuthor(m.Author),
		Body: m.Body, HTML: string(m.HTML), CreatedAt: stamp(m.Created), EditedAt: stampPtr(m.Edited), Deleted: m.Deleted,
		ReplyCount: m.Replies, LastReplyAt: stampPtr(m.LastReply), Reactions: []reactionDTO{}, Candidate: optional(m.Candidate)}
	for _, r := range m.Reactions {
		names := r.Names
		if names == nil {
			names = []string{}
		}
		dto.Reactions = append(dto.Reactions, reactionDTO{Emoji: r.Emoji, Count: r.Count, Names: names,
			Mine: viewer != "" && slices.Contains(r.MemberIDs, viewer)})
	}
	if m.DecisionID != "" {
		dto.Decision = &decisionRefDTO{ID: m.DecisionID, Number: m.DecisionNumber}
	}
	return dto
}

func toMessages(ms []duet.Message, viewer string) []messageDTO {
	out := make([]messageDTO, 0, len(ms))
	for _, m := range ms {
		out = append(out, toMessage(m, viewer))
	}
	return out
}

type messageEditDTO struct {
	Body       string `json:"body"`
	HTML       string `json:"html"`
	ReplacedAt string `json:"replaced_at"`
	Editor     string `json:"editor"` // a name
}

// signOffDTO is one required signature. signed_by, signed_at and version
// appear once it is signed.
type signOffDTO struct {
	RoleKey  string     `json:"role_key"`
	RoleName string     `json:"role_name"`
	Side     string     `json:"side"`
	SignedBy *authorDTO `json:"signed_by,omitempty"`
	SignedAt *string    `json:"signed_at,omitempty"`
	Version  *int       `json:"version,omitempty"`
}

// decisionDTO is one entry of the decision log. HTML and RationaleHTML
// are only in answers about one decision; lists leave them out, and also
// leave out the source message, which GET of the decision shows to those
// who may see it.
type decisionDTO struct {
	ID              string          `json:"id"`
	Number          int             `json:"number"`
	Kind            string          `json:"kind"`
	Title           string          `json:"title"`
	Body            string          `json:"body"`
	HTML            *string         `json:"html,omitempty"`
	Rationale       string          `json:"rationale"`
	RationaleHTML   *string         `json:"rationale_html,omitempty"`
	Status          string          `json:"status"`
	Version         int             `json:"version"`
	ProposedBy      authorDTO       `json:"proposed_by"`
	CreatedAt       string          `json:"created_at"`
	UpdatedAt       string          `json:"updated_at"`
	DecidedAt       *string         `json:"decided_at"`
	Reason          *string         `json:"reason"` // why it was rejected or withdrawn
	SourceMessageID *string         `json:"source_message_id,omitempty"`
	SourceChannelID *string         `json:"source_channel_id,omitempty"`
	Supersedes      *decisionRefDTO `json:"supersedes"`
	SupersededBy    *decisionRefDTO `json:"superseded_by"`
	SignOffs        []signOffDTO    `json:"sign_offs"`
}

// toDecision converts one decision; full says it was loaded on its own
// (rendered, and with its source filtered for the caller).
func toDecision(d duet.Decision, full bool) decisionDTO {
	dto := decisionDTO{ID: d.ID, Number: d.Number, Kind: d.Kind, Title: d.Title, Body: d.Body, Rationale: d.Rationale,
		Status: d.Status, Version: d.Version, ProposedBy: toAuthor(d.ProposedBy), CreatedAt: stamp(d.Created),
		UpdatedAt: stamp(d.Updated), DecidedAt: stampPtr(d.Decided), Reason: optional(d.Reason),
		Supersedes: toDecisionRef(d.Supersedes), SupersededBy: toDecisionRef(d.SupersededBy), SignOffs: []signOffDTO{}}
	if full {
		html, rat := string(d.HTML), string(d.RatHTML)
		dto.HTML, dto.RationaleHTML = &html, &rat
		dto.SourceMessageID, dto.SourceChannelID = optional(d.SourceMsgID), optional(d.SourceChanID)
	}
	for _, s := range d.SignOffs {
		so := signOffDTO{RoleKey: s.RoleKey, RoleName: s.RoleName, Side: string(s.Side)}
		if s.Signer != nil {
			by := toAuthor(*s.Signer)
			v := s.Version
			so.SignedBy, so.SignedAt, so.Version = &by, stampPtr(s.Signed), &v
		}
		dto.SignOffs = append(dto.SignOffs, so)
	}
	return dto
}

// searchHitDTO is one search result. SnippetHTML is escaped text with the
// matches in <mark>, safe to insert into a page.
type searchHitDTO struct {
	ItemID      string  `json:"item_id"`
	Kind        string  `json:"kind"` // message or decision
	ChannelID   string  `json:"channel_id"`
	ChannelName string  `json:"channel_name"`
	Seq         int64   `json:"seq"`
	Title       string  `json:"title"`
	SnippetHTML string  `json:"snippet_html"`
	Author      string  `json:"author,omitempty"`     // messages: the author's name
	CreatedAt   *string `json:"created_at,omitempty"` // messages
	ThreadID    *string `json:"thread_id,omitempty"`  // a reply: its thread's top-level message
}

func toSearchHit(h duet.SearchHit) searchHitDTO {
	dto := searchHitDTO{ItemID: h.ItemID, Kind: h.Kind, ChannelID: h.ChannelID, ChannelName: h.ChannelName, Seq: h.Seq,
		Title: h.Title, SnippetHTML: string(h.Highlighted), Author: h.Author, ThreadID: optional(h.ThreadID)}
	if h.Kind == "message" {
		dto.CreatedAt = stampPtr(&h.Created)
	}
	return dto
}

// notificationDTO is one item of the caller's inbox.
type notificationDTO struct {
	ID             string  `json:"id"`
	WorkspaceID    string  `json:"workspace_id"`
	WorkspaceName  string  `json:"workspace_name"`
	Kind           string  `json:"kind"`       // mention, reply or signoff
	SubjectID      string  `json:"subject_id"` // the message or decision
	ChannelID      *string `json:"channel_id"` // the message's channel; null for a decision
	ThreadID       *string `json:"thread_id"`  // a reply: its thread's top-level message
	DecisionNumber *int    `json:"decision_number,omitempty"`
	Actor          struct {
		MemberID string `json:"member_id"`
		Name     string `json:"name"`
	} `json:"actor"`
	Excerpt   string  `json:"excerpt"` // the message's Markdown or the decision's title
	CreatedAt string  `json:"created_at"`
	ReadAt    *string `json:"read_at"`
}

func toNotification(n duet.Notification) notificationDTO {
	dto := notificationDTO{ID: n.ID, WorkspaceID: n.WorkspaceID, WorkspaceName: n.WorkspaceName, Kind: n.Kind, SubjectID: n.SubjectID,
		ChannelID: optional(n.ScopeID), ThreadID: optional(n.ThreadID), Excerpt: n.Excerpt, CreatedAt: stamp(n.Created), ReadAt: stampPtr(n.Read)}
	if n.DecisionNumber > 0 {
		num := n.DecisionNumber
		dto.DecisionNumber = &num
	}
	dto.Actor.MemberID, dto.Actor.Name = n.Actor.MemberID, n.Actor.Name
	return dto
}

// day is a date as YYYY-MM-DD, or null for none.
func day(d duet.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// checkName is a criterion's check as the API names it: "manual", or the
// key of a computed check.
func checkName(check string) string {
	if check == duet.CheckManual {
		return "manual"
	}
	return check
}

// taskListInfoDTO is a task list with its live tasks counted as the
// caller sees them.
type taskListInfoDTO struct {
	taskListDTO
	Counts struct {
		Total   int `json:"total"`
		Done    int `json:"done"`
		Blocked int `json:"blocked"`
		Overdue int `json:"overdue"`
	} `json:"counts"`
}

func toTaskListInfo(wsID string, l core.TaskListInfo) taskListInfoDTO {
	dto := taskListInfoDTO{taskListDTO: toTaskList(wsID, l.TaskList)}
	dto.Counts.Total, dto.Counts.Done, dto.Counts.Blocked, dto.Counts.Overdue = l.Total, l.Done, l.Blocked, l.Overdue
	return dto
}

// taskRefDTO names another task.
type taskRefDTO struct {
	ID         string `json:"id"`
	Number     int    `json:"number"`
	Title      string `json:"title"`
	Status     string `json:"status"`
	Visibility string `json:"visibility"`
}

func toTaskRefs(rs []duet.TaskRef) []taskRefDTO {
	out := make([]taskRefDTO, 0, len(rs))
	for _, r := range rs {
		out = append(out, taskRefDTO{ID: r.ID, Number: r.Number, Title: r.Title, Status: r.Status, Visibility: string(r.Visibility)})
	}
	return out
}

// taskDTO is a task as lists show it. number is its T-n within the
// workspace; due_rule is how the due date is set ("launch-7d",
// "kickoff+3d", "T-12+2d"), null for a fixed date.
type taskDTO struct {
	ID             string  `json:"id"`
	Number         int     `json:"number"`
	ListID         string  `json:"list_id"`
	ListTitle      string  `json:"list_title"`
	Title          string  `json:"title"`
	DRI            driDTO  `json:"dri"`
	DueOn          *string `json:"due_on"`
	DueRule        *string `json:"due_rule"`
	Status         string  `json:"status"`
	BlockedReason  *string `json:"blocked_reason"`
	Visibility     string  `json:"visibility"`
	Position       int     `json:"position"`
	Version        int     `json:"version"`
	ChecklistTotal int     `json:"checklist_total"`
	ChecklistDone  int     `json:"checklist_done"`
	WaitingOn      int     `json:"waiting_on"` // unfinished tasks it depends on
	CreatedAt      string  `json:"created_at"`
	UpdatedAt      string  `json:"updated_at"`
	CompletedAt    *string `json:"completed_at"`
	Archived       bool    `json:"archived"`
}

func toTask(t duet.Task) taskDTO {
	return taskDTO{ID: t.ID, Number: t.Number, ListID: t.ListID, ListTitle: t.ListTitle, Title: t.Title, DRI: toDRI(t.DRI),
		DueOn: day(t.DueOn), DueRule: optional(t.Due.String()), Status: t.Status, BlockedReason: optional(t.BlockedReason),
		Visibility: string(t.Visibility), Position: t.Position, Version: t.Version, ChecklistTotal: t.ChecklistTotal,
		ChecklistDone: t.ChecklistChecked, WaitingOn: t.WaitingOn, CreatedAt: stamp(t.Created), UpdatedAt: stamp(t.Updated),
		CompletedAt: stampPtr(t.Completed), Archived: t.Archived}
}

type checklistItemDTO struct {
	ID     string     `json:"id"`
	Text   string     `json:"text"`
	Done   bool       `json:"done"`
	DoneBy *authorDTO `json:"done_by"`
	DoneAt *string    `json:"done_at"`
}

// taskFullDTO is one task with its notes, collaborators, checklist and
// dependencies. Notes is the Markdown as written; HTML, it rendered and
// sanitized, is only in GET of the task.
type taskFullDTO struct {
	taskDTO
	Notes         string             `json:"notes"`
	HTML          *string            `json:"html,omitempty"`
	Collaborators []authorDTO        `json:"collaborators"`
	Checklist     []checklistItemDTO `json:"checklist"`
	DependsOn     []taskRefDTO       `json:"depends_on"`
}

// toTaskFull converts a task loaded on its own (by GET, or as a change
// answers it); the counts are those of its checklist and dependencies.
func toTaskFull(t duet.Task) taskFullDTO {
	dto := taskFullDTO{taskDTO: toTask(t), Notes: t.Notes, Collaborators: []authorDTO{},
		Checklist: []checklistItemDTO{}, DependsOn: toTaskRefs(t.DependsOn)}
	for _, c := range t.Collaborators {
		dto.Collaborators = append(dto.Collaborators, toAuthor(c))
	}
	dto.ChecklistTotal, dto.ChecklistDone, dto.WaitingOn = len(t.Checklist), 0, 0
	for _, c := range t.Checklist {
		item := checklistItemDTO{ID: c.ID, Text: c.Text, Done: c.Done, DoneAt: stampPtr(c.DoneAt)}
		if c.DoneBy != nil {
			by := toAuthor(*c.DoneBy)
			item.DoneBy = &by
		}
		if c.Done {
			dto.ChecklistDone++
		}
		dto.Checklist = append(dto.Checklist, item)
	}
	for _, d := range t.DependsOn {
		if d.Status != duet.TaskDone {
			dto.WaitingOn++
		}
	}
	return dto
}

// taskCommentDTO is a comment on a task, Markdown like a message.
type taskCommentDTO struct {
	ID        string    `json:"id"`
	Author    authorDTO `json:"author"`
	Body      string    `json:"body"`
	HTML      string    `json:"html"`
	CreatedAt string    `json:"created_at"`
}

func toTaskComment(c duet.TaskComment) taskCommentDTO {
	return taskCommentDTO{ID: c.ID, Author: toAuthor(c.Author), Body: c.Body, HTML: string(c.HTML), CreatedAt: stamp(c.Created)}
}

// changeDTO is one entry of an item's history. It has no id: entries are
// numbered across the workspace, and gaps would count the other side's
// changes.
type changeDTO struct {
	By      authorDTO `json:"by"`
	At      string    `json:"at"`
	Summary string    `json:"summary"`
}

func toChanges(cs []duet.Change) []changeDTO {
	out := make([]changeDTO, 0, len(cs))
	for _, c := range cs {
		out = append(out, changeDTO{By: toAuthor(c.Actor), At: stamp(c.At), Summary: c.Summary})
	}
	return out
}

// taskPageDTO is GET of one task: the task with the tasks waiting on it,
// its comments and history, and whether the caller may change it.
type taskPageDTO struct {
	taskFullDTO
	Dependents []taskRefDTO     `json:"dependents"`
	Comments   []taskCommentDTO `json:"comments"`
	History    []changeDTO      `json:"history"`
	CanEdit    bool             `json:"can_edit"`
}

func toTaskPage(d core.TaskDetail) taskPageDTO {
	dto := taskPageDTO{taskFullDTO: toTaskFull(d.Task), Dependents: toTaskRefs(d.Dependents), Comments: []taskCommentDTO{},
		History: toChanges(d.History), CanEdit: d.CanEdit}
	html := string(d.Task.NotesHTML)
	dto.HTML = &html
	for _, c := range d.Comments {
		dto.Comments = append(dto.Comments, toTaskComment(c))
	}
	return dto
}

// criterionDTO is one condition of a milestone gate, decided: met says
// whether it holds and why says what is met or missing. check is "manual"
// or the computed check it is; computed says whether Duet decided it
// (a check Duet cannot compute yet is checked off by hand, like a manual
// one). task_list and decision_kinds are what a tasks_done or
// decisions_recorded check reads.
type criterionDTO struct {
	ID            string     `json:"id"`
	Text          string     `json:"text"`
	Check         string     `json:"check"`
	CheckName     string     `json:"check_name"`
	Computed      bool       `json:"computed"`
	TaskList      *string    `json:"task_list,omitempty"`
	DecisionKinds []string   `json:"decision_kinds,omitempty"`
	DRI           driDTO     `json:"dri"`
	Met           bool       `json:"met"`
	Why           string     `json:"why"`
	CheckedBy     *authorDTO `json:"checked_by"`
	CheckedAt     *string    `json:"checked_at"`
}

// milestoneDTO is a milestone with its gate evaluated. status is pending
// (a criterion is unmet), ready (all are met) or complete; override is
// the decision recording why it completes with unmet criteria.
type milestoneDTO struct {
	ID          string          `json:"id"`
	Key         string          `json:"key"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	DueOn       *string         `json:"due_on"`
	DueRule     *string         `json:"due_rule"`
	Status      string          `json:"status"`
	Position    int             `json:"position"`
	Version     int             `json:"version"`
	CompletedAt *string         `json:"completed_at"`
	CompletedBy *authorDTO      `json:"completed_by"`
	Override    *decisionRefDTO `json:"override"`
	Criteria    []criterionDTO  `json:"criteria"`
}

func toMilestone(m duet.Milestone) milestoneDTO {
	dto := milestoneDTO{ID: m.ID, Key: m.Key, Title: m.Title, Description: m.Description, DueOn: day(m.DueOn), DueRule: optional(m.Due.String()),
		Status: m.Status, Position: m.Position, Version: m.Version, CompletedAt: stampPtr(m.Completed), Override: toDecisionRef(m.Override),
		Criteria: []criterionDTO{}}
	if m.CompletedBy != nil {
		by := toAuthor(*m.CompletedBy)
		dto.CompletedBy = &by
	}
	for _, c := range m.Criteria {
		cd := criterionDTO{ID: c.ID, Text: c.Text, Check: checkName(c.Check), CheckName: "Checked off by hand", Computed: c.Computed,
			TaskList: optional(c.TaskList), DecisionKinds: c.DecisionKinds, DRI: toDRI(c.DRI), Met: c.Met, Why: c.Why, CheckedAt: stampPtr(c.CheckedAt)}
		if k, ok := duet.CheckKindOf(c.Check); ok {
			cd.CheckName = k.Name
		}
		if c.CheckedBy != nil {
			by := toAuthor(*c.CheckedBy)
			cd.CheckedBy = &by
		}
		dto.Criteria = append(dto.Criteria, cd)
	}
	return dto
}

// dateMoveDTO is one due date a reschedule moves; from or to is null for
// an item without a due date before or after.
type dateMoveDTO struct {
	Kind  string  `json:"kind"` // task or milestone
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Rule  string  `json:"rule"`
	From  *string `json:"from"`
	To    *string `json:"to"`
}

func toDateMoves(ms []duet.DateMove) []dateMoveDTO {
	out := make([]dateMoveDTO, 0, len(ms))
	for _, m := range ms {
		out = append(out, dateMoveDTO{Kind: m.Kind, ID: m.ID, Title: m.Title, Rule: m.Rule, From: day(m.From), To: day(m.To)})
	}
	return out
}

// hillScopeStateDTO is one dot of the hill chart: position runs from 0
// to 100 with the top of the hill at 50; phase names the half it is on;
// stale says its tasks changed in the last week while it did not move.
type hillScopeStateDTO struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	TaskListID *string `json:"task_list_id"`
	Position   int     `json:"position"`
	Phase      string  `json:"phase"`
	Stale      bool    `json:"stale"`
	MovedAt    *string `json:"moved_at"`
}

type hillChartStateDTO struct {
	ID     string              `json:"id"`
	Title  string              `json:"title"`
	Scopes []hillScopeStateDTO `json:"scopes"`
}

func toHillChart(h duet.HillChart) hillChartStateDTO {
	dto := hillChartStateDTO{ID: h.ID, Title: h.Title, Scopes: []hillScopeStateDTO{}}
	for _, s := range h.Scopes {
		dto.Scopes = append(dto.Scopes, hillScopeStateDTO{ID: s.ID, Title: s.Title, TaskListID: optional(s.TaskListID), Position: s.Position,
			Phase: duet.Phase(s.Position), Stale: s.Stale, MovedAt: stampPtr(s.Moved)})
	}
	return dto
}

type hillMoveDTO struct {
	ScopeID string `json:"scope_id"`
	Title   string `json:"title"`
	From    int    `json:"from"`
	To      int    `json:"to"`
}

// hillSnapshotDTO is the chart as saved once: every dot's position
// (scope id → position), the dots that moved, who moved them and why.
type hillSnapshotDTO struct {
	ID        string         `json:"id"`
	ChartID   string         `json:"chart_id"`
	By        authorDTO      `json:"by"`
	At        string         `json:"at"`
	Note      string         `json:"note"`
	Positions map[string]int `json:"positions"`
	Moves     []hillMoveDTO  `json:"moves"`
}

func toHillSnapshot(s duet.HillSnapshot) hillSnapshotDTO {
	dto := hillSnapshotDTO{ID: s.ID, ChartID: s.ChartID, By: toAuthor(s.Actor), At: stamp(s.At), Note: s.Note,
		Positions: s.Positions, Moves: []hillMoveDTO{}}
	if dto.Positions == nil {
		dto.Positions = map[string]int{}
	}
	for _, m := range s.Moves {
		dto.Moves = append(dto.Moves, hillMoveDTO{ScopeID: m.ScopeID, Title: m.Title, From: m.From, To: m.To})
	}
	return dto
}

// workItemDTO is one thing on the caller's plate. url is where the API
// answers it.
type workItemDTO struct {
	Kind          string  `json:"kind"` // task, criterion or decision
	WorkspaceID   string  `json:"workspace_id"`
	WorkspaceName string  `json:"workspace_name"`
	ID            string  `json:"id"`
	Ref           string  `json:"ref"`
	Title         string  `json:"title"`
	Status        string  `json:"status"`
	DueOn         *string `json:"due_on"`
	Overdue       bool    `json:"overdue"`
	Why           string  `json:"why"`
	BlockedReason *string `json:"blocked_reason"`
	URL           string  `json:"url"`
}

func toWorkItems(items []core.WorkItem) []workItemDTO {
	out := make([]workItemDTO, 0, len(items))
	for _, it := range items {
		path := map[string]string{"task": "/tasks/", "criterion": "/milestones/", "decision": "/decisions/"}[it.Kind]
		out = append(out, workItemDTO{Kind: it.Kind, WorkspaceID: it.WorkspaceID, WorkspaceName: it.WorkspaceName, ID: it.ID, Ref: it.Ref,
			Title: it.Title, Status: it.Status, DueOn: day(it.DueOn), Overdue: it.Overdue, Why: it.Why, BlockedReason: optional(it.BlockedReason),
			URL: "/api/v1/workspaces/" + it.WorkspaceID + path + it.ID})
	}
	return out
}

// scheduleDTO is when a check-in meets: an RRULE (the days), the words a
// person would say, the wall-clock time and the workspace's time zone it
// is kept in.
type scheduleDTO struct {
	RRule    string `json:"rrule"`
	Words    string `json:"words"`
	Time     string `json:"time"`
	TimeZone string `json:"time_zone"`
}

// checkInDetailDTO is a check-in's settings as the check-in endpoints
// answer them. starts_on is null when the schedule counts from the
// kickoff; next_at is null while it is paused or has no meeting left.
type checkInDetailDTO struct {
	ID              string        `json:"id"`
	Key             string        `json:"key"`
	Title           string        `json:"title"`
	Purpose         string        `json:"purpose"`
	Schedule        scheduleDTO   `json:"schedule"`
	StartsOn        *string       `json:"starts_on"`
	DurationMinutes int           `json:"duration_minutes"`
	OpenDays        int           `json:"open_days"`
	NudgeMinutes    int           `json:"nudge_minutes"`
	AskRoles        []string      `json:"ask_roles"`
	AskSides        []string      `json:"ask_sides"`
	Questions       []questionDTO `json:"questions"`
	Visibility      string        `json:"visibility"`
	Paused          bool          `json:"paused"`
	Version         int           `json:"version"`
	UpdatedAt       string        `json:"updated_at"`
	NextAt          *string       `json:"next_at"`
	NextAtLocal     *string       `json:"next_at_local"`
	OccurrencesURL  string        `json:"occurrences_url"`
	CurrentURL      string        `json:"current_url"`
}

// localStamp is an instant as RFC 3339 in the workspace's time zone,
// with its offset: the meeting's wall-clock time there.
func localStamp(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.RFC3339) }

func toQuestions(qs []duet.TemplateQuestion) []questionDTO {
	out := make([]questionDTO, 0, len(qs))
	for _, q := range qs {
		out = append(out, questionDTO{Key: q.Key, Text: q.Text, Kind: q.Kind, VoterRoles: q.VoterRoles})
	}
	return out
}

func toCheckIn(wsID string, c duet.CheckIn, p place) checkInDetailDTO {
	url := "/api/v1/workspaces/" + wsID + "/check-ins/" + c.ID
	dto := checkInDetailDTO{ID: c.ID, Key: c.Key, Title: c.Title, Purpose: c.Purpose,
		Schedule: scheduleDTO{RRule: c.Schedule, Words: duet.ScheduleWords(c.Schedule, c.Time, p.zone),
			Time: c.Time, TimeZone: p.zone},
		StartsOn: day(c.StartsOn), DurationMinutes: c.DurationMinutes, OpenDays: c.OpenDays, NudgeMinutes: c.NudgeMinutes,
		AskRoles: []string{}, AskSides: []string{}, Questions: toQuestions(c.Questions), Visibility: string(c.Visibility),
		Paused: c.Paused, Version: c.Version, UpdatedAt: stamp(c.Updated), OccurrencesURL: url + "/occurrences", CurrentURL: url + "/occurrences/current"}
	dto.AskRoles = append(dto.AskRoles, c.AskRoles...)
	for _, s := range c.AskSides {
		dto.AskSides = append(dto.AskSides, string(s))
	}
	if !c.NextAt.IsZero() {
		at, local := stamp(c.NextAt), localStamp(c.NextAt, p.loc)
		dto.NextAt, dto.NextAtLocal = &at, &local
	}
	return dto
}

// occurrenceDTO is one meeting of a check-in. state is scheduled (not
// open for answers yet), open, closed (the next one has met) or skipped.
// Answers are taken from opens_at until closes_at; ends_at is the
// meeting's end by the check-in's duration.
type occurrenceDTO struct {
	ID            string          `json:"id"`
	CheckInID     string          `json:"check_in_id"`
	CheckInTitle  string          `json:"check_in_title"`
	State         string          `json:"state"`
	StartsAt      string          `json:"starts_at"`
	StartsAtLocal string          `json:"starts_at_local"`
	EndsAt        *string         `json:"ends_at"`
	OpensAt       string          `json:"opens_at"`
	NudgeAt       *string         `json:"nudge_at"`
	ClosesAt      string          `json:"closes_at"`
	SkipReason    *string         `json:"skip_reason"`
	SkippedBy     *authorDTO      `json:"skipped_by"`
	LaunchCall    *decisionRefDTO `json:"launch_call"`
	URL           string          `json:"url"`
}

func toOccurrence(wsID string, o duet.Occurrence, p place, now time.Time) occurrenceDTO {
	dto := occurrenceDTO{ID: o.ID, CheckInID: o.CheckInID, CheckInTitle: o.CheckInTitle, State: o.State(now), StartsAt: stamp(o.StartsAt),
		StartsAtLocal: localStamp(o.StartsAt, p.loc), OpensAt: stamp(o.OpensAt), NudgeAt: stampPtr(&o.NudgeAt), ClosesAt: stamp(o.ClosesAt),
		SkipReason: optional(o.SkipReason), LaunchCall: toDecisionRef(o.LaunchCall), URL: "/api/v1/workspaces/" + wsID + "/occurrences/" + o.ID}
	if c, ok := p.checkIns[o.CheckInID]; ok && c.DurationMinutes > 0 {
		end := stamp(o.StartsAt.Add(time.Duration(c.DurationMinutes) * time.Minute))
		dto.EndsAt = &end
	}
	if o.SkippedBy != nil {
		by := toAuthor(*o.SkippedBy)
		dto.SkippedBy = &by
	}
	return dto
}

func toOccurrences(wsID string, os []duet.Occurrence, p place, now time.Time) []occurrenceDTO {
	out := make([]occurrenceDTO, 0, len(os))
	for _, o := range os {
		out = append(out, toOccurrence(wsID, o, p, now))
	}
	return out
}

// answerDTO is one member's answer to one question. body is the Markdown
// as written, html it rendered and sanitized; mine says it is the
// caller's own.
type answerDTO struct {
	ID         string    `json:"id"`
	Question   string    `json:"question"`
	Author     authorDTO `json:"author"`
	Body       string    `json:"body"`
	HTML       string    `json:"html"`
	Visibility string    `json:"visibility"`
	Mine       bool      `json:"mine"`
	CreatedAt  string    `json:"created_at"`
	UpdatedAt  string    `json:"updated_at"`
}

func toAnswer(a duet.Answer, mine bool) answerDTO {
	return answerDTO{ID: a.ID, Question: a.QuestionKey, Author: toAuthor(a.Author), Body: a.Body, HTML: string(a.HTML),
		Visibility: string(a.Visibility), Mine: mine, CreatedAt: stamp(a.Created), UpdatedAt: stamp(a.Updated)}
}

// voteDTO is one side's go/no-go; blockers are what stood in the way
// when a side voted no-go, as the readiness summary listed them then.
type voteDTO struct {
	Side     string    `json:"side"`
	Vote     string    `json:"vote"`
	Reason   *string   `json:"reason"`
	Blockers []string  `json:"blockers"`
	By       authorDTO `json:"by"`
	At       string    `json:"at"`
}

// commentDTO is a comment on a meeting, Markdown like a message.
type commentDTO struct {
	ID        string    `json:"id"`
	Author    authorDTO `json:"author"`
	Body      string    `json:"body"`
	HTML      string    `json:"html"`
	CreatedAt string    `json:"created_at"`
}

func toComment(c duet.Comment) commentDTO {
	return commentDTO{ID: c.ID, Author: toAuthor(c.Author), Body: c.Body, HTML: string(c.HTML), CreatedAt: stamp(c.Created)}
}

// agendaTaskDTO is a task as an agenda lists it.
type agendaTaskDTO struct {
	Number        int     `json:"number"`
	Title         string  `json:"title"`
	DRI           driDTO  `json:"dri"`
	DueOn         *string `json:"due_on"`
	BlockedReason *string `json:"blocked_reason"`
	CompletedAt   *string `json:"completed_at"`
}

// agendaDecisionDTO is a decision as an agenda lists it; waiting names
// the roles still to sign.
type agendaDecisionDTO struct {
	ID         string   `json:"id"`
	Number     int      `json:"number"`
	Title      string   `json:"title"`
	Status     string   `json:"status"`
	Kind       string   `json:"kind"`
	Waiting    []string `json:"waiting"`
	ProposedAt string   `json:"proposed_at"`
	DecidedAt  *string  `json:"decided_at"`
}

// agendaGateDTO is an open milestone as an agenda lists it: how many of
// its criteria are met, the unmet ones, and the roles that can meet them.
type agendaGateDTO struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	DueOn  *string  `json:"due_on"`
	Status string   `json:"status"`
	Met    int      `json:"met"`
	Total  int      `json:"total"`
	Unmet  []string `json:"unmet"`
	DRI    []string `json:"dri"`
}

type agendaHillMoveDTO struct {
	ScopeID string `json:"scope_id"`
	Title   string `json:"title"`
	From    int    `json:"from"`
	To      int    `json:"to"`
	By      string `json:"by"`
	At      string `json:"at"`
}

// datedDTO is something falling due: a task, a milestone or the launch.
type datedDTO struct {
	Kind  string  `json:"kind"`
	ID    string  `json:"id"`
	Title string  `json:"title"`
	DueOn *string `json:"due_on"`
}

// agendaDTO is what the meeting goes through, computed by Duet from the
// workspace as the caller's side sees it: progress since the previous
// meeting (since), what is in the way, what waits for sign-off; a
// launch-readiness check-in (readiness) adds the open gates, what falls
// due in the next 14 days and the blockers a no-go would record.
type agendaDTO struct {
	Since           string              `json:"since"`
	Done            []agendaTaskDTO     `json:"done"`
	HillMoves       []agendaHillMoveDTO `json:"hill_moves"`
	Approved        []agendaDecisionDTO `json:"approved"`
	Blocked         []agendaTaskDTO     `json:"blocked"`
	BlockerAnswers  []answerDTO         `json:"blocker_answers"`
	Overdue         []agendaTaskDTO     `json:"overdue"`
	OverdueGates    []agendaGateDTO     `json:"overdue_gates"`
	AwaitingSignOff []agendaDecisionDTO `json:"awaiting_sign_off"`
	Readiness       bool                `json:"readiness"`
	Gates           []agendaGateDTO     `json:"gates"`
	Upcoming        []datedDTO          `json:"upcoming"`
	Blockers        []string            `json:"blockers"`
}

func toAgenda(g duet.Agenda, mine func(duet.Answer) bool) agendaDTO {
	tasks := func(ts []duet.AgendaTask) []agendaTaskDTO {
		out := make([]agendaTaskDTO, 0, len(ts))
		for _, t := range ts {
			out = append(out, agendaTaskDTO{Number: t.Number, Title: t.Title, DRI: toDRI(t.DRI), DueOn: day(t.DueOn),
				BlockedReason: optional(t.BlockedReason), CompletedAt: stampPtr(t.Completed)})
		}
		return out
	}
	decisions := func(ds []duet.AgendaDecision) []agendaDecisionDTO {
		out := make([]agendaDecisionDTO, 0, len(ds))
		for _, d := range ds {
			out = append(out, agendaDecisionDTO{ID: d.ID, Number: d.Number, Title: d.Title, Status: d.Status, Kind: d.Kind,
				Waiting: append([]string{}, d.Waiting...), ProposedAt: stamp(d.Proposed), DecidedAt: stampPtr(d.Decided)})
		}
		return out
	}
	gates := func(ms []duet.AgendaMilestone) []agendaGateDTO {
		out := make([]agendaGateDTO, 0, len(ms))
		for _, m := range ms {
			out = append(out, agendaGateDTO{ID: m.ID, Title: m.Title, DueOn: day(m.DueOn), Status: m.Status, Met: m.Met, Total: m.Total,
				Unmet: append([]string{}, m.Unmet...), DRI: append([]string{}, m.DRI...)})
		}
		return out
	}
	dto := agendaDTO{Since: stamp(g.Since), Done: tasks(g.Done), HillMoves: []agendaHillMoveDTO{}, Approved: decisions(g.Approved),
		Blocked: tasks(g.Blocked), BlockerAnswers: []answerDTO{}, Overdue: tasks(g.Overdue), OverdueGates: gates(g.OverdueGates),
		AwaitingSignOff: decisions(g.AwaitingSignOff), Readiness: g.Readiness, Gates: gates(g.Gates), Upcoming: []datedDTO{},
		Blockers: []string{}}
	for _, m := range g.HillMoves {
		dto.HillMoves = append(dto.HillMoves, agendaHillMoveDTO{ScopeID: m.ScopeID, Title: m.Title, From: m.From, To: m.To, By: m.By, At: stamp(m.At)})
	}
	for _, a := range g.BlockerAnswers {
		dto.BlockerAnswers = append(dto.BlockerAnswers, toAnswer(a, mine(a)))
	}
	for _, x := range g.Upcoming {
		dto.Upcoming = append(dto.Upcoming, datedDTO{Kind: x.Kind, ID: x.ID, Title: x.Title, DueOn: day(x.DueOn)})
	}
	if g.Readiness {
		dto.Blockers = append(dto.Blockers, g.Blockers()...)
	}
	return dto
}

// occurrencePageDTO is one meeting as GET of it answers: its check-in's
// questions; the answers the caller may see, by question key (every text
// question has a list, empty while unanswered); who is asked and who has
// not answered yet; the votes; the agenda; the comments, oldest first;
// and the meetings before and after it. vote_side is the side the caller
// votes for, null when they do not vote (no voter role, or their side has
// voted).
type occurrencePageDTO struct {
	occurrenceDTO
	Questions   []questionDTO          `json:"questions"`
	Answers     map[string][]answerDTO `json:"answers"`
	Asked       []authorDTO            `json:"asked"`
	NotAnswered []authorDTO            `json:"not_answered"`
	CanAnswer   bool                   `json:"can_answer"`
	CanSkip     bool                   `json:"can_skip"`
	VoteSide    *string                `json:"vote_side"`
	Votes       []voteDTO              `json:"votes"`
	Agenda      agendaDTO              `json:"agenda"`
	Comments    []commentDTO           `json:"comments"`
	Previous    *occurrenceDTO         `json:"previous"`
	Next        *occurrenceDTO         `json:"next"`
}

func toOccurrencePage(wsID string, d core.OccurrenceDetail, p place, now time.Time) occurrencePageDTO {
	mine := func(a duet.Answer) bool { m, ok := d.Mine[a.QuestionKey]; return ok && m.ID == a.ID }
	members := func(ms []duet.Member) []authorDTO {
		out := make([]authorDTO, 0, len(ms))
		for _, m := range ms {
			out = append(out, authorDTO{MemberID: m.ID, Name: m.Name, Side: string(m.Side)})
		}
		return out
	}
	dto := occurrencePageDTO{occurrenceDTO: toOccurrence(wsID, d.Occurrence, p, now), Questions: toQuestions(d.CheckIn.Questions),
		Answers: map[string][]answerDTO{}, Asked: members(d.Asked), NotAnswered: members(d.NotAnswered), CanAnswer: d.CanAnswer,
		CanSkip: d.CanSkip, VoteSide: optional(string(d.VoteSide)), Votes: []voteDTO{}, Agenda: toAgenda(d.Agenda, mine),
		Comments: []commentDTO{}}
	// The state is the detail's, read at the same moment as the rest.
	dto.State = d.State
	for _, q := range d.CheckIn.Questions {
		if q.Kind != duet.QuestionGoNoGo {
			dto.Answers[q.Key] = []answerDTO{}
		}
	}
	for k, as := range d.Answers {
		for _, a := range as {
			dto.Answers[k] = append(dto.Answers[k], toAnswer(a, mine(a)))
		}
	}
	for _, v := range d.Votes {
		dto.Votes = append(dto.Votes, voteDTO{Side: string(v.Side), Vote: v.Vote, Reason: optional(v.Reason),
			Blockers: append([]string{}, v.Blockers...), By: toAuthor(v.Author), At: stamp(v.Created)})
	}
	for _, c := range d.Comments {
		dto.Comments = append(dto.Comments, toComment(c))
	}
	if d.Previous != nil {
		prev := toOccurrence(wsID, *d.Previous, p, now)
		dto.Previous = &prev
	}
	if d.Next != nil {
		next := toOccurrence(wsID, *d.Next, p, now)
		dto.Next = &next
	}
	return dto
}

// fileDTO is an uploaded file as a version holds it: the name it is
// served as, its type, its size in bytes and the SHA-256 of its content
// (hex), by which a download can be checked; url downloads it.
type fileDTO struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	URL         string `json:"url"`
}

// versionDTO is one version of an asset: an uploaded file (link is null)
// or a link (file is null). fingerprint names the exact content, as the
// approval trail records it; approved_at is when every review step had
// approved this version.
type versionDTO struct {
	ID          string    `json:"id"`
	Number      int       `json:"number"`
	File        *fileDTO  `json:"file"`
	Link        *string   `json:"link"`
	Note        string    `json:"note"`
	Fingerprint string    `json:"fingerprint"`
	By          authorDTO `json:"by"`
	CreatedAt   string    `json:"created_at"`
	ApprovedAt  *string   `json:"approved_at"`
}

func assetURL(wsID, id string) string { return "/api/v1/workspaces/" + wsID + "/assets/" + id }

func toVersion(wsID string, v duet.AssetVersion) versionDTO {
	dto := versionDTO{ID: v.ID, Number: v.Number, Link: optional(v.Link), Note: v.Note, Fingerprint: v.Fingerprint(),
		By: toAuthor(v.By), CreatedAt: stamp(v.Created), ApprovedAt: stampPtr(v.Approved)}
	if v.File != nil {
		dto.File = &fileDTO{Name: v.File.Name, ContentType: v.File.ContentType, Size: v.File.Size, SHA256: v.File.Hash,
			URL: assetURL(wsID, v.AssetID) + "/versions/" + strconv.Itoa(v.Number) + "/file"}
	}
	return dto
}

func toVersionPtr(wsID string, v *duet.AssetVersion) *versionDTO {
	if v == nil {
		return nil
	}
	dto := toVersion(wsID, *v)
	return &dto
}

// reviewStepDTO is one step of an asset's review. Steps of one stage
// review in parallel, a stage once every earlier one approved. state is
// pending, approved or changes_requested, for the version named (null
// while pending); by, at and comment say who gave it.
type reviewStepDTO struct {
	Key      string     `json:"key"`
	Name     string     `json:"name"`
	RoleKey  string     `json:"role_key"`
	RoleName string     `json:"role_name"`
	Side     string     `json:"side"`
	Stage    int        `json:"stage"`
	State    string     `json:"state"`
	Version  *int       `json:"version"`
	By       *authorDTO `json:"by"`
	At       *string    `json:"at"`
	Comment  *string    `json:"comment"`
}

func toReviewSteps(steps []duet.ReviewStep) []reviewStepDTO {
	out := make([]reviewStepDTO, 0, len(steps))
	for _, s := range steps {
		dto := reviewStepDTO{Key: s.Key, Name: s.Name, RoleKey: s.RoleKey, RoleName: s.RoleName, Side: string(s.Side), Stage: s.Stage,
			State: s.State, At: stampPtr(s.At), Comment: optional(s.Comment)}
		if s.State != duet.StepPending {
			v := s.Version
			dto.Version = &v
		}
		if s.By != nil {
			by := toAuthor(*s.By)
			by.Side = string(s.Side) // a step is reviewed by its own side; the stored step does not repeat it
			dto.By = &by
		}
		out = append(out, dto)
	}
	return out
}

// assetDTO is an asset as lists and changes answer it. current_version
// is the newest version's number (0: none yet); latest is that version,
// shipping the newest approved one, which is what ships whatever drafts
// came after it (null until a version is approved).
type assetDTO struct {
	ID             string          `json:"id"`
	Number         int             `json:"number"`
	Title          string          `json:"title"`
	Kind           string          `json:"kind"`
	Side           string          `json:"side"`
	DRI            driDTO          `json:"dri"`
	DueOn          *string         `json:"due_on"`
	Visibility     string          `json:"visibility"`
	Tags           []string        `json:"tags"`
	Status         string          `json:"status"`
	Steps          []reviewStepDTO `json:"steps"`
	CurrentVersion int             `json:"current_version"`
	Latest         *versionDTO     `json:"latest"`
	Shipping       *versionDTO     `json:"shipping"`
	Version        int             `json:"version"`
	CreatedBy      authorDTO       `json:"created_by"`
	CreatedAt      string          `json:"created_at"`
	UpdatedAt      string          `json:"updated_at"`
	URL            string          `json:"url"`
}

// toAsset converts an asset; its DRI is resolved against the workspace
// here because not every change core answers resolves it.
func toAsset(a duet.Asset, p place) assetDTO {
	dto := assetDTO{ID: a.ID, Number: a.Number, Title: a.Title, Kind: a.Kind, Side: string(a.Side), DRI: p.dri(a.DRI), DueOn: day(a.DueOn),
		Visibility: string(a.Visibility), Tags: append([]string{}, a.Tags...), Status: a.Status, Steps: toReviewSteps(a.Steps),
		CurrentVersion: a.Current, Latest: toVersionPtr(a.WorkspaceID, a.Latest), Shipping: toVersionPtr(a.WorkspaceID, a.Shipping),
		Version: a.Version, CreatedAt: stamp(a.Created), UpdatedAt: stamp(a.Updated), URL: assetURL(a.WorkspaceID, a.ID)}
	// Only the owning side creates an asset: its side is its creator's.
	dto.CreatedBy = authorDTO{MemberID: a.By.MemberID, Name: a.By.Name, Side: string(a.Side)}
	return dto
}

// reviewDTO is one verdict of the approval trail: on which step, of
// which version, and the fingerprint of exactly what was reviewed.
type reviewDTO struct {
	ID          string    `json:"id"`
	Step        string    `json:"step"`
	StepName    string    `json:"step_name"`
	Verdict     string    `json:"verdict"`
	Comment     *string   `json:"comment"`
	By          authorDTO `json:"by"`
	At          string    `json:"at"`
	Version     int       `json:"version"`
	Fingerprint string    `json:"fingerprint"`
}

// slipDTO is one reason launch timing is at risk: kind is
// asset_not_approved, approval_due_late, out_of_order or after_go_live;
// asset_id names the asset at fault, null when none is.
type slipDTO struct {
	Kind    string  `json:"kind"`
	Message string  `json:"message"`
	EntryID string  `json:"entry_id"`
	AssetID *string `json:"asset_id"`
}

func toSlips(ss []duet.Slip) []slipDTO {
	out := make([]slipDTO, 0, len(ss))
	for _, s := range ss {
		out = append(out, slipDTO{Kind: s.Kind, Message: s.Msg, EntryID: s.EntryID, AssetID: optional(s.AssetID)})
	}
	return out
}

// assetPageDTO is GET of one asset: every version, newest first; the
// approval trail, oldest first; the history; the calendar entries that
// publish it and the slips it is part of; the steps the caller may give a
// verdict on now (my_steps) and whether the caller may change it.
type assetPageDTO struct {
	assetDTO
	Versions []versionDTO `json:"versions"`
	Trail    []reviewDTO  `json:"trail"`
	History  []changeDTO  `json:"history"`
	Entries  []entryDTO   `json:"entries"`
	Slips    []slipDTO    `json:"slips"`
	MySteps  []string     `json:"my_steps"`
	CanEdit  bool         `json:"can_edit"`
}

func toAssetPage(d *core.AssetDetail, p place) assetPageDTO {
	dto := assetPageDTO{assetDTO: toAsset(d.Asset, p), Versions: make([]versionDTO, 0, len(d.Versions)), Trail: []reviewDTO{},
		History: toChanges(d.History), Entries: []entryDTO{}, Slips: toSlips(d.Slips), MySteps: []string{}, CanEdit: d.CanEdit}
	for _, v := range d.Versions {
		dto.Versions = append(dto.Versions, toVersion(d.Asset.WorkspaceID, v))
	}
	for _, r := range d.Trail {
		dto.Trail = append(dto.Trail, reviewDTO{ID: r.ID, Step: r.StepKey, StepName: r.StepName, Verdict: r.Verdict, Comment: optional(r.Comment),
			By: toAuthor(r.By), At: stamp(r.At), Version: r.Version, Fingerprint: r.Fingerprint})
	}
	for _, e := range d.Entries {
		dto.Entries = append(dto.Entries, toEntry(e, p, true))
	}
	for _, s := range d.Mine {
		dto.MySteps = append(dto.MySteps, s.Key)
	}
	return dto
}

// assetRefDTO is an asset as a calendar entry links it, with its
// approval status.
type assetRefDTO struct {
	ID         string  `json:"id"`
	Number     int     `json:"number"`
	Title      string  `json:"title"`
	Status     string  `json:"status"`
	DueOn      *string `json:"due_on"`
	Visibility string  `json:"visibility"`
	URL        string  `json:"url"`
}

// entryRefDTO names another calendar entry.
type entryRefDTO struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	PublishAt string `json:"publish_at"`
	Status    string `json:"status"`
	URL       string `json:"url"`
}

func entryURL(wsID, id string) string { return "/api/v1/workspaces/" + wsID + "/calendar/" + id }

func toEntryRefs(wsID string, rs []duet.EntryRef) []entryRefDTO {
	out := make([]entryRefDTO, 0, len(rs))
	for _, r := range rs {
		out = append(out, entryRefDTO{ID: r.ID, Title: r.Title, PublishAt: stamp(r.PublishAt), Status: r.Status, URL: entryURL(wsID, r.ID)})
	}
	return out
}

// entryDTO is one entry of the launch calendar. publish_at is UTC and
// publish_at_local the same instant in the workspace's time zone. assets
// are those it publishes, with their approval status; after the entries
// it must publish after. override is the approved decision it published
// under with assets not approved. slips are in answers of GET only: a
// change answers without them, as finding them reads the whole calendar.
type entryDTO struct {
	ID             string          `json:"id"`
	Title          string          `json:"title"`
	Channel        string          `json:"channel"`
	Side           string          `json:"side"`
	DRI            driDTO          `json:"dri"`
	PublishAt      string          `json:"publish_at"`
	PublishAtLocal string          `json:"publish_at_local"`
	Visibility     string          `json:"visibility"`
	LaunchCritical bool            `json:"launch_critical"`
	Assets         []assetRefDTO   `json:"assets"`
	After          []entryRefDTO   `json:"after"`
	Status         string          `json:"status"`
	LiveURL        *string         `json:"live_url"`
	PublishedAt    *string         `json:"published_at"`
	Override       *decisionRefDTO `json:"override"`
	Version        int             `json:"version"`
	CreatedBy      authorDTO       `json:"created_by"`
	CreatedAt      string          `json:"created_at"`
	UpdatedAt      string          `json:"updated_at"`
	Slips          *[]slipDTO      `json:"slips,omitempty"`
	URL            string          `json:"url"`
}

// toEntry converts an entry; withSlips says its slips were found (GET).
func toEntry(e duet.LaunchEntry, p place, withSlips bool) entryDTO {
	dto := entryDTO{ID: e.ID, Title: e.Title, Channel: e.Channel, Side: string(e.Side), DRI: p.dri(e.DRI), PublishAt: stamp(e.PublishAt),
		PublishAtLocal: localStamp(e.PublishAt, p.loc), Visibility: string(e.Visibility), LaunchCritical: e.LaunchCritical,
		Assets: make([]assetRefDTO, 0, len(e.Assets)), After: toEntryRefs(e.WorkspaceID, e.After), Status: e.Status,
		LiveURL: optional(e.LiveURL), PublishedAt: stampPtr(e.Published), Override: toDecisionRef(e.Override), Version: e.Version,
		CreatedAt: stamp(e.Created), UpdatedAt: stamp(e.Updated), URL: entryURL(e.WorkspaceID, e.ID)}
	// Only the owning side schedules an entry: its side is its creator's.
	dto.CreatedBy = authorDTO{MemberID: e.By.MemberID, Name: e.By.Name, Side: string(e.Side)}
	for _, a := range e.Assets {
		dto.Assets = append(dto.Assets, assetRefDTO{ID: a.ID, Number: a.Number, Title: a.Title, Status: a.Status, DueOn: day(a.DueOn),
			Visibility: string(a.Visibility), URL: assetURL(e.WorkspaceID, a.ID)})
	}
	if withSlips {
		slips := toSlips(e.Slips)
		dto.Slips = &slips
	}
	return dto
}

// calendarDTO is the launch calendar in a window: its entries in publish
// order, each with its slips, and every slip of every entry the caller
// sees, in the window or not. Assets must be approved lead_days business
// days before an entry publishes; launch-critical entries must publish
// by go_live_on (null without a Launch go-live milestone).
type calendarDTO struct {
	Entries  []entryDTO `json:"entries"`
	Slips    []slipDTO  `json:"slips"`
	LeadDays int        `json:"lead_days"`
	GoLiveOn *string    `json:"go_live_on"`
	TimeZone string     `json:"time_zone"`
}

// entryPageDTO is GET of one entry: the entry with its slips, the
// entries that must publish after it, its history and whether the caller
// may change it.
type entryPageDTO struct {
	entryDTO
	Followers []entryRefDTO `json:"followers"`
	History   []changeDTO   `json:"history"`
	CanEdit   bool          `json:"can_edit"`
}
