package store

import (
	"context"

	"duet/internal/duet"
)

// notifyChannel is the PostgreSQL channel that carries event ids between
// nodes.
const notifyChannel = "duet_events"

// AppendEvent records a change to a workspace's structure (its channels,
// members, roles…) and bumps the workspace's version, so every cached
// read of the structure is refreshed. Every change appends an event: that
// is what keeps caches true and live pages current.
func (tx *Tx) AppendEvent(ctx context.Context, e *duet.Event) error {
	return tx.appendEvent(ctx, e, `UPDATE workspaces SET version = version + 1 WHERE id = $1`)
}

// AppendActivity records a change to a workspace's conversation (messages,
// reactions, decisions), which leaves its structure and cached reads alone.
func (tx *Tx) AppendActivity(ctx context.Context, e *duet.Event) error {
	return tx.appendEvent(ctx, e, `UPDATE workspaces SET activity = activity + 1 WHERE id = $1`)
}

// appendEvent first updates the workspace row, which holds its lock until
// commit: the event's id is then taken in commit order among the
// workspace's events, so a stream resuming after id N misses nothing. On
// PostgreSQL the NOTIFY is part of the transaction and is delivered, to
// every node, only if it commits.
func (tx *Tx) appendEvent(ctx context.Context, e *duet.Event, bump string) error {
	var ws any
	if e.WorkspaceID != "" {
		ws = e.WorkspaceID
		if _, err := tx.exec(ctx, bump, ws); err != nil {
			return err
		}
	}
	if e.Visibility == "" {
		e.Visibility = duet.VisShared
	}
	if err := tx.row(ctx, `INSERT INTO events (workspace_id, actor_id, type, subject_id, scope_id, visibility, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		ws, e.ActorID, e.Type, e.Subject, e.Scope, e.Visibility, ts(e.Created)).Scan(&e.ID); err != nil {
		return err
	}
	if ws == nil {
		return nil
	}
	if tx.engine == Postgres {
		_, err := tx.exec(ctx, `SELECT pg_notify($1, $2)`, notifyChannel, e.Payload())
		return err
	}
	tx.published = append(tx.published, *e)
	return nil
}

// NextSeq takes the next number of the workspace's activity sequence,
// locking the workspace row until commit: messages are ordered by it, and
// concurrent writers to one workspace take turns.
func (tx *Tx) NextSeq(ctx context.Context, wsID string) (int64, error) {
	var n int64
	err := tx.row(ctx, `UPDATE workspaces SET activity = activity + 1 WHERE id = $1 RETURNING activity`, wsID).Scan(&n)
	return n, notFound(err, "workspace")
}

// EventsAfter returns a workspace's events after id that side may see, in
// order, at most limit.
func (tx *Tx) EventsAfter(ctx context.Context, wsID string, side duet.Side, after int64, limit int) ([]duet.Event, error) {
	var out []duet.Event
	err := tx.each(ctx, `SELECT id, actor_id, type, subject_id, scope_id, visibility, created_at FROM events
		WHERE workspace_id = $1 AND visibility IN ('shared', $2) AND id > $3 ORDER BY id LIMIT $4`, []any{wsID, side, after, limit},
		func(scan func(...any) error) error {
			e := duet.Event{WorkspaceID: wsID}
			var actor *string
			var created string
			if err := scan(&e.ID, &actor, &e.Type, &e.Subject, &e.Scope, &e.Visibility, &created); err != nil {
				return err
			}
			if actor != nil {
				e.ActorID = *actor
			}
			e.Created = parseTS(created)
			out = append(out, e)
			return nil
		})
	return out, err
}

// LastEventID returns the id of the workspace's latest event, 0 if none.
func (tx *Tx) LastEventID(ctx context.Context, wsID string) (int64, error) {
	var id int64
	err := tx.row(ctx, `SELECT COALESCE(MAX(id), 0) FROM events WHERE workspace_id = $1`, wsID).Scan(&id)
	return id, err
}
