package core

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"duet/internal/duet"
	"duet/internal/store"
)

// Milestones returns the workspace's milestones, each criterion decided
// and each status computed.
func (s *Service) Milestones(ctx context.Context, a *duet.Actor, wsID string) ([]duet.Milestone, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var out []duet.Milestone
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		out, err = evaluate(ctx, tx, d, d.Milestones)
		return err
	})
	return out, err
}

// evaluate copies milestones (shared with other readers) and decides
// their criteria from the workspace's state.
func evaluate(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, ms []duet.Milestone) ([]duet.Milestone, error) {
	f, err := gateFacts(ctx, tx, d)
	if err != nil {
		return nil, err
	}
	out := make([]duet.Milestone, len(ms))
	for i, m := range ms {
		m.Criteria = slices.Clone(m.Criteria)
		m.Evaluate(f)
		out[i] = m
	}
	return out, nil
}

func gateFacts(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail) (duet.GateFacts, error) {
	f := duet.GateFacts{UnfilledRoles: d.UnfilledRoles(), Lists: map[string]duet.ListCount{}}
	counts, err := tx.ListCounts(ctx, d.ID, "", d.KickoffOn)
	if err != nil {
		return f, err
	}
	for _, c := range counts {
		f.Lists[c.Key] = c
	}
	if f.ApprovedKinds, err = tx.ApprovedDecisionKinds(ctx, d.ID); err != nil {
		return f, err
	}
	if f.Assets, f.AssetsApproved, err = tx.AssetCounts(ctx, d.ID); err != nil {
		return f, err
	}
	if f.CalendarAssets, f.CalendarAssetsApproved, err = tx.CalendarAssetCounts(ctx, d.ID); err != nil {
		return f, err
	}
	if f.LaunchCritical, f.LaunchCriticalPublished, err = tx.LaunchCriticalCounts(ctx, d.ID); err != nil {
		return f, err
	}
	if f.Docs, err = tx.DocStates(ctx, d.ID); err != nil {
		return f, err
	}
	f.LastVotes, err = tx.LastVotes(ctx, d.ID)
	return f, err
}

// Milestone returns one milestone, evaluated, with its history.
func (s *Service) Milestone(ctx context.Context, a *duet.Actor, wsID, id string) (duet.Milestone, []duet.Change, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Milestone{}, nil, err
	}
	m, err := milestoneOf(d, id)
	if err != nil {
		return m, nil, err
	}
	var hs []duet.Change
	err = s.db.View(ctx, func(tx *store.Tx) error {
		ms, err := evaluate(ctx, tx, d, []duet.Milestone{m})
		if err != nil {
			return err
		}
		m = ms[0]
		hs, err = tx.History(ctx, wsID, id, maxHistory)
		return err
	})
	return m, hs, err
}

func milestoneOf(d *duet.WorkspaceDetail, id string) (duet.Milestone, error) {
	for _, m := range d.Milestones {
		if m.ID == id {
			return m, nil
		}
	}
	return duet.Milestone{}, duet.NotFound("milestone")
}

// milestoneForChange loads a milestone for a change made from version,
// under its row lock, evaluated against the state inside the transaction.
func (s *Service) milestoneForChange(ctx context.Context, tx *store.Tx, a *duet.Actor, d *duet.WorkspaceDetail, id string, version int) (*duet.Member, duet.Milestone, error) {
	m, err := s.member(ctx, tx, a, d.ID, duet.ActEditItem, duet.Resource{})
	if err != nil {
		return nil, duet.Milestone{}, err
	}
	if _, err := milestoneOf(d, id); err != nil {
		return nil, duet.Milestone{}, err
	}
	if err := tx.LockMilestone(ctx, d.ID, id, version); err != nil {
		return nil, duet.Milestone{}, err
	}
	// Read again inside the transaction: the cached structure may be a
	// moment old, and the gate must be judged on what commits.
	ms, err := tx.Milestones(ctx, d.ID)
	if err != nil {
		return nil, duet.Milestone{}, err
	}
	for _, x := range ms {
		if x.ID == id {
			for i := range x.Criteria {
				d.ResolveDRI(&x.Criteria[i].DRI)
			}
			ev, err := evaluate(ctx, tx, d, []duet.Milestone{x})
			if err != nil {
				return nil, duet.Milestone{}, err
			}
			return m, ev[0], nil
		}
	}
	return nil, duet.Milestone{}, duet.NotFound("milestone")
}

