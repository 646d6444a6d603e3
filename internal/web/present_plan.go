package web

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"duet/internal/duet"
)

// This file turns milestones and the hill chart into what their pages
// show.

// Milestone states as the pages show them: core's status, and overdue for
// a milestone past its due date and not complete.
const (
	stateComplete = "complete"
	stateReady    = "ready"
	statePending  = "pending"
	stateOverdue  = "overdue"
)

// milestoneState says where a milestone stands on day today, in a word
// and in words.
func milestoneState(m duet.Milestone, day duet.Date) (state, label string) {
	late := !m.DueOn.IsZero() && m.DueOn.Before(day.Time)
	switch {
	case m.Status == duet.MilestoneComplete:
		return stateComplete, "Complete"
	case late && m.Status == duet.MilestoneReady:
		return stateOverdue, "Overdue · ready to complete"
	case late:
		return stateOverdue, "Overdue"
	case m.Status == duet.MilestoneReady:
		return stateReady, "Ready to complete"
	}
	return statePending, "Pending"
}

// metCount counts the criteria met.
func metCount(m duet.Milestone) int {
	n := 0
	for _, c := range m.Criteria {
		if c.Met {
			n++
		}
	}
	return n
}

// dueRuleWords writes a due rule as a person says it: "14 days before
// launch", "on launch day", "2 days after T-12"; "" for a fixed date.
func dueRuleWords(r duet.DueRule) string {
	anchor := r.Anchor
	if r.Anchor == duet.AnchorTask {
		anchor = "T-" + strconv.Itoa(r.TaskNumber)
	}
	switch {
	case !r.Relative():
		return ""
	case r.Days == 0 && r.Anchor == duet.AnchorTask:
		return "with " + anchor
	case r.Days == 0:
		return "on " + anchor + " day"
	case r.Days > 0:
		return plural(r.Days, "day", "days") + " after " + anchor
	}
	return plural(-r.Days, "day", "days") + " before " + anchor
}

// MilestonesPage is the campaign's gates: a timeline and one card each.
type MilestonesPage struct {
	Base
	WS       string
	Summary  string
	Timeline TimelineView
	Cards    []MilestoneCard
}

// The timeline's drawing area, in SVG user units.
const (
	tlWidth  = 1000.0
	tlLeft   = 28.0
	tlRight  = 972.0
	tlAxis   = 104.0
	tlHeight = 172.0
)

// TimelineView is the milestones along the campaign, kickoff to launch
// and after, with today marked.
type TimelineView struct {
	Width, Height float64
	Left, Right   float64
	Axis          float64
	Summary       string // the chart in words, for screen readers
	Ticks         []TimelineTick
	Today         *TimelineTick
	Markers       []TimelineMarker
}

// TimelineTick is a campaign date on the axis: kickoff, launch or today.
type TimelineTick struct {
	Label  string
	Date   string
	ISO    string
	X      float64
	Y1, Y2 float64 // the tick's line
	LabelY float64
	Anchor string
}

// TimelineMarker is one milestone on the axis.
type TimelineMarker struct {
	N          int
	ID         string
	Title      string
	Due        string
	DueISO     string
	State      string
	StateLabel string
	X          float64
	Y          float64 // the axis
	LabelY     float64 // the title's baseline
	DateY      float64 // the date's, below it
	LeadY      float64 // where the line from the label to the marker starts
	MarkY      float64 // and ends, at the marker's top
	Anchor     string
}

