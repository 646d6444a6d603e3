package core

import (
	"context"
	"fmt"
	"slices"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
)

// agendaLimit bounds each list of an agenda: a meeting reads the first
// items, and the page links to the full lists.
const agendaLimit = 50

// agenda computes what a check-in's meeting goes through: progress since
// the previous meeting, what is in the way and what waits on someone; a
// launch-readiness check-in adds the gates and the next 14 days. Only
// what the viewer's side may see is included.
func (s *Service) agenda(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, c duet.CheckIn, since time.Time, answers map[string][]duet.Answer) (duet.Agenda, error) {
	g := duet.Agenda{Since: since}
	_, g.Readiness = c.GoNoGo()
	today := s.today(d)
	task := func(t duet.Task) duet.AgendaTask {
		d.ResolveDRI(&t.DRI)
		return duet.AgendaTask{ID: t.ID, Number: t.Number, Title: t.Title, DRI: t.DRI, DueOn: t.DueOn, BlockedReason: t.BlockedReason, Completed: t.Completed}
	}
	done, err := tx.Tasks(ctx, d.ID, d.Side, duet.TaskFilter{Status: duet.TaskDone, CompletedAfter: since, Limit: agendaLimit})
	if err != nil {
		return g, err
	}
	for _, t := range done {
		g.Done = append(g.Done, task(t))
	}
	blocked, err := tx.Tasks(ctx, d.ID, d.Side, duet.TaskFilter{Status: duet.TaskBlocked, Limit: agendaLimit})
	if err != nil {
		return g, err
	}
	for _, t := range blocked {
		g.Blocked = append(g.Blocked, task(t))
	}
	overdue, err := tx.Tasks(ctx, d.ID, d.Side, duet.TaskFilter{Open: true, DueTo: today.AddDays(-1), Limit: agendaLimit})
	if err != nil {
		return g, err
	}
	for _, t := range overdue {
		g.Overdue = append(g.Overdue, task(t))
	}
	for _, q := range c.Questions {
		if duet.IsBlockerQuestion(q) {
			g.BlockerAnswers = append(g.BlockerAnswers, answers[q.Key]...)
		}
	}
	if err := s.agendaDecisions(ctx, tx, d, since, &g); err != nil {
		return g, err
	}
	if err := s.agendaHill(ctx, tx, d, since, &g); err != nil {
		return g, err
	}
	ms, err := evaluate(ctx, tx, d, d.Milestones)
	if err != nil {
		return g, err
	}
	for _, m := range ms {
		if m.Status == duet.MilestoneComplete {
			continue
		}
		am := duet.AgendaMilestone{ID: m.ID, Title: m.Title, DueOn: m.DueOn, Status: m.Status, Total: len(m.Criteria)}
		for _, cr := range m.Criteria {
			if cr.Met {
				am.Met++
				continue
			}
			am.Unmet = append(am.Unmet, cr.Text)
			if name := cr.DRI.RoleName; name != "" && !slices.Contains(am.DRI, name) {
				am.DRI = append(am.DRI, name)
			}
		}
		if m.DueOn.Before(today.Time) {
			g.OverdueGates = append(g.OverdueGates, am)
		}
		if g.Readiness {
			g.Gates = append(g.Gates, am)
		}
	}
	if g.Readiness {
		// What falls due in the window and is not done yet.
		until := today.AddDays(duet.ReadinessWindow)
		for _, m := range ms {
			if m.Status != duet.MilestoneComplete && !m.DueOn.Before(today.Time) && !m.DueOn.After(until.Time) {
				g.Upcoming = append(g.Upcoming, duet.Dated{Kind: "milestone", ID: m.ID, Title: m.Title, DueOn: m.DueOn, Due: m.Due, Visibility: duet.VisShared})
			}
		}
		soon, err := tx.Tasks(ctx, d.ID, d.Side, duet.TaskFilter{Open: true, DueFrom: today, DueTo: until, Limit: agendaLimit})
		if err != nil {
			return g, err
		}
		for _, t := range soon {
			g.Upcoming = append(g.Upcoming, duet.Dated{Kind: "task", ID: t.ID, Title: fmt.Sprintf("T-%d %s", t.Number, t.Title), DueOn: t.DueOn, Due: t.Due, Visibility: t.Visibility})
		}
		entries, err := tx.Entries(ctx, d.ID, d.Side, duet.EntryFilter{})
		if err != nil {
			return g, err
		}
		end := time.Date(until.Year(), until.Month(), until.Day()+1, 0, 0, 0, 0, d.Loc)
		for _, e := range entries {
			if e.Open() && !e.PublishAt.Before(s.Now()) && e.PublishAt.Before(end) {
				g.Upcoming = append(g.Upcoming, duet.Dated{Kind: "entry", ID: e.ID, Title: "Publishes: " + e.Title, DueOn: duet.DayOf(e.PublishAt, d.Loc), Visibility: e.Visibility})
			}
		}
		for _, sl := range s.slips(d, entries) {
			i := slices.IndexFunc(entries, func(e duet.LaunchEntry) bool { return e.ID == sl.EntryID })
			g.Slips = append(g.Slips, duet.AgendaSlip{EntryID: sl.EntryID, EntryTitle: entries[i].Title, PublishAt: entries[i].PublishAt, Msg: sl.Msg})
		}
		if !d.LaunchOn.Before(today.Time) && !d.LaunchOn.After(until.Time) {
			g.Upcoming = append(g.Upcoming, duet.Dated{Kind: "launch", ID: d.ID, Title: "Launch: " + d.Name, DueOn: d.LaunchOn, Visibility: duet.VisShared})
		}
		slices.SortStableFunc(g.Upcoming, func(a, b duet.Dated) int { return a.DueOn.Compare(b.DueOn.Time) })
	}
	return g, nil
}

