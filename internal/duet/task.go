package duet

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Task statuses. A task moves open → in progress → done; it may be
// blocked (with a reason) on the way, and a done task may be reopened.
const (
	TaskOpen       = "open"
	TaskInProgress = "in_progress"
	TaskBlocked    = "blocked"
	TaskDone       = "done"
)

// TaskStatuses lists the statuses in the order pages show them.
var TaskStatuses = []string{TaskOpen, TaskInProgress, TaskBlocked, TaskDone}

// TaskStatusName is how a status reads on a page.
func TaskStatusName(s string) string {
	switch s {
	case TaskInProgress:
		return "In progress"
	case TaskOpen:
		return "Open"
	case TaskBlocked:
		return "Blocked"
	case TaskDone:
		return "Done"
	}
	return s
}

func validStatus(s string) bool {
	for _, x := range TaskStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// Due anchors: a due date is a fixed day, or a number of days from the
// campaign's kickoff or launch, or from another task's due date.
const (
	AnchorNone    = ""
	AnchorKickoff = "kickoff"
	AnchorLaunch  = "launch"
	AnchorTask    = "task"
)

// DueRule says how a due date is set. A rule with an anchor moves with
// it: rescheduling the launch moves every date set relative to it.
type DueRule struct {
	Anchor     string
	Days       int
	TaskID     string // AnchorTask: the task whose due date this follows
	TaskNumber int    // AnchorTask: that task's T-number, for display
}

// Relative reports whether the rule follows an anchor.
func (r DueRule) Relative() bool { return r.Anchor != AnchorNone }

// String writes the rule as it is typed: "launch-7d", "kickoff",
// "T-12+2d"; "" for a fixed date.
func (r DueRule) String() string {
	var b strings.Builder
	switch r.Anchor {
	case AnchorNone:
		return ""
	case AnchorTask:
		fmt.Fprintf(&b, "T-%d", r.TaskNumber)
	default:
		b.WriteString(r.Anchor)
	}
	if r.Days > 0 {
		fmt.Fprintf(&b, "+%dd", r.Days)
	} else if r.Days < 0 {
		fmt.Fprintf(&b, "%dd", r.Days)
	}
	return b.String()
}

var dueRulePattern = regexp.MustCompile(`^(?i)(kickoff|launch|T-(\d{1,9}))\s*(?:([+-])\s*(\d{1,4})\s*d?)?$`)

// ParseDue parses what a user types as a due date: empty (no due date),
// a day "2026-03-12", or a rule "launch-7d", "kickoff+3d", "T-12+2d".
// A T-n rule comes back with TaskNumber set; the caller resolves it.
func ParseDue(field, s string) (Date, DueRule, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, DueRule{}, nil
	}
	if d, err := ParseDate(s); err == nil {
		return d, DueRule{}, nil
	}
	m := dueRulePattern.FindStringSubmatch(s)
	if m == nil {
		return Date{}, DueRule{}, Invalid(field, "%q is not a date like 2026-03-12 or a rule like launch-7d, kickoff+3d or T-12+2d", s)
	}
	var r DueRule
	switch {
	case m[2] != "":
		r.Anchor = AnchorTask
		r.TaskNumber, _ = strconv.Atoi(m[2])
	default:
		r.Anchor = strings.ToLower(m[1])
	}
	if m[4] != "" {
		n, _ := strconv.Atoi(m[4])
		if n > 3*366 {
			return Date{}, DueRule{}, Invalid(field, "%d days is more than three years", n)
		}
		r.Days = n
		if m[3] == "-" {
			r.Days = -n
		}
	}
	return Date{}, r, nil
}

// Resolve returns the date a rule gives: from the campaign's dates, or
// from the due date of the task it follows (dueOf).
func (r DueRule) Resolve(kickoff, launch Date, dueOf func(taskID string) Date) Date {
	switch r.Anchor {
	case AnchorKickoff:
		return kickoff.AddDays(r.Days)
	case AnchorLaunch:
		return launch.AddDays(r.Days)
	case AnchorTask:
		base := dueOf(r.TaskID)
		if base.IsZero() {
			return Date{}
		}
		return base.AddDays(r.Days)
	}
	return Date{}
}

