package duet

import (
	"fmt"
	"strings"
	"time"
)

// Milestone statuses. Pending and ready are computed from the criteria;
// complete is recorded.
const (
	MilestonePending  = "pending"
	MilestoneReady    = "ready"
	MilestoneComplete = "complete"
)

// Criterion checks. A computed criterion is decided by Duet from the
// workspace's state; a manual one ("") is checked off by its DRI.
const (
	CheckManual            = ""
	CheckTasksDone         = "tasks_done"         // every task of one list is done
	CheckRolesFilled       = "roles_filled"       // every required role has a holder
	CheckDecisionsRecorded = "decisions_recorded" // approved decisions of the given kinds exist
	CheckBriefSigned       = "brief_signed"
	CheckRACIValid         = "raci_valid"
	CheckLeadRulesApproved = "lead_rules_approved"
	CheckAssetsApproved    = "assets_approved"
	CheckCalendarApproved  = "calendar_assets_approved"
	CheckCalendarPublished = "calendar_published"
	CheckGoVotes           = "go_votes"
	CheckRetroActions      = "retro_action_items"
)

// CheckKind describes one kind of computed criterion.
type CheckKind struct {
	Key  string
	Name string
	// Live reports whether Duet can compute it yet. Until the feature it
	// reads exists, the criterion is checked off by its DRI, like a
	// manual one, and says so.
	Live bool
	// Feature names what the check reads, for "checked by hand until …".
	Feature string
}

// CheckKinds lists every computed criterion.
var CheckKinds = []CheckKind{
	{CheckTasksDone, "Every task of a list is done", true, "task lists"},
	{CheckRolesFilled, "Every required role is filled", true, "roles"},
	{CheckDecisionsRecorded, "Decisions recorded and approved", true, "the decision log"},
	{CheckBriefSigned, "The campaign brief is signed by both sides", true, "the campaign brief"},
	{CheckRACIValid, "The RACI has exactly one Accountable per row and is signed", true, "the RACI matrix"},
	{CheckLeadRulesApproved, "The lead-share rules are approved", true, "the lead-share rules"},
	{CheckAssetsApproved, "The latest version of every asset is approved", true, "the asset approval folder"},
	{CheckCalendarApproved, "Every asset on the launch calendar is approved", true, "the launch calendar"},
	{CheckCalendarPublished, "Every launch-critical calendar entry is published", true, "the launch calendar"},
	{CheckGoVotes, "Both sides voted go at the last readiness check-in", true, "check-ins"},
	{CheckRetroActions, "The retro has at least one action item", false, "the retro"},
}

// CheckKindOf returns the kind with key k.
func CheckKindOf(k string) (CheckKind, bool) {
	for _, c := range CheckKinds {
		if c.Key == k {
			return c, true
		}
	}
	return CheckKind{}, false
}

// Criterion is one condition of a milestone gate.
type Criterion struct {
	ID    string
	Text  string
	Check string // CheckManual or a CheckKinds key
	// TaskList is the list key a tasks_done check reads.
	TaskList string
	// DecisionKinds are the kinds a decisions_recorded check needs.
	DecisionKinds []string
	// DRI makes the criterion true: checks it off, or fixes what the
	// computed check reports.
	DRI       DRI
	CheckedBy *Author // a manual check, when checked off
	CheckedAt *time.Time

	// Filled in by Evaluate.
	Met      bool
	Why      string // what is met or missing, in a sentence
	Computed bool   // decided by Duet rather than checked off
}

// Milestone is a gate with its criteria.
type Milestone struct {
	ID          string
	Key         string
	Title       string
	Description string
	DueOn       Date
	Due         DueRule
	Criteria    []Criterion
	Status      string // pending, ready or complete
	Position    int
	Completed   *time.Time
	CompletedBy *Author
	// Override is the decision recording why the milestone completes
	// with unmet criteria: proposed (waiting for sign-off), or approved.
	Override *DecisionRef
	Version  int
}

