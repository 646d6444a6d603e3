package duet

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A Template is the declarative description of a campaign workspace. Files
// under templates/ decode into it; creating a workspace instantiates every
// part with real dates.
type Template struct {
	Key             string                `yaml:"key" json:"key"`
	Name            string                `yaml:"name" json:"name"`
	Description     string                `yaml:"description" json:"description"`
	PartnerType     string                `yaml:"partner_type" json:"partner_type"`
	Roles           []TemplateRole        `yaml:"roles" json:"roles"`
	Channels        []TemplateChannel     `yaml:"channels" json:"channels"`
	CheckIns        []TemplateCheckIn     `yaml:"check_ins" json:"check_ins"`
	Milestones      []TemplateMilestone   `yaml:"milestones" json:"milestones"`
	TaskLists       []TemplateTaskList    `yaml:"task_lists" json:"task_lists"`
	HillChart       TemplateHillChart     `yaml:"hill_chart" json:"hill_chart"`
	Apps            []TemplateApp         `yaml:"apps" json:"apps"`
	Integrations    []TemplateIntegration `yaml:"integrations" json:"integrations"`
	PinnedResources []TemplatePinned      `yaml:"pinned_resources" json:"pinned_resources"`
	// Assets says how assets are reviewed and how early they must be
	// approved before they publish.
	Assets TemplateAssets `yaml:"assets" json:"assets"`
	// Brief holds the campaign brief's starting goals and currency,
	// before anyone writes it.
	Brief Brief `yaml:"brief" json:"brief"`
	// DecisionSigners names, per decision kind, the roles that sign a
	// decision of that kind (at least one per side). Kinds not listed are
	// signed by the first role of each side.
	DecisionSigners map[string][]string `yaml:"decision_signers" json:"decision_signers,omitempty"`
	// AllowDueBeforeKickoff lets tasks fall due before the kickoff date
	// (for campaigns with preparation before the official start).
	AllowDueBeforeKickoff bool `yaml:"allow_due_before_kickoff" json:"allow_due_before_kickoff,omitempty"`
}

// TemplateRole is a role baked into the template; members fill it.
type TemplateRole struct {
	Key         string `yaml:"key" json:"key"`
	Name        string `yaml:"name" json:"name"`
	Side        Side   `yaml:"side" json:"side"`
	Description string `yaml:"description" json:"description"`
	// Optional roles (such as an Engineering Lead when the campaign has
	// no technical assets) are not flagged when nobody fills them.
	Optional bool `yaml:"optional" json:"optional"`
}

// TemplateAssets is the review workflow of the asset approval folder.
type TemplateAssets struct {
	// ReviewSteps are every step an asset may need, in order. Without
	// any, an asset is reviewed by the first role of the host side, then
	// signed off by the first role of the partner side.
	ReviewSteps []TemplateReviewStep `yaml:"review_steps" json:"review_steps"`
	// Kinds lists, per asset kind, the keys of its steps in order; a kind
	// not listed gets every step.
	Kinds map[string][]string `yaml:"kinds" json:"kinds,omitempty"`
	// Reset is what a new version sends back to review: "all" or
	// "from_changes" (the default).
	Reset string `yaml:"reset" json:"reset,omitempty"`
	// ApprovalLeadDays is how many business days before it publishes an
	// entry's assets must be approved (default 2).
	ApprovalLeadDays int `yaml:"approval_lead_days" json:"approval_lead_days,omitempty"`
}

// TemplateReviewStep is one review step: a role that approves. A
// parallel step runs alongside the step before it.
type TemplateReviewStep struct {
	Key      string `yaml:"key" json:"key"`
	Name     string `yaml:"name" json:"name"`
	Role     string `yaml:"role" json:"role"`
	Parallel bool   `yaml:"parallel" json:"parallel,omitempty"`
	stage    int
}

// ReviewStepsOf returns the steps of an asset kind, in order, each with
// its stage: steps run one after another unless marked parallel.
func (t *Template) ReviewStepsOf(kind string) []TemplateReviewStep {
	a := t.Assets
	all := a.ReviewSteps
	if len(all) == 0 {
		for _, side := range []Side{SideHost, SidePartner} {
			for _, r := range t.Roles {
				if r.Side == side {
					all = append(all, TemplateReviewStep{Key: string(side), Name: map[Side]string{SideHost: "Review", SidePartner: "Partner sign-off"}[side], Role: r.Key})
					break
				}
			}
		}
	}
	var out []TemplateReviewStep
	keys, listed := a.Kinds[kind]
	for _, s := range all {
		if !listed || slices.Contains(keys, s.Key) {
			out = append(out, s)
		}
	}
	if listed {
		slices.SortStableFunc(out, func(x, y TemplateReviewStep) int {
			return slices.Index(keys, x.Key) - slices.Index(keys, y.Key)
		})
	}
	for i := range out {
		out[i].stage = i
		if i > 0 {
			out[i].stage = out[i-1].stage
			if !out[i].Parallel {
				out[i].stage++
			}
		}
	}
	return out
}