// TaskRef names another task.
type TaskRef struct {
	ID         string
	Number     int
	Title      string
	Status     string
	Visibility Visibility
}

// ChecklistItem is one line of a task's checklist.
type ChecklistItem struct {
	ID     string
	Text   string
	Done   bool
	DoneBy *Author
	DoneAt *time.Time
}

// Task is one item of a task list, with exactly one DRI.
type Task struct {
	ID            string
	WorkspaceID   string
	ListID        string
	ListTitle     string
	Number        int // T-n within the workspace
	Title         string
	Notes         string
	NotesHTML     template.HTML
	DRI           DRI
	Collaborators []Author
	DueOn         Date // zero: no due date
	Due           DueRule
	Status        string
	BlockedReason string
	Visibility    Visibility
	Position      int
	// Version counts changes; an update names the version it was made
	// from, so a change never silently overwrites one made meanwhile.
	Version   int
	DependsOn []TaskRef
	Checklist []ChecklistItem
	// Counted in listings, where the checklist and dependencies are not
	// loaded: checklist items, those checked, and unfinished dependencies.
	ChecklistTotal   int
	ChecklistChecked int
	WaitingOn        int
	Created          time.Time
	Updated          time.Time
	Completed        *time.Time
	Archived         bool
}

// Overdue reports whether the task is past its due date on day today.
func (t *Task) Overdue(today Date) bool {
	return t.Status != TaskDone && !t.DueOn.IsZero() && t.DueOn.Before(today.Time)
}

// MemberIDs returns the members' ids, in order.
func MemberIDs(as []Author) []string {
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.MemberID
	}
	return ids
}

// TaskIDs returns the tasks' ids, in order.
func TaskIDs(rs []TaskRef) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

// TaskComment is a comment on a task, Markdown like a message.
type TaskComment struct {
	ID      string
	TaskID  string
	Author  Author
	Body    string
	HTML    template.HTML
	Created time.Time
}

// Change is one entry of an item's history: who did what, when.
type Change struct {
	ID      string
	Subject string // the task, task list, milestone or hill chart
	Actor   Author
	At      time.Time
	Summary string
}

// ParseDRI reads a DRI chosen on a form or in the API: exactly one person
// ("member:ID") or one role ("role:KEY"), whose holder is then the DRI.
// Nothing else can be responsible: not a side, a team or an organization.
func ParseDRI(field, s string) (DRI, error) {
	kind, v, ok := strings.Cut(strings.TrimSpace(s), ":")
	v = strings.TrimSpace(v)
	switch {
	case s == "":
		return DRI{}, Invalid(field, "is required: every item has exactly one directly responsible person")
	case ok && kind == "role" && v != "":
		return DRI{RoleKey: v}, nil
	case ok && kind == "member" && v != "":
		return DRI{MemberID: v}, nil
	}
	return DRI{}, Invalid(field, "must be one person (member:ID) or one role (role:KEY); a team, side or organization cannot be a DRI, and %q is neither", s)
}

// Ref returns the DRI as ParseDRI reads it.
func (x DRI) Ref() string {
	if x.MemberID != "" {
		return "member:" + x.MemberID
	}
	return "role:" + x.RoleKey
}

// TaskListCreate is the input for adding a task list (a stage).
type TaskListCreate struct {
	Title       string
	Description string
	DRI         string
}

// Validate checks the input.
func (in *TaskListCreate) Validate() (DRI, error) {
	in.Title, in.Description = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description)
	if err := textField("title", in.Title, 120); err != nil {
		return DRI{}, err
	}
	if utf8.RuneCountInString(in.Description) > 2000 {
		return DRI{}, Invalid("description", "must be at most 2000 characters")
	}
	return ParseDRI("dri", in.DRI)
}

