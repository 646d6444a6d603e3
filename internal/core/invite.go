package core

import (
	"context"
	"fmt"

	"duet/internal/duet"
	"duet/internal/store"
)

// Mailer sends one plain-text email. It is the seam to SMTP.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// InviteResult is a new invite with its secret link, shown once.
type InviteResult struct {
	Invite duet.Invite
	Token  string
	URL    string
	Mailed bool
}

// CreateInvite invites someone to one side of a workspace. Roles must be
// roles of that side. With a mailer the link is emailed too; either way it
// is returned to the inviter, once.
func (s *Service) CreateInvite(ctx context.Context, a *duet.Actor, wsID string, in duet.InviteCreate) (*InviteResult, error) {
	// Permission comes before input: someone who may not invite learns
	// nothing from the validation of what they sent.
	err := s.db.View(ctx, func(tx *store.Tx) error {
		r := duet.Resource{}
		if in.Side.Valid() {
			r.Side = in.Side
		}
		_, err := s.member(ctx, tx, a, wsID, duet.ActManageInvites, r)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now := s.Now()
	res := &InviteResult{Token: newSecret("inv_")}
	var wsName string
	err = s.write(ctx, func(tx *store.Tx) error {
		if _, err := s.member(ctx, tx, a, wsID, duet.ActManageInvites, duet.Resource{Side: in.Side}); err != nil {
			return err
		}
		d, err := tx.Detail(ctx, wsID, in.Side)
		if err != nil {
			return err
		}
		wsName = d.Name
		if err := checkRoles(d.Roles, in.Side, in.RoleKeys); err != nil {
			return err
		}
		for _, m := range d.Members {
			if m.Email == in.Email {
				return &duet.Error{Kind: duet.EConflict, Field: "email", Msg: fmt.Sprintf("%s is already a member of this workspace", in.Email)}
			}
		}
		if u, _, err := tx.UserByEmail(ctx, in.Email); err == nil {
			if u.OrgID != d.OrgOf(in.Side) {
				return &duet.Error{Kind: duet.EConflict, Field: "side", Msg: fmt.Sprintf("%s belongs to another organization and cannot join the %s side", in.Email, in.Side)}
			}
		} else if duet.ErrorKind(err) != duet.ENotFound {
			return err
		}
		res.Invite = duet.Invite{ID: store.NewID(), WorkspaceID: wsID, Email: in.Email, Side: in.Side, Permission: in.Permission,
			RoleKeys: in.RoleKeys, InvitedBy: a.User.ID, Created: now, Expires: now.Add(duet.InviteTTL)}
		if err := tx.CreateInvite(ctx, &res.Invite, hashSecret(res.Token)); err != nil {
			return err
		}
		e := s.event(a, wsID, "invite.created", res.Invite.ID)
		e.Visibility = duet.Visibility(res.Invite.Side) // an invite is its side's business
		return tx.AppendEvent(ctx, e)
	})
	if err != nil {
		return nil, err
	}
	res.URL = s.baseURL + "/invite/" + res.Token
	if s.mailer != nil {
		body := fmt.Sprintf("%s invited you to the campaign workspace %q in Duet.\n\nAccept the invitation here (the link works once and expires on %s):\n%s\n",
			a.User.Name, wsName, res.Invite.Expires.Format("2 January 2006"), res.URL)
		if err := s.mailer.Send(ctx, in.Email, "You are invited to "+wsName, body); err != nil {
			s.log.Warn("invite email not sent", "invite", res.Invite.ID, "err", err)
		} else {
			res.Mailed = true
		}
	}
	return res, nil
}

// checkRoles verifies that every key names a role of the side.
func checkRoles(roles []duet.Role, side duet.Side, keys []string) error {
	seen := map[string]bool{}
	for _, k := range keys {
		found := false
		for _, r := range roles {
			if r.Key == k {
				found = true
				if r.Side != side {
					return duet.Invalid("roles", "%s is a %s-side role, not %s", r.Name, r.Side, side)
				}
			}
		}
		if !found {
			return duet.Invalid("roles", "%q is not a role of this workspace", k)
		}
		if seen[k] {
			return duet.Invalid("roles", "%q is listed twice", k)
		}
		seen[k] = true
	}
	return nil
}

// Invites lists a workspace's invites that the actor manages: all of them
// for a host admin, the partner side's for a partner admin.
func (s *Service) Invites(ctx context.Context, a *duet.Actor, wsID string) ([]duet.Invite, error) {
	var out []duet.Invite
	err := s.db.View(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActManageInvites, duet.Resource{})
		if err != nil {
			return err
		}
		side := duet.Side("")
		if m.Side != duet.SideHost {
			side = m.Side
		}
		out, err = tx.Invites(ctx, wsID, side)
		return err
	})
	return out, err
}

// RevokeInvite stops a pending invite from being used.
func (s *Service) RevokeInvite(ctx context.Context, a *duet.Actor, wsID, inviteID string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		in, err := tx.Invite(ctx, wsID, inviteID)
		if err != nil {
			// Check membership first so a stranger learns nothing.
			if _, merr := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{}); merr != nil {
				return merr
			}
			return err
		}
		if _, err := s.member(ctx, tx, a, wsID, duet.ActManageInvites, duet.Resource{Side: in.Side}); err != nil {
			return err
		}
		if st := in.State(s.Now()); st != "pending" {
			return duet.Errorf(duet.EConflict, "This invite is already %s.", st)
		}
		if err := tx.RevokeInvite(ctx, in.ID, s.Now()); err != nil {
			return err
		}
		e := s.event(a, wsID, "invite.revoked", in.ID)
		e.Visibility = duet.Visibility(in.Side)
		return tx.AppendEvent(ctx, e)
	})
}

