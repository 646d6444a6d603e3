package duet

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Side is one of the two organizations of a workspace.
type Side string

// The two sides.
const (
	SideHost    Side = "host"
	SidePartner Side = "partner"
)

// Valid reports whether s is host or partner.
func (s Side) Valid() bool { return s == SideHost || s == SidePartner }

// Visibility says who sees an item: both sides, or one side only.
type Visibility string

// Visibilities. VisShared is the default for the campaign's work.
const (
	VisShared  Visibility = "shared"
	VisHost    Visibility = "host"
	VisPartner Visibility = "partner"
)

// Valid reports whether v is a known visibility.
func (v Visibility) Valid() bool { return v == VisShared || v == VisHost || v == VisPartner }

// VisibleTo reports whether a member of side may see an item of visibility v.
func (v Visibility) VisibleTo(side Side) bool {
	return v == VisShared || string(v) == string(side)
}

// Permission is what a member may do in a workspace.
type Permission string

// Permissions, from most to least.
const (
	PermAdmin  Permission = "admin"
	PermMember Permission = "member"
	PermGuest  Permission = "guest" // read and comment
)

// Valid reports whether p is a known permission.
func (p Permission) Valid() bool { return p == PermAdmin || p == PermMember || p == PermGuest }

// Organization is a company: the host running Duet, or a partner.
type Organization struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	IsHost  bool      `json:"is_host"`
	Created time.Time `json:"-"`
}

// User is a person with a login. Every user belongs to one organization.
type User struct {
	ID      string    `json:"id"`
	OrgID   string    `json:"org_id"`
	Email   string    `json:"email"`
	Name    string    `json:"name"`
	IsAdmin bool      `json:"is_admin"` // an administrator of the host organization
	Created time.Time `json:"-"`
}

// Workspace is one campaign between the host and one partner organization.
type Workspace struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	TemplateKey  string    `json:"template"`
	HostOrgID    string    `json:"-"`
	PartnerOrgID string    `json:"-"`
	KickoffOn    Date      `json:"kickoff_on"`
	LaunchOn     Date      `json:"launch_on"`
	TimeZone     string    `json:"time_zone"`
	CreatedBy    string    `json:"-"`
	Created      time.Time `json:"created_at"`
}

// WorkspaceCreate is the input for creating a workspace from a template.
type WorkspaceCreate struct {
	Name       string
	Template   string
	PartnerOrg string // the partner organization's name; created when new
	KickoffOn  string
	LaunchOn   string
	TimeZone   string
}

// Parsed is a WorkspaceCreate after validation.
type Parsed struct {
	Kickoff, Launch Date
	Loc             *time.Location
}

// Validate checks the input and returns its parsed dates and zone.
func (in *WorkspaceCreate) Validate() (Parsed, error) {
	var p Parsed
	in.Name = strings.TrimSpace(in.Name)
	in.PartnerOrg = strings.TrimSpace(in.PartnerOrg)
	if err := textField("name", in.Name, 120); err != nil {
		return p, err
	}
	if strings.TrimSpace(in.Template) == "" {
		return p, Invalid("template", "is required")
	}
	if err := textField("partner_org", in.PartnerOrg, 120); err != nil {
		return p, err
	}
	var err error
	if in.KickoffOn == "" {
		return p, Invalid("kickoff_on", "is required")
	}
	if p.Kickoff, err = ParseDate(in.KickoffOn); err != nil {
		return p, Invalid("kickoff_on", "%s", err.Error())
	}
	if in.LaunchOn == "" {
		return p, Invalid("launch_on", "is required")
	}
	if p.Launch, err = ParseDate(in.LaunchOn); err != nil {
		return p, Invalid("launch_on", "%s", err.Error())
	}
	if !p.Launch.After(p.Kickoff.Time) {
		return p, Invalid("launch_on", "must be after the kickoff date %s", p.Kickoff)
	}
	if p.Launch.Sub(p.Kickoff.Time) > 3*366*24*time.Hour {
		return p, Invalid("launch_on", "must be within three years of kickoff")
	}
	if in.TimeZone == "" {
		return p, Invalid("time_zone", "is required")
	}
	if p.Loc, err = time.LoadLocation(in.TimeZone); err != nil || in.TimeZone == "Local" {
		return p, Invalid("time_zone", "%q is not an IANA time zone like Europe/Berlin", in.TimeZone)
	}
	return p, nil
}