// TaskListUpdate changes a task list; nil fields are left alone.
type TaskListUpdate struct {
	Title       *string
	Description *string
	DRI         *string
	Position    *int
	Archived    *bool
}

// Validate checks the fields that are set.
func (in *TaskListUpdate) Validate() (*DRI, error) {
	if in.Title != nil {
		*in.Title = strings.TrimSpace(*in.Title)
		if err := textField("title", *in.Title, 120); err != nil {
			return nil, err
		}
	}
	if in.Description != nil {
		*in.Description = strings.TrimSpace(*in.Description)
		if utf8.RuneCountInString(*in.Description) > 2000 {
			return nil, Invalid("description", "must be at most 2000 characters")
		}
	}
	if in.Position != nil && *in.Position < 0 {
		return nil, Invalid("position", "must be 0 or more")
	}
	if in.DRI == nil {
		return nil, nil
	}
	x, err := ParseDRI("dri", *in.DRI)
	return &x, err
}

// Task limits.
const (
	MaxTaskNotes     = 20000
	MaxChecklist     = 100
	MaxDependencies  = 50
	MaxCollaborators = 20
)

// TaskCreate is the input for adding a task to a list.
type TaskCreate struct {
	ListID        string
	Title         string
	Notes         string
	DRI           string
	Collaborators []string // member ids
	Due           string   // see ParseDue
	Visibility    Visibility
	DependsOn     []string // task ids or T-n
	Checklist     []string
}

// TaskInput is a TaskCreate or TaskUpdate after validation.
type TaskInput struct {
	DRI   *DRI
	DueOn Date
	Due   DueRule
	// HasDue reports whether the due date is being set (or cleared).
	HasDue bool
}

// Validate checks the input.
func (in *TaskCreate) Validate() (TaskInput, error) {
	var p TaskInput
	in.Title = strings.TrimSpace(in.Title)
	if in.ListID == "" {
		return p, Invalid("list", "is required")
	}
	if err := textField("title", in.Title, 200); err != nil {
		return p, err
	}
	if err := notesField(in.Notes); err != nil {
		return p, err
	}
	x, err := ParseDRI("dri", in.DRI)
	if err != nil {
		return p, err
	}
	p.DRI = &x
	if p.DueOn, p.Due, err = ParseDue("due", in.Due); err != nil {
		return p, err
	}
	p.HasDue = true
	if in.Visibility == "" {
		in.Visibility = VisShared
	}
	if !in.Visibility.Valid() {
		return p, Invalid("visibility", "must be shared, host or partner, not %q", in.Visibility)
	}
	if len(in.Collaborators) > MaxCollaborators {
		return p, Invalid("collaborators", "at most %d people", MaxCollaborators)
	}
	if len(in.DependsOn) > MaxDependencies {
		return p, Invalid("depends_on", "at most %d tasks", MaxDependencies)
	}
	if len(in.Checklist) > MaxChecklist {
		return p, Invalid("checklist", "at most %d items", MaxChecklist)
	}
	for i := range in.Checklist {
		in.Checklist[i] = strings.TrimSpace(in.Checklist[i])
		if err := textField("checklist", in.Checklist[i], 300); err != nil {
			return p, err
		}
	}
	return p, nil
}

func notesField(s string) error {
	if len(s) > MaxTaskNotes {
		return Invalid("notes", "must be at most %d KB", MaxTaskNotes/1000)
	}
	if strings.ContainsRune(s, 0) {
		return Invalid("notes", "must not contain NUL characters")
	}
	return nil
}

// TaskUpdate changes a task; nil fields are left alone. Version is the
// version the change was made from.
type TaskUpdate struct {
	Version       int
	Title         *string
	Notes         *string
	DRI           *string
	Collaborators *[]string
	Due           *string
	Status        *string
	BlockedReason string // required when Status becomes blocked
	DependsOn     *[]string
	ListID        *string // move to another list
	Position      *int    // place within the list, 0 first
	Archived      *bool
}