// timelineOf lays the milestones out between the campaign's first and
// last date. Labels that would overlap go on a second row.
func timelineOf(d *duet.WorkspaceDetail, cards []MilestoneCard, ms []duet.Milestone, day duet.Date) TimelineView {
	first, last := d.KickoffOn, d.LaunchOn
	widen := func(x duet.Date) {
		if x.IsZero() {
			return
		}
		if first.IsZero() || x.Before(first.Time) {
			first = x
		}
		if last.IsZero() || x.After(last.Time) {
			last = x
		}
	}
	for _, m := range ms {
		widen(m.DueOn)
	}
	widen(day)
	span := float64(max(daysFrom(first, last), 1))
	// A little room before the first and after the last date.
	pad := span * 0.03
	x := func(at duet.Date) float64 {
		return tlLeft + (tlRight-tlLeft)*(float64(daysFrom(first, at))+pad)/(span+2*pad)
	}
	anchor := func(px float64) string {
		switch {
		case px < tlLeft+70:
			return "start"
		case px > tlRight-70:
			return "end"
		}
		return "middle"
	}
	tv := TimelineView{Width: tlWidth, Height: tlHeight, Left: tlLeft, Right: tlRight, Axis: tlAxis}
	for _, t := range []struct {
		label string
		at    duet.Date
	}{{"Kickoff", d.KickoffOn}, {"Launch", d.LaunchOn}} {
		if t.at.IsZero() {
			continue
		}
		px := x(t.at)
		tv.Ticks = append(tv.Ticks, TimelineTick{Label: t.label, Date: t.at.Format("2 Jan"), ISO: t.at.String(), X: px,
			Y1: tlAxis - 9, Y2: tlAxis + 9, LabelY: tlAxis + 30, Anchor: anchor(px)})
	}
	tx := x(day)
	tv.Today = &TimelineTick{Label: "Today", Date: day.Format("2 Jan"), ISO: day.String(), X: tx, Y1: 14, Y2: tlAxis + 40,
		LabelY: tlHeight - 6, Anchor: anchor(tx)}

	// Two rows of labels above the axis; each row remembers where its
	// last label ends.
	rows := []float64{math.Inf(-1), math.Inf(-1)}
	rowY := []float64{34, 64}
	var words []string
	for i, c := range cards {
		m := ms[i]
		if m.DueOn.IsZero() {
			continue
		}
		mk := TimelineMarker{N: c.N, ID: c.ID, Title: c.Title, Due: m.DueOn.Format("2 Jan"), DueISO: c.DueISO,
			State: c.State, StateLabel: c.StateLabel, X: x(m.DueOn)}
		mk.Anchor = anchor(mk.X)
		half := float64(len([]rune(mk.Title)))*3.7 + 8
		from, to := mk.X-half, mk.X+half
		switch mk.Anchor {
		case "start":
			from, to = mk.X, mk.X+2*half
		case "end":
			from, to = mk.X-2*half, mk.X
		}
		row := 0
		if from < rows[0] && from >= rows[1] {
			row = 1
		}
		rows[row] = to + 12
		mk.Y, mk.LabelY, mk.DateY, mk.LeadY, mk.MarkY = tlAxis, rowY[row], rowY[row]+15, rowY[row]+20, tlAxis-14
		tv.Markers = append(tv.Markers, mk)
		words = append(words, fmt.Sprintf("%d. %s, due %s: %s", mk.N, mk.Title, formatDate(m.DueOn), mk.StateLabel))
	}
	tv.Summary = "Milestones from kickoff " + formatDate(d.KickoffOn) + " to launch " + formatDate(d.LaunchOn) +
		" and after; today is " + formatDate(day) + ". " + joinSentences(words)
	return tv
}

// joinSentences ends each phrase with a full stop.
func joinSentences(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s + "."
	}
	return out
}

// MilestoneCard is one milestone with its criteria, its completion and the
// actions open to the viewer.
type MilestoneCard struct {
	WS          string
	ID          string
	N           int
	Title       string
	Description string
	Due         string
	DueISO      string
	DueRel      string
	Rule        string // "launch-14d"; "" for a fixed date
	RuleWords   string // "14 days before launch"
	State       string // complete, ready, pending or overdue
	StateLabel  string
	Met         int
	Total       int
	Criteria    []CriterionView
	Unmet       []string
	Version     int
	Completed   string
	CompletedAt string
	CompletedBy string
	Override    *OverrideView
	History     []ChangeView
	CanEdit     bool
	CanReopen   bool

	// The forms, with what was typed and the error of the action that
	// failed on this card.
	Form          MilestoneForm
	Err           FormError
	ErrAction     string // "complete", "reopen", "due", "criteria" or "check-<id>"
	Conflict      bool   // the error is a change made meanwhile: the card shows it now
	KindOptions   []Option
	RoleOptions   []Option
	PeopleOptions []Option
}

