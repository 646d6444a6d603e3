package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"duet/internal/duet"
)

// TaskLists returns a workspace's task lists in order, archived included.
func (tx *Tx) TaskLists(ctx context.Context, wsID string) ([]duet.TaskList, error) {
	out := []duet.TaskList{}
	err := tx.each(ctx, `SELECT l.id, l.key, l.title, l.description, COALESCE(r.key, ''), COALESCE(l.dri_member_id, ''), l.position, l.archived_at IS NOT NULL
		FROM task_lists l LEFT JOIN roles r ON r.id = l.dri_role_id WHERE l.workspace_id = $1 ORDER BY l.position, l.id`, []any{wsID},
		func(scan func(...any) error) error {
			var l duet.TaskList
			if err := scan(&l.ID, &l.Key, &l.Title, &l.Description, &l.DRI.RoleKey, &l.DRI.MemberID, &l.Position, &l.Archived); err != nil {
				return err
			}
			out = append(out, l)
			return nil
		})
	return out, err
}

// InsertTaskList adds a task list at the end of the workspace's lists.
func (tx *Tx) InsertTaskList(ctx context.Context, wsID string, l *duet.TaskList) error {
	err := tx.row(ctx, `INSERT INTO task_lists (workspace_id, id, key, title, description, dri_role_id, dri_member_id, position)
		VALUES ($1, $2, $3, $4, $5, (SELECT id FROM roles WHERE workspace_id = $1 AND key = NULLIF($6, '')), NULLIF($7, ''), (SELECT COALESCE(max(position) + 1, 0) FROM task_lists WHERE workspace_id = $1))
		RETURNING position`, wsID, l.ID, l.Key, l.Title, l.Description, l.DRI.RoleKey, l.DRI.MemberID).Scan(&l.Position)
	return mapErr(err)
}

// UpdateTaskList writes a list's title, description, DRI and archived state.
func (tx *Tx) UpdateTaskList(ctx context.Context, wsID string, l duet.TaskList, now time.Time) error {
	_, err := tx.exec(ctx, `UPDATE task_lists SET title = $3, description = $4, dri_role_id = (SELECT id FROM roles WHERE workspace_id = $1 AND key = NULLIF($5, '')),
		dri_member_id = NULLIF($6, ''), archived_at = CASE WHEN $7 THEN COALESCE(archived_at, $8) ELSE NULL END
		WHERE workspace_id = $1 AND id = $2`, wsID, l.ID, l.Title, l.Description, l.DRI.RoleKey, l.DRI.MemberID, l.Archived, ts(now))
	return err
}

// ReorderTaskLists sets the lists' positions to their order in ids.
func (tx *Tx) ReorderTaskLists(ctx context.Context, wsID string, ids []string) error {
	for i, id := range ids {
		if _, err := tx.exec(ctx, `UPDATE task_lists SET position = $3 WHERE workspace_id = $1 AND id = $2`, wsID, id, i); err != nil {
			return err
		}
	}
	return nil
}

// NextTaskNumber takes the workspace's next T-n number.
func (tx *Tx) NextTaskNumber(ctx context.Context, wsID string) (int, error) {
	var n int
	err := tx.row(ctx, `UPDATE workspaces SET task_seq = task_seq + 1 WHERE id = $1 RETURNING task_seq`, wsID).Scan(&n)
	return n, notFound(err, "workspace")
}

// InsertTask writes a new task with its checklist, collaborators and
// dependencies.
func (tx *Tx) InsertTask(ctx context.Context, t *duet.Task) error {
	if err := tx.insertTask(ctx, t, "", t.DRI.MemberID); err != nil {
		return err
	}
	if err := tx.SetCollaborators(ctx, t.ID, duet.MemberIDs(t.Collaborators)); err != nil {
		return err
	}
	if err := tx.SetDependencies(ctx, t.ID, duet.TaskIDs(t.DependsOn)); err != nil {
		return err
	}
	for i, c := range t.Checklist {
		if _, err := tx.exec(ctx, `INSERT INTO checklist_items (id, task_id, position, text) VALUES ($1, $2, $3, $4)`, c.ID, t.ID, i, c.Text); err != nil {
			return err
		}
	}
	return nil
}

