package web

import (
	"html/template"
	"strconv"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
)

// This file turns task lists and tasks into what the task views show.

// TaskListCard is one task list (a stage) with its counts: a row of the
// lists page, a card of the overview, the head of the list's own page.
type TaskListCard struct {
	WS          string
	ID          string
	URL         string
	Title       string
	Description string
	DRI         DRIView
	Total       int
	Done        int
	Blocked     int
	Overdue     int
	Progress    int // percent of its tasks done
	Archived    bool
	// Manage shows the controls: move, archive, restore.
	Manage bool
	// Up and Down are the positions that move the list one place, for
	// the viewer who may reorder; -1 when it cannot move that way.
	Up   int
	Down int
}

// TaskRow is one task in a list.
type TaskRow struct {
	WS            string
	ID            string
	Ref           string // "T-12"
	Title         string
	URL           string
	DRI           DRIView
	Due           string
	DueISO        string
	DueRel        string
	Overdue       bool
	Status        string
	StatusLabel   string
	Done          bool
	BlockedReason string
	Checklist     string // "2/5", "" without a checklist
	ChecklistFull string // "2 of 5 checklist items done"
	ChecklistDone bool
	Waiting       string // "Waiting on 2 tasks"
	Only          string // "Hostco only" for a one-side task
	Class         string
	Version       int
	ListID        string
	// Up and Down are the positions that move the task one place within
	// its list; -1 when it cannot move that way or the viewer may not.
	Up   int
	Down int
}

// TaskRefView links another task.
type TaskRefView struct {
	Ref         string
	Title       string
	URL         string
	Status      string
	StatusLabel string
	Done        bool
	Only        string
	Class       string
}

// ChecklistItemView is one line of a task's checklist.
type ChecklistItemView struct {
	ID     string
	Text   string
	Done   bool
	DoneBy string
	DoneAt string
}

// TaskView is one task with everything its page shows about it.
type TaskView struct {
	WS            string
	ID            string
	Ref           string
	Title         string
	URL           string
	ListID        string
	ListTitle     string
	ListURL       string
	NotesHTML     template.HTML
	HasNotes      bool
	DRI           DRIView
	Collaborators []string
	Due           string
	DueISO        string
	DueRel        string
	DueRule       string // "launch-7d", "" for a fixed day
	DueRuleWords  string // "7 days before launch"
	Overdue       bool
	Status        string
	StatusLabel   string
	Done          bool
	BlockedReason string
	Only          string
	Class         string
	Version       int
	DependsOn     []TaskRefView
	Dependents    []TaskRefView
	Checklist     []ChecklistItemView
	Checked       int
	Created       string
	CreatedISO    string
	Updated       string
	UpdatedISO    string
	Completed     string
	CompletedISO  string
	CanEdit       bool
}

// CommentView is one comment on a task.
type CommentView struct {
	ID       string
	Author   string
	Initials string
	Org      string
	Class    string
	HTML     template.HTML
	Time     string
	TimeISO  string
	TimeFull string
}

// DRIChoice is the DRI picker: a role (whoever holds it is the DRI) or
// one person. Nothing else can be chosen: not a team, a side or an
// organization.
type DRIChoice struct {
	ID     string // the select's id
	Roles  []Option
	People []Option
	Err    string
}

// ErrID is the id of the error shown next to the picker.
func (c DRIChoice) ErrID() string { return c.ID + "-error" }

// taskListURL and taskURL are the pages of a list and a task.
func taskListURL(ws, id string) string { return "/w/" + ws + "/lists/" + id }
func taskURL(ws, id string) string     { return "/w/" + ws + "/tasks/" + id }

// taskRef writes a task's number: "T-12".
func taskRef(n int) string { return "T-" + strconv.Itoa(n) }

// today is the current day in the workspace's time zone.
func (v *viewer) today() duet.Date { return today(v.now, v.d.TimeZone) }

// dri describes a DRI for the viewer.
func (v *viewer) dri(x duet.DRI) DRIView { return driOf(x, v.o) }

// driChoice lays out the DRI picker with chosen ("role:KEY" or
// "member:ID") selected.
func (v *viewer) driChoice(id, chosen, err string) DRIChoice {
	c := DRIChoice{ID: id, Err: err}
	holders := duet.RoleHolders(v.d.Members)
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		for _, r := range v.d.Roles {
			if r.Side != side {
				continue
			}
			who := "nobody yet"
			if hs := holders[r.Key]; len(hs) > 0 {
				who = hs[0].Name
			}
			val := "role:" + r.Key
			c.Roles = append(c.Roles, Option{Value: val, Label: r.Name + " — " + who, Selected: val == chosen})
		}
		for _, m := range v.d.Members {
			if m.Side != side {
				continue
			}
			val := "member:" + m.ID
			c.People = append(c.People, Option{Value: val, Label: m.Name + " (" + v.o.of(m.Side) + ")", Selected: val == chosen})
		}
	}
	return c
}

