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
	ID      string
	Name    string
	IsHost  bool
	Created time.Time
}

// User is a person with a login. Every user belongs to one organization.
type User struct {
	ID      string
	OrgID   string
	Email   string
	Name    string
	IsAdmin bool // an administrator of the host organization
	Created time.Time
}

// Workspace is one campaign between the host and one partner organization.
type Workspace struct {
	ID           string
	Name         string
	TemplateKey  string
	HostOrgID    string
	PartnerOrgID string
	KickoffOn    Date
	LaunchOn     Date
	TimeZone     string
	CreatedBy    string
	Created      time.Time
	// DatesVersion counts moves of the kickoff and launch dates: their
	// SEQUENCE in calendar feeds.
	DatesVersion int
}

// OrgOf returns the id of the organization on a side of the workspace.
func (w Workspace) OrgOf(side Side) string {
	if side == SideHost {
		return w.HostOrgID
	}
	return w.PartnerOrgID
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
	ID          string
	Key         string
	Name        string
	Side        Side
	Description string
	Optional    bool
}

// Member is a user's membership in a workspace.
type Member struct {
	ID         string
	UserID     string
	Name       string
	Email      string
	Side       Side
	Permission Permission
	RoleKeys   []string
	Joined     time.Time
	// Away members are skipped when leads are routed.
	Away bool
}

// Channel is a message thread with a purpose.
type Channel struct {
	ID         string
	Key        string
	Name       string
	Purpose    string
	Visibility Visibility
	Position   int
	Archived   bool
}

// DRI is the directly responsible individual of an item: one member,
// chosen directly or through a role. Through a role, the role is kept and
// whoever holds it now is the DRI.
type DRI struct {
	RoleKey  string // set when chosen through a role
	MemberID string // set when chosen directly
	RoleName string
	Side     Side
	Member   *Member // resolved; nil when nobody holds the role or the member left
}

// TaskList is one stage of the campaign. Its tasks are loaded on their
// own: a workspace's structure stays small however many tasks it has.
type TaskList struct {
	ID          string
	Key         string
	Title       string
	Description string
	DRI         DRI
	Position    int
	Archived    bool
}

// App is a module of the workspace.
type App struct {
	Key     string
	Name    string
	Enabled bool
}

// Integration status values.
const IntegrationNotConfigured = "not_configured"

// Integration is a connection to an outside service.
type Integration struct {
	Kind    string
	Purpose string
	Status  string
}

// PinnedResource is one of the campaign's always-at-hand resources.
type PinnedResource struct {
	Key         string
	Title       string
	Description string
	Position    int
}

// WorkspaceDetail is the whole structure of a workspace as one actor may
// see it.
type WorkspaceDetail struct {
	Workspace
	// Side is the viewer's side: everything below is what that side sees.
	Side Side
	// Version changes whenever anything in the workspace changes.
	Version int64
	// Loc is the workspace's time zone, loaded once.
	Loc             *time.Location
	HostOrg         Organization
	PartnerOrg      Organization
	Roles           []Role
	Members         []Member
	Channels        []Channel
	CheckIns        []CheckIn
	Milestones      []Milestone
	TaskLists       []TaskList
	HillCharts      []HillChart
	Apps            []App
	Integrations    []Integration
	PinnedResources []PinnedResource
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
	ID          string
	WorkspaceID string
	Email       string
	Side        Side
	Permission  Permission
	RoleKeys    []string
	InvitedBy   string
	Created     time.Time
	Expires     time.Time
	Accepted    *time.Time
	Revoked     *time.Time
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