// Unmet returns the criteria not met.
func (m *Milestone) Unmet() []Criterion {
	var out []Criterion
	for _, c := range m.Criteria {
		if !c.Met {
			out = append(out, c)
		}
	}
	return out
}

// GateFacts is what computed criteria read, gathered from the workspace.
type GateFacts struct {
	// Lists maps a task list key to its live tasks' counts, both sides'
	// tasks: a gate is the same for everyone.
	Lists map[string]ListCount
	// UnfilledRoles are required roles nobody holds.
	UnfilledRoles []Role
	// ApprovedKinds counts approved decisions by kind.
	ApprovedKinds map[string]int
	// Assets counts every asset of both sides, and those approved.
	Assets, AssetsApproved int
	// CalendarAssets counts the assets linked from entries not
	// cancelled, and those approved.
	CalendarAssets, CalendarAssetsApproved int
	// LaunchCritical counts launch-critical entries not cancelled, and
	// those published.
	LaunchCritical, LaunchCriticalPublished int
	// LastVotes are the go/no-go votes, by side, of the latest meeting
	// that has any.
	LastVotes map[Side]string
	// Docs holds, per signed document kind, its latest and latest
	// approved versions (0 when none).
	Docs map[string]DocState
}

// DocState is where a signed document stands.
type DocState struct {
	Latest, Approved int
	// LatestStatus is the status of the latest version.
	LatestStatus string
}

// ListCount counts a task list's live tasks.
type ListCount struct {
	Key     string
	Title   string
	Total   int
	Done    int
	Blocked int
	Overdue int
}

// Evaluate decides every criterion and the milestone's status.
func (m *Milestone) Evaluate(f GateFacts) {
	all := true
	for i := range m.Criteria {
		c := &m.Criteria[i]
		c.Met, c.Why, c.Computed = c.evaluate(f)
		all = all && c.Met
	}
	switch {
	case m.Completed != nil:
		m.Status = MilestoneComplete
	case all:
		m.Status = MilestoneReady
	default:
		m.Status = MilestonePending
	}
}

func (c *Criterion) evaluate(f GateFacts) (met bool, why string, computed bool) {
	manual := func(until string) (bool, string, bool) {
		if c.CheckedBy != nil {
			return true, "Checked off by " + c.CheckedBy.Name + until, false
		}
		return false, "Waiting for " + c.DRI.Who() + " to check this off" + until, false
	}
	switch c.Check {
	case CheckManual:
		return manual("")
	case CheckTasksDone:
		l, ok := f.Lists[c.TaskList]
		switch {
		case !ok:
			return false, fmt.Sprintf("The task list %q no longer exists.", c.TaskList), true
		case l.Total == 0:
			return true, l.Title + " has no tasks.", true
		case l.Done == l.Total:
			return true, fmt.Sprintf("All %d tasks of %s are done.", l.Total, l.Title), true
		}
		s := fmt.Sprintf("%d of %d tasks of %s are done", l.Done, l.Total, l.Title)
		if l.Blocked > 0 {
			s += fmt.Sprintf("; %d blocked", l.Blocked)
		}
		return false, s + ".", true
	case CheckRolesFilled:
		if len(f.UnfilledRoles) == 0 {
			return true, "Every required role has a holder.", true
		}
		names := make([]string, len(f.UnfilledRoles))
		for i, r := range f.UnfilledRoles {
			names[i] = r.Name
		}
		return false, "Nobody holds " + strings.Join(names, ", ") + ".", true
	case CheckDecisionsRecorded:
		var missing []string
		for _, k := range c.DecisionKinds {
			if f.ApprovedKinds[k] == 0 {
				missing = append(missing, DecisionKindName(k))
			}
		}
		if len(missing) == 0 {
			return true, "Approved decisions are recorded for each kind needed.", true
		}
		return false, "No approved decision yet for: " + strings.Join(missing, ", ") + ".", true
	case CheckAssetsApproved:
		return counted(f.AssetsApproved, f.Assets, "assets", "approved", "The approval folder has no assets yet.")
	case CheckCalendarApproved:
		return counted(f.CalendarAssetsApproved, f.CalendarAssets, "assets on the launch calendar", "approved", "No entry on the launch calendar links an asset yet.")
	case CheckGoVotes:
		host, partner := f.LastVotes[SideHost], f.LastVotes[SidePartner]
		switch {
		case host == "" && partner == "":
			return false, "No go/no-go votes yet.", true
		case host == VoteGo && partner == VoteGo:
			return true, "Both sides voted go at the last readiness check-in.", true
		}
		var missing []string
		for _, v := range []struct {
			side Side
			vote string
		}{{SideHost, host}, {SidePartner, partner}} {
			switch v.vote {
			case "":
				missing = append(missing, "the "+string(v.side)+" side has not voted")
			case VoteNoGo:
				missing = append(missing, "the "+string(v.side)+" side voted no-go")
			}
		}
		return false, "At the last readiness check-in " + JoinWords(missing) + ".", true
	case CheckBriefSigned:
		return docSigned(f.Docs[DocBrief], "campaign brief", "signed by both sides")
	case CheckRACIValid:
		return docSigned(f.Docs[DocRACI], "RACI matrix", "valid and signed by both sides")
	case CheckLeadRulesApproved:
		return docSigned(f.Docs[DocRules], "lead-share rules", "approved by both sides")
	case CheckCalendarPublished:
		return counted(f.LaunchCriticalPublished, f.LaunchCritical, "launch-critical entries", "published", "No entry on the launch calendar is marked launch-critical yet.")
	}
	k, _ := CheckKindOf(c.Check)
	return manual(" (checked by hand until Duet has " + k.Feature + ")")
}