// insertTask writes the task row. roleID, when set, is the DRI role's id
// (known while a workspace is instantiated); otherwise the role is found
// by key.
func (tx *Tx) insertTask(ctx context.Context, t *duet.Task, roleID, memberID string) error {
	var completed any
	if t.Completed != nil {
		completed = ts(*t.Completed)
	}
	role := `(SELECT id FROM roles WHERE workspace_id = $1 AND key = NULLIF($6, ''))`
	roleArg := t.DRI.RoleKey
	if roleID != "" {
		role, roleArg = `$6`, roleID
	}
	_, err := tx.exec(ctx, `INSERT INTO tasks (workspace_id, id, task_list_id, number, title, notes, dri_role_id, dri_member_id, due_on, due_anchor, due_days, due_task_id,
			status, blocked_reason, visibility, position, version, created_at, updated_at, completed_at)
		VALUES ($1, $2, $3, $4, $5, $17, `+role+`, NULLIF($7, ''), $8, $9, $10, NULLIF($11, ''), $12, $13, $14, $15, 1, $16, $16, $18)`,
		t.WorkspaceID, t.ID, t.ListID, t.Number, t.Title, roleArg, memberID, dateText(t.DueOn), t.Due.Anchor, t.Due.Days, t.Due.TaskID,
		t.Status, t.BlockedReason, t.Visibility, t.Position, ts(t.Created), t.Notes, completed)
	return err
}

// dateText stores a date, or ” for none.
func dateText(d duet.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// UpdateTask writes a task's fields, if its version is still version,
// and bumps the version. EConflict when it is not.
func (tx *Tx) UpdateTask(ctx context.Context, t duet.Task, version int) error {
	var completed any
	if t.Completed != nil {
		completed = ts(*t.Completed)
	}
	res, err := tx.exec(ctx, `UPDATE tasks SET task_list_id = $3, title = $4, notes = $5,
			dri_role_id = (SELECT id FROM roles WHERE workspace_id = $1 AND key = NULLIF($6, '')), dri_member_id = NULLIF($7, ''),
			due_on = $8, due_anchor = $9, due_days = $10, due_task_id = NULLIF($11, ''), status = $12, blocked_reason = $13,
			position = $14, version = version + 1, updated_at = $15, completed_at = $16,
			archived_at = CASE WHEN $17 THEN COALESCE(archived_at, $15) ELSE NULL END
		WHERE workspace_id = $1 AND id = $2 AND version = $18`,
		t.WorkspaceID, t.ID, t.ListID, t.Title, t.Notes, t.DRI.RoleKey, t.DRI.MemberID, dateText(t.DueOn), t.Due.Anchor, t.Due.Days, t.Due.TaskID,
		t.Status, t.BlockedReason, t.Position, ts(t.Updated), completed, t.Archived, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return duet.Errorf(duet.EConflict, "T-%d changed since you opened it.", t.Number)
	}
	return nil
}

// TouchTask records that a task changed in another table (its checklist).
func (tx *Tx) TouchTask(ctx context.Context, taskID string, now time.Time) error {
	_, err := tx.exec(ctx, `UPDATE tasks SET updated_at = $2 WHERE id = $1`, taskID, ts(now))
	return err
}

// SetTaskDue moves a task's due date (rescheduling); the version is bumped
// so an edit made from the old date is refused.
func (tx *Tx) SetTaskDue(ctx context.Context, taskID string, due duet.Date, now time.Time) error {
	_, err := tx.exec(ctx, `UPDATE tasks SET due_on = $2, version = version + 1, updated_at = $3 WHERE id = $1`, taskID, dateText(due), ts(now))
	return err
}

// PlaceTask makes room for a task at position in a list: every other task
// from position on moves one down, and the task takes the slot.
func (tx *Tx) PlaceTask(ctx context.Context, listID, taskID string, position int) error {
	if _, err := tx.exec(ctx, `UPDATE tasks SET position = position + 1 WHERE task_list_id = $1 AND position >= $2 AND id <> $3`, listID, position, taskID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `UPDATE tasks SET position = $2 WHERE id = $1`, taskID, position)
	return err
}

// EndOfList returns the position after a list's last task.
func (tx *Tx) EndOfList(ctx context.Context, listID string) (int, error) {
	var n int
	err := tx.row(ctx, `SELECT COALESCE(max(position) + 1, 0) FROM tasks WHERE task_list_id = $1`, listID).Scan(&n)
	return n, mapErr(err)
}

// SetCollaborators replaces a task's collaborators.
func (tx *Tx) SetCollaborators(ctx context.Context, taskID string, memberIDs []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM task_collaborators WHERE task_id = $1`, taskID); err != nil {
		return err
	}
	for _, id := range memberIDs {
		if _, err := tx.exec(ctx, `INSERT INTO task_collaborators (task_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, taskID, id); err != nil {
			return err
		}
	}
	return nil
}

