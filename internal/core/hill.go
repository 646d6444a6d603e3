package core

import (
	"context"

	"duet/internal/duet"
)

// HillChart returns the workspace's hill chart with stale dots marked.
func (s *Service) HillChart(ctx context.Context, a *duet.Actor, wsID string) (duet.HillChart, error) {
	panic("todo")
}

// HillSnapshots returns the chart's snapshots, newest first, at most limit.
func (s *Service) HillSnapshots(ctx context.Context, a *duet.Actor, wsID, chartID string, limit int) ([]duet.HillSnapshot, error) {
	panic("todo")
}

// MoveHill moves the named dots and records a snapshot with the note.
func (s *Service) MoveHill(ctx context.Context, a *duet.Actor, wsID, chartID string, in duet.HillUpdate) (duet.HillSnapshot, error) {
	panic("todo")
}

// AddHillScope adds a dot, at the bottom left of the hill.
func (s *Service) AddHillScope(ctx context.Context, a *duet.Actor, wsID, chartID string, in duet.HillScopeCreate) (duet.HillChart, error) {
	panic("todo")
}