// textField checks a required single-line text of at most max characters.
func textField(field, v string, max int) error {
	switch {
	case v == "":
		return Invalid(field, "is required")
	case utf8.RuneCountInString(v) > max:
		return Invalid(field, "must be at most %d characters", max)
	case strings.ContainsAny(v, "\r\n\x00"):
		return Invalid(field, "must be a single line")
	}
	return nil
}

// NormalizeEmail validates an address and returns it lowercased.
func NormalizeEmail(field, s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", Invalid(field, "is required")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return "", Invalid(field, "%q is not an email address", s)
	}
	return s, nil
}

// Role is a template role in one workspace.
type Role struct {
	ID          string `json:"id"`
	Key         string `json:"key"`
	Name        string `json:"name"`
	Side        Side   `json:"side"`
	Description string `json:"description"`
	Optional    bool   `json:"optional"`
}

// Member is a user's membership in a workspace.
type Member struct {
	ID         string     `json:"id"`
	UserID     string     `json:"user_id"`
	Name       string     `json:"name"`
	Email      string     `json:"email"`
	Side       Side       `json:"side"`
	Permission Permission `json:"permission"`
	RoleKeys   []string   `json:"roles"`
	Joined     time.Time  `json:"joined_at"`
}

// Channel is a message thread with a purpose.
type Channel struct {
	ID         string     `json:"id"`
	Key        string     `json:"key"`
	Name       string     `json:"name"`
	Purpose    string     `json:"purpose"`
	Visibility Visibility `json:"visibility"`
	Position   int        `json:"position"`
}

// CheckIn is a recurring check-in; NextAt is computed, not stored.
type CheckIn struct {
	ID              string             `json:"id"`
	Key             string             `json:"key"`
	Title           string             `json:"title"`
	Purpose         string             `json:"purpose"`
	Schedule        string             `json:"schedule"`
	Time            string             `json:"time"`
	DurationMinutes int                `json:"duration_minutes"`
	AskRoles        []string           `json:"ask_roles"`
	AskSides        []Side             `json:"ask_sides"`
	Questions       []TemplateQuestion `json:"questions"`
	Visibility      Visibility         `json:"visibility"`
	NextAt          time.Time          `json:"next_at"`
}

// Milestone is a gate with its criteria.
type Milestone struct {
	ID          string   `json:"id"`
	Key         string   `json:"key"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	DueOn       Date     `json:"due_on"`
	Criteria    []string `json:"criteria"`
	Status      string   `json:"status"` // open or complete
	Position    int      `json:"position"`
}

// DRI is the directly responsible individual of an item, reached through a
// role: the role is kept, and the member currently holding it is shown.
type DRI struct {
	RoleKey  string  `json:"role"`
	RoleName string  `json:"role_name"`
	Side     Side    `json:"side"`
	Member   *Member `json:"member"` // nil when nobody holds the role
}

// TaskList is one stage of the campaign.
type TaskList struct {
	ID          string `json:"id"`
	Key         string `json:"key"`
	Title       string `json:"title"`
	Description string `json:"description"`
	DRI         DRI    `json:"dri"`
	Position    int    `json:"position"`
	Tasks       []Task `json:"tasks"`
}

// Task is one item of a task list, with exactly one DRI.
type Task struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	DRI        DRI        `json:"dri"`
	DueOn      Date       `json:"due_on"`
	DueRule    string     `json:"due_rule"` // e.g. launch-7d
	Status     string     `json:"status"`
	Visibility Visibility `json:"visibility"`
	Position   int        `json:"position"`
}

// HillChart tracks each workstream uphill (figuring out) and downhill
// (executing).
type HillChart struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Scopes []HillScope `json:"scopes"`
}

// HillScope is one dot; Position runs from 0 (start) to 100 (done), and
// 50 is the top of the hill.
type HillScope struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	TaskListID string `json:"task_list_id,omitempty"`
	Position   int    `json:"position"`
}

// App is a module of the workspace.
type App struct {
	Key     string `json:"key"`
	Name    string `json:"name"`
	Enabled bool   `json:"enabled"`
}

// Integration status values.
const IntegrationNotConfigured = "not_configured"

// Integration is a connection to an outside service.
type Integration struct {
	Kind    string `json:"kind"`
	Purpose string `json:"purpose"`
	Status  string `json:"status"`
}

// PinnedResource is one of the campaign's always-at-hand resources.
type PinnedResource struct {
	Key         string `json:"key"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Position    int    `json:"position"`
}