// docSigned decides a signed-document check: met while its latest version
// is approved. A newer draft of an approved document is unmet until it is
// approved in turn: what both sides agreed is no longer what it says.
func docSigned(d DocState, name, state string) (bool, string, bool) {
	switch {
	case d.Latest == 0:
		return false, "The " + name + " has not been written yet.", true
	case d.Approved == d.Latest:
		return true, fmt.Sprintf("Version %d of the %s is %s.", d.Latest, name, state), true
	case d.Approved > 0:
		return false, fmt.Sprintf("Version %d of the %s was %s, but version %d (%s) changed it since.", d.Approved, name, state, d.Latest, d.LatestStatus), true
	}
	return false, fmt.Sprintf("Version %d of the %s is a %s, not yet %s.", d.Latest, name, d.LatestStatus, state), true
}

// counted decides a check that needs all of total things done: with
// nothing to count it is unmet and says why (none says what is missing).
func counted(done, total int, things, verb, none string) (bool, string, bool) {
	switch {
	case total == 0:
		return false, none, true
	case done == total:
		return true, fmt.Sprintf("All %d %s are %s.", total, things, verb), true
	}
	return false, fmt.Sprintf("%d of %d %s are %s.", done, total, things, verb), true
}

// Who names who holds the DRI: the person, or the unfilled role.
func (x DRI) Who() string {
	switch {
	case x.Member != nil:
		return x.Member.Name
	case x.RoleName != "":
		return "the " + x.RoleName + " (nobody holds the role)"
	}
	return "its DRI"
}

// OverrideKinds are the decision kinds an override may be recorded as.
var OverrideKinds = []string{KindScopeChange, KindLaunchCall}

// MilestoneCompletion is the input for completing a milestone. With unmet
// criteria it needs an override: a reason and the decision kind it is
// recorded as, which both sides then sign.
type MilestoneCompletion struct {
	Version        int
	OverrideKind   string
	OverrideReason string
}

// Validate checks the input; whether an override is needed is decided
// against the criteria.
func (in *MilestoneCompletion) Validate(needOverride bool) error {
	if err := MilestoneVersion(in.Version); err != nil {
		return err
	}
	if !needOverride {
		return nil
	}
	in.OverrideReason = strings.TrimSpace(in.OverrideReason)
	if in.OverrideReason == "" {
		return Invalid("override_reason", "is required: a criterion is unmet, so completing needs an override decision that says why")
	}
	if len(in.OverrideReason) > 4000 {
		return Invalid("override_reason", "must be at most 4000 characters")
	}
	switch in.OverrideKind {
	case KindScopeChange, KindLaunchCall:
	case "":
		return Invalid("override_kind", "is required: scope_change or launch_call")
	default:
		return Invalid("override_kind", "must be scope_change or launch_call, not %q", in.OverrideKind)
	}
	return nil
}