// SetDependencies replaces what a task depends on.
func (tx *Tx) SetDependencies(ctx context.Context, taskID string, ids []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM task_deps WHERE task_id = $1`, taskID); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.exec(ctx, `INSERT INTO task_deps (task_id, depends_on_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, taskID, id); err != nil {
			return err
		}
	}
	return nil
}

// DependencyEdges returns every dependency of a workspace: task → the
// tasks it depends on, and the same for tasks whose due date follows
// another task's, so cycles of either kind can be refused.
func (tx *Tx) DependencyEdges(ctx context.Context, wsID string) (deps, follows map[string][]string, err error) {
	deps, follows = map[string][]string{}, map[string][]string{}
	err = tx.each(ctx, `SELECT d.task_id, d.depends_on_id FROM task_deps d JOIN tasks t ON t.id = d.task_id WHERE t.workspace_id = $1`, []any{wsID},
		func(scan func(...any) error) error {
			var a, b string
			if err := scan(&a, &b); err != nil {
				return err
			}
			deps[a] = append(deps[a], b)
			return nil
		})
	if err != nil {
		return nil, nil, err
	}
	err = tx.each(ctx, `SELECT id, due_task_id FROM tasks WHERE workspace_id = $1 AND due_task_id IS NOT NULL`, []any{wsID},
		func(scan func(...any) error) error {
			var a, b string
			if err := scan(&a, &b); err != nil {
				return err
			}
			follows[a] = append(follows[a], b)
			return nil
		})
	return deps, follows, err
}

const taskCols = `t.id, t.workspace_id, t.task_list_id, l.title, t.number, t.title, %s, COALESCE(r.key, ''), COALESCE(t.dri_member_id, ''),
	t.due_on, t.due_anchor, t.due_days, COALESCE(t.due_task_id, ''), COALESCE(dt.number, 0), t.status, t.blocked_reason, t.visibility,
	t.position, t.version, t.created_at, t.updated_at, t.completed_at, t.archived_at IS NOT NULL,
	(SELECT count(*) FROM checklist_items c WHERE c.task_id = t.id), (SELECT count(*) FROM checklist_items c WHERE c.task_id = t.id AND c.done_at IS NOT NULL),
	(SELECT count(*) FROM task_deps d JOIN tasks x ON x.id = d.depends_on_id WHERE d.task_id = t.id AND x.status <> 'done')`

const taskFrom = ` FROM tasks t JOIN task_lists l ON l.id = t.task_list_id LEFT JOIN roles r ON r.id = t.dri_role_id
	LEFT JOIN tasks dt ON dt.id = t.due_task_id `