// WorkspaceDetail is the whole structure of a workspace as one actor may
// see it.
type WorkspaceDetail struct {
	Workspace
	HostOrg         Organization     `json:"host_org"`
	PartnerOrg      Organization     `json:"partner_org"`
	Roles           []Role           `json:"roles"`
	Members         []Member         `json:"members"`
	Channels        []Channel        `json:"channels"`
	CheckIns        []CheckIn        `json:"check_ins"`
	Milestones      []Milestone      `json:"milestones"`
	TaskLists       []TaskList       `json:"task_lists"`
	HillCharts      []HillChart      `json:"hill_charts"`
	Apps            []App            `json:"apps"`
	Integrations    []Integration    `json:"integrations"`
	PinnedResources []PinnedResource `json:"pinned_resources"`
}

// RoleHolders returns, for each role key, the members who hold it, in
// joining order.
func RoleHolders(members []Member) map[string][]Member {
	h := map[string][]Member{}
	for _, m := range members {
		for _, k := range m.RoleKeys {
			h[k] = append(h[k], m)
		}
	}
	return h
}

// Invite is a single-use invitation to join a workspace on one side.
type Invite struct {
	ID          string     `json:"id"`
	WorkspaceID string     `json:"workspace_id"`
	Email       string     `json:"email"`
	Side        Side       `json:"side"`
	Permission  Permission `json:"permission"`
	RoleKeys    []string   `json:"roles"`
	InvitedBy   string     `json:"invited_by"`
	Created     time.Time  `json:"created_at"`
	Expires     time.Time  `json:"expires_at"`
	Accepted    *time.Time `json:"accepted_at"`
	Revoked     *time.Time `json:"revoked_at"`
}

// InviteTTL is how long an invite link is valid.
const InviteTTL = 7 * 24 * time.Hour

// State returns pending, accepted, revoked or expired.
func (i *Invite) State(now time.Time) string {
	switch {
	case i.Accepted != nil:
		return "accepted"
	case i.Revoked != nil:
		return "revoked"
	case !now.Before(i.Expires):
		return "expired"
	}
	return "pending"
}

// InviteCreate is the input for inviting someone.
type InviteCreate struct {
	Email      string
	Side       Side
	Permission Permission
	RoleKeys   []string
}

// Validate normalizes and checks the input.
func (in *InviteCreate) Validate() error {
	var err error
	if in.Email, err = NormalizeEmail("email", in.Email); err != nil {
		return err
	}
	if in.Side == "" {
		return Invalid("side", "is required (host or partner)")
	}
	if !in.Side.Valid() {
		return Invalid("side", "must be host or partner, not %q", in.Side)
	}
	if in.Permission == "" {
		in.Permission = PermMember
	}
	if in.RoleKeys == nil {
		in.RoleKeys = []string{}
	}
	if !in.Permission.Valid() {
		return Invalid("permission", "must be admin, member or guest, not %q", in.Permission)
	}
	return nil
}

// Password rules: length only, no composition rules.
const (
	MinPassword = 8
	MaxPassword = 256
)

// ValidatePassword checks a new password's length.
func ValidatePassword(field, pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPassword {
		return Invalid(field, "must be at least %d characters", MinPassword)
	}
	if n > MaxPassword {
		return Invalid(field, "must be at most %d characters", MaxPassword)
	}
	return nil
}

// ValidateName checks a person's display name.
func ValidateName(field, name string) (string, error) {
	name = strings.TrimSpace(name)
	return name, textField(field, name, 80)
}

// ValidateOrgName checks an organization's name.
func ValidateOrgName(field, name string) (string, error) {
	name = strings.TrimSpace(name)
	return name, textField(field, name, 120)
}
