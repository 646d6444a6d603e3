package core

import (
	"context"
	"time"

	"duet/internal/duet"
)

// WorkItem is one thing on a person's plate: a task they are DRI of, a
// milestone criterion they own, or a decision waiting for their sign-off.
type WorkItem struct {
	Kind          string // "task", "criterion" or "decision"
	WorkspaceID   string
	WorkspaceName string
	ID            string // the task, milestone or decision
	Ref           string // "T-12", "D-3", or the milestone's title
	Title         string
	Status        string
	DueOn         duet.Date // zero when there is none
	Overdue       bool
	Why           string // "DRI", "DRI as Content Lead", "Signer as Legal Reviewer"
	BlockedReason string
}

// MyWork is everything where the actor is DRI or a required signer,
// across their workspaces, grouped by when it is due.
type MyWork struct {
	Overdue  []WorkItem
	ThisWeek []WorkItem // due today through the end of the week (Sunday)
	Later    []WorkItem // due later, or without a due date
	Today    duet.Date
}

// MyWork gathers the actor's work; today is judged in each workspace's
// time zone.
func (s *Service) MyWork(ctx context.Context, a *duet.Actor) (MyWork, error) {
	_ = time.Now
	panic("todo")
}
