package core

import (
	"context"

	"duet/internal/duet"
)

// Milestones returns the workspace's milestones, each criterion decided
// and each status computed.
func (s *Service) Milestones(ctx context.Context, a *duet.Actor, wsID string) ([]duet.Milestone, error) {
	panic("todo")
}

// Milestone returns one milestone, evaluated, with its history.
func (s *Service) Milestone(ctx context.Context, a *duet.Actor, wsID, id string) (duet.Milestone, []duet.Change, error) {
	panic("todo")
}

// CompleteMilestone completes a milestone. With every criterion met it
// completes at once. With one unmet it needs an override: the reason is
// proposed as a decision (scope change or launch call) for both sides to
// sign, and the milestone completes when that decision is approved.
func (s *Service) CompleteMilestone(ctx context.Context, a *duet.Actor, wsID, id string, in duet.MilestoneCompletion) (duet.Milestone, error) {
	panic("todo")
}

// ReopenMilestone undoes a completion; workspace admins only.
func (s *Service) ReopenMilestone(ctx context.Context, a *duet.Actor, wsID, id string) (duet.Milestone, error) {
	panic("todo")
}

// CheckCriterion checks off (or un-checks) a manual criterion, or a
// computed one not yet live. Any member who may edit may, not only its DRI.
func (s *Service) CheckCriterion(ctx context.Context, a *duet.Actor, wsID, milestoneID, criterionID string, checked bool) (duet.Milestone, error) {
	panic("todo")
}

// AddCriterion adds a manual check with a DRI to a milestone.
func (s *Service) AddCriterion(ctx context.Context, a *duet.Actor, wsID, milestoneID string, in duet.CriterionCreate) (duet.Milestone, error) {
	panic("todo")
}

// UpdateMilestone changes a milestone's due date.
func (s *Service) UpdateMilestone(ctx context.Context, a *duet.Actor, wsID, id string, in duet.MilestoneUpdate) (duet.Milestone, error) {
	panic("todo")
}

// PreviewReschedule shows what moving the kickoff and launch would move,
// without changing anything.
func (s *Service) PreviewReschedule(ctx context.Context, a *duet.Actor, wsID string, in duet.Reschedule) ([]duet.DateMove, error) {
	panic("todo")
}

// Reschedule moves the kickoff and launch and every date set relative to
// them, in one transaction. in.FromKickoff and in.FromLaunch are the dates
// the preview was made from: EConflict when they have changed since.
func (s *Service) Reschedule(ctx context.Context, a *duet.Actor, wsID string, in duet.Reschedule) ([]duet.DateMove, error) {
	panic("todo")
}