// URL is the milestone's address on the milestones page.
func (c MilestoneCard) URL() string { return "/w/" + c.WS + "/milestones/" + c.ID }

// ErrFor returns the error to show next to an action of this card.
func (c MilestoneCard) ErrFor(action string) string {
	if c.ErrAction == action {
		return c.Err.Msg
	}
	return ""
}

// FieldErr returns the error of one field of an action's form.
func (c MilestoneCard) FieldErr(action, field string) string {
	if c.ErrAction == action {
		return c.Err.For(field)
	}
	return ""
}

// GeneralErr returns the error of an action's form that names none of its
// fields.
func (c MilestoneCard) GeneralErr(action string) string {
	if c.ErrAction == action {
		return c.Err.General()
	}
	return ""
}

// Ready reports whether the milestone may complete without an override.
func (c MilestoneCard) Ready() bool {
	return c.State == stateReady || (c.State == stateOverdue && len(c.Unmet) == 0)
}

// MilestoneForm is what the milestone forms send back.
type MilestoneForm struct {
	Due    string
	Kind   string
	Reason string
	Text   string
	DRI    string
}

// Fields of the milestone forms, as core names them.
var (
	completeFields  = []string{"override_kind", "override_reason"}
	criterionFields = []string{"text", "dri"}
	dueFields       = []string{"due"}
)

// CriterionView is one criterion of a milestone gate.
type CriterionView struct {
	ID       string
	Text     string
	Met      bool
	Why      string
	DRI      CriterionDRI
	Computed bool
	How      string // "Computed by Duet", "Checked by hand"…
	Checked  bool
	CanCheck bool
}

// CriterionDRI names who makes a criterion true.
type CriterionDRI struct {
	Name     string // the person, when somebody holds it
	Role     string
	Class    string
	Org      string
	Unfilled bool
}

// OverrideView is the decision that lets a milestone complete with unmet
// criteria.
type OverrideView struct {
	Ref         string
	URL         string
	Title       string
	Status      string
	StatusLabel string
	Waiting     bool
	Approved    bool
}

// ChangeView is one entry of an item's history.
type ChangeView struct {
	Who     string
	When    string
	ISO     string
	Summary string
}

// milestoneCard lays out one milestone for the viewer.
func (v *viewer) milestoneCard(n int, m duet.Milestone, history []duet.Change, day duet.Date) MilestoneCard {
	c := MilestoneCard{WS: v.d.ID, ID: m.ID, N: n, Title: m.Title, Description: m.Description,
		Due: formatDate(m.DueOn), Rule: m.Due.String(), RuleWords: dueRuleWords(m.Due), Version: m.Version,
		Total: len(m.Criteria), Met: metCount(m), CanEdit: !v.guest()}
	if !m.DueOn.IsZero() {
		c.DueISO, c.DueRel = m.DueOn.String(), relDays(daysFrom(day, m.DueOn))
	}
	c.State, c.StateLabel = milestoneState(m, day)
	c.CanReopen = c.State == stateComplete && v.me.Permission == duet.PermAdmin
	if m.Completed != nil {
		c.Completed, c.CompletedAt, _ = v.when(*m.Completed)
	}
	if m.CompletedBy != nil {
		c.CompletedBy = m.CompletedBy.Name
	}
	if r := m.Override; r != nil {
		c.Override = &OverrideView{Ref: "D-" + strconv.Itoa(r.Number), URL: "/w/" + v.d.ID + "/decisions/" + r.ID, Title: r.Title,
			Status: r.Status, StatusLabel: decisionStatusLabel(r.Status),
			Waiting: r.Status == duet.StatusProposed && m.Completed == nil, Approved: r.Status == duet.StatusApproved}
	}
	for _, cr := range m.Criteria {
		cv := CriterionView{ID: cr.ID, Text: cr.Text, Met: cr.Met, Why: cr.Why, Computed: cr.Computed, DRI: v.criterionDRI(cr.DRI),
			Checked: cr.CheckedBy != nil, CanCheck: !cr.Computed && !v.guest() && m.Completed == nil}
		cv.How = criterionHow(cr)
		if !cr.Met {
			c.Unmet = append(c.Unmet, cr.Text)
		}
		c.Criteria = append(c.Criteria, cv)
	}
	for _, h := range history {
		cv := ChangeView{Who: h.Actor.Name, Summary: h.Summary}
		cv.When, cv.ISO, _ = v.when(h.At)
		c.History = append(c.History, cv)
	}
	return c
}

