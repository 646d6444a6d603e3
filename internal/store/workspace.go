package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"duet/internal/duet"
)

// InsertWorkspace writes a whole workspace structure, as built from a
// template: the workspace row, every part and the starter tasks. Items
// refer to roles by key; every id is already set. Members are added
// separately.
func (tx *Tx) InsertWorkspace(ctx context.Context, d *duet.WorkspaceDetail, tasks []duet.Task) error {
	w := &d.Workspace
	if _, err := tx.exec(ctx, `INSERT INTO workspaces (id, name, template_key, host_org_id, partner_org_id, kickoff_on, launch_on, time_zone, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		w.ID, w.Name, w.TemplateKey, w.HostOrgID, w.PartnerOrgID, w.KickoffOn.String(), w.LaunchOn.String(), w.TimeZone, w.CreatedBy, ts(w.Created)); err != nil {
		return err
	}
	roleIDs := map[string]string{}
	for i, r := range d.Roles {
		roleIDs[r.Key] = r.ID
		if _, err := tx.exec(ctx, `INSERT INTO roles (id, workspace_id, key, name, side, description, optional, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			r.ID, w.ID, r.Key, r.Name, r.Side, r.Description, r.Optional, i); err != nil {
			return err
		}
	}
	roleID := func(key string) (string, error) {
		id, ok := roleIDs[key]
		if !ok {
			return "", fmt.Errorf("workspace %s: unknown role %q", w.ID, key)
		}
		return id, nil
	}
	for _, c := range d.Channels {
		if _, err := tx.exec(ctx, `INSERT INTO channels (id, workspace_id, key, name, purpose, visibility, position) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			c.ID, w.ID, c.Key, c.Name, c.Purpose, c.Visibility, c.Position); err != nil {
			return err
		}
	}
	for i, c := range d.CheckIns {
		if err := tx.insertCheckIn(ctx, w.ID, c, i); err != nil {
			return err
		}
	}
	for _, m := range d.Milestones {
		if _, err := tx.exec(ctx, `INSERT INTO milestones (id, workspace_id, key, title, description, due_on, due_anchor, due_days, status, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			m.ID, w.ID, m.Key, m.Title, m.Description, m.DueOn.String(), m.Due.Anchor, m.Due.Days, milestoneOpen, m.Position); err != nil {
			return err
		}
		for i, c := range m.Criteria {
			rid, err := roleID(c.DRI.RoleKey)
			if err != nil {
				return err
			}
			if err := tx.insertCriterion(ctx, m.ID, i, c, rid); err != nil {
				return err
			}
		}
	}
	for _, l := range d.TaskLists {
		rid, err := roleID(l.DRI.RoleKey)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO task_lists (id, workspace_id, key, title, description, dri_role_id, position) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			l.ID, w.ID, l.Key, l.Title, l.Description, rid, l.Position); err != nil {
			return err
		}
	}
	for i := range tasks {
		t := &tasks[i]
		rid, err := roleID(t.DRI.RoleKey)
		if err != nil {
			return err
		}
		t.WorkspaceID = w.ID
		if err := tx.insertTask(ctx, t, rid, ""); err != nil {
			return err
		}
	}
	if _, err := tx.exec(ctx, `UPDATE workspaces SET task_seq = $2 WHERE id = $1`, w.ID, len(tasks)); err != nil {
		return err
	}
	for _, h := range d.HillCharts {
		if _, err := tx.exec(ctx, `INSERT INTO hill_charts (id, workspace_id, title) VALUES ($1, $2, $3)`, h.ID, w.ID, h.Title); err != nil {
			return err
		}
		for i, s := range h.Scopes {
			var list any
			if s.TaskListID != "" {
				list = s.TaskListID
			}
			if _, err := tx.exec(ctx, `INSERT INTO hill_scopes (id, hill_chart_id, task_list_id, title, hill_position, sort) VALUES ($1, $2, $3, $4, $5, $6)`,
				s.ID, h.ID, list, s.Title, s.Position, i); err != nil {
				return err
			}
		}
	}
	for i, a := range d.Apps {
		if _, err := tx.exec(ctx, `INSERT INTO apps (workspace_id, key, name, enabled, position) VALUES ($1, $2, $3, $4, $5)`,
			w.ID, a.Key, a.Name, a.Enabled, i); err != nil {
			return err
		}
	}
	for i, in := range d.Integrations {
		if _, err := tx.exec(ctx, `INSERT INTO integrations (workspace_id, kind, purpose, status, position) VALUES ($1, $2, $3, $4, $5)`,
			w.ID, in.Kind, in.Purpose, in.Status, i); err != nil {
			return err
		}
	}
	for _, p := range d.PinnedResources {
		if _, err := tx.exec(ctx, `INSERT INTO pinned_resources (workspace_id, key, title, description, position) VALUES ($1, $2, $3, $4, $5)`,
			w.ID, p.Key, p.Title, p.Description, p.Position); err != nil {
			return err
		}
	}
	return nil
}