// ResetPolicy returns the reset policy, defaulted.
func (a TemplateAssets) ResetPolicy() string {
	if a.Reset == "" {
		return ResetFromChanges
	}
	return a.Reset
}

// LeadDays returns the approval lead time in business days, defaulted.
func (a TemplateAssets) LeadDays() int {
	if a.ApprovalLeadDays == 0 {
		return 2
	}
	return a.ApprovalLeadDays
}

// TemplateChannel is a message thread with a purpose.
type TemplateChannel struct {
	Key        string     `yaml:"key" json:"key"`
	Name       string     `yaml:"name" json:"name"`
	Purpose    string     `yaml:"purpose" json:"purpose"`
	Visibility Visibility `yaml:"visibility" json:"visibility"`
}

// TemplateCheckIn is a recurring check-in.
type TemplateCheckIn struct {
	Key             string             `yaml:"key" json:"key"`
	Title           string             `yaml:"title" json:"title"`
	Purpose         string             `yaml:"purpose" json:"purpose"`
	Schedule        string             `yaml:"schedule" json:"schedule"` // weekly RRULE, e.g. FREQ=WEEKLY;BYDAY=MO
	Time            string             `yaml:"time" json:"time"`         // HH:MM in the workspace's time zone
	DurationMinutes int                `yaml:"duration_minutes" json:"duration_minutes"`
	AskRoles        []string           `yaml:"ask_roles" json:"ask_roles"`
	AskSides        []Side             `yaml:"ask_sides" json:"ask_sides"`
	Questions       []TemplateQuestion `yaml:"questions" json:"questions"`
}

// TemplateQuestion is one question of a check-in.
type TemplateQuestion struct {
	Key  string `yaml:"key" json:"key"`
	Text string `yaml:"text" json:"text"`
	Kind string `yaml:"kind" json:"kind"` // text or go_no_go
	// VoterRoles name who votes on a go_no_go question, one per side.
	VoterRoles []string `yaml:"voter_roles" json:"voter_roles,omitempty"`
}

// TemplateMilestone is a gate: what must be true before the campaign moves on.
type TemplateMilestone struct {
	Key         string              `yaml:"key" json:"key"`
	Title       string              `yaml:"title" json:"title"`
	Description string              `yaml:"description" json:"description"`
	Due         string              `yaml:"due" json:"due"` // relative date, e.g. launch-7d
	Criteria    []TemplateCriterion `yaml:"criteria" json:"criteria"`
}

// TemplateCriterion is one condition of a milestone: computed by Duet
// (check names the kind) or checked off by hand (no check). Either way a
// role is its DRI: who makes it true.
type TemplateCriterion struct {
	Text  string `yaml:"text" json:"text"`
	Check string `yaml:"check" json:"check,omitempty"`
	// TaskList is the list a tasks_done check reads.
	TaskList string `yaml:"task_list" json:"task_list,omitempty"`
	// DecisionKinds are the kinds a decisions_recorded check needs.
	DecisionKinds []string `yaml:"decision_kinds" json:"decision_kinds,omitempty"`
	DRI           string   `yaml:"dri" json:"dri"`
}

// TemplateTaskList is a stage with its DRI role and starter tasks.
type TemplateTaskList struct {
	Key         string         `yaml:"key" json:"key"`
	Title       string         `yaml:"title" json:"title"`
	Description string         `yaml:"description" json:"description"`
	DRI         string         `yaml:"dri" json:"dri"` // role key
	Tasks       []TemplateTask `yaml:"tasks" json:"tasks"`
}

// TemplateTask is a starter task; every one has a DRI role.
type TemplateTask struct {
	Title string `yaml:"title" json:"title"`
	DRI   string `yaml:"dri" json:"dri"` // role key
	Due   string `yaml:"due" json:"due"` // relative date
	// Visibility keeps a task to one side; shared when empty.
	Visibility Visibility `yaml:"visibility" json:"visibility,omitempty"`
}

