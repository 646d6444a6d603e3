package store

import (
	"context"
	"database/sql"
	"time"

	"duet/internal/duet"
)

// HillCharts returns a workspace's hill charts with their scopes.
func (tx *Tx) HillCharts(ctx context.Context, wsID string) ([]duet.HillChart, error) {
	out := []duet.HillChart{}
	index := map[string]int{}
	err := tx.each(ctx, `SELECT id, title FROM hill_charts WHERE workspace_id = $1 ORDER BY id`, []any{wsID},
		func(scan func(...any) error) error {
			h := duet.HillChart{Scopes: []duet.HillScope{}}
			if err := scan(&h.ID, &h.Title); err != nil {
				return err
			}
			index[h.ID] = len(out)
			out = append(out, h)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = tx.each(ctx, `SELECT s.hill_chart_id, s.id, s.title, COALESCE(s.task_list_id, ''), s.hill_position, s.moved_at
		FROM hill_scopes s JOIN hill_charts h ON h.id = s.hill_chart_id WHERE h.workspace_id = $1 ORDER BY s.hill_chart_id, s.sort`, []any{wsID},
		func(scan func(...any) error) error {
			var chart string
			var s duet.HillScope
			var moved sql.NullString
			if err := scan(&chart, &s.ID, &s.Title, &s.TaskListID, &s.Position, &moved); err != nil {
				return err
			}
			s.Moved = parseNullTS(moved)
			h := &out[index[chart]]
			h.Scopes = append(h.Scopes, s)
			return nil
		})
	return out, err
}

// LockHillChart takes a chart's row lock (on PostgreSQL; SQLite writes
// one at a time), so two saves record their snapshots in order.
func (tx *Tx) LockHillChart(ctx context.Context, wsID, chartID string) error {
	_, err := tx.exec(ctx, `UPDATE hill_charts SET title = title WHERE workspace_id = $1 AND id = $2`, wsID, chartID)
	return err
}

// MoveHillScope sets a dot's position.
func (tx *Tx) MoveHillScope(ctx context.Context, scopeID string, pos int, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE hill_scopes SET hill_position = $2, moved_at = $3 WHERE id = $1`, scopeID, pos, ts(at))
	return err
}

// InsertHillScope adds a dot at the end of a chart.
func (tx *Tx) InsertHillScope(ctx context.Context, chartID string, s duet.HillScope) error {
	var list any
	if s.TaskListID != "" {
		list = s.TaskListID
	}
	_, err := tx.exec(ctx, `INSERT INTO hill_scopes (id, hill_chart_id, task_list_id, title, hill_position, sort)
		VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(max(sort) + 1, 0) FROM hill_scopes WHERE hill_chart_id = $2))`,
		s.ID, chartID, list, s.Title, s.Position)
	return err
}

// InsertHillSnapshot records a saved chart.
func (tx *Tx) InsertHillSnapshot(ctx context.Context, s duet.HillSnapshot) error {
	_, err := tx.exec(ctx, `INSERT INTO hill_snapshots (id, hill_chart_id, seq, actor_id, created_at, note, positions, moves)
		VALUES ($1, $2, (SELECT COALESCE(max(seq), 0) + 1 FROM hill_snapshots WHERE hill_chart_id = $2), $3, $4, $5, $6, $7)`,
		s.ID, s.ChartID, s.Actor.MemberID, ts(s.At), s.Note, jsonText(s.Positions), jsonText(s.Moves))
	return err
}

// HillSnapshots returns a chart's snapshots, newest first.
func (tx *Tx) HillSnapshots(ctx context.Context, chartID string, limit int) ([]duet.HillSnapshot, error) {
	out := []duet.HillSnapshot{}
	err := tx.each(ctx, `SELECT s.id, s.hill_chart_id, COALESCE(m.id, ''), COALESCE(u.id, ''), COALESCE(u.name, ''), COALESCE(m.side, ''), s.created_at, s.note, s.positions, s.moves
		FROM hill_snapshots s LEFT JOIN members m ON m.id = s.actor_id LEFT JOIN users u ON u.id = m.user_id
		WHERE s.hill_chart_id = $1 ORDER BY s.seq DESC LIMIT $2`, []any{chartID, limit},
		func(scan func(...any) error) error {
			var s duet.HillSnapshot
			var at, pos, moves string
			if err := scan(&s.ID, &s.ChartID, &s.Actor.MemberID, &s.Actor.UserID, &s.Actor.Name, &s.Actor.Side, &at, &s.Note, &pos, &moves); err != nil {
				return err
			}
			s.At = parseTS(at)
			if err := fromJSON(pos, &s.Positions, moves, &s.Moves); err != nil {
				return err
			}
			out = append(out, s)
			return nil
		})
	return out, err
}