const wsCols = `id, name, template_key, host_org_id, partner_org_id, kickoff_on, launch_on, time_zone, created_by, created_at, dates_version`

func scanWorkspace(row interface{ Scan(...any) error }) (duet.Workspace, error) {
	var w duet.Workspace
	var kickoff, launch, created string
	err := row.Scan(&w.ID, &w.Name, &w.TemplateKey, &w.HostOrgID, &w.PartnerOrgID, &kickoff, &launch, &w.TimeZone, &w.CreatedBy, &created, &w.DatesVersion)
	w.KickoffOn, w.LaunchOn, w.Created = parseDate(kickoff), parseDate(launch), parseTS(created)
	return w, err
}

// Workspace returns a workspace row.
func (tx *Tx) Workspace(ctx context.Context, id string) (duet.Workspace, error) {
	w, err := scanWorkspace(tx.row(ctx, `SELECT `+wsCols+` FROM workspaces WHERE id = $1`, id))
	return w, notFound(err, "workspace")
}

// MemberVersion returns the user's membership in a workspace (without
// its roles) and the workspace's current version, in one statement.
func (tx *Tx) MemberVersion(ctx context.Context, wsID, userID string) (*duet.Member, int64, error) {
	var m duet.Member
	var joined string
	var v int64
	err := tx.row(ctx, `SELECT m.id, m.user_id, m.side, m.permission, m.joined_at, w.version
		FROM members m JOIN workspaces w ON w.id = m.workspace_id WHERE m.workspace_id = $1 AND m.user_id = $2`, wsID, userID).
		Scan(&m.ID, &m.UserID, &m.Side, &m.Permission, &joined, &v)
	if err != nil {
		return nil, 0, notFound(err, "workspace")
	}
	m.Joined = parseTS(joined)
	return &m, v, nil
}

// WorkspaceSummary is a workspace as listed for one member.
type WorkspaceSummary struct {
	duet.Workspace
	HostOrg    string
	PartnerOrg string
	Side       duet.Side
	Permission duet.Permission
	Members    int
}

// WorkspacesOf lists the workspaces the user is a member of, newest first.
func (tx *Tx) WorkspacesOf(ctx context.Context, userID string) ([]WorkspaceSummary, error) {
	rows, err := tx.query(ctx, `SELECT w.id, w.name, w.template_key, w.host_org_id, w.partner_org_id, w.kickoff_on, w.launch_on, w.time_zone, w.created_by, w.created_at, w.dates_version,
			h.name, o.name, m.side, m.permission, (SELECT count(*) FROM members c WHERE c.workspace_id = w.id)
		FROM members m JOIN workspaces w ON w.id = m.workspace_id JOIN organizations o ON o.id = w.partner_org_id
		JOIN organizations h ON h.id = w.host_org_id
		WHERE m.user_id = $1 ORDER BY w.created_at DESC, w.id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WorkspaceSummary
	for rows.Next() {
		var s WorkspaceSummary
		var kickoff, launch, created string
		if err := rows.Scan(&s.ID, &s.Name, &s.TemplateKey, &s.HostOrgID, &s.PartnerOrgID, &kickoff, &launch, &s.TimeZone, &s.CreatedBy, &created, &s.DatesVersion,
			&s.HostOrg, &s.PartnerOrg, &s.Side, &s.Permission, &s.Members); err != nil {
			return nil, err
		}
		s.KickoffOn, s.LaunchOn, s.Created = parseDate(kickoff), parseDate(launch), parseTS(created)
		out = append(out, s)
	}
	return out, mapErr(rows.Err())
}

// AddMember makes a user a member with the given roles (by key).
func (tx *Tx) AddMember(ctx context.Context, wsID string, m *duet.Member) error {
	if _, err := tx.exec(ctx, `INSERT INTO members (id, workspace_id, user_id, side, permission, joined_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		m.ID, wsID, m.UserID, m.Side, m.Permission, ts(m.Joined)); err != nil {
		if duet.ErrorKind(err) == duet.EConflict {
			return duet.Errorf(duet.EConflict, "already a member of this workspace")
		}
		return err
	}
	for _, k := range m.RoleKeys {
		res, err := tx.exec(ctx, `INSERT INTO member_roles (member_id, role_id) SELECT $1, id FROM roles WHERE workspace_id = $2 AND key = $3 AND side = $4`,
			m.ID, wsID, k, m.Side)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return duet.Invalid("roles", "%q is not a %s-side role of this workspace", k, m.Side)
		}
	}
	return nil
}