// CompleteMilestone completes a milestone. With every criterion met it
// completes at once. With one unmet it needs an override: the reason is
// proposed as a decision (scope change or launch call) for both sides to
// sign, and the milestone completes when that decision is approved.
func (s *Service) CompleteMilestone(ctx context.Context, a *duet.Actor, wsID, id string, in duet.MilestoneCompletion) (duet.Milestone, error) {
	if err := duet.MilestoneVersion(in.Version); err != nil {
		return duet.Milestone{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Milestone{}, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, ms, err := s.milestoneForChange(ctx, tx, a, d, id, in.Version)
		if err != nil {
			return err
		}
		switch {
		case ms.Completed != nil:
			return duet.Errorf(duet.EConflict, "%s is already complete.", ms.Title)
		case ms.Override != nil && ms.Override.Status == duet.StatusProposed:
			return duet.Errorf(duet.EConflict, "%s already waits for its override D-%d to be signed.", ms.Title, ms.Override.Number)
		}
		unmet := ms.Unmet()
		if len(unmet) == 0 {
			if err := tx.CompleteMilestone(ctx, id, m.ID, s.Now()); err != nil {
				return err
			}
			return s.milestoneChanged(ctx, tx, a, wsID, id, m, "completed the milestone with every criterion met")
		}
		if in.OverrideReason == "" && in.OverrideKind == "" {
			return duet.Invalid("override_reason", "%s cannot complete: %s. To complete it anyway, record an override decision that says why.", ms.Title, criteriaWords(unmet))
		}
		if err := in.Validate(true); err != nil {
			return err
		}
		tpl, _ := s.templates.Get(d.TemplateKey)
		signers := duet.DecisionSigners(tpl, in.OverrideKind)
		if err := duet.CheckSigners(signers, d.Roles); err != nil {
			return err
		}
		var body strings.Builder
		fmt.Fprintf(&body, "Complete the milestone **%s** although these criteria are not met:\n\n", ms.Title)
		for _, c := range unmet {
			fmt.Fprintf(&body, "- %s — %s\n", c.Text, c.Why)
		}
		dec := s.newDecision(d, in.OverrideKind, "Override: complete "+ms.Title+" with unmet criteria", body.String(), in.OverrideReason, signers)
		if err := s.recordDecision(ctx, tx, a, wsID, m, &dec, "", ""); err != nil {
			return err
		}
		if err := tx.SetOverride(ctx, id, dec.ID); err != nil {
			return err
		}
		return s.milestoneChanged(ctx, tx, a, wsID, id, m, fmt.Sprintf("asked to complete it with %s unmet; override D-%d waits for sign-off", plural(len(unmet), "criterion", "criteria"), dec.Number))
	})
	return s.milestoneAfter(ctx, a, wsID, id, err)
}

// milestoneChanged records a change to a milestone made by m: its
// history line and the event.
func (s *Service) milestoneChanged(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID, id string, m *duet.Member, summary string) error {
	if err := s.history(ctx, tx, wsID, id, m, summary); err != nil {
		return err
	}
	return tx.AppendEvent(ctx, s.event(a, wsID, "milestone.updated", id))
}

// milestoneAfter ends a milestone change: the milestone as it is now, or
// the change's error.
func (s *Service) milestoneAfter(ctx context.Context, a *duet.Actor, wsID, id string, err error) (duet.Milestone, error) {
	if err != nil {
		return duet.Milestone{}, err
	}
	m, _, err := s.Milestone(ctx, a, wsID, id)
	return m, err
}

