package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"duet/internal/duet"
)

// MembersPage lists a workspace's people by side and role, the roles
// nobody fills, and for the workspace's admins the invites and the form
// to invite someone.
type MembersPage struct {
	Base
	ID          string
	Sides       []SideView
	Unfilled    []RoleFlag
	CanInvite   bool
	Pending     []InviteView
	Past        []InviteView
	Form        InviteForm
	Err         FormError
	SideOptions []Option
	PermOptions []Option
	RoleGroups  []RoleGroup
}

// InviteForm is what the invite form sends back.
type InviteForm struct {
	Email      string
	Side       string
	Permission string
	Roles      []string
}

// inviteFields are the inputs of the invite form, named as core names them.
var inviteFields = []string{"email", "side", "permission", "roles"}

// Option is one choice of a select or radio group.
type Option struct {
	Value    string
	Label    string
	Hint     string
	Selected bool
}

// RoleGroup is the roles of one side, to pick from when inviting.
type RoleGroup struct {
	Side  string
	Org   string
	Class string
	Roles []RoleOption
}

// RoleOption is one role checkbox.
type RoleOption struct {
	Key     string
	Name    string
	Checked bool
}

// InviteView is one invite in the admin's list.
type InviteView struct {
	ID         string
	Email      string
	Org        string
	Class      string
	Permission string
	Roles      string
	Sent       string
	Expires    string
	State      string
}

// memberList serves GET /w/{ws}/members.
func (s *server) memberList(w http.ResponseWriter, r *http.Request) {
	s.showMembers(w, r, http.StatusOK, InviteForm{Side: "partner", Permission: "member"}, FormError{})
}

// showMembers renders the members page, also again after a failed invite.
// Only the workspace's admins see the invites, so only they ask for them.
func (s *server) showMembers(w http.ResponseWriter, r *http.Request, status int, form InviteForm, fe FormError) {
	a := actorOf(r)
	d, err := s.svc.Workspace(r.Context(), a, r.PathValue("ws"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	m, _ := memberOf(d, a)
	var invites []duet.Invite
	if m.Permission == duet.PermAdmin {
		if invites, err = s.svc.Invites(r.Context(), a, d.ID); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	p := membersPage(d, a, m, invites, form, fe, s.svc.Now())
	if v, err := s.viewerFrom(d, a); err == nil {
		if p.Nav, p.Bell, err = s.frame(r, v, "members", ""); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	s.render(w, r, status, "member_list", p)
}

// membersPage lays out the members page.
func membersPage(d *duet.WorkspaceDetail, a *duet.Actor, m duet.Member, invites []duet.Invite, form InviteForm, fe FormError, now time.Time) *MembersPage {
	o := orgsOf(d)
	p := &MembersPage{Base: Base{Title: "Members · " + d.Name, Nav: navOf(d, "members")}, ID: d.ID,
		Sides: sidesOf(d, a.User.ID), Unfilled: unfilledOf(d), Form: form, Err: fe,
		CanInvite: duet.Can(a, duet.ActManageInvites, duet.Resource{Member: &m})}
	names := map[string]string{}
	for _, r := range d.Roles {
		names[r.Key] = r.Name
	}
	for _, in := range invites {
		roles := make([]string, 0, len(in.RoleKeys))
		for _, k := range in.RoleKeys {
			roles = append(roles, names[k])
		}
		v := InviteView{ID: in.ID, Email: in.Email, Org: o.of(in.Side), Class: sideClass(in.Side),
			Permission: permissionLabel(in.Permission), Roles: strings.Join(roles, ", "),
			Sent: in.Created.In(time.UTC).Format("2 Jan 2006"), Expires: in.Expires.In(time.UTC).Format("2 Jan 2006"),
			State: in.State(now)}
		if v.State == "pending" {
			p.Pending = append(p.Pending, v)
		} else {
			v.State = capitalize(v.State)
			p.Past = append(p.Past, v)
		}
	}
	if !p.CanInvite {
		return p
	}
	// A partner's admin invites to the partner side only.
	sides := []duet.Side{duet.SideHost, duet.SidePartner}
	if m.Side != duet.SideHost {
		sides = []duet.Side{m.Side}
		p.Form.Side = string(m.Side)
	}
	for _, side := range sides {
		p.SideOptions = append(p.SideOptions, Option{Value: string(side), Label: o.of(side), Selected: p.Form.Side == string(side)})
		g := RoleGroup{Side: string(side), Org: o.of(side), Class: sideClass(side)}
		for _, r := range d.Roles {
			if r.Side == side {
				g.Roles = append(g.Roles, RoleOption{Key: r.Key, Name: r.Name, Checked: slices.Contains(form.Roles, r.Key)})
			}
		}
		p.RoleGroups = append(p.RoleGroups, g)
	}
	for _, perm := range []struct {
		p    duet.Permission
		hint string
	}{
		{duet.PermMember, "works on the campaign"},
		{duet.PermAdmin, "also invites people"},
		{duet.PermGuest, "reads and comments"},
	} {
		p.PermOptions = append(p.PermOptions, Option{Value: string(perm.p), Label: permissionLabel(perm.p), Hint: perm.hint,
			Selected: p.Form.Permission == string(perm.p)})
	}
	return p
}
