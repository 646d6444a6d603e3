package core

import (
	"context"

	"duet/internal/duet"
	"duet/internal/store"
)

// CreateWorkspace opens a campaign from a template in one transaction: the
// partner organization (found by name or created), every part of the
// template with real dates, and the creator as host-side admin holding the
// template's first host role.
func (s *Service) CreateWorkspace(ctx context.Context, a *duet.Actor, in duet.WorkspaceCreate) (*duet.WorkspaceDetail, error) {
	if a == nil {
		return nil, duet.Errorf(duet.EUnauthorized, "Sign in to continue.")
	}
	p, err := in.Validate()
	if err != nil {
		return nil, err
	}
	tpl, err := s.Template(in.Template)
	if err != nil {
		return nil, err
	}
	if !duet.Can(a, duet.ActCreateWorkspace, duet.Resource{}) {
		return nil, duet.Errorf(duet.EForbidden, "Only administrators of %s can create workspaces.", a.Org.Name)
	}
	now := s.Now()
	var wsID string
	err = s.write(ctx, func(tx *store.Tx) error {
		host, err := tx.HostOrg(ctx)
		if err != nil {
			return err
		}
		partner, err := s.partnerOrg(ctx, tx, host, in.PartnerOrg)
		if err != nil {
			return err
		}
		w := duet.Workspace{ID: store.NewID(), Name: in.Name, TemplateKey: tpl.Key, HostOrgID: host.ID, PartnerOrgID: partner.ID,
			KickoffOn: p.Kickoff, LaunchOn: p.Launch, TimeZone: in.TimeZone, CreatedBy: a.User.ID, Created: now}
		wsID = w.ID
		d, tasks := duet.Instantiate(tpl, w, store.NewID)
		if err := tx.InsertWorkspace(ctx, d, tasks); err != nil {
			return err
		}
		for _, c := range d.CheckIns {
			if err := s.materialize(ctx, tx, w, c, now); err != nil {
				return err
			}
		}
		creator := duet.Member{ID: store.NewID(), UserID: a.User.ID, Side: duet.SideHost, Permission: duet.PermAdmin, Joined: now,
			RoleKeys: firstRole(tpl, duet.SideHost)}
		if err := tx.AddMember(ctx, w.ID, &creator); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(a, w.ID, "workspace.created", w.ID))
	})
	if err != nil {
		return nil, err
	}
	return s.Workspace(ctx, a, wsID)
}

// partnerOrg finds the partner organization by name or creates it. The
// host can never be its own partner.
func (s *Service) partnerOrg(ctx context.Context, tx *store.Tx, host duet.Organization, name string) (duet.Organization, error) {
	org, err := tx.OrgByName(ctx, name)
	switch {
	case err == nil && org.IsHost:
		return org, duet.Invalid("partner_org", "%q is the host organization; name the partner", name)
	case err == nil:
		return org, nil
	case duet.ErrorKind(err) != duet.ENotFound:
		return org, err
	}
	org = duet.Organization{ID: store.NewID(), Name: name, Created: s.Now()}
	return org, tx.CreateOrg(ctx, &org)
}

// firstRole returns the key of the template's first role on a side.
func firstRole(t *duet.Template, side duet.Side) []string {
	for _, r := range t.Roles {
		if r.Side == side {
			return []string{r.Key}
		}
	}
	return nil
}

// Workspaces lists the workspaces the actor is a member of.
func (s *Service) Workspaces(ctx context.Context, a *duet.Actor) ([]store.WorkspaceSummary, error) {
	if a == nil {
		return nil, duet.Errorf(duet.EUnauthorized, "Sign in to continue.")
	}
	var out []store.WorkspaceSummary
	err := s.db.View(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.WorkspacesOf(ctx, a.User.ID)
		return err
	})
	return out, err
}

// Workspace returns the whole structure of a workspace as the actor may
// see it; ENotFound when the actor is not a member. The structure is
// shared with other readers: callers must not modify it.
//
// Membership and the workspace's version are read on every call, in one
// statement; the structure comes from the cache while the version is
// unchanged, so every node sees a change as soon as it commits.
func (s *Service) Workspace(ctx context.Context, a *duet.Actor, id string) (*duet.WorkspaceDetail, error) {
	if a == nil {
		return nil, duet.NotFound("workspace")
	}
	var d *duet.WorkspaceDetail
	err := s.db.Once(ctx, func(tx *store.Tx) error {
		m, version, err := tx.MemberVersion(ctx, id, a.User.ID)
		if err != nil {
			return err
		}
		if !duet.Can(a, duet.ActViewWorkspace, duet.Resource{Member: m}) {
			return duet.NotFound("workspace")
		}
		d = s.details.get(id, m.Side, version)
		return nil
	})
	if err == nil && d == nil {
		err = s.db.View(ctx, func(tx *store.Tx) error {
			m, version, err := tx.MemberVersion(ctx, id, a.User.ID)
			if err != nil {
				return err
			}
			if d, err = tx.Detail(ctx, id, m.Side); err != nil {
				return err
			}
			d.Side, d.Version = m.Side, version
			d.Resolve()
			s.details.put(id, m.Side, version, d)
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	return d.At(s.Now()), nil
}

// member loads the actor's membership in a workspace and asks the policy.
// Anyone who is not a member gets ENotFound, so a workspace's existence
// never leaks; a member who may see but not do gets EForbidden.
func (s *Service) member(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID string, act duet.Action, r duet.Resource) (*duet.Member, error) {
	if a == nil {
		return nil, duet.NotFound("workspace")
	}
	m, err := tx.Member(ctx, wsID, a.User.ID)
	if err != nil {
		return nil, err
	}
	r.Member = m
	if !duet.Can(a, act, r) {
		if act == duet.ActViewWorkspace || !duet.Can(a, duet.ActViewItem, duet.Resource{Member: m, Visibility: r.Visibility}) {
			return nil, duet.NotFound("workspace")
		}
		return nil, duet.Errorf(duet.EForbidden, "Your role in this workspace does not allow this.")
	}
	return m, nil
}