func scanTask(scan func(...any) error) (duet.Task, error) {
	var t duet.Task
	var due, created, updated string
	var completed sql.NullString
	err := scan(&t.ID, &t.WorkspaceID, &t.ListID, &t.ListTitle, &t.Number, &t.Title, &t.Notes, &t.DRI.RoleKey, &t.DRI.MemberID,
		&due, &t.Due.Anchor, &t.Due.Days, &t.Due.TaskID, &t.Due.TaskNumber, &t.Status, &t.BlockedReason, &t.Visibility,
		&t.Position, &t.Version, &created, &updated, &completed, &t.Archived, &t.ChecklistTotal, &t.ChecklistChecked, &t.WaitingOn)
	if due != "" {
		t.DueOn = parseDate(due)
	}
	t.Created, t.Updated, t.Completed = parseTS(created), parseTS(updated), parseNullTS(completed)
	return t, err
}

// Tasks lists the tasks side may see that match f, in list and position
// order, without their notes. With f.DRI, the caller keeps the tasks whose
// resolved DRI is that member.
func (tx *Tx) Tasks(ctx context.Context, wsID string, side duet.Side, f duet.TaskFilter) ([]duet.Task, error) {
	where := []string{`t.workspace_id = $1`, `t.visibility IN ('shared', $2)`}
	args := []any{wsID, side}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Archived {
		where = append(where, `t.archived_at IS NOT NULL`)
	} else {
		where = append(where, `t.archived_at IS NULL`)
	}
	if f.ListID != "" {
		add(`t.task_list_id = ?`, f.ListID)
	}
	if f.Status != "" {
		add(`t.status = ?`, f.Status)
	}
	if f.Open {
		where = append(where, `t.status <> 'done'`)
	}
	if f.DRI != "" {
		// The member chosen directly, or a role they hold; the caller
		// keeps the tasks whose role they are the first holder of.
		add(`(t.dri_member_id = ? OR t.dri_role_id IN (SELECT role_id FROM member_roles WHERE member_id = ?))`, f.DRI)
	}
	if !f.DueFrom.IsZero() {
		add(`t.due_on <> '' AND t.due_on >= ?`, f.DueFrom.String())
	}
	if !f.DueTo.IsZero() {
		add(`t.due_on <> '' AND t.due_on <= ?`, f.DueTo.String())
	}
	if !f.CompletedAfter.IsZero() {
		add(`t.completed_at > ?`, ts(f.CompletedAfter))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = duet.MaxTaskPage
	}
	args = append(args, limit)
	q := `SELECT ` + strings.Replace(taskCols, "%s", "''", 1) + taskFrom + ` WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY l.position, t.position, t.number LIMIT $` + strconv.Itoa(len(args))
	out := []duet.Task{}
	err := tx.each(ctx, q, args, func(scan func(...any) error) error {
		t, err := scanTask(scan)
		out = append(out, t)
		return err
	})
	return out, err
}

// Task returns one task with its notes, if side may see it.
func (tx *Tx) Task(ctx context.Context, wsID, id string, side duet.Side) (duet.Task, error) {
	t, err := scanTask(tx.row(ctx, `SELECT `+strings.Replace(taskCols, "%s", "t.notes", 1)+taskFrom+
		` WHERE t.workspace_id = $1 AND t.id = $2 AND t.visibility IN ('shared', $3)`, wsID, id, side).Scan)
	return t, notFound(err, "task")
}

// TaskByNumber returns the id and visibility of task T-n.
func (tx *Tx) TaskByNumber(ctx context.Context, wsID string, n int, side duet.Side) (duet.TaskRef, error) {
	var r duet.TaskRef
	err := tx.row(ctx, `SELECT id, number, title, status, visibility FROM tasks WHERE workspace_id = $1 AND number = $2 AND visibility IN ('shared', $3)`, wsID, n, side).
		Scan(&r.ID, &r.Number, &r.Title, &r.Status, &r.Visibility)
	return r, notFound(err, "task")
}

