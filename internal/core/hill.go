package core

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"duet/internal/duet"
	"duet/internal/store"
)

// HillChart returns the workspace's hill chart with stale dots marked.
func (s *Service) HillChart(ctx context.Context, a *duet.Actor, wsID string) (duet.HillChart, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.HillChart{}, err
	}
	if len(d.HillCharts) == 0 {
		return duet.HillChart{}, duet.NotFound("hill chart")
	}
	h := d.HillCharts[0]
	h.Scopes = slices.Clone(h.Scopes)
	err = s.db.View(ctx, func(tx *store.Tx) error {
		changed, err := tx.LastTaskChanges(ctx, wsID)
		h.MarkStale(s.Now(), changed)
		return err
	})
	return h, err
}

// chartOf returns a hill chart of the workspace.
func chartOf(d *duet.WorkspaceDetail, id string) (duet.HillChart, error) {
	for _, h := range d.HillCharts {
		if h.ID == id {
			return h, nil
		}
	}
	return duet.HillChart{}, duet.NotFound("hill chart")
}

// maxSnapshots bounds one page of hill chart history.
const maxSnapshots = 500

// HillSnapshots returns the chart's snapshots, newest first, at most limit.
func (s *Service) HillSnapshots(ctx context.Context, a *duet.Actor, wsID, chartID string, limit int) ([]duet.HillSnapshot, error) {
	if limit < 1 || limit > maxSnapshots {
		return nil, duet.Invalid("limit", "must be between 1 and %d", maxSnapshots)
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	if _, err := chartOf(d, chartID); err != nil {
		return nil, err
	}
	var out []duet.HillSnapshot
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.HillSnapshots(ctx, chartID, limit)
		return err
	})
	return out, err
}

// MoveHill moves the named dots and records a snapshot with the note.
// Both sides move the chart.
func (s *Service) MoveHill(ctx context.Context, a *duet.Actor, wsID, chartID string, in duet.HillUpdate) (duet.HillSnapshot, error) {
	if err := in.Validate(); err != nil {
		return duet.HillSnapshot{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.HillSnapshot{}, err
	}
	if _, err := chartOf(d, chartID); err != nil {
		return duet.HillSnapshot{}, err
	}
	snap := duet.HillSnapshot{ID: store.NewID(), ChartID: chartID, At: s.Now(), Note: in.Note, Positions: map[string]int{}, Moves: []duet.HillMove{}}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if err := tx.LockHillChart(ctx, wsID, chartID); err != nil {
			return err
		}
		// Read the dots inside the lock: a move made meanwhile by someone
		// else is kept, and this snapshot shows it.
		charts, err := tx.HillCharts(ctx, wsID)
		if err != nil {
			return err
		}
		var h duet.HillChart
		for _, c := range charts {
			if c.ID == chartID {
				h = c
			}
		}
		known := map[string]bool{}
		for _, sc := range h.Scopes {
			known[sc.ID] = true
		}
		for id := range in.Positions {
			if !known[id] {
				return duet.Invalid("positions", "%q is not a dot of this hill chart", id)
			}
		}
		var words []string
		for _, sc := range h.Scopes {
			pos, moving := in.Positions[sc.ID]
			if moving && pos != sc.Position {
				if err := tx.MoveHillScope(ctx, sc.ID, pos, snap.At); err != nil {
					return err
				}
				snap.Moves = append(snap.Moves, duet.HillMove{ScopeID: sc.ID, Title: sc.Title, From: sc.Position, To: pos})
				words = append(words, fmt.Sprintf("%s %d → %d", sc.Title, sc.Position, pos))
				sc.Position = pos
			}
			snap.Positions[sc.ID] = sc.Position
		}
		if len(snap.Moves) == 0 && snap.Note == "" {
			return duet.Invalid("positions", "no dot moved; move a dot or add a note")
		}
		snap.Actor = duet.Author{MemberID: m.ID, UserID: m.UserID, Name: m.Name, Side: m.Side}
		if err := tx.InsertHillSnapshot(ctx, snap); err != nil {
			return err
		}
		summary := "added a note"
		if len(words) > 0 {
			summary = "moved " + strings.Join(words, ", ")
		}
		if err := s.history(ctx, tx, wsID, chartID, m, summary); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(a, wsID, "hill.moved", chartID))
	})
	return snap, err
}

// AddHillScope adds a dot, at the bottom left of the hill.
func (s *Service) AddHillScope(ctx context.Context, a *duet.Actor, wsID, chartID string, in duet.HillScopeCreate) (duet.HillChart, error) {
	if err := in.Validate(); err != nil {
		return duet.HillChart{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.HillChart{}, err
	}
	if _, err := chartOf(d, chartID); err != nil {
		return duet.HillChart{}, err
	}
	if in.TaskListID != "" {
		if _, err := listOf(d, in.TaskListID); err != nil {
			return duet.HillChart{}, duet.Invalid("task_list", "no such task list")
		}
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if err := tx.InsertHillScope(ctx, chartID, duet.HillScope{ID: store.NewID(), Title: in.Title, TaskListID: in.TaskListID}); err != nil {
			return err
		}
		if err := s.history(ctx, tx, wsID, chartID, m, "added the dot "+quote(in.Title)); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(a, wsID, "hill.scoped", chartID))
	})
	if err != nil {
		return duet.HillChart{}, err
	}
	return s.HillChart(ctx, a, wsID)
}