// listCards lays out task lists with their counts. The viewer's editors
// get the positions that move each live list up or down.
func (v *viewer) listCards(infos []core.TaskListInfo) (live, archived []TaskListCard) {
	var liveAt []int // each live list's index among all lists
	for i, l := range infos {
		if !l.Archived {
			liveAt = append(liveAt, i)
		}
	}
	for _, l := range infos {
		c := v.listCard(l)
		if l.Archived {
			archived = append(archived, c)
			continue
		}
		n := len(live)
		if !v.guest() {
			// Core places a moved list at an index among all the others.
			if n > 0 {
				c.Up = liveAt[n-1]
			}
			if n+1 < len(liveAt) {
				c.Down = liveAt[n+1]
			}
		}
		live = append(live, c)
	}
	return live, archived
}

// listCard lays out one task list.
func (v *viewer) listCard(l core.TaskListInfo) TaskListCard {
	c := TaskListCard{WS: v.d.ID, ID: l.ID, URL: taskListURL(v.d.ID, l.ID), Title: l.Title, Description: l.Description,
		DRI: v.dri(l.DRI), Total: l.Total, Done: l.Done, Blocked: l.Blocked, Overdue: l.Overdue, Archived: l.Archived, Up: -1, Down: -1}
	if l.Total > 0 {
		c.Progress = l.Done * 100 / l.Total
	}
	return c
}

// taskRows lays out the tasks of one list in order. move gives the rows
// the positions that move them, for a viewer who may reorder the whole
// (unfiltered) list.
func (v *viewer) taskRows(ts []duet.Task, move bool) []TaskRow {
	out := make([]TaskRow, len(ts))
	for i, t := range ts {
		r := v.taskRow(t)
		if move {
			// Core places a task at a position, pushing the others from
			// there on down: before the previous task, after the next.
			if i > 0 {
				r.Up = ts[i-1].Position
			}
			if i+1 < len(ts) {
				r.Down = ts[i+1].Position + 1
			}
		}
		out[i] = r
	}
	return out
}

// taskRow lays out one task of a list.
func (v *viewer) taskRow(t duet.Task) TaskRow {
	r := TaskRow{WS: v.d.ID, ID: t.ID, Ref: taskRef(t.Number), Title: t.Title, URL: taskURL(v.d.ID, t.ID), DRI: v.dri(t.DRI),
		Status: t.Status, StatusLabel: duet.TaskStatusName(t.Status), Done: t.Status == duet.TaskDone, BlockedReason: t.BlockedReason,
		Only: v.o.onlyLabel(t.Visibility), Class: visClass(t.Visibility), Version: t.Version, ListID: t.ListID, Up: -1, Down: -1}
	r.Due, r.DueISO, r.DueRel, r.Overdue = v.due(t)
	if t.ChecklistTotal > 0 {
		r.Checklist = strconv.Itoa(t.ChecklistChecked) + "/" + strconv.Itoa(t.ChecklistTotal)
		r.ChecklistFull = strconv.Itoa(t.ChecklistChecked) + " of " + plural(t.ChecklistTotal, "checklist item", "checklist items") + " done"
		r.ChecklistDone = t.ChecklistChecked == t.ChecklistTotal
	}
	if t.WaitingOn > 0 && !r.Done {
		r.Waiting = "Waiting on " + plural(t.WaitingOn, "task", "tasks")
	}
	return r
}

// due writes a task's due date: the day, its machine form, how far it is
// from today, and whether it has passed unfinished.
func (v *viewer) due(t duet.Task) (day, iso, rel string, overdue bool) {
	if t.DueOn.IsZero() {
		return "", "", "", false
	}
	today := v.today()
	return formatDate(t.DueOn), t.DueOn.String(), relDays(daysFrom(today, t.DueOn)), t.Overdue(today)
}

