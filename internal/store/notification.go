package store

import (
	"context"
	"database/sql"
	"time"

	"duet/internal/duet"
)

// InsertNotification writes one notification.
func (tx *Tx) InsertNotification(ctx context.Context, n *duet.Notification) error {
	var actor any
	if n.Actor.MemberID != "" {
		actor = n.Actor.MemberID
	}
	_, err := tx.exec(ctx, `INSERT INTO notifications (id, user_id, workspace_id, kind, subject_id, scope_id, actor_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		n.ID, n.UserID, n.WorkspaceID, n.Kind, n.SubjectID, n.ScopeID, actor, ts(n.Created))
	return err
}

// Notifications returns a user's newest notifications across workspaces
// they are still a member of, with a short excerpt of the subject.
func (tx *Tx) Notifications(ctx context.Context, userID string, limit int) ([]duet.Notification, error) {
	var out []duet.Notification
	err := tx.each(ctx, `SELECT n.id, n.workspace_id, w.name, n.kind, n.subject_id, n.scope_id, COALESCE(n.actor_id, ''), COALESCE(u.name, ''), n.created_at, n.read_at,
			COALESCE(msg.body, dec.title, tk.title, ci.title, 'A-' || ast.number || ' ' || ast.title, 'L-' || ld.number || ' ' || ld.email, ''), COALESCE(msg.parent_id, ''), COALESCE(dec.number, 0), COALESCE(tk.number, 0)
		FROM notifications n JOIN workspaces w ON w.id = n.workspace_id
		JOIN members me ON me.workspace_id = n.workspace_id AND me.user_id = n.user_id
		LEFT JOIN members a ON a.id = n.actor_id LEFT JOIN users u ON u.id = a.user_id
		LEFT JOIN messages msg ON msg.id = n.subject_id AND msg.deleted_at IS NULL
		LEFT JOIN decisions dec ON dec.id = n.subject_id
		LEFT JOIN tasks tk ON tk.id = n.subject_id
		LEFT JOIN occurrences occ ON occ.id = n.subject_id LEFT JOIN check_ins ci ON ci.id = occ.check_in_id
		LEFT JOIN assets ast ON ast.id = n.subject_id
		LEFT JOIN leads ld ON ld.id = n.subject_id
		WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id LIMIT $2`, []any{userID, limit},
		func(scan func(...any) error) error {
			var n duet.Notification
			var created string
			var read sql.NullString
			if err := scan(&n.ID, &n.WorkspaceID, &n.WorkspaceName, &n.Kind, &n.SubjectID, &n.ScopeID, &n.Actor.MemberID, &n.Actor.Name, &created, &read,
				&n.Excerpt, &n.ThreadID, &n.DecisionNumber, &n.TaskNumber); err != nil {
				return err
			}
			n.UserID = userID
			n.Created, n.Read = parseTS(created), parseNullTS(read)
			out = append(out, n)
			return nil
		})
	return out, err
}

// UnreadNotifications counts a user's unread notifications.
func (tx *Tx) UnreadNotifications(ctx context.Context, userID string) (int, error) {
	var n int
	err := tx.row(ctx, `SELECT COUNT(*) FROM notifications n JOIN members me ON me.workspace_id = n.workspace_id AND me.user_id = n.user_id
		WHERE n.user_id = $1 AND n.read_at IS NULL`, userID).Scan(&n)
	return n, err
}

// MarkNotificationsRead marks the user's notifications read: the given
// ones, or all when ids is empty.
func (tx *Tx) MarkNotificationsRead(ctx context.Context, userID string, ids []string, at time.Time) error {
	if len(ids) == 0 {
		_, err := tx.exec(ctx, `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL`, ts(at), userID)
		return err
	}
	for _, id := range ids {
		if _, err := tx.exec(ctx, `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id = $3 AND read_at IS NULL`, ts(at), userID, id); err != nil {
			return err
		}
	}
	return nil
}