// InvitePreview is what the public invite page shows before accepting.
type InvitePreview struct {
	Invite       duet.Invite
	Workspace    string
	Organization string // the organization the invitee joins
	InvitedBy    string
	HasAccount   bool
}

// PreviewInvite returns a pending invite by its token; any other state is
// ENotFound, so a used or revoked link says nothing more.
func (s *Service) PreviewInvite(ctx context.Context, token string) (*InvitePreview, error) {
	var p InvitePreview
	err := s.db.View(ctx, func(tx *store.Tx) error {
		in, err := s.pendingInvite(ctx, tx, token)
		if err != nil {
			return err
		}
		w, err := tx.Workspace(ctx, in.WorkspaceID)
		if err != nil {
			return err
		}
		org, err := tx.Org(ctx, w.OrgOf(in.Side))
		if err != nil {
			return err
		}
		inviter, err := tx.User(ctx, in.InvitedBy)
		if err != nil {
			return err
		}
		_, _, uerr := tx.UserByEmail(ctx, in.Email)
		p = InvitePreview{Invite: in, Workspace: w.Name, Organization: org.Name, InvitedBy: inviter.Name, HasAccount: uerr == nil}
		return nil
	})
	return &p, err
}

func (s *Service) pendingInvite(ctx context.Context, tx *store.Tx, token string) (duet.Invite, error) {
	in, err := tx.InviteByHash(ctx, hashSecret(token))
	if err != nil {
		return in, err
	}
	if in.State(s.Now()) != "pending" {
		return in, duet.NotFound("invite")
	}
	return in, nil
}

// AcceptInput is what the invitee gives: a name and a new password, or
// for an existing account, that account's password.
type AcceptInput struct {
	Name     string
	Password string
	// OpenSession signs the member in to the web app when set.
	OpenSession bool
}

// Accepted is the outcome of accepting an invite.
type Accepted struct {
	User         duet.User
	WorkspaceID  string
	SessionToken string // set when AcceptInput.OpenSession
}

// AcceptInvite uses an invite once: it creates the account in the right
// organization (or, given its password, adds an existing account), makes
// it a member with the invited side, permission and roles, and signs in.
func (s *Service) AcceptInvite(ctx context.Context, token string, in AcceptInput) (*Accepted, error) {
	if in.Password == "" {
		return nil, duet.Invalid("password", "is required")
	}
	// Password work is slow on purpose, so it happens before the write
	// transaction, never inside it.
	var existing bool
	var existingHash string
	err := s.db.View(ctx, func(tx *store.Tx) error {
		inv, err := s.pendingInvite(ctx, tx, token)
		if err != nil {
			return err
		}
		_, existingHash, err = tx.UserByEmail(ctx, inv.Email)
		existing = err == nil
		if duet.ErrorKind(err) == duet.ENotFound {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var hash string
	if existing {
		if !s.passwordMatches(existingHash, in.Password) {
			return nil, &duet.Error{Kind: duet.EUnauthorized, Field: "password", Msg: "An account with this email exists; enter its password to join."}
		}
	} else {
		if in.Name, err = duet.ValidateName("name", in.Name); err != nil {
			return nil, err
		}
		if err := duet.ValidatePassword("password", in.Password); err != nil {
			return nil, err
		}
		hash = s.hashPassword(in.Password)
	}
	now := s.Now()
	var out Accepted
	err = s.write(ctx, func(tx *store.Tx) error {
		inv, err := s.pendingInvite(ctx, tx, token)
		if err != nil {
			return err
		}
		w, err := tx.Workspace(ctx, inv.WorkspaceID)
		if err != nil {
			return err
		}
		orgID := w.OrgOf(inv.Side)
		var u duet.User
		if existing {
			if u, _, err = tx.UserByEmail(ctx, inv.Email); err != nil {
				return err
			}
			if u.OrgID != orgID {
				return duet.Errorf(duet.EConflict, "This account belongs to another organization.")
			}
		} else {
			u = duet.User{ID: store.NewID(), OrgID: orgID, Email: inv.Email, Name: in.Name, Created: now}
			if err := tx.CreateUser(ctx, &u, hash); err != nil {
				return err
			}
		}
		if err := tx.MarkInviteAccepted(ctx, inv.ID, now); err != nil {
			return err
		}
		m := duet.Member{ID: store.NewID(), UserID: u.ID, Side: inv.Side, Permission: inv.Permission, RoleKeys: inv.RoleKeys, Joined: now}
		if err := tx.AddMember(ctx, w.ID, &m); err != nil {
			return err
		}
		out.User, out.WorkspaceID = u, w.ID
		return tx.AppendEvent(ctx, s.event(&duet.Actor{User: u}, w.ID, "member.joined", m.ID))
	})
	if err != nil {
		return nil, err
	}
	if in.OpenSession {
		out.SessionToken, err = s.newSession(ctx, out.User.ID)
	}
	return &out, err
}