func criteriaWords(cs []duet.Criterion) string {
	ws := make([]string, len(cs))
	for i, c := range cs {
		ws[i] = strings.TrimSuffix(c.Text, ".") + " (" + strings.TrimSuffix(c.Why, ".") + ")"
	}
	return "unmet: " + strings.Join(ws, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// overrideDecided completes the milestones waiting for decision dec when
// it is approved, and drops the override when it is rejected or withdrawn.
func (s *Service) overrideDecided(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID string, dec duet.Decision, approved bool) error {
	ids, err := tx.MilestonesOverriddenBy(ctx, dec.ID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		summary := fmt.Sprintf("completed by override D-%d, signed by both sides", dec.Number)
		if approved {
			err = tx.CompleteMilestone(ctx, id, dec.ProposedBy.MemberID, s.Now())
		} else {
			summary = fmt.Sprintf("override D-%d was not approved; the milestone stays open", dec.Number)
			err = tx.SetOverride(ctx, id, "")
		}
		if err != nil {
			return err
		}
		if err := tx.AddHistory(ctx, wsID, duet.Change{Subject: id, At: s.Now(), Summary: summary}); err != nil {
			return err
		}
		if err := tx.AppendEvent(ctx, s.event(a, wsID, "milestone.updated", id)); err != nil {
			return err
		}
	}
	return nil
}

// ReopenMilestone undoes a completion; workspace admins only.
func (s *Service) ReopenMilestone(ctx context.Context, a *duet.Actor, wsID, id string, version int) (duet.Milestone, error) {
	if err := duet.MilestoneVersion(version); err != nil {
		return duet.Milestone{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Milestone{}, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, ms, err := s.milestoneForChange(ctx, tx, a, d, id, version)
		if err != nil {
			return err
		}
		if m.Permission != duet.PermAdmin {
			return duet.Errorf(duet.EForbidden, "Only a workspace admin can reopen a milestone.")
		}
		if ms.Completed == nil {
			return duet.Errorf(duet.EConflict, "%s is not complete.", ms.Title)
		}
		if err := tx.CompleteMilestone(ctx, id, "", s.Now()); err != nil {
			return err
		}
		return s.milestoneChanged(ctx, tx, a, wsID, id, m, "reopened the milestone")
	})
	return s.milestoneAfter(ctx, a, wsID, id, err)
}

// CheckCriterion checks off (or un-checks) a manual criterion, or a
// computed one not yet live. Any member who may edit may, not only its
// DRI: the history says who did.
func (s *Service) CheckCriterion(ctx context.Context, a *duet.Actor, wsID, milestoneID, criterionID string, checked bool) (duet.Milestone, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Milestone{}, err
	}
	ms, err := milestoneOf(d, milestoneID)
	if err != nil {
		return ms, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		for _, c := range ms.Criteria {
			if k, ok := duet.CheckKindOf(c.Check); c.ID == criterionID && ok && k.Live {
				return duet.Errorf(duet.EConflict, "“%s” is decided by Duet from the workspace's state; it cannot be checked off by hand.", c.Text)
			}
		}
		by := m.ID
		if !checked {
			by = ""
		}
		text, err := tx.CheckCriterion(ctx, milestoneID, criterionID, by, s.Now())
		if err != nil {
			return err
		}
		verb := "checked off "
		if !checked {
			verb = "unchecked "
		}
		return s.milestoneChanged(ctx, tx, a, wsID, milestoneID, m, verb+quote(text))
	})
	return s.milestoneAfter(ctx, a, wsID, milestoneID, err)
}