// criterionHow says who decides a criterion: Duet, or a person. A check
// Duet cannot compute yet says so in its Why.
func criterionHow(c duet.Criterion) string {
	if c.Computed {
		return "Computed by Duet"
	}
	return "Checked by hand"
}

// criterionDRI describes a criterion's DRI: the person who holds it, or
// the role nobody holds.
func (v *viewer) criterionDRI(x duet.DRI) CriterionDRI {
	dv := CriterionDRI{Role: x.RoleName, Class: sideClass(x.Side), Org: v.o.of(x.Side)}
	if dv.Role == "" && x.RoleKey != "" {
		dv.Role = x.RoleKey
		for _, r := range v.d.Roles {
			if r.Key == x.RoleKey {
				dv.Role, dv.Class, dv.Org = r.Name, sideClass(r.Side), v.o.of(r.Side)
			}
		}
	}
	if x.Member != nil {
		dv.Name, dv.Class, dv.Org = x.Member.Name, sideClass(x.Member.Side), v.o.of(x.Member.Side)
		return dv
	}
	dv.Unfilled = true
	if dv.Role == "" {
		dv.Role = "its DRI"
	}
	return dv
}

// withForm sets the card's forms: what was typed and the choices.
func (v *viewer) withForm(c *MilestoneCard, f MilestoneForm) {
	c.Form = f
	if c.Form.Due == "" {
		c.Form.Due = c.Rule
		if c.Form.Due == "" {
			c.Form.Due = c.DueISO
		}
	}
	for _, k := range duet.OverrideKinds {
		hint := "the scope changes: something planned is dropped or moved"
		if k == duet.KindLaunchCall {
			hint = "both sides decide to go ahead as things are"
		}
		c.KindOptions = append(c.KindOptions, Option{Value: k, Label: duet.DecisionKindName(k), Hint: hint, Selected: f.Kind == k})
	}
	holders := duet.RoleHolders(v.d.Members)
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		for _, r := range v.d.Roles {
			if r.Side != side {
				continue
			}
			label := r.Name + " (" + v.o.of(r.Side) + ")"
			if hs := holders[r.Key]; len(hs) > 0 {
				label += " · " + hs[0].Name
			} else {
				label += " · nobody holds it"
			}
			c.RoleOptions = append(c.RoleOptions, Option{Value: "role:" + r.Key, Label: label, Selected: f.DRI == "role:"+r.Key})
		}
	}
	people := slices.Clone(v.d.Members)
	slices.SortStableFunc(people, func(a, b duet.Member) int {
		if a.Side != b.Side {
			if a.Side == duet.SideHost {
				return -1
			}
			return 1
		}
		return 0
	})
	for _, m := range people {
		c.PeopleOptions = append(c.PeopleOptions, Option{Value: "member:" + m.ID, Label: m.Name + " (" + v.o.of(m.Side) + ")", Selected: f.DRI == "member:"+m.ID})
	}
}

// milestonesSummary counts the milestones by state.
func milestonesSummary(cards []MilestoneCard) string {
	done, late := 0, 0
	for _, c := range cards {
		switch c.State {
		case stateComplete:
			done++
		case stateOverdue:
			late++
		}
	}
	s := fmt.Sprintf("%d of %d complete", done, len(cards))
	if late > 0 {
		s += fmt.Sprintf(" · %d overdue", late)
	}
	return s
}

