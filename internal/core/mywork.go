package core

import (
	"context"
	"fmt"
	"slices"

	"duet/internal/duet"
	"duet/internal/store"
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
// across their workspaces, grouped by when it is due. A sign-off someone
// waits for is due now: it is listed this week.
type MyWork struct {
	Overdue  []WorkItem
	ThisWeek []WorkItem // due today through Sunday, and sign-offs
	Later    []WorkItem // due later, or without a due date
}

// MyWork gathers the actor's work; today is judged in each workspace's
// time zone.
func (s *Service) MyWork(ctx context.Context, a *duet.Actor) (MyWork, error) {
	var w MyWork
	wss, err := s.Workspaces(ctx, a)
	if err != nil {
		return w, err
	}
	for _, ws := range wss {
		d, err := s.Workspace(ctx, a, ws.ID)
		if err != nil {
			return w, err
		}
		items, err := s.workIn(ctx, a, d)
		if err != nil {
			return w, err
		}
		today := s.today(d)
		weekEnd := today.AddDays((7 - int(today.Weekday())) % 7)
		for _, it := range items {
			it.WorkspaceID, it.WorkspaceName = d.ID, d.Name
			switch {
			case it.Overdue:
				w.Overdue = append(w.Overdue, it)
			case it.Kind == "decision" || (!it.DueOn.IsZero() && !it.DueOn.After(weekEnd.Time)):
				w.ThisWeek = append(w.ThisWeek, it)
			default:
				w.Later = append(w.Later, it)
			}
		}
	}
	for _, g := range [][]WorkItem{w.Overdue, w.ThisWeek, w.Later} {
		slices.SortStableFunc(g, func(x, y WorkItem) int {
			switch {
			case x.DueOn.IsZero() != y.DueOn.IsZero():
				if x.DueOn.IsZero() {
					return 1
				}
				return -1
			case !x.DueOn.Equal(y.DueOn.Time):
				return x.DueOn.Compare(y.DueOn.Time)
			}
			return 0
		})
	}
	return w, nil
}

// workIn lists the actor's work in one workspace.
func (s *Service) workIn(ctx context.Context, a *duet.Actor, d *duet.WorkspaceDetail) ([]WorkItem, error) {
	me, ok := memberOfUser(d, a)
	if !ok {
		return nil, nil
	}
	today := s.today(d)
	var out []WorkItem
	err := s.db.View(ctx, func(tx *store.Tx) error {
		tasks, err := tx.Tasks(ctx, d.ID, me.Side, duet.TaskFilter{DRI: me.ID, Open: true, Limit: duet.MaxTaskPage})
		if err != nil {
			return err
		}
		for i := range tasks {
			t := &tasks[i]
			d.ResolveDRI(&t.DRI)
			if t.DRI.Member == nil || t.DRI.Member.ID != me.ID {
				continue
			}
			out = append(out, WorkItem{Kind: "task", ID: t.ID, Ref: fmt.Sprintf("T-%d", t.Number), Title: t.Title, Status: t.Status,
				DueOn: t.DueOn, Overdue: t.Overdue(today), Why: driWhy(t.DRI), BlockedReason: t.BlockedReason})
		}
		// Judging gates takes queries: only when a criterion is this
		// member's to make true.
		var owned []duet.Milestone
		for _, m := range d.Milestones {
			if m.Completed == nil && slices.ContainsFunc(m.Criteria, func(c duet.Criterion) bool { return c.DRI.Member != nil && c.DRI.Member.ID == me.ID }) {
				owned = append(owned, m)
			}
		}
		ms, err := evaluate(ctx, tx, d, owned)
		if err != nil {
			return err
		}
		for _, m := range ms {
			for _, c := range m.Unmet() {
				if c.DRI.Member == nil || c.DRI.Member.ID != me.ID {
					continue
				}
				out = append(out, WorkItem{Kind: "criterion", ID: m.ID, Ref: m.Title, Title: c.Text, Status: m.Status,
					DueOn: m.DueOn, Overdue: m.DueOn.Before(today.Time), Why: driWhy(c.DRI)})
			}
		}
		decs, err := tx.Decisions(ctx, d.ID, duet.DecisionFilter{Status: duet.StatusProposed})
		if err != nil {
			return err
		}
		holders := duet.RoleHolders(d.Members)
		for _, dec := range decs {
			for _, so := range dec.Pending() {
				mine := slices.Contains(me.RoleKeys, so.RoleKey) ||
					(me.Permission == duet.PermAdmin && so.Side == me.Side && len(holders[so.RoleKey]) == 0)
				if mine {
					out = append(out, WorkItem{Kind: "decision", ID: dec.ID, Ref: fmt.Sprintf("D-%d", dec.Number), Title: dec.Title,
						Status: dec.Status, Why: "Signer as " + roleByKey(d.Roles, so.RoleKey).Name})
					break
				}
			}
		}
		return nil
	})
	return out, err
}

// driWhy says how the actor came to be DRI.
func driWhy(x duet.DRI) string {
	if x.RoleKey != "" && x.RoleName != "" {
		return "DRI as " + x.RoleName
	}
	return "DRI"
}