// AddCriterion adds a manual check with a DRI to a milestone.
func (s *Service) AddCriterion(ctx context.Context, a *duet.Actor, wsID, milestoneID string, in duet.CriterionCreate) (duet.Milestone, error) {
	x, err := in.Validate()
	if err != nil {
		return duet.Milestone{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Milestone{}, err
	}
	if _, err := milestoneOf(d, milestoneID); err != nil {
		return duet.Milestone{}, err
	}
	if x, err = checkDRI(d, x, duet.VisShared); err != nil {
		return duet.Milestone{}, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if err := tx.AddCriterion(ctx, wsID, milestoneID, duet.Criterion{ID: store.NewID(), Text: in.Text, DRI: x, DecisionKinds: []string{}}); err != nil {
			return err
		}
		return s.milestoneChanged(ctx, tx, a, wsID, milestoneID, m, "added the check "+quote(in.Text)+" with "+x.Who()+" as DRI")
	})
	return s.milestoneAfter(ctx, a, wsID, milestoneID, err)
}

// UpdateMilestone changes a milestone's due date: a day, or relative to
// kickoff or launch.
func (s *Service) UpdateMilestone(ctx context.Context, a *duet.Actor, wsID, id string, in duet.MilestoneUpdate) (duet.Milestone, error) {
	if err := duet.MilestoneVersion(in.Version); err != nil {
		return duet.Milestone{}, err
	}
	if in.Due == nil {
		return duet.Milestone{}, duet.Invalid("due", "is required")
	}
	due, rule, err := duet.ParseDue("due", *in.Due)
	if err != nil {
		return duet.Milestone{}, err
	}
	switch rule.Anchor {
	case duet.AnchorTask:
		return duet.Milestone{}, duet.Invalid("due", "a milestone's date is a day, or relative to kickoff or launch")
	case duet.AnchorNone:
		if due.IsZero() {
			return duet.Milestone{}, duet.Invalid("due", "is required: every milestone has a due date")
		}
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Milestone{}, err
	}
	if rule.Relative() {
		due = rule.Resolve(d.KickoffOn, d.LaunchOn, nil)
	}
	if err := s.checkDueDate(d, "due", due); err != nil {
		return duet.Milestone{}, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, ms, err := s.milestoneForChange(ctx, tx, a, d, id, in.Version)
		if err != nil {
			return err
		}
		if err := tx.SetMilestoneDue(ctx, id, due, rule); err != nil {
			return err
		}
		summary := "moved the due date from " + ms.DueOn.String() + " to " + due.String()
		if r := rule.String(); r != "" {
			summary += " (" + r + ")"
		}
		return s.milestoneChanged(ctx, tx, a, wsID, id, m, summary)
	})
	return s.milestoneAfter(ctx, a, wsID, id, err)
}