// HillPage is the hill chart: the dots to move, the note to save them
// with, the history of saves and the form for a new scope.
type HillPage struct {
	Base
	WS       string
	Board    HillBoard
	History  []SnapshotView
	More     int // snapshots older than the ones listed
	Viewing  *SnapshotView
	Older    string // when viewing a snapshot: the one before and after
	Newer    string
	Compare  bool
	Ghosts   int    // dots that moved in the compared period
	Since    string // the compared time, in words
	CanEdit  bool
	Err      FormError
	Note     string
	Scope    ScopeForm
	ScopeErr FormError
	Lists    []Option
}

// NowURL is the chart as it is now.
func (p *HillPage) NowURL() string { return "/w/" + p.WS + "/hill" }

// ScopeForm is what the new-scope form sends back.
type ScopeForm struct {
	Title    string
	TaskList string
}

// scopeFields are the inputs of the new-scope form as core names them.
var scopeFields = []string{"title", "task_list"}

// HillBoard is a hill chart drawn for its page: its dots can be moved
// when it shows now, not a snapshot.
type HillBoard struct {
	ChartID   string
	Title     string
	Path      string
	Left      float64
	Right     float64
	TopY      float64
	Bottom    float64
	MidX      float64
	UphillX   float64
	DownhillX float64
	Movable   bool
	Dots      []HillBoardDot
	Stale     int
	Summary   string
}

// HillBoardDot is one scope on the board.
type HillBoardDot struct {
	ID       string
	N        int
	Title    string
	Position int
	Phase    string
	X, Y     float64
	LabelX   float64
	Anchor   string
	Colour   int
	Stale    bool
	Moved    string // when it last moved, in words
	Input    string // the number typed in its field
	InputErr string
	Ghost    *HillGhost
}

// InputID is the id of the dot's number field.
func (d HillBoardDot) InputID() string { return "pos-" + d.ID }

// HillGhost is where a dot was at the compared time.
type HillGhost struct {
	Position int
	X, Y     float64
	// The arrow to the dot ends at its edge; none when they touch.
	Arrow    bool
	ToX, ToY float64
	Change   string // "+34", "−12"
	Words    string // "28 → 62 since Mon 9 Nov"
}

// hillBoardOf lays out a chart, with positions taken from at (a
// snapshot's positions) when set and from the chart otherwise. Dots at
// (nearly) the same position are stacked upwards so each stays visible.
func (v *viewer) hillBoardOf(h duet.HillChart, at map[string]int) HillBoard {
	b := HillBoard{ChartID: h.ID, Title: h.Title, Path: hillPath(), Left: hillLeft, Right: hillRight, TopY: hillTop, Bottom: hillBottom,
		MidX: hillX(50), UphillX: hillX(25), DownhillX: hillX(75), Movable: at == nil}
	stacked := map[int]int{}
	var words []string
	for i, s := range h.Scopes {
		p := s.Position
		if at != nil {
			var ok bool
			if p, ok = at[s.ID]; !ok {
				continue
			}
		}
		p = min(max(p, 0), 100)
		slot := (p + 2) / 5
		k := stacked[slot]
		stacked[slot]++
		d := HillBoardDot{ID: s.ID, N: i + 1, Title: s.Title, Position: p, Phase: hillPhase(p), Colour: i % 6,
			X: hillX(float64(p)), Y: hillY(float64(p)) - float64(k)*26, Stale: s.Stale && at == nil, Input: strconv.Itoa(p)}
		d.LabelX, d.Anchor = 13, "start"
		if p > 50 {
			d.LabelX, d.Anchor = -13, "end"
		}
		if s.Moved != nil {
			d.Moved, _, _ = v.when(*s.Moved)
		}
		if d.Stale {
			b.Stale++
		}
		b.Dots = append(b.Dots, d)
		words = append(words, fmt.Sprintf("%s at %d of 100", s.Title, p))
	}
	b.Summary = h.Title + ": " + duet.JoinWords(words)
	return b
}

