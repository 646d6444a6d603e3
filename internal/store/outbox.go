package store

import (
	"context"
	"time"
)

// OutboxItem is one piece of work to deliver outside the database: a
// mail now, calls to other services later. It is written in the
// transaction that made it necessary, so it exists exactly when that
// change does.
type OutboxItem struct {
	ID          string
	WorkspaceID string
	Kind        string
	Payload     string // JSON, by kind
	Attempts    int
	Created     time.Time
	NextAt      time.Time
	LastError   string
}

// InsertOutbox queues an item, due at once.
func (tx *Tx) InsertOutbox(ctx context.Context, it OutboxItem) error {
	var ws any
	if it.WorkspaceID != "" {
		ws = it.WorkspaceID
	}
	_, err := tx.exec(ctx, `INSERT INTO outbox (id, workspace_id, kind, payload, created_at, next_at) VALUES ($1, $2, $3, $4, $5, $5)`,
		it.ID, ws, it.Kind, it.Payload, ts(it.Created))
	return err
}

// ClaimOutbox leases up to limit due items to node until now+lease and
// counts the attempt. A lease that runs out (its node died) makes the
// item due again; on PostgreSQL, SKIP LOCKED lets nodes claim side by
// side without waiting on each other.
func (tx *Tx) ClaimOutbox(ctx context.Context, node string, now time.Time, lease time.Duration, limit int) ([]OutboxItem, error) {
	lock := ""
	if tx.engine == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	var out []OutboxItem
	err := tx.each(ctx, `UPDATE outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1
		WHERE id IN (SELECT id FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL AND next_at <= $3
			AND (claimed_until IS NULL OR claimed_until <= $3) ORDER BY next_at, id LIMIT $4`+lock+`)
		RETURNING id, COALESCE(workspace_id, ''), kind, payload, attempts, created_at, next_at, last_error`,
		[]any{node, ts(now.Add(lease)), ts(now), limit},
		func(scan func(...any) error) error {
			var it OutboxItem
			var created, next string
			if err := scan(&it.ID, &it.WorkspaceID, &it.Kind, &it.Payload, &it.Attempts, &created, &next, &it.LastError); err != nil {
				return err
			}
			it.Created, it.NextAt = parseTS(created), parseTS(next)
			out = append(out, it)
			return nil
		})
	return out, err
}

// OutboxDelivered marks an item delivered, if node still holds it.
func (tx *Tx) OutboxDelivered(ctx context.Context, id, node string, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE outbox SET delivered_at = $3, claimed_until = NULL, last_error = '' WHERE id = $1 AND claimed_by = $2`, id, node, ts(at))
	return err
}

// OutboxFailed records a failed delivery: retried at next, or given up
// (dead) when dead is true.
func (tx *Tx) OutboxFailed(ctx context.Context, id, node, msg string, next time.Time, dead bool) error {
	var deadAt any
	if dead {
		deadAt = ts(next)
	}
	_, err := tx.exec(ctx, `UPDATE outbox SET last_error = $3, next_at = $4, dead_at = $5, claimed_until = NULL WHERE id = $1 AND claimed_by = $2`,
		id, node, msg, ts(next), deadAt)
	return err
}

// OutboxCounts counts undelivered items: waiting (pending or retrying)
// and dead.
func (tx *Tx) OutboxCounts(ctx context.Context) (waiting, dead int, err error) {
	err = tx.row(ctx, `SELECT COUNT(*) FILTER (WHERE dead_at IS NULL), COUNT(*) FILTER (WHERE dead_at IS NOT NULL) FROM outbox WHERE delivered_at IS NULL`).Scan(&waiting, &dead)
	return waiting, dead, err
}