// agendaDecisions lists the decisions approved since the previous
// meeting and those still waiting for sign-off.
func (s *Service) agendaDecisions(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, since time.Time, g *duet.Agenda) error {
	approved, err := tx.Decisions(ctx, d.ID, duet.DecisionFilter{Status: duet.StatusApproved})
	if err != nil {
		return err
	}
	for _, x := range approved {
		if x.Decided != nil && x.Decided.After(since) && len(g.Approved) < agendaLimit {
			g.Approved = append(g.Approved, agendaDecision(x))
		}
	}
	proposed, err := tx.Decisions(ctx, d.ID, duet.DecisionFilter{Status: duet.StatusProposed})
	if err != nil {
		return err
	}
	for _, x := range proposed {
		if len(g.AwaitingSignOff) < agendaLimit {
			g.AwaitingSignOff = append(g.AwaitingSignOff, agendaDecision(x))
		}
	}
	return nil
}

func agendaDecision(x duet.Decision) duet.AgendaDecision {
	a := duet.AgendaDecision{DecisionRef: duet.DecisionRef{ID: x.ID, Number: x.Number, Title: x.Title, Status: x.Status},
		Kind: x.Kind, Decided: x.Decided, Proposed: x.Created}
	for _, so := range x.Pending() {
		a.Waiting = append(a.Waiting, so.RoleName)
	}
	return a
}

// agendaHill lists the hill chart moves since the previous meeting.
func (s *Service) agendaHill(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, since time.Time, g *duet.Agenda) error {
	for _, h := range d.HillCharts {
		snaps, err := tx.HillSnapshots(ctx, h.ID, agendaLimit)
		if err != nil {
			return err
		}
		for _, sn := range snaps {
			if !sn.At.After(since) {
				break
			}
			for _, mv := range sn.Moves {
				g.HillMoves = append(g.HillMoves, duet.AgendaHillMove{HillMove: mv, By: sn.Actor.Name, At: sn.At})
			}
		}
	}
	return nil
}
