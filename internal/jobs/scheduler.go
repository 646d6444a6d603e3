// Package jobs runs Duet's background work inside `duet serve`: periodic
// tasks (materializing check-in occurrences, sending reminders) and the
// outbox worker that delivers what transactions queued. Every task is
// safe to run on several nodes at once: the work it does is claimed in
// the database, never decided by which node happens to run it.
package jobs

import (
	"context"
	"log/slog"
	"time"
)

// Task is one periodic job. It does what is due at now and returns when
// it next has something to do (zero: nothing known; the scheduler checks
// again after its longest wait).
type Task struct {
	Name string
	Run  func(ctx context.Context, now time.Time) (next time.Time, err error)
}

// Scheduler runs tasks when they are due.
type Scheduler struct {
	Tasks []Task
	// MaxWait bounds how long the scheduler sleeps: work another node
	// scheduled, or a change made through the API, is picked up within
	// it. One minute when zero.
	MaxWait time.Duration
	// RetryWait is how long a failing task waits before it runs again.
	// Ten seconds when zero.
	RetryWait time.Duration
	Now       func() time.Time // time.Now when nil
	Log       *slog.Logger     // slog.Default when nil
	// Wake, when set, makes the scheduler run every task at once: a
	// change that creates due work sends on it (without blocking).
	Wake <-chan struct{}
}

// Run runs the tasks until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	now, log := s.Now, s.Log
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	maxWait, retry := s.MaxWait, s.RetryWait
	if maxWait <= 0 {
		maxWait = time.Minute
	}
	if retry <= 0 {
		retry = 10 * time.Second
	}
	due := make([]time.Time, len(s.Tasks)) // zero: run now
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.Wake:
			clear(due)
		case <-timer.C:
		}
		t := now()
		wake := t.Add(maxWait)
		for i, task := range s.Tasks {
			if due[i].After(t) {
				wake = earliest(wake, due[i])
				continue
			}
			next, err := task.Run(ctx, t)
			switch {
			case ctx.Err() != nil:
				return
			case err != nil:
				log.Error("background task failed", "task", task.Name, "err", err)
				next = t.Add(retry)
			case next.IsZero() || next.After(t.Add(maxWait)):
				next = t.Add(maxWait)
			}
			due[i] = next
			wake = earliest(wake, next)
		}
		timer.Reset(max(wake.Sub(now()), 0))
	}
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