// TemplateHillChart is the hill chart with one scope per task list.
type TemplateHillChart struct {
	Title  string          `yaml:"title" json:"title"`
	Scopes []TemplateScope `yaml:"scopes" json:"scopes"`
}

// TemplateScope is one dot on the hill chart.
type TemplateScope struct {
	Title    string `yaml:"title" json:"title"`
	TaskList string `yaml:"task_list" json:"task_list"` // task list key
}

// TemplateApp is a module switched on for the workspace.
type TemplateApp struct {
	Key     string `yaml:"key" json:"key"`
	Name    string `yaml:"name" json:"name"`
	Enabled bool   `yaml:"enabled" json:"enabled"`
}

// TemplateIntegration names an integration and what it is for.
type TemplateIntegration struct {
	Kind    string `yaml:"kind" json:"kind"`
	Purpose string `yaml:"purpose" json:"purpose"`
}

// TemplatePinned is a pinned resource.
type TemplatePinned struct {
	Key         string `yaml:"key" json:"key"`
	Title       string `yaml:"title" json:"title"`
	Description string `yaml:"description" json:"description"`
}

// Integration kinds Duet speaks.
var IntegrationKinds = []string{"slack", "google_drive", "hubspot"}

// Question kinds.
const (
	QuestionText   = "text"
	QuestionGoNoGo = "go_no_go"
)

// Problem is one thing wrong with a template, at a path such as
// task_lists[1].tasks[0].dri.
type Problem struct {
	Path string
	Msg  string
}

var keyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