// task lays out one task for its page.
func (v *viewer) task(td core.TaskDetail) TaskView {
	t := td.Task
	tv := TaskView{WS: v.d.ID, ID: t.ID, Ref: taskRef(t.Number), Title: t.Title, URL: taskURL(v.d.ID, t.ID),
		ListID: t.ListID, ListTitle: t.ListTitle, ListURL: taskListURL(v.d.ID, t.ListID),
		NotesHTML: t.NotesHTML, HasNotes: strings.TrimSpace(t.Notes) != "", DRI: v.dri(t.DRI),
		Status: t.Status, StatusLabel: duet.TaskStatusName(t.Status), Done: t.Status == duet.TaskDone, BlockedReason: t.BlockedReason,
		Only: v.o.onlyLabel(t.Visibility), Class: visClass(t.Visibility), Version: t.Version, CanEdit: td.CanEdit}
	if tv.ListTitle == "" {
		for _, l := range v.d.TaskLists {
			if l.ID == t.ListID {
				tv.ListTitle = l.Title
			}
		}
	}
	tv.Due, tv.DueISO, tv.DueRel, tv.Overdue = v.due(t)
	if t.Due.Relative() {
		tv.DueRule = t.Due.String()
		tv.DueRuleWords = dueRuleWords(t.Due)
	}
	for _, c := range t.Collaborators {
		tv.Collaborators = append(tv.Collaborators, c.Name)
	}
	for _, r := range t.DependsOn {
		tv.DependsOn = append(tv.DependsOn, v.taskRefView(r))
	}
	for _, r := range td.Dependents {
		tv.Dependents = append(tv.Dependents, v.taskRefView(r))
	}
	for _, c := range t.Checklist {
		iv := ChecklistItemView{ID: c.ID, Text: c.Text, Done: c.Done}
		if c.Done {
			tv.Checked++
			if c.DoneBy != nil {
				iv.DoneBy = c.DoneBy.Name
			}
			if c.DoneAt != nil {
				iv.DoneAt, _, _ = v.when(*c.DoneAt)
			}
		}
		tv.Checklist = append(tv.Checklist, iv)
	}
	tv.Created, tv.CreatedISO, _ = v.when(t.Created)
	tv.Updated, tv.UpdatedISO, _ = v.when(t.Updated)
	if t.Completed != nil {
		tv.Completed, tv.CompletedISO, _ = v.when(*t.Completed)
	}
	return tv
}

// taskRefView links a task the viewer sees.
func (v *viewer) taskRefView(r duet.TaskRef) TaskRefView {
	return TaskRefView{Ref: taskRef(r.Number), Title: r.Title, URL: taskURL(v.d.ID, r.ID), Status: r.Status,
		StatusLabel: duet.TaskStatusName(r.Status), Done: r.Status == duet.TaskDone, Only: v.o.onlyLabel(r.Visibility), Class: visClass(r.Visibility)}
}

// comments lays out a task's comments, oldest first as core returns them.
func (v *viewer) comments(cs []duet.TaskComment) []CommentView {
	out := make([]CommentView, len(cs))
	for i, c := range cs {
		cv := CommentView{ID: c.ID, Author: c.Author.Name, Initials: initials(c.Author.Name), Org: v.o.of(c.Author.Side),
			Class: sideClass(c.Author.Side), HTML: c.HTML}
		cv.Time, cv.TimeISO, cv.TimeFull = v.when(c.Created)
		out[i] = cv
	}
	return out
}

// changes lays out an item's history, newest first as core returns it. A
// change Duet made itself (a date following another) has no author.
func (v *viewer) changes(hs []duet.Change) []ChangeView {
	out := make([]ChangeView, len(hs))
	for i, h := range hs {
		cv := ChangeView{Who: h.Actor.Name, Summary: h.Summary}
		if cv.Who == "" {
			cv.Who = "Duet"
		}
		cv.When, cv.ISO, _ = v.when(h.At)
		out[i] = cv
	}
	return out
}

// taskStatusOptions are the statuses a task can be set to, with the
// current one marked.
func taskStatusOptions(current string) []Option {
	out := make([]Option, len(duet.TaskStatuses))
	for i, s := range duet.TaskStatuses {
		out[i] = Option{Value: s, Label: duet.TaskStatusName(s), Selected: s == current}
	}
	return out
}

// taskFields are the inputs of the task forms as core names them.
var taskFields = []string{"title", "notes", "dri", "due", "visibility", "depends_on", "list", "position", "collaborators"}

// listFields are the inputs of the task list forms.
var listFields = []string{"title", "description", "dri"}

// splitRefs reads "T-3, T-7" (or ids) typed into a dependencies field.
func splitRefs(s string) []string {
	out := []string{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// refsText writes dependencies as the field shows them: "T-3, T-7".
func refsText(rs []duet.TaskRef) string {
	ws := make([]string, len(rs))
	for i, r := range rs {
		ws[i] = taskRef(r.Number)
	}
	return strings.Join(ws, ", ")
}

// dueText writes a due date as the field shows it: the rule when the date
// follows one, else the day.
func dueText(t duet.Task) string {
	if t.Due.Relative() {
		return t.Due.String()
	}
	if t.DueOn.IsZero() {
		return ""
	}
	return t.DueOn.String()
}