// MilestoneVersion checks the version a milestone change was made from.
func MilestoneVersion(v int) error {
	if v < 1 {
		return Invalid("version", "is required: the version of the milestone you read")
	}
	return nil
}

// MilestoneUpdate changes a milestone's due date; nil fields are left alone.
type MilestoneUpdate struct {
	Version int
	Due     *string
}

// CriterionCreate adds a manual check to a milestone.
type CriterionCreate struct {
	Text string
	DRI  string
}

// Validate checks the input.
func (in *CriterionCreate) Validate() (DRI, error) {
	in.Text = strings.TrimSpace(in.Text)
	if err := textField("text", in.Text, 300); err != nil {
		return DRI{}, err
	}
	return ParseDRI("dri", in.DRI)
}

// Reschedule is the input for moving the campaign's kickoff or launch.
// FromKickoff and FromLaunch are the dates the user saw the preview for;
// when set, the reschedule refuses to apply over a change made meanwhile.
type Reschedule struct {
	KickoffOn   string
	LaunchOn    string
	FromKickoff string
	FromLaunch  string
}

// Validate parses the new dates.
func (in *Reschedule) Validate() (kickoff, launch Date, err error) {
	if kickoff, err = ParseDate(strings.TrimSpace(in.KickoffOn)); err != nil {
		return kickoff, launch, Invalid("kickoff_on", "%s", err.Error())
	}
	if launch, err = ParseDate(strings.TrimSpace(in.LaunchOn)); err != nil {
		return kickoff, launch, Invalid("launch_on", "%s", err.Error())
	}
	if !launch.After(kickoff.Time) {
		return kickoff, launch, Invalid("launch_on", "must be after the kickoff date %s", kickoff)
	}
	if launch.Sub(kickoff.Time) > 3*366*24*time.Hour {
		return kickoff, launch, Invalid("launch_on", "must be within three years of kickoff")
	}
	return kickoff, launch, nil
}

// DateMove is one date a reschedule moves.
type DateMove struct {
	Kind       string // "task" or "milestone"
	ID         string
	Title      string
	Rule       string
	Due        DueRule
	Visibility Visibility
	From       Date
	To         Date
}

// Dated is an item with a due date, for rescheduling.
type Dated struct {
	Kind       string
	ID         string
	Title      string
	DueOn      Date
	Due        DueRule
	Visibility Visibility
}

// Shift computes the due dates of items under new campaign dates. Items
// following another task move with it, however long the chain; fixed
// dates stay. It returns only the dates that change, in item order.
func Shift(items []Dated, kickoff, launch Date) []DateMove {
	byID := map[string]*Dated{}
	for i := range items {
		byID[items[i].ID] = &items[i]
	}
	next := map[string]Date{}
	var resolve func(id string, depth int) Date
	resolve = func(id string, depth int) Date {
		if d, ok := next[id]; ok {
			return d
		}
		it, ok := byID[id]
		if !ok || depth > len(items) {
			return Date{}
		}
		d := it.DueOn
		if it.Due.Relative() {
			d = it.Due.Resolve(kickoff, launch, func(t string) Date { return resolve(t, depth+1) })
		}
		next[id] = d
		return d
	}
	var out []DateMove
	for _, it := range items {
		to := resolve(it.ID, 0)
		if !to.Equal(it.DueOn.Time) {
			out = append(out, DateMove{Kind: it.Kind, ID: it.ID, Title: it.Title, Rule: it.Due.String(), Due: it.Due,
				Visibility: it.Visibility, From: it.DueOn, To: to})
		}
	}
	return out
}
