package web

import (
	"context"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// planViews builds the milestones and hill chart pages from a campaign
// under way: an override waiting for sign-off, a completed milestone,
// errors on the forms, saves of the chart a week apart and a stale dot.
func planViews(t *testing.T, f *coretest.Fixture) map[string]viewCase {
	ctx := context.Background()
	a := f.Admin.Actor
	ready := makeReady(t, f)
	if _, err := f.Svc.CompleteMilestone(ctx, a, f.WS.ID, ready.ID, duet.MilestoneCompletion{Version: ready.Version}); err != nil {
		t.Fatal(err)
	}
	dec := overrideOf(t, f, f.Partner, milestone(t, f, "assets-approved"))
	ms, err := f.Svc.Milestones(ctx, a, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	h := hill(t, f)
	move(t, f, f.Admin, h.ID, "Kickoff is under way.", map[string]int{h.Scopes[0].ID: 30})
	f.Clock.Advance(8 * 24 * time.Hour)
	move(t, f, f.Partner, h.ID, "Logos arrived.", map[string]int{h.Scopes[0].ID: 70, h.Scopes[1].ID: 20})
	title := "Kickoff call, with notes"
	tasks, err := f.Svc.Tasks(ctx, a, f.WS.ID, duet.TaskFilter{ListID: h.Scopes[2].TaskListID})
	if err != nil || len(tasks) == 0 {
		t.Fatalf("tasks: %v", err)
	}
	if _, err := f.Svc.UpdateTask(ctx, a, f.WS.ID, tasks[0].ID, duet.TaskUpdate{Version: tasks[0].Version, Title: &title}); err != nil {
		t.Fatal(err)
	}
	h = hill(t, f)
	snaps := snapshots(t, f, h.ID)

	d, err := f.Svc.Workspace(ctx, a, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, a)
	v := &viewer{d: d, o: orgsOf(d), me: me, now: f.Svc.Now()}
	day := today(v.now, d.TimeZone)
	cards := make([]MilestoneCard, len(ms))
	for i, m := range ms {
		_, history, err := f.Svc.Milestone(ctx, a, f.WS.ID, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		cards[i] = v.milestoneCard(i+1, m, history, day)
		var form MilestoneForm
		if m.Key == "launch-go-live" {
			cards[i].Err, cards[i].ErrAction = FormError{Field: "dri", Msg: "DRI must be one person or one role."}, "criteria"
			form = MilestoneForm{Text: "Sales is briefed.", DRI: "role:legal-reviewer"}
		}
		v.withForm(&cards[i], form)
	}
	nav := navOf(d, "milestones")
	milestones := &MilestonesPage{Base: Base{Title: "Milestones", Nav: nav}, WS: d.ID, Summary: milestonesSummary(cards),
		Timeline: timelineOf(d, cards, ms, day), Cards: cards}

	board := v.hillBoardOf(h, nil)
	board.Dots[1].Input, board.Dots[1].InputErr = "250", "Position must be between 0 and 100, not 250."
	since, _, _ := v.when(v.now.Add(-7 * 24 * time.Hour))
	hillPage := &HillPage{Base: Base{Title: "Hill chart", Nav: navOf(d, "hill")}, WS: d.ID, Board: board, CanEdit: true, Compare: true, Since: since,
		Err: FormError{Msg: "Asset Development: Position must be between 0 and 100, not 250."}, Note: "Halfway there.",
		Scope: ScopeForm{Title: "Press kit"}, ScopeErr: FormError{Field: "title", Msg: "Title must be at most 80 characters."},
		Lists: []Option{{Value: "", Label: "None"}, {Value: d.TaskLists[0].ID, Label: d.TaskLists[0].Title, Selected: true}}}
	hillPage.Ghosts = hillPage.Board.ghostsOf(positionsAt(h, snaps, v.now.Add(-7*24*time.Hour)), since)
	for _, s := range snaps {
		hillPage.History = append(hillPage.History, v.snapshot(s))
	}
	return map[string]viewCase{
		"milestone_list": {milestones, []string{"Milestones", "Today 24 Nov", "1 of 4 complete", `class="tl-marker is-complete"`,
			`class="card ms-card is-complete"`, "Override <a href=\"/w/" + d.ID + "/decisions/" + dec.ID + "\">D-", "waiting for sign-off",
			"Computed by Duet", "nobody holds the role", `<option value="role:legal-reviewer" selected>`, `value="Sales is briefed."`,
			`id="` + ms[2].ID + `-dri-error"`, "Reopen", "History"}},
		"hill_show": {hillPage, []string{`role="slider"`, `aria-valuenow="70"`, "Figuring it out", "Making it happen",
			"No move in 7 days while its tasks changed", `class="hill-ghost c0"`, "&#43;40: 30 → 70 since", `value="250" aria-invalid="true"`,
			"Halfway there.</textarea>", "Logos arrived.", `id="scope-title-error"`, `value="Press kit"`}},
	}
}
