package store

import (
	"context"
	"database/sql"
	"time"

	"duet/internal/duet"
)

// Stored milestone states: open until completed. Pending and ready are
// computed from the criteria on every read.
const (
	milestoneOpen     = "open"
	milestoneComplete = "complete"
)

// insertCriterion writes one criterion; roleID, when set, is the DRI
// role's id, else the role is found by key or the member is stored.
func (tx *Tx) insertCriterion(ctx context.Context, milestoneID string, pos int, c duet.Criterion, roleID string) error {
	var role, member any
	switch {
	case roleID != "":
		role = roleID
	case c.DRI.MemberID != "":
		member = c.DRI.MemberID
	default:
		return duet.Invalid("dri", "is required")
	}
	_, err := tx.exec(ctx, `INSERT INTO milestone_criteria (id, milestone_id, position, text, check_kind, task_list_key, decision_kinds, dri_role_id, dri_member_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		c.ID, milestoneID, pos, c.Text, c.Check, c.TaskList, jsonText(c.DecisionKinds), role, member)
	return err
}

// AddCriterion appends a criterion to a milestone. A role DRI is found by
// key within the workspace.
func (tx *Tx) AddCriterion(ctx context.Context, wsID, milestoneID string, c duet.Criterion) error {
	var n int
	if err := tx.row(ctx, `SELECT count(*) FROM milestone_criteria WHERE milestone_id = $1`, milestoneID).Scan(&n); err != nil {
		return mapErr(err)
	}
	var roleID string
	if c.DRI.RoleKey != "" {
		if err := tx.row(ctx, `SELECT id FROM roles WHERE workspace_id = $1 AND key = $2`, wsID, c.DRI.RoleKey).Scan(&roleID); err != nil {
			return notFound(err, "role")
		}
	}
	return tx.insertCriterion(ctx, milestoneID, n, c, roleID)
}

// Milestones returns a workspace's milestones with their criteria.
func (tx *Tx) Milestones(ctx context.Context, wsID string) ([]duet.Milestone, error) {
	out := []duet.Milestone{}
	index := map[string]int{}
	err := tx.each(ctx, `SELECT m.id, m.key, m.title, m.description, m.due_on, m.due_anchor, m.due_days, m.position, m.version, m.completed_at,
			COALESCE(cm.id, ''), COALESCE(cu.id, ''), COALESCE(cu.name, ''), COALESCE(cm.side, ''),
			COALESCE(d.id, ''), COALESCE(d.number, 0), COALESCE(d.title, ''), COALESCE(d.status, '')
		FROM milestones m LEFT JOIN members cm ON cm.id = m.completed_by LEFT JOIN users cu ON cu.id = cm.user_id
		LEFT JOIN decisions d ON d.id = m.override_decision_id
		WHERE m.workspace_id = $1 ORDER BY m.position`, []any{wsID},
		func(scan func(...any) error) error {
			var m duet.Milestone
			var due string
			var completed sql.NullString
			var by duet.Author
			var ov duet.DecisionRef
			if err := scan(&m.ID, &m.Key, &m.Title, &m.Description, &due, &m.Due.Anchor, &m.Due.Days, &m.Position, &m.Version, &completed,
				&by.MemberID, &by.UserID, &by.Name, &by.Side, &ov.ID, &ov.Number, &ov.Title, &ov.Status); err != nil {
				return err
			}
			m.DueOn = parseDate(due)
			if m.Completed = parseNullTS(completed); m.Completed != nil && by.MemberID != "" {
				m.CompletedBy = &by
			}
			if ov.ID != "" {
				m.Override = &ov
			}
			m.Criteria = []duet.Criterion{}
			index[m.ID] = len(out)
			out = append(out, m)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = tx.each(ctx, `SELECT c.milestone_id, c.id, c.text, c.check_kind, c.task_list_key, c.decision_kinds, COALESCE(r.key, ''), COALESCE(c.dri_member_id, ''),
			c.checked_at, COALESCE(km.id, ''), COALESCE(ku.id, ''), COALESCE(ku.name, ''), COALESCE(km.side, '')
		FROM milestone_criteria c JOIN milestones m ON m.id = c.milestone_id LEFT JOIN roles r ON r.id = c.dri_role_id
		LEFT JOIN members km ON km.id = c.checked_by LEFT JOIN users ku ON ku.id = km.user_id
		WHERE m.workspace_id = $1 ORDER BY c.milestone_id, c.position`, []any{wsID},
		func(scan func(...any) error) error {
			var mid, kinds string
			var c duet.Criterion
			var at sql.NullString
			var by duet.Author
			if err := scan(&mid, &c.ID, &c.Text, &c.Check, &c.TaskList, &kinds, &c.DRI.RoleKey, &c.DRI.MemberID,
				&at, &by.MemberID, &by.UserID, &by.Name, &by.Side); err != nil {
				return err
			}
			if err := fromJSON(kinds, &c.DecisionKinds); err != nil {
				return err
			}
			if c.CheckedAt = parseNullTS(at); c.CheckedAt != nil {
				c.CheckedBy = &by
			}
			m := &out[index[mid]]
			m.Criteria = append(m.Criteria, c)
			return nil
		})
	return out, err
}

// LockMilestone takes a milestone's row for a change made from version,
// bumping the version; EConflict when it has changed meanwhile.
func (tx *Tx) LockMilestone(ctx context.Context, wsID, id string, version int) error {
	res, err := tx.exec(ctx, `UPDATE milestones SET version = version + 1 WHERE workspace_id = $1 AND id = $2 AND version = $3`, wsID, id, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var one int
	if err := tx.row(ctx, `SELECT 1 FROM milestones WHERE workspace_id = $1 AND id = $2`, wsID, id).Scan(&one); err != nil {
		return notFound(err, "milestone")
	}
	return duet.Errorf(duet.EConflict, "This milestone changed since you read it; read it again.")
}

// CompleteMilestone records a completion (by, at), or clears it when
// by is "".
func (tx *Tx) CompleteMilestone(ctx context.Context, id, by string, at time.Time) error {
	if by == "" {
		_, err := tx.exec(ctx, `UPDATE milestones SET status = $2, completed_at = NULL, completed_by = NULL, override_decision_id = NULL WHERE id = $1`, id, milestoneOpen)
		return err
	}
	_, err := tx.exec(ctx, `UPDATE milestones SET status = $2, completed_at = $3, completed_by = $4 WHERE id = $1`, id, milestoneComplete, ts(at), by)
	return err
}

// SetOverride links (or, with "", unlinks) a milestone's override decision.
func (tx *Tx) SetOverride(ctx context.Context, id, decisionID string) error {
	var d any
	if decisionID != "" {
		d = decisionID
	}
	_, err := tx.exec(ctx, `UPDATE milestones SET override_decision_id = $2 WHERE id = $1`, id, d)
	return err
}

// MilestonesOverriddenBy returns the ids of open milestones waiting for
// decision decisionID to be approved.
func (tx *Tx) MilestonesOverriddenBy(ctx context.Context, decisionID string) ([]string, error) {
	var out []string
	err := tx.each(ctx, `SELECT id FROM milestones WHERE override_decision_id = $1 AND completed_at IS NULL`, []any{decisionID},
		func(scan func(...any) error) error {
			var id string
			err := scan(&id)
			out = append(out, id)
			return err
		})
	return out, err
}

// CheckCriterion checks off (memberID set) or clears a criterion of a
// milestone; ENotFound for a criterion of another milestone.
func (tx *Tx) CheckCriterion(ctx context.Context, milestoneID, criterionID, memberID string, at time.Time) (string, error) {
	var by, when any
	if memberID != "" {
		by, when = memberID, ts(at)
	}
	var text string
	err := tx.row(ctx, `UPDATE milestone_criteria SET checked_by = $3, checked_at = $4 WHERE milestone_id = $1 AND id = $2 RETURNING text`,
		milestoneID, criterionID, by, when).Scan(&text)
	return text, notFound(err, "criterion")
}

// SetMilestoneDue sets a milestone's due date and rule.
func (tx *Tx) SetMilestoneDue(ctx context.Context, id string, due duet.Date, rule duet.DueRule) error {
	_, err := tx.exec(ctx, `UPDATE milestones SET due_on = $2, due_anchor = $3, due_days = $4 WHERE id = $1`, id, due.String(), rule.Anchor, rule.Days)
	return err
}

// ApprovedDecisionKinds counts a workspace's approved decisions by kind.
func (tx *Tx) ApprovedDecisionKinds(ctx context.Context, wsID string) (map[string]int, error) {
	out := map[string]int{}
	err := tx.each(ctx, `SELECT kind, count(*) FROM decisions WHERE workspace_id = $1 AND status = 'approved' GROUP BY kind`, []any{wsID},
		func(scan func(...any) error) error {
			var k string
			var n int
			if err := scan(&k, &n); err != nil {
				return err
			}
			out[k] = n
			return nil
		})
	return out, err
}