// TaskRefs returns the tasks a task depends on (deps) or that depend on
// it (dependents), as side sees them.
func (tx *Tx) TaskRefs(ctx context.Context, taskID string, side duet.Side, dependents bool) ([]duet.TaskRef, error) {
	q := `SELECT x.id, x.number, x.title, x.status, x.visibility FROM task_deps d JOIN tasks x ON x.id = d.depends_on_id WHERE d.task_id = $1 AND x.visibility IN ('shared', $2) ORDER BY x.number`
	if dependents {
		q = `SELECT x.id, x.number, x.title, x.status, x.visibility FROM task_deps d JOIN tasks x ON x.id = d.task_id WHERE d.depends_on_id = $1 AND x.visibility IN ('shared', $2) ORDER BY x.number`
	}
	out := []duet.TaskRef{}
	err := tx.each(ctx, q, []any{taskID, side}, func(scan func(...any) error) error {
		var r duet.TaskRef
		err := scan(&r.ID, &r.Number, &r.Title, &r.Status, &r.Visibility)
		out = append(out, r)
		return err
	})
	return out, err
}

// Collaborators returns a task's collaborators.
func (tx *Tx) Collaborators(ctx context.Context, taskID string) ([]duet.Author, error) {
	out := []duet.Author{}
	err := tx.each(ctx, `SELECT m.id, u.id, u.name, m.side FROM task_collaborators c JOIN members m ON m.id = c.member_id JOIN users u ON u.id = m.user_id
		WHERE c.task_id = $1 ORDER BY u.name`, []any{taskID}, func(scan func(...any) error) error {
		var a duet.Author
		err := scan(&a.MemberID, &a.UserID, &a.Name, &a.Side)
		out = append(out, a)
		return err
	})
	return out, err
}

// Checklist returns a task's checklist in order.
func (tx *Tx) Checklist(ctx context.Context, taskID string) ([]duet.ChecklistItem, error) {
	out := []duet.ChecklistItem{}
	err := tx.each(ctx, `SELECT c.id, c.text, c.done_at, COALESCE(m.id, ''), COALESCE(u.id, ''), COALESCE(u.name, ''), COALESCE(m.side, '') FROM checklist_items c
		LEFT JOIN members m ON m.id = c.done_by LEFT JOIN users u ON u.id = m.user_id WHERE c.task_id = $1 ORDER BY c.position`, []any{taskID},
		func(scan func(...any) error) error {
			var c duet.ChecklistItem
			var at sql.NullString
			var by duet.Author
			if err := scan(&c.ID, &c.Text, &at, &by.MemberID, &by.UserID, &by.Name, &by.Side); err != nil {
				return err
			}
			if c.DoneAt = parseNullTS(at); c.DoneAt != nil {
				c.Done, c.DoneBy = true, &by
			}
			out = append(out, c)
			return nil
		})
	return out, err
}

// AddChecklistItem appends an item; EInvalid past the limit.
func (tx *Tx) AddChecklistItem(ctx context.Context, taskID, id, text string) error {
	var n int
	if err := tx.row(ctx, `SELECT count(*) FROM checklist_items WHERE task_id = $1`, taskID).Scan(&n); err != nil {
		return mapErr(err)
	}
	if n >= duet.MaxChecklist {
		return duet.Invalid("text", "a checklist holds at most %d items", duet.MaxChecklist)
	}
	_, err := tx.exec(ctx, `INSERT INTO checklist_items (id, task_id, position, text) VALUES ($1, $2, $3, $4)`, id, taskID, n, text)
	return err
}

// CheckItem sets an item done (by a member) or not done. It returns the
// item's text, ENotFound for an item of another task.
func (tx *Tx) CheckItem(ctx context.Context, taskID, itemID, memberID string, done bool, now time.Time) (string, error) {
	var by, at any
	if done {
		by, at = memberID, ts(now)
	}
	var text string
	err := tx.row(ctx, `UPDATE checklist_items SET done_by = $3, done_at = $4 WHERE task_id = $1 AND id = $2 RETURNING text`, taskID, itemID, by, at).Scan(&text)
	return text, notFound(err, "checklist item")
}