// Validate returns every problem with the template, in document order.
func (t *Template) Validate() []Problem {
	var ps []Problem
	add := func(path, format string, args ...any) {
		ps = append(ps, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	need := func(path, v string) {
		if strings.TrimSpace(v) == "" {
			add(path, "is required")
		}
	}
	key := func(path, v string, seen map[string]bool) {
		switch {
		case v == "":
			add(path, "is required")
		case !keyPattern.MatchString(v):
			add(path, "%q must be lowercase letters, digits, '-' or '_'", v)
		case seen[v]:
			add(path, "%q is used twice", v)
		}
		seen[v] = true
	}

	key("key", t.Key, map[string]bool{})
	need("name", t.Name)
	need("description", t.Description)

	roles := map[string]TemplateRole{}
	seen := map[string]bool{}
	if len(t.Roles) == 0 {
		add("roles", "at least one role is required")
	}
	sides := map[Side]bool{}
	for i, r := range t.Roles {
		p := fmt.Sprintf("roles[%d]", i)
		key(p+".key", r.Key, seen)
		need(p+".name", r.Name)
		if !r.Side.Valid() {
			add(p+".side", "must be host or partner, not %q", r.Side)
		}
		sides[r.Side] = true
		roles[r.Key] = r
	}
	if len(t.Roles) > 0 && (!sides[SideHost] || !sides[SidePartner]) {
		add("roles", "needs at least one host role and one partner role")
	}
	role := func(path, k string) {
		if k == "" {
			add(path, "is required")
		} else if _, ok := roles[k]; !ok {
			add(path, "unknown role %q", k)
		}
	}

	seen = map[string]bool{}
	for i, c := range t.Channels {
		p := fmt.Sprintf("channels[%d]", i)
		key(p+".key", c.Key, seen)
		need(p+".name", c.Name)
		need(p+".purpose", c.Purpose)
		if !c.Visibility.Valid() {
			add(p+".visibility", "must be shared, host or partner, not %q", c.Visibility)
		}
	}

	seen = map[string]bool{}
	for i, c := range t.CheckIns {
		p := fmt.Sprintf("check_ins[%d]", i)
		key(p+".key", c.Key, seen)
		need(p+".title", c.Title)
		if _, err := ParseRecurrence(c.Schedule, templateEpoch); err != nil {
			add(p+".schedule", "%s", err.Error())
		}
		if _, _, err := ParseClock(c.Time); err != nil {
			add(p+".time", "%s", err.Error())
		}
		if c.DurationMinutes < 0 || c.DurationMinutes > 480 {
			add(p+".duration_minutes", "must be between 0 and 480")
		}
		if len(c.AskRoles) == 0 && len(c.AskSides) == 0 {
			add(p, "ask_roles or ask_sides is required")
		}
		for j, r := range c.AskRoles {
			role(fmt.Sprintf("%s.ask_roles[%d]", p, j), r)
		}
		for j, s := range c.AskSides {
			if !s.Valid() {
				add(fmt.Sprintf("%s.ask_sides[%d]", p, j), "must be host or partner, not %q", s)
			}
		}
		if len(c.Questions) == 0 {
			add(p+".questions", "at least one question is required")
		}
		qseen := map[string]bool{}
		for j, q := range c.Questions {
			qp := fmt.Sprintf("%s.questions[%d]", p, j)
			key(qp+".key", q.Key, qseen)
			need(qp+".text", q.Text)
			switch q.Kind {
			case QuestionText:
			case QuestionGoNoGo:
				if len(q.VoterRoles) == 0 {
					add(qp+".voter_roles", "a go/no-go question needs its voter roles")
				}
				for k, r := range q.VoterRoles {
					role(fmt.Sprintf("%s.voter_roles[%d]", qp, k), r)
				}
			default:
				add(qp+".kind", "must be text or go_no_go, not %q", q.Kind)
			}
		}
	}

	if len(t.Assets.ReviewSteps) == 0 && len(t.Assets.Kinds) > 0 {
		add("assets.kinds", "name the review_steps the kinds use")
	}
	steps := map[string]bool{}
	for i, rs := range t.Assets.ReviewSteps {
		p := fmt.Sprintf("assets.review_steps[%d]", i)
		key(p+".key", rs.Key, steps)
		need(p+".name", rs.Name)
		role(p+".role", rs.Role)
		if i == 0 && rs.Parallel {
			add(p+".parallel", "the first step has no step before it to run alongside")
		}
	}
	for _, k := range slices.Sorted(maps.Keys(t.Assets.Kinds)) {
		p := "assets.kinds." + k
		if !slices.Contains(AssetKinds, k) {
			add(p, "%q is not an asset kind; use one of %s", k, strings.Join(AssetKinds, ", "))
		}
		if len(t.Assets.Kinds[k]) == 0 {
			add(p, "an asset kind needs at least one review step")
		}
		for j, sk := range t.Assets.Kinds[k] {
			if !steps[sk] {
				add(fmt.Sprintf("%s[%d]", p, j), "%q is not one of the review steps", sk)
			}
		}
	}
	if r := t.Assets.Reset; r != "" && r != ResetAll && r != ResetFromChanges {
		add("assets.reset", "must be all or from_changes, not %q", r)
	}
	if err := t.Brief.Validate(); err != nil {
		add("brief."+ErrorField(err), "%s", ErrorMessage(err))
	}
	if d := t.Assets.ApprovalLeadDays; d < 0 || d > 20 {
		add("assets.approval_lead_days", "must be between 0 and 20 business days, not %d", d)
	}

	listKeys := map[string]bool{}
	for _, l := range t.TaskLists {
		listKeys[l.Key] = true
	}
	seen = map[string]bool{}
	for i, m := range t.Milestones {
		p := fmt.Sprintf("milestones[%d]", i)
		key(p+".key", m.Key, seen)
		need(p+".title", m.Title)
		if _, err := ParseRelDate(m.Due); err != nil {
			add(p+".due", "%s", err.Error())
		}
		if len(m.Criteria) == 0 {
			add(p+".criteria", "a milestone needs at least one criterion")
		}
		for j, c := range m.Criteria {
			cp := fmt.Sprintf("%s.criteria[%d]", p, j)
			need(cp+".text", c.Text)
			role(cp+".dri", c.DRI)
			if c.Check != CheckManual {
				if _, ok := CheckKindOf(c.Check); !ok {
					add(cp+".check", "%q is not a check; use one of %s, or none for a manual check", c.Check, checkKeys())
				}
			}
			switch {
			case c.Check == CheckTasksDone && !listKeys[c.TaskList]:
				add(cp+".task_list", "a tasks_done check needs one of the template's task lists, not %q", c.TaskList)
			case c.Check != CheckTasksDone && c.TaskList != "":
				add(cp+".task_list", "only a tasks_done check reads a task list")
			}
			if c.Check == CheckDecisionsRecorded && len(c.DecisionKinds) == 0 {
				add(cp+".decision_kinds", "a decisions_recorded check needs at least one decision kind")
			}
			for k, dk := range c.DecisionKinds {
				if !validKind(dk) {
					add(fmt.Sprintf("%s.decision_kinds[%d]", cp, k), "%q is not a decision kind; use one of %s", dk, strings.Join(DecisionKinds, ", "))
				}
			}
		}
	}

	lists := map[string]bool{}
	for i, l := range t.TaskLists {
		p := fmt.Sprintf("task_lists[%d]", i)
		key(p+".key", l.Key, lists)
		need(p+".title", l.Title)
		role(p+".dri", l.DRI)
		for j, task := range l.Tasks {
			tp := fmt.Sprintf("%s.tasks[%d]", p, j)
			need(tp+".title", task.Title)
			role(tp+".dri", task.DRI)
			if _, err := ParseRelDate(task.Due); err != nil {
				add(tp+".due", "%s", err.Error())
			}
			if task.Visibility != "" && !task.Visibility.Valid() {
				add(tp+".visibility", "must be shared, host or partner, not %q", task.Visibility)
			} else if r, ok := roles[task.DRI]; ok && task.Visibility != "" && task.Visibility != VisShared && string(task.Visibility) != string(r.Side) {
				add(tp+".visibility", "a %s-only task cannot have a %s-side DRI", task.Visibility, r.Side)
			}
		}
	}

	if len(t.HillChart.Scopes) > 0 || t.HillChart.Title != "" {
		need("hill_chart.title", t.HillChart.Title)
		for i, s := range t.HillChart.Scopes {
			p := fmt.Sprintf("hill_chart.scopes[%d]", i)
			need(p+".title", s.Title)
			if s.TaskList != "" && !lists[s.TaskList] {
				add(p+".task_list", "unknown task list %q", s.TaskList)
			}
		}
	}

	seen = map[string]bool{}
	for i, a := range t.Apps {
		p := fmt.Sprintf("apps[%d]", i)
		key(p+".key", a.Key, seen)
		need(p+".name", a.Name)
	}

	seen = map[string]bool{}
	for i, in := range t.Integrations {
		p := fmt.Sprintf("integrations[%d]", i)
		if !contains(IntegrationKinds, in.Kind) {
			add(p+".kind", "must be one of %s, not %q", strings.Join(IntegrationKinds, ", "), in.Kind)
		} else if seen[in.Kind] {
			add(p+".kind", "%q is listed twice", in.Kind)
		}
		seen[in.Kind] = true
	}

	seen = map[string]bool{}
	for i, r := range t.PinnedResources {
		p := fmt.Sprintf("pinned_resources[%d]", i)
		key(p+".key", r.Key, seen)
		need(p+".title", r.Title)
	}
	kinds := make([]string, 0, len(t.DecisionSigners))
	for k := range t.DecisionSigners {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds) // problems in a stable order
	for _, k := range kinds {
		p := "decision_signers." + k
		if !validKind(k) {
			add(p, "%q is not a decision kind; use one of %s", k, strings.Join(DecisionKinds, ", "))
			continue
		}
		sides := map[Side]bool{}
		for i, rk := range t.DecisionSigners[k] {
			r, ok := roles[rk]
			if !ok {
				add(fmt.Sprintf("%s[%d]", p, i), "%q is not a role of this template", rk)
				continue
			}
			sides[r.Side] = true
		}
		if !sides[SideHost] || !sides[SidePartner] {
			add(p, "needs at least one signer role on each side")
		}
	}
	return ps
}

func checkKeys() string {
	keys := make([]string, len(CheckKinds))
	for i, k := range CheckKinds {
		keys[i] = k.Key
	}
	return strings.Join(keys, ", ")
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// RelDate is a date relative to the campaign's kickoff or launch.
type RelDate struct {
	Anchor string // "kickoff" or "launch"
	Days   int
}

var relDatePattern = regexp.MustCompile(`^(kickoff|launch)(?:([+-])(\d{1,3})d)?$`)

// ParseRelDate parses "kickoff", "launch+3d" or "launch-14d".
func ParseRelDate(s string) (RelDate, error) {
	m := relDatePattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return RelDate{}, fmt.Errorf("%q is not a relative date like kickoff+3d or launch-14d", s)
	}
	r := RelDate{Anchor: m[1]}
	if m[3] != "" {
		r.Days, _ = strconv.Atoi(m[3])
		if m[2] == "-" {
			r.Days = -r.Days
		}
	}
	return r, nil
}

// Resolve returns the real date for the given kickoff and launch dates.
func (r RelDate) Resolve(kickoff, launch Date) Date {
	base := kickoff
	if r.Anchor == "launch" {
		base = launch
	}
	return base.AddDays(r.Days)
}

// templateEpoch is the start a template's schedules are checked from: a
// template has no dates of its own.
var templateEpoch = Date{time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}

// ParseClock parses "HH:MM".
func ParseClock(s string) (hour, min int, err error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, 0, fmt.Errorf("%q is not a time like 10:00", s)
	}
	return t.Hour(), t.Minute(), nil
}