// ghostsOf marks where each dot was at the compared time and returns how
// many moved since.
func (b *HillBoard) ghostsOf(then map[string]int, since string) int {
	n := 0
	for i := range b.Dots {
		d := &b.Dots[i]
		p, ok := then[d.ID]
		if !ok || p == d.Position {
			continue
		}
		p = min(max(p, 0), 100)
		change := strconv.Itoa(d.Position - p)
		if d.Position > p {
			change = "+" + change
		} else {
			change = "−" + strconv.Itoa(p-d.Position)
		}
		g := &HillGhost{Position: p, X: hillX(float64(p)), Y: hillY(float64(p)), Change: change,
			Words: fmt.Sprintf("%d → %d since %s", p, d.Position, since)}
		if dx, dy := d.X-g.X, d.Y-g.Y; math.Hypot(dx, dy) > 30 {
			l := math.Hypot(dx, dy)
			g.Arrow, g.ToX, g.ToY = true, d.X-dx/l*14, d.Y-dy/l*14
		}
		d.Ghost = g
		n++
	}
	return n
}

// positionsAt returns every dot's position at time t: those of the latest
// snapshot saved at or before t. Dots it lacks, or all of them when no
// snapshot is that old, are read back from the first move after t (its
// from), or else from where they are now.
func positionsAt(h duet.HillChart, snaps []duet.HillSnapshot, t time.Time) map[string]int {
	out := map[string]int{}
	for _, s := range snaps { // newest first
		if !s.At.After(t) {
			for id, p := range s.Positions {
				out[id] = p
			}
			break
		}
	}
	for _, sc := range h.Scopes {
		if _, ok := out[sc.ID]; ok {
			continue
		}
		p, found := sc.Position, false
		for i := len(snaps) - 1; i >= 0 && !found; i-- { // oldest first
			if !snaps[i].At.After(t) {
				continue
			}
			for _, m := range snaps[i].Moves {
				if m.ScopeID == sc.ID {
					p, found = m.From, true
					break
				}
			}
		}
		out[sc.ID] = p
	}
	return out
}

// SnapshotView is one save of the chart in its history.
type SnapshotView struct {
	ID      string
	URL     string
	Who     string
	Org     string
	Class   string
	When    string
	ISO     string
	Full    string
	Note    string
	Moves   []MoveView
	Current bool // the snapshot being looked at
}

// MoveView is one dot moving in a snapshot.
type MoveView struct {
	Title string
	From  int
	To    int
	Words string // "uphill → downhill"
}

// snapshot lays out one save for the history.
func (v *viewer) snapshot(s duet.HillSnapshot) SnapshotView {
	sv := SnapshotView{ID: s.ID, URL: "/w/" + v.d.ID + "/hill?at=" + s.ID, Who: s.Actor.Name, Org: v.o.of(s.Actor.Side),
		Class: sideClass(s.Actor.Side), Note: s.Note}
	sv.When, sv.ISO, sv.Full = v.when(s.At)
	for _, m := range s.Moves {
		mv := MoveView{Title: m.Title, From: m.From, To: m.To}
		if from, to := duet.Phase(m.From), duet.Phase(m.To); from != to {
			mv.Words = from + " → " + to
		}
		sv.Moves = append(sv.Moves, mv)
	}
	return sv
}

// milestoneLines lays out milestones for the overview: each with its
// state and how many of its criteria are met.
func milestoneLines(ms []duet.Milestone, day duet.Date) []MilestoneView {
	var out []MilestoneView
	for _, m := range ms {
		mv := MilestoneView{ID: m.ID, Title: m.Title, Description: m.Description, Due: formatDate(m.DueOn), DueISO: m.DueOn.String(),
			DueRel: relDays(daysFrom(day, m.DueOn)), Met: metCount(m), Total: len(m.Criteria)}
		mv.State, mv.Status = milestoneState(m, day)
		mv.Complete, mv.Overdue = mv.State == stateComplete, mv.State == stateOverdue
		for _, c := range m.Criteria {
			mv.Criteria = append(mv.Criteria, CriterionLine{Text: c.Text, Met: c.Met})
		}
		out = append(out, mv)
	}
	return out
}