// Member returns the user's membership in a workspace, ENotFound if none.
func (tx *Tx) Member(ctx context.Context, wsID, userID string) (*duet.Member, error) {
	ms, err := tx.members(ctx, `m.workspace_id = $1 AND m.user_id = $2`, wsID, userID)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, duet.NotFound("workspace")
	}
	return &ms[0], nil
}

// Members lists a workspace's members, host side first, in joining order.
func (tx *Tx) Members(ctx context.Context, wsID string) ([]duet.Member, error) {
	return tx.members(ctx, `m.workspace_id = $1`, wsID)
}

func (tx *Tx) members(ctx context.Context, where string, args ...any) ([]duet.Member, error) {
	rows, err := tx.query(ctx, `SELECT m.id, m.user_id, u.name, u.email, m.side, m.permission, m.joined_at, m.away,
			COALESCE((SELECT `+tx.groupConcat("r.key", "r.position")+` FROM member_roles mr JOIN roles r ON r.id = mr.role_id WHERE mr.member_id = m.id), '')
		FROM members m JOIN users u ON u.id = m.user_id WHERE `+where+`
		ORDER BY CASE m.side WHEN 'host' THEN 0 ELSE 1 END, m.joined_at, m.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []duet.Member
	for rows.Next() {
		var m duet.Member
		var joined, roles string
		if err := rows.Scan(&m.ID, &m.UserID, &m.Name, &m.Email, &m.Side, &m.Permission, &joined, &m.Away, &roles); err != nil {
			return nil, err
		}
		m.Joined = parseTS(joined)
		m.RoleKeys = []string{}
		if roles != "" {
			m.RoleKeys = strings.Split(roles, ",")
		}
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// groupConcat aggregates a column into a comma-separated list in order.
func (tx *Tx) groupConcat(col, order string) string {
	if tx.engine == Postgres {
		return "string_agg(" + col + ", ',' ORDER BY " + order + ")"
	}
	// SQLite's group_concat takes ORDER BY inside the call since 3.44.
	return "group_concat(" + col + ", ',' ORDER BY " + order + ")"
}

// Detail loads the whole structure of a workspace as seen from one side:
// items kept to the other side are never read.
func (tx *Tx) Detail(ctx context.Context, id string, side duet.Side) (*duet.WorkspaceDetail, error) {
	w, err := tx.Workspace(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &duet.WorkspaceDetail{Workspace: w}
	if d.HostOrg, err = tx.Org(ctx, w.HostOrgID); err != nil {
		return nil, err
	}
	if d.PartnerOrg, err = tx.Org(ctx, w.PartnerOrgID); err != nil {
		return nil, err
	}
	if d.Members, err = tx.Members(ctx, id); err != nil {
		return nil, err
	}
	loaders := []func(context.Context, *duet.WorkspaceDetail, duet.Side) error{
		tx.loadRoles, tx.loadChannels, tx.loadCheckIns, tx.loadMilestones, tx.loadTaskLists,
		tx.loadHillCharts, tx.loadApps, tx.loadIntegrations, tx.loadPinned,
	}
	for _, load := range loaders {
		if err := load(ctx, d, side); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// each runs scan for every row of the query.
func (tx *Tx) each(ctx context.Context, q string, args []any, scan func(scan func(...any) error) error) error {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows.Scan); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

func (tx *Tx) loadRoles(ctx context.Context, d *duet.WorkspaceDetail, _ duet.Side) error {
	d.Roles = []duet.Role{}
	return tx.each(ctx, `SELECT id, key, name, side, description, optional FROM roles WHERE workspace_id = $1 ORDER BY position`, []any{d.ID},
		func(scan func(...any) error) error {
			var r duet.Role
			if err := scan(&r.ID, &r.Key, &r.Name, &r.Side, &r.Description, &r.Optional); err != nil {
				return err
			}
			d.Roles = append(d.Roles, r)
			return nil
		})
}

// visibleTo is the SQL condition for items a side may see.
const visibleTo = `visibility IN ('shared', $2)`

func (tx *Tx) loadChannels(ctx context.Context, d *duet.WorkspaceDetail, side duet.Side) error {
	d.Channels = []duet.Channel{}
	return tx.each(ctx, `SELECT id, key, name, purpose, visibility, position, archived_at IS NOT NULL FROM channels WHERE workspace_id = $1 AND `+visibleTo+` ORDER BY position`, []any{d.ID, side},
		func(scan func(...any) error) error {
			var c duet.Channel
			if err := scan(&c.ID, &c.Key, &c.Name, &c.Purpose, &c.Visibility, &c.Position, &c.Archived); err != nil {
				return err
			}
			d.Channels = append(d.Channels, c)
			return nil
		})
}

func (tx *Tx) loadCheckIns(ctx context.Context, d *duet.WorkspaceDetail, side duet.Side) (err error) {
	d.CheckIns, err = tx.checkIns(ctx, `workspace_id = $1 AND `+visibleTo, d.ID, side)
	return err
}

func (tx *Tx) loadMilestones(ctx context.Context, d *duet.WorkspaceDetail, _ duet.Side) error {
	ms, err := tx.Milestones(ctx, d.ID)
	d.Milestones = ms
	return err
}

func (tx *Tx) loadTaskLists(ctx context.Context, d *duet.WorkspaceDetail, _ duet.Side) error {
	ls, err := tx.TaskLists(ctx, d.ID)
	d.TaskLists = ls
	return err
}

func (tx *Tx) loadHillCharts(ctx context.Context, d *duet.WorkspaceDetail, _ duet.Side) error {
	hs, err := tx.HillCharts(ctx, d.ID)
	d.HillCharts = hs
	return err
}

func (tx *Tx) loadApps(ctx context.Context, d *duet.WorkspaceDetail, _ duet.Side) error {
	d.Apps = []duet.App{}
	return tx.each(ctx, `SELECT key, name, enabled FROM apps WHERE workspace_id = $1 ORDER BY position`, []any{d.ID},
		func(scan func(...any) error) error {
			var a duet.App
			if err := scan(&a.Key, &a.Name, &a.Enabled); err != nil {
				return err
			}
			d.Apps = append(d.Apps, a)
			return nil
		})
}

func (tx *Tx) loadIntegrations(ctx context.Context, d *duet.WorkspaceDetail, _ duet.Side) error {
	d.Integrations = []duet.Integration{}
	return tx.each(ctx, `SELECT kind, purpose, status FROM integrations WHERE workspace_id = $1 ORDER BY position`, []any{d.ID},
		func(scan func(...any) error) error {
			var in duet.Integration
			if err := scan(&in.Kind, &in.Purpose, &in.Status); err != nil {
				return err
			}
			d.Integrations = append(d.Integrations, in)
			return nil
		})
}

func (tx *Tx) loadPinned(ctx context.Context, d *duet.WorkspaceDetail, _ duet.Side) error {
	d.PinnedResources = []duet.PinnedResource{}
	return tx.each(ctx, `SELECT key, title, description, position FROM pinned_resources WHERE workspace_id = $1 ORDER BY position`, []any{d.ID},
		func(scan func(...any) error) error {
			var p duet.PinnedResource
			if err := scan(&p.Key, &p.Title, &p.Description, &p.Position); err != nil {
				return err
			}
			d.PinnedResources = append(d.PinnedResources, p)
			return nil
		})
}

// jsonText encodes a value stored as JSON text.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only slices of plain structs are stored this way
	}
	return string(b)
}

// fromJSON decodes pairs of (text, destination).
func fromJSON(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := json.Unmarshal([]byte(pairs[i].(string)), pairs[i+1]); err != nil {
			return fmt.Errorf("stored json: %w", err)
		}
	}
	return nil
}