// PreviewReschedule shows what moving the kickoff and launch would move,
// without changing anything. Any member may look (at what they can see);
// only admins apply.
func (s *Service) PreviewReschedule(ctx context.Context, a *duet.Actor, wsID string, in duet.Reschedule) ([]duet.DateMove, error) {
	kickoff, launch, err := in.Validate()
	if err != nil {
		return nil, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var moves []duet.DateMove
	err = s.db.View(ctx, func(tx *store.Tx) error {
		moves, err = s.reschedule(ctx, tx, d, kickoff, launch)
		return err
	})
	return visibleMoves(moves, d.Side), err
}

// reschedule computes the moves and refuses dates before the new kickoff
// when the template does not allow them.
func (s *Service) reschedule(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, kickoff, launch duet.Date) ([]duet.DateMove, error) {
	items, err := tx.Dated(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	moves := duet.Shift(items, kickoff, launch)
	to := map[string]duet.Date{}
	for _, mv := range moves {
		to[mv.ID] = mv.To
	}
	moved := *d
	moved.KickoffOn = kickoff
	for _, it := range items {
		due, ok := to[it.ID]
		if !ok {
			due = it.DueOn
		}
		if err := s.checkDueDate(&moved, "kickoff_on", due); err == nil {
			continue
		}
		if it.Visibility.VisibleTo(d.Side) {
			return nil, duet.Invalid("kickoff_on", "%s would fall due on %s, before the new kickoff; move it first or keep the kickoff earlier", it.Title, due)
		}
		return nil, duet.Invalid("kickoff_on", "a task would fall due before the new kickoff; keep the kickoff earlier")
	}
	return moves, nil
}

// mayReschedule allows workspace admins only: the campaign's dates are
// agreed, not edited in passing.
func (s *Service) mayReschedule(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID string) error {
	m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
	if err != nil {
		return err
	}
	if m.Permission != duet.PermAdmin {
		return duet.Errorf(duet.EForbidden, "Only a workspace admin can move the kickoff or the launch.")
	}
	return nil
}

// visibleMoves drops the moves of tasks side may not see.
func visibleMoves(moves []duet.DateMove, side duet.Side) []duet.DateMove {
	out := []duet.DateMove{}
	for _, mv := range moves {
		if mv.Visibility.VisibleTo(side) {
			out = append(out, mv)
		}
	}
	return out
}

// Reschedule moves the kickoff and launch and every date set relative to
// them, in one transaction; workspace admins only. in.FromKickoff and
// in.FromLaunch are the dates the preview was made from: EConflict when
// they have changed since.
func (s *Service) Reschedule(ctx context.Context, a *duet.Actor, wsID string, in duet.Reschedule) ([]duet.DateMove, error) {
	kickoff, launch, err := in.Validate()
	if err != nil {
		return nil, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var moves []duet.DateMove
	err = s.write(ctx, func(tx *store.Tx) error {
		if err := s.mayReschedule(ctx, tx, a, wsID); err != nil {
			return err
		}
		m, err := tx.Member(ctx, wsID, a.User.ID)
		if err != nil {
			return err
		}
		if _, err := tx.NextSeq(ctx, wsID); err != nil { // the workspace lock
			return err
		}
		w, err := tx.Workspace(ctx, wsID)
		if err != nil {
			return err
		}
		if (in.FromKickoff != "" && in.FromKickoff != w.KickoffOn.String()) || (in.FromLaunch != "" && in.FromLaunch != w.LaunchOn.String()) {
			return duet.Errorf(duet.EConflict, "The campaign's dates changed since your preview (now kickoff %s, launch %s); preview again.", w.KickoffOn, w.LaunchOn)
		}
		cur := *d
		cur.Workspace = w
		if moves, err = s.reschedule(ctx, tx, &cur, kickoff, launch); err != nil {
			return err
		}
		if err := tx.SetCampaignDates(ctx, wsID, kickoff, launch); err != nil {
			return err
		}
		now := s.Now()
		// Check-ins start at the kickoff: their coming meetings move too.
		checkIns, err := tx.WorkspaceCheckIns(ctx, wsID)
		if err != nil {
			return err
		}
		w.KickoffOn, w.LaunchOn = kickoff, launch
		for _, c := range checkIns {
			if err := s.materialize(ctx, tx, w, c, now); err != nil {
				return err
			}
		}
		for _, mv := range moves {
			why := fmt.Sprintf("due date moved from %s to %s with the campaign (%s)", mv.From, mv.To, mv.Rule)
			if mv.Kind == "milestone" {
				err = tx.SetMilestoneDue(ctx, mv.ID, mv.To, mv.Due)
			} else {
				err = tx.SetTaskDue(ctx, mv.ID, mv.To, now)
			}
			if err != nil {
				return err
			}
			if err := tx.AddHistory(ctx, wsID, duet.Change{Subject: mv.ID, Actor: duet.Author{MemberID: m.ID}, At: now, Summary: why}); err != nil {
				return err
			}
		}
		summary := fmt.Sprintf("moved the kickoff from %s to %s and the launch from %s to %s; %s moved with them",
			w.KickoffOn, kickoff, w.LaunchOn, launch, plural(len(moves), "date", "dates"))
		if err := s.history(ctx, tx, wsID, wsID, m, summary); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(a, wsID, "workspace.rescheduled", wsID))
	})
	return visibleMoves(moves, d.Side), err
}