// Validate checks the fields that are set.
func (in *TaskUpdate) Validate() (TaskInput, error) {
	var p TaskInput
	if in.Version < 1 {
		return p, Invalid("version", "is required: the version of the task you changed")
	}
	if in.Title != nil {
		*in.Title = strings.TrimSpace(*in.Title)
		if err := textField("title", *in.Title, 200); err != nil {
			return p, err
		}
	}
	if in.Notes != nil {
		if err := notesField(*in.Notes); err != nil {
			return p, err
		}
	}
	if in.DRI != nil {
		x, err := ParseDRI("dri", *in.DRI)
		if err != nil {
			return p, err
		}
		p.DRI = &x
	}
	if in.Due != nil {
		var err error
		if p.DueOn, p.Due, err = ParseDue("due", *in.Due); err != nil {
			return p, err
		}
		p.HasDue = true
	}
	if in.Status != nil {
		if !validStatus(*in.Status) {
			return p, Invalid("status", "must be one of %s, not %q", strings.Join(TaskStatuses, ", "), *in.Status)
		}
		in.BlockedReason = strings.TrimSpace(in.BlockedReason)
		if *in.Status == TaskBlocked {
			if in.BlockedReason == "" {
				return p, Invalid("blocked_reason", "is required: say what blocks the task, so someone can unblock it")
			}
			if err := textField("blocked_reason", in.BlockedReason, 500); err != nil {
				return p, err
			}
		}
	}
	if in.Collaborators != nil && len(*in.Collaborators) > MaxCollaborators {
		return p, Invalid("collaborators", "at most %d people", MaxCollaborators)
	}
	if in.DependsOn != nil && len(*in.DependsOn) > MaxDependencies {
		return p, Invalid("depends_on", "at most %d tasks", MaxDependencies)
	}
	if in.Position != nil && *in.Position < 0 {
		return p, Invalid("position", "must be 0 or more")
	}
	return p, nil
}

// TaskFilter selects tasks; zero fields select everything.
type TaskFilter struct {
	ListID   string
	DRI      string // a member id: tasks whose DRI is that member
	Status   string
	DueFrom  Date
	DueTo    Date
	Open     bool // only tasks not done
	Archived bool // list archived tasks instead of live ones
	// CompletedAfter keeps tasks done after this instant.
	CompletedAfter time.Time
	Limit          int
}

// MaxTaskPage bounds one listing.
const MaxTaskPage = 10000

// Validate checks the filter.
func (f *TaskFilter) Validate() error {
	if f.Status != "" && !validStatus(f.Status) {
		return Invalid("status", "must be one of %s, not %q", strings.Join(TaskStatuses, ", "), f.Status)
	}
	if !f.DueFrom.IsZero() && !f.DueTo.IsZero() && f.DueTo.Before(f.DueFrom.Time) {
		return Invalid("due_to", "must not be before due_from")
	}
	if f.Limit < 0 || f.Limit > MaxTaskPage {
		return Invalid("limit", "must be between 1 and %d", MaxTaskPage)
	}
	if f.Limit == 0 {
		f.Limit = MaxTaskPage
	}
	return nil
}

// DependencyCycle reports whether making task depend on each of deps
// would close a cycle, given the existing edges (task → what it depends
// on). It returns the path of the cycle, starting and ending at task.
func DependencyCycle(task string, deps []string, edges map[string][]string) []string {
	for _, d := range deps {
		if d == task {
			return []string{task, task}
		}
		// Search from d for task along the existing edges.
		prev := map[string]string{d: ""}
		queue := []string{d}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, next := range edges[n] {
				if _, seen := prev[next]; seen {
					continue
				}
				prev[next] = n
				if next == task {
					path := []string{task}
					for at := n; at != ""; at = prev[at] {
						path = append(path, at)
					}
					// path is task ← n ← … ← d; read it forwards.
					out := []string{task}
					for i := len(path) - 1; i >= 1; i-- {
						out = append(out, path[i])
					}
					return append(out, task)
				}
				queue = append(queue, next)
			}
		}
	}
	return nil
}
