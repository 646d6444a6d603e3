package api

import (
	"slices"
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
			DueOn: m.DueOn.String(), Criteria: criterionTexts(m.Criteria), Status: m.Status})
	}
	for _, l := range d.TaskLists {
		w.TaskLists = append(w.TaskLists, taskListDTO{ID: l.ID, Key: l.Key, Title: l.Title, Description: l.Description, DRI: toDRI(l.DRI), Tasks: []taskDTO{}})
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

// criterionTexts is transitional: the milestone DTO is replaced by the
// milestones endpoint.
func criterionTexts(cs []duet.Criterion) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Text
	}
	return out
}
