package duet

// Actor is who makes a request. A nil *Actor is anonymous.
type Actor struct {
	User User
	// Org is the actor's organization; IsHost tells the two sides apart
	// for instance-wide actions such as creating workspaces.
	Org Organization
}

// Action is something an actor may try to do.
type Action string

// Actions checked by the policy.
const (
	ActCreateWorkspace Action = "workspace.create"
	ActViewWorkspace   Action = "workspace.view"
	ActViewItem        Action = "item.view"
	ActComment         Action = "item.comment"
	ActEditItem        Action = "item.edit"
	ActManageInvites   Action = "invite.manage" // create, list, revoke
)

// Resource is what the action is about, as far as the policy needs it:
// the actor's own membership in the workspace (nil when not a member),
// the item's visibility, and for invites the side invited to.
type Resource struct {
	Member     *Member
	Visibility Visibility
	Side       Side
}

// Can is the one policy: every use case asks it before reading or
// writing. A false answer for anything the actor could not otherwise see
// must surface as ENotFound, never as a detailed refusal.
func Can(a *Actor, act Action, r Resource) bool {
	if a == nil {
		return false
	}
	if act == ActCreateWorkspace {
		// Workspaces belong to the host: only its administrators open them.
		return a.User.IsAdmin && a.Org.IsHost
	}
	m := r.Member
	if m == nil || m.UserID != a.User.ID {
		return false
	}
	switch act {
	case ActViewWorkspace:
		return true
	case ActViewItem:
		return visible(r.Visibility, m.Side)
	case ActComment:
		return visible(r.Visibility, m.Side)
	case ActEditItem:
		return m.Permission != PermGuest && visible(r.Visibility, m.Side)
	case ActManageInvites:
		// Workspace admins invite; a partner admin only to the partner side.
		if m.Permission != PermAdmin {
			return false
		}
		return m.Side == SideHost || r.Side == "" || r.Side == m.Side
	}
	return false
}

func visible(v Visibility, side Side) bool {
	if v == "" {
		v = VisShared
	}
	return v.VisibleTo(side)
}
