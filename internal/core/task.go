package core

import (
	"context"

	"duet/internal/duet"
)

// TaskListInfo is a task list with its live tasks counted as the actor
// sees them.
type TaskListInfo struct {
	duet.TaskList
	Total   int
	Done    int
	Blocked int
	Overdue int
}

// TaskDetail is one task with everything its page shows.
type TaskDetail struct {
	Task     duet.Task
	Comments []duet.TaskComment
	History  []duet.Change
	// Dependents are the tasks waiting on this one (that the actor sees).
	Dependents []duet.TaskRef
	// CanEdit reports whether the actor may change the task (guests
	// comment only).
	CanEdit bool
}

// TaskLists returns the workspace's task lists in order, with counts of
// the tasks the actor sees. Archived lists come last, flagged.
func (s *Service) TaskLists(ctx context.Context, a *duet.Actor, wsID string) ([]TaskListInfo, error) {
	panic("todo")
}

// CreateTaskList adds a stage at the end.
func (s *Service) CreateTaskList(ctx context.Context, a *duet.Actor, wsID string, in duet.TaskListCreate) (duet.TaskList, error) {
	panic("todo")
}

// UpdateTaskList renames, re-describes, reassigns, moves (Position) or
// archives/restores a task list.
func (s *Service) UpdateTaskList(ctx context.Context, a *duet.Actor, wsID, listID string, in duet.TaskListUpdate) (duet.TaskList, error) {
	panic("todo")
}

// Tasks lists the tasks the actor sees, in list then position order, with
// DRIs resolved; notes are not rendered.
func (s *Service) Tasks(ctx context.Context, a *duet.Actor, wsID string, f duet.TaskFilter) ([]duet.Task, error) {
	panic("todo")
}

// Task returns one task with its notes rendered, dependencies, checklist,
// comments and history. ENotFound for a task of the other side.
func (s *Service) Task(ctx context.Context, a *duet.Actor, wsID, taskID string) (TaskDetail, error) {
	panic("todo")
}

// CreateTask adds a task to a list.
func (s *Service) CreateTask(ctx context.Context, a *duet.Actor, wsID string, in duet.TaskCreate) (duet.Task, error) {
	panic("todo")
}

// UpdateTask changes a task made from in.Version; EConflict when it has
// changed since, naming what changed.
func (s *Service) UpdateTask(ctx context.Context, a *duet.Actor, wsID, taskID string, in duet.TaskUpdate) (duet.Task, error) {
	panic("todo")
}

// AddChecklistItem appends an item to a task's checklist.
func (s *Service) AddChecklistItem(ctx context.Context, a *duet.Actor, wsID, taskID, text string) (duet.Task, error) {
	panic("todo")
}

// CheckItem checks or unchecks a checklist item.
func (s *Service) CheckItem(ctx context.Context, a *duet.Actor, wsID, taskID, itemID string, done bool) (duet.Task, error) {
	panic("todo")
}

// CommentOnTask adds a comment; mentions notify as in messages.
func (s *Service) CommentOnTask(ctx context.Context, a *duet.Actor, wsID, taskID, body string) (duet.TaskComment, error) {
	panic("todo")
}