// InsertTaskComment writes a comment.
func (tx *Tx) InsertTaskComment(ctx context.Context, wsID string, c *duet.TaskComment) error {
	_, err := tx.exec(ctx, `INSERT INTO task_comments (id, workspace_id, task_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		c.ID, wsID, c.TaskID, c.Author.MemberID, c.Body, ts(c.Created))
	return err
}

// TaskComments returns a task's comments, oldest first.
func (tx *Tx) TaskComments(ctx context.Context, taskID string) ([]duet.TaskComment, error) {
	out := []duet.TaskComment{}
	err := tx.each(ctx, `SELECT c.id, c.task_id, m.id, u.id, u.name, m.side, c.body, c.created_at FROM task_comments c
		JOIN members m ON m.id = c.author_id JOIN users u ON u.id = m.user_id WHERE c.task_id = $1 ORDER BY c.created_at, c.id`, []any{taskID},
		func(scan func(...any) error) error {
			var c duet.TaskComment
			var created string
			if err := scan(&c.ID, &c.TaskID, &c.Author.MemberID, &c.Author.UserID, &c.Author.Name, &c.Author.Side, &c.Body, &created); err != nil {
				return err
			}
			c.Created = parseTS(created)
			out = append(out, c)
			return nil
		})
	return out, err
}

// AddHistory records one change of an item.
func (tx *Tx) AddHistory(ctx context.Context, wsID string, c duet.Change) error {
	var actor any
	if c.Actor.MemberID != "" {
		actor = c.Actor.MemberID
	}
	_, err := tx.exec(ctx, `INSERT INTO history (workspace_id, subject_id, actor_id, created_at, summary) VALUES ($1, $2, $3, $4, $5)`,
		wsID, c.Subject, actor, ts(c.At), c.Summary)
	return err
}

// History returns an item's changes, newest first, at most limit.
func (tx *Tx) History(ctx context.Context, wsID, subjectID string, limit int) ([]duet.Change, error) {
	out := []duet.Change{}
	err := tx.each(ctx, `SELECT h.id, h.subject_id, COALESCE(m.id, ''), COALESCE(u.id, ''), COALESCE(u.name, ''), COALESCE(m.side, ''), h.created_at, h.summary
		FROM history h LEFT JOIN members m ON m.id = h.actor_id LEFT JOIN users u ON u.id = m.user_id
		WHERE h.workspace_id = $1 AND h.subject_id = $2 ORDER BY h.id DESC LIMIT $3`, []any{wsID, subjectID, limit},
		func(scan func(...any) error) error {
			var c duet.Change
			var at string
			var id int64
			if err := scan(&id, &c.Subject, &c.Actor.MemberID, &c.Actor.UserID, &c.Actor.Name, &c.Actor.Side, &at, &c.Summary); err != nil {
				return err
			}
			c.ID, c.At = strconv.FormatInt(id, 10), parseTS(at)
			out = append(out, c)
			return nil
		})
	return out, err
}

// ListCounts counts each list's live tasks by list id: those side may
// see, or both sides' when side is "" (what gates read). Overdue tasks
// are open and due before today.
func (tx *Tx) ListCounts(ctx context.Context, wsID string, side duet.Side, today duet.Date) (map[string]duet.ListCount, error) {
	out := map[string]duet.ListCount{}
	err := tx.each(ctx, `SELECT l.id, l.key, l.title, count(t.id), COALESCE(sum(CASE WHEN t.status = 'done' THEN 1 ELSE 0 END), 0),
			COALESCE(sum(CASE WHEN t.status = 'blocked' THEN 1 ELSE 0 END), 0),
			COALESCE(sum(CASE WHEN t.status <> 'done' AND t.due_on <> '' AND t.due_on < $3 THEN 1 ELSE 0 END), 0)
		FROM task_lists l LEFT JOIN tasks t ON t.task_list_id = l.id AND t.archived_at IS NULL AND ($2 = '' OR t.visibility IN ('shared', $2))
		WHERE l.workspace_id = $1 GROUP BY l.id, l.key, l.title`, []any{wsID, side, today.String()},
		func(scan func(...any) error) error {
			var id string
			var c duet.ListCount
			if err := scan(&id, &c.Key, &c.Title, &c.Total, &c.Done, &c.Blocked, &c.Overdue); err != nil {
				return err
			}
			out[id] = c
			return nil
		})
	return out, err
}

// LastTaskChanges returns, per task list, when its latest task changed
// after it was created.
func (tx *Tx) LastTaskChanges(ctx context.Context, wsID string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	err := tx.each(ctx, `SELECT task_list_id, max(updated_at) FROM tasks WHERE workspace_id = $1 AND updated_at > created_at GROUP BY task_list_id`, []any{wsID},
		func(scan func(...any) error) error {
			var id, at string
			if err := scan(&id, &at); err != nil {
				return err
			}
			out[id] = parseTS(at)
			return nil
		})
	return out, err
}

// Dated returns every task and milestone with a due date, for
// rescheduling.
func (tx *Tx) Dated(ctx context.Context, wsID string) ([]duet.Dated, error) {
	var out []duet.Dated
	err := tx.each(ctx, `SELECT 'milestone', id, title, due_on, due_anchor, due_days, '', 0, 'shared' FROM milestones WHERE workspace_id = $1
		UNION ALL SELECT 'task', t.id, 'T-' || t.number || ' ' || t.title, t.due_on, t.due_anchor, t.due_days, COALESCE(t.due_task_id, ''), COALESCE(f.number, 0), t.visibility
		FROM tasks t LEFT JOIN tasks f ON f.id = t.due_task_id WHERE t.workspace_id = $1 AND t.archived_at IS NULL`,
		[]any{wsID}, func(scan func(...any) error) error {
			var d duet.Dated
			var due string
			if err := scan(&d.Kind, &d.ID, &d.Title, &due, &d.Due.Anchor, &d.Due.Days, &d.Due.TaskID, &d.Due.TaskNumber, &d.Visibility); err != nil {
				return err
			}
			if due != "" {
				d.DueOn = parseDate(due)
			}
			out = append(out, d)
			return nil
		})
	return out, err
}

// SetCampaignDates moves the workspace's kickoff and launch.
func (tx *Tx) SetCampaignDates(ctx context.Context, wsID string, kickoff, launch duet.Date) error {
	_, err := tx.exec(ctx, `UPDATE workspaces SET kickoff_on = $2, launch_on = $3, dates_version = dates_version + 1 WHERE id = $1`, wsID, kickoff.String(), launch.String())
	return err
}

// TaskRefsByNumber returns the tasks numbered T-n among numbers that side
// may see.
func (tx *Tx) TaskRefsByNumber(ctx context.Context, wsID string, side duet.Side, numbers []int) (map[int]duet.TaskRef, error) {
	out := map[int]duet.TaskRef{}
	if len(numbers) == 0 {
		return out, nil
	}
	args := []any{wsID, side}
	for _, n := range numbers {
		args = append(args, n)
	}
	err := tx.each(ctx, `SELECT id, number, title, status, visibility FROM tasks WHERE workspace_id = $1 AND visibility IN ('shared', $2) AND number IN (`+placeholders(3, len(numbers))+`)`, args,
		func(scan func(...any) error) error {
			var r duet.TaskRef
			if err := scan(&r.ID, &r.Number, &r.Title, &r.Status, &r.Visibility); err != nil {
				return err
			}
			out[r.Number] = r
			return nil
		})
	return out, err
}
