package core

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"duet/internal/duet"
	"duet/internal/markdown"
	"duet/internal/store"
)

// TaskListInfo is a task list with its live tasks counted as the actor
// sees them.
type TaskListInfo struct {
	duet.TaskList
	Total   int
	Done    int
	Blocked int
	Overdue int
}

// TaskDetail is one task with everything its page shows.
type TaskDetail struct {
	Task     duet.Task
	Comments []duet.TaskComment
	History  []duet.Change
	// Dependents are the tasks waiting on this one (that the actor sees).
	Dependents []duet.TaskRef
	// CanEdit reports whether the actor may change the task (guests
	// comment only).
	CanEdit bool
}

// maxHistory bounds the history an item's page shows.
const maxHistory = 200

// TaskLists returns the workspace's task lists in position order, with
// counts of the tasks the actor sees; archived lists are included, flagged.
func (s *Service) TaskLists(ctx context.Context, a *duet.Actor, wsID string) ([]TaskListInfo, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var counts map[string]duet.ListCount
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		counts, err = tx.ListCounts(ctx, wsID, d.Side, s.today(d))
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]TaskListInfo, len(d.TaskLists))
	for i, l := range d.TaskLists {
		c := counts[l.ID]
		out[i] = TaskListInfo{TaskList: l, Total: c.Total, Done: c.Done, Blocked: c.Blocked, Overdue: c.Overdue}
	}
	return out, nil
}

// today is the current day in the workspace's time zone.
func (s *Service) today(d *duet.WorkspaceDetail) duet.Date {
	loc := d.Loc
	if loc == nil {
		loc = time.UTC
	}
	return duet.DayOf(s.Now(), loc)
}

// checkDRI checks a chosen DRI against the workspace: the role or the
// member must exist, and an item kept to one side needs a DRI of that
// side. It returns the DRI resolved.
func checkDRI(d *duet.WorkspaceDetail, x duet.DRI, vis duet.Visibility) (duet.DRI, error) {
	var side duet.Side
	if x.RoleKey != "" {
		r, ok := roleOf(d.Roles, x.RoleKey)
		if !ok {
			return x, duet.Invalid("dri", "%q is not a role of this workspace", x.RoleKey)
		}
		side = r.Side
	} else {
		m, ok := memberByID(d.Members, x.MemberID)
		if !ok {
			return x, duet.Invalid("dri", "that person is not a member of this workspace")
		}
		side = m.Side
	}
	if vis != duet.VisShared && vis != "" && string(vis) != string(side) {
		return x, duet.Invalid("dri", "a %s-only item needs a DRI on that side", vis)
	}
	d.ResolveDRI(&x)
	return x, nil
}

func roleOf(roles []duet.Role, key string) (duet.Role, bool) {
	for _, r := range roles {
		if r.Key == key {
			return r, true
		}
	}
	return duet.Role{}, false
}

func memberByID(members []duet.Member, id string) (duet.Member, bool) {
	for _, m := range members {
		if m.ID == id {
			return m, true
		}
	}
	return duet.Member{}, false
}

// listOf returns a live task list of the workspace.
func listOf(d *duet.WorkspaceDetail, id string) (duet.TaskList, error) {
	for _, l := range d.TaskLists {
		if l.ID == id {
			return l, nil
		}
	}
	return duet.TaskList{}, duet.NotFound("task list")
}

// CreateTaskList adds a stage at the end.
func (s *Service) CreateTaskList(ctx context.Context, a *duet.Actor, wsID string, in duet.TaskListCreate) (duet.TaskList, error) {
	x, err := in.Validate()
	if err != nil {
		return duet.TaskList{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.TaskList{}, err
	}
	if x, err = checkDRI(d, x, duet.VisShared); err != nil {
		return duet.TaskList{}, err
	}
	l := duet.TaskList{ID: store.NewID(), Key: listKey(in.Title, d.TaskLists), Title: in.Title, Description: in.Description, DRI: x}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if err := tx.InsertTaskList(ctx, wsID, &l); err != nil {
			return err
		}
		if err := s.history(ctx, tx, wsID, l.ID, m, "added the list "+quote(l.Title)+" with "+x.Who()+" as DRI"); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(a, wsID, "tasklist.created", l.ID))
	})
	return l, err
}

var nonKey = regexp.MustCompile(`[^a-z0-9]+`)

// listKey makes a key for a new list from its title, unique in the
// workspace.
func listKey(title string, lists []duet.TaskList) string {
	base := strings.Trim(nonKey.ReplaceAllString(strings.ToLower(title), "-"), "-")
	if len(base) > 40 {
		base = strings.Trim(base[:40], "-")
	}
	if base == "" {
		base = "list"
	}
	taken := map[string]bool{}
	for _, l := range lists {
		taken[l.Key] = true
	}
	key := base
	for n := 2; taken[key]; n++ {
		key = base + "-" + strconv.Itoa(n)
	}
	return key
}

// UpdateTaskList renames, re-describes, reassigns, moves (Position) or
// archives/restores a task list.
func (s *Service) UpdateTaskList(ctx context.Context, a *duet.Actor, wsID, listID string, in duet.TaskListUpdate) (duet.TaskList, error) {
	x, err := in.Validate()
	if err != nil {
		return duet.TaskList{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.TaskList{}, err
	}
	l, err := listOf(d, listID)
	if err != nil {
		return l, err
	}
	var changes []string
	if in.Title != nil && *in.Title != l.Title {
		changes = append(changes, "renamed the list to "+quote(*in.Title))
		l.Title = *in.Title
	}
	if in.Description != nil && *in.Description != l.Description {
		changes = append(changes, "changed the description")
		l.Description = *in.Description
	}
	if x != nil && x.Ref() != l.DRI.Ref() {
		if l.DRI, err = checkDRI(d, *x, duet.VisShared); err != nil {
			return l, err
		}
		changes = append(changes, "made "+l.DRI.Who()+" the DRI")
	}
	if in.Archived != nil && *in.Archived != l.Archived {
		l.Archived = *in.Archived
		changes = append(changes, map[bool]string{true: "archived the list", false: "restored the list"}[l.Archived])
	}
	var order []string
	if in.Position != nil {
		for _, o := range d.TaskLists {
			if o.ID != l.ID {
				order = append(order, o.ID)
			}
		}
		p := min(*in.Position, len(order))
		order = append(order[:p], append([]string{l.ID}, order[p:]...)...)
		if p != l.Position {
			changes = append(changes, fmt.Sprintf("moved the list to position %d", p+1))
		}
		l.Position = p
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil || len(changes) == 0 {
			return err
		}
		if err := tx.UpdateTaskList(ctx, wsID, l, s.Now()); err != nil {
			return err
		}
		if order != nil {
			if err := tx.ReorderTaskLists(ctx, wsID, order); err != nil {
				return err
			}
		}
		if err := s.history(ctx, tx, wsID, l.ID, m, strings.Join(changes, "; ")); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(a, wsID, "tasklist.updated", l.ID))
	})
	return l, err
}

// history records a change made by member m.
func (s *Service) history(ctx context.Context, tx *store.Tx, wsID, subject string, m *duet.Member, summary string) error {
	return tx.AddHistory(ctx, wsID, duet.Change{Subject: subject, Actor: duet.Author{MemberID: m.ID}, At: s.Now(), Summary: summary})
}

func quote(s string) string { return "“" + s + "”" }

// Tasks lists the tasks the actor sees, in list then position order, with
// DRIs resolved; notes are not rendered.
func (s *Service) Tasks(ctx context.Context, a *duet.Actor, wsID string, f duet.TaskFilter) ([]duet.Task, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	if f.DRI == "me" {
		m, _ := memberOfUser(d, a)
		f.DRI = m.ID
	}
	var tasks []duet.Task
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		tasks, err = tx.Tasks(ctx, wsID, d.Side, f)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := tasks[:0]
	for i := range tasks {
		d.ResolveDRI(&tasks[i].DRI)
		if f.DRI == "" || (tasks[i].DRI.Member != nil && tasks[i].DRI.Member.ID == f.DRI) {
			out = append(out, tasks[i])
		}
	}
	return out, nil
}

func memberOfUser(d *duet.WorkspaceDetail, a *duet.Actor) (duet.Member, bool) {
	for _, m := range d.Members {
		if a != nil && m.UserID == a.User.ID {
			return m, true
		}
	}
	return duet.Member{}, false
}

// Task returns one task with its notes rendered, dependencies, checklist,
// comments and history. ENotFound for a task of the other side.
func (s *Service) Task(ctx context.Context, a *duet.Actor, wsID, taskID string) (TaskDetail, error) {
	var v TaskDetail
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return v, err
	}
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if v.Task, err = s.loadTask(ctx, tx, d, taskID); err != nil {
			return err
		}
		if v.Dependents, err = tx.TaskRefs(ctx, taskID, d.Side, true); err != nil {
			return err
		}
		if v.Comments, err = tx.TaskComments(ctx, taskID); err != nil {
			return err
		}
		if v.History, err = tx.History(ctx, wsID, taskID, maxHistory); err != nil {
			return err
		}
		texts := []string{v.Task.Notes}
		for _, c := range v.Comments {
			texts = append(texts, c.Body)
		}
		r, err := newRenderer(ctx, tx, d, texts...)
		if err != nil {
			return err
		}
		v.Task.NotesHTML = r.html(v.Task.Notes)
		for i := range v.Comments {
			v.Comments[i].HTML = r.html(v.Comments[i].Body)
		}
		return nil
	})
	if m, ok := memberOfUser(d, a); ok {
		v.CanEdit = duet.Can(a, duet.ActEditItem, duet.Resource{Member: &m, Visibility: v.Task.Visibility})
	}
	return v, err
}

// loadTask reads a task the workspace's viewer side may see, with its
// dependencies, collaborators and checklist, DRI resolved.
func (s *Service) loadTask(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, taskID string) (duet.Task, error) {
	t, err := tx.Task(ctx, d.ID, taskID, d.Side)
	if err != nil {
		return t, err
	}
	if t.DependsOn, err = tx.TaskRefs(ctx, taskID, d.Side, false); err != nil {
		return t, err
	}
	if t.Collaborators, err = tx.Collaborators(ctx, taskID); err != nil {
		return t, err
	}
	if t.Checklist, err = tx.Checklist(ctx, taskID); err != nil {
		return t, err
	}
	d.ResolveDRI(&t.DRI)
	return t, nil
}

// CreateTask adds a task to a list.
func (s *Service) CreateTask(ctx context.Context, a *duet.Actor, wsID string, in duet.TaskCreate) (duet.Task, error) {
	p, err := in.Validate()
	if err != nil {
		return duet.Task{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Task{}, err
	}
	if in.Visibility != duet.VisShared && string(in.Visibility) != string(d.Side) {
		return duet.Task{}, duet.Invalid("visibility", "you can keep a task to your own side, not to the other")
	}
	l, err := listOf(d, in.ListID)
	if err != nil {
		return duet.Task{}, duet.Invalid("list", "no such task list")
	}
	if l.Archived {
		return duet.Task{}, duet.Errorf(duet.EConflict, "%s is archived; restore it to add tasks.", l.Title)
	}
	now := s.Now()
	t := duet.Task{ID: store.NewID(), WorkspaceID: wsID, ListID: l.ID, ListTitle: l.Title, Title: in.Title, Notes: in.Notes,
		Status: duet.TaskOpen, Visibility: in.Visibility, Version: 1, Created: now, Updated: now}
	if t.DRI, err = checkDRI(d, *p.DRI, t.Visibility); err != nil {
		return t, err
	}
	if t.Collaborators, err = collaborators(d, in.Collaborators, t.Visibility); err != nil {
		return t, err
	}
	for _, c := range in.Checklist {
		t.Checklist = append(t.Checklist, duet.ChecklistItem{ID: store.NewID(), Text: c})
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{Visibility: t.Visibility})
		if err != nil {
			return err
		}
		if t.DependsOn, err = s.taskRefs(ctx, tx, d, "depends_on", in.DependsOn, t.Visibility); err != nil {
			return err
		}
		if err := s.setDue(ctx, tx, d, &t, p); err != nil {
			return err
		}
		if t.Number, err = tx.NextTaskNumber(ctx, wsID); err != nil {
			return err
		}
		if t.Position, err = tx.EndOfList(ctx, l.ID); err != nil {
			return err
		}
		if err := tx.InsertTask(ctx, &t); err != nil {
			return err
		}
		if err := s.history(ctx, tx, wsID, t.ID, m, "created the task with "+t.DRI.Who()+" as DRI"); err != nil {
			return err
		}
		if err := s.notifyAssigned(ctx, tx, d, t, m); err != nil {
			return err
		}
		if err := s.notifyTaskMentions(ctx, tx, d, t, m, t.Notes); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.taskEvent(a, "task.created", t))
	})
	return s.withNotes(ctx, d, t, err)
}

// withNotes ends a task change: the task with its notes rendered, or the
// change's error.
func (s *Service) withNotes(ctx context.Context, d *duet.WorkspaceDetail, t duet.Task, err error) (duet.Task, error) {
	if err != nil {
		return duet.Task{}, err
	}
	t.NotesHTML, err = s.renderBody(ctx, d, t.Notes)
	return t, err
}

// taskEvent is the event of a change to task t: scoped to its list, seen
// by whoever sees the task.
func (s *Service) taskEvent(a *duet.Actor, typ string, t duet.Task) *duet.Event {
	e := s.event(a, t.WorkspaceID, typ, t.ID)
	e.Scope, e.Visibility = t.ListID, t.Visibility
	return e
}

// collaborators checks the members named as collaborators.
func collaborators(d *duet.WorkspaceDetail, ids []string, vis duet.Visibility) ([]duet.Author, error) {
	out := []duet.Author{}
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimPrefix(strings.TrimSpace(id), "member:")
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		m, ok := memberByID(d.Members, id)
		if !ok {
			return nil, duet.Invalid("collaborators", "%q is not a member of this workspace", id)
		}
		if !vis.VisibleTo(m.Side) {
			return nil, duet.Invalid("collaborators", "%s cannot see a %s-only task", m.Name, vis)
		}
		out = append(out, duet.Author{MemberID: m.ID, UserID: m.UserID, Name: m.Name, Side: m.Side})
	}
	return out, nil
}

var taskNumber = regexp.MustCompile(`(?i)^T-?(\d{1,9})$`)

// taskRefs resolves tasks named by id or T-n. A task may only refer to
// tasks everyone who sees it also sees.
func (s *Service) taskRefs(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, field string, names []string, vis duet.Visibility) ([]duet.TaskRef, error) {
	out := []duet.TaskRef{}
	seen := map[string]bool{}
	for _, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		r, err := s.taskRef(ctx, tx, d, field, name)
		if err != nil {
			return nil, err
		}
		if r.Visibility != duet.VisShared && r.Visibility != vis {
			return nil, duet.Invalid(field, "T-%d is kept to one side; a task everyone sees cannot depend on it", r.Number)
		}
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	return out, nil
}

func (s *Service) taskRef(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, field, name string) (duet.TaskRef, error) {
	if m := taskNumber.FindStringSubmatch(name); m != nil {
		n, _ := strconv.Atoi(m[1])
		r, err := tx.TaskByNumber(ctx, d.ID, n, d.Side)
		if duet.ErrorKind(err) == duet.ENotFound {
			return r, duet.Invalid(field, "there is no task T-%d", n)
		}
		return r, err
	}
	t, err := tx.Task(ctx, d.ID, name, d.Side)
	if duet.ErrorKind(err) == duet.ENotFound {
		return duet.TaskRef{}, duet.Invalid(field, "there is no task %q", name)
	}
	return duet.TaskRef{ID: t.ID, Number: t.Number, Title: t.Title, Status: t.Status, Visibility: t.Visibility}, err
}

// setDue sets t's due date from validated input: a fixed date, a date
// relative to the campaign, or one following another task. It refuses a
// date before kickoff unless the template allows it, and a task whose
// date would follow itself.
func (s *Service) setDue(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, t *duet.Task, p duet.TaskInput) error {
	if !p.HasDue {
		return nil
	}
	t.DueOn, t.Due = p.DueOn, p.Due
	switch t.Due.Anchor {
	case duet.AnchorTask:
		r, err := s.taskRef(ctx, tx, d, "due", fmt.Sprintf("T-%d", t.Due.TaskNumber))
		if err != nil {
			return err
		}
		if r.Visibility != duet.VisShared && r.Visibility != t.Visibility {
			return duet.Invalid("due", "T-%d is kept to one side; a task everyone sees cannot follow it", r.Number)
		}
		_, follows, err := tx.DependencyEdges(ctx, d.ID)
		if err != nil {
			return err
		}
		if cycle := duet.DependencyCycle(t.ID, []string{r.ID}, follows); cycle != nil {
			return duet.Invalid("due", "T-%d's due date already follows this task's; a due date cannot follow itself", r.Number)
		}
		base, err := tx.Task(ctx, d.ID, r.ID, d.Side)
		if err != nil {
			return err
		}
		if base.DueOn.IsZero() {
			return duet.Invalid("due", "T-%d has no due date to follow", r.Number)
		}
		t.Due.TaskID = r.ID
		t.DueOn = base.DueOn.AddDays(t.Due.Days)
	case duet.AnchorKickoff, duet.AnchorLaunch:
		t.DueOn = t.Due.Resolve(d.KickoffOn, d.LaunchOn, nil)
	}
	return s.checkDueDate(d, "due", t.DueOn)
}

// checkDueDate refuses a date before kickoff unless the template allows it.
func (s *Service) checkDueDate(d *duet.WorkspaceDetail, field string, due duet.Date) error {
	if due.IsZero() || !due.Before(d.KickoffOn.Time) {
		return nil
	}
	if tpl, ok := s.templates.Get(d.TemplateKey); ok && tpl.AllowDueBeforeKickoff {
		return nil
	}
	return duet.Invalid(field, "%s is before the kickoff on %s; this campaign's template does not allow dates before kickoff", due, d.KickoffOn)
}

// notifyAssigned tells a task's DRI they are responsible for it, unless
// they made the change themselves.
func (s *Service) notifyAssigned(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, t duet.Task, by *duet.Member) error {
	m := t.DRI.Member
	if m == nil || m.ID == by.ID || !t.Visibility.VisibleTo(m.Side) {
		return nil
	}
	return tx.InsertNotification(ctx, &duet.Notification{ID: store.NewID(), UserID: m.UserID, WorkspaceID: d.ID, Kind: duet.NoteAssigned,
		SubjectID: t.ID, Actor: duet.Author{MemberID: by.ID}, Created: s.Now()})
}

// notifyTaskMentions notifies the members a text on a task mentions,
// directly or through a role, who may see the task.
func (s *Service) notifyTaskMentions(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, t duet.Task, by *duet.Member, text string) error {
	if text == "" {
		return nil
	}
	holders := duet.RoleHolders(d.Members)
	notified := map[string]bool{by.ID: true}
	for _, mention := range markdown.Mentions(text, mentionables(d)) {
		var ms []duet.Member
		if mention.Kind == "member" {
			if m, ok := memberByID(d.Members, mention.ID); ok {
				ms = append(ms, m)
			}
		} else {
			ms = holders[mention.ID]
		}
		for _, m := range ms {
			if notified[m.ID] || !t.Visibility.VisibleTo(m.Side) {
				continue
			}
			notified[m.ID] = true
			if err := tx.InsertNotification(ctx, &duet.Notification{ID: store.NewID(), UserID: m.UserID, WorkspaceID: d.ID, Kind: duet.NoteTaskMention,
				SubjectID: t.ID, Actor: duet.Author{MemberID: by.ID}, Created: s.Now()}); err != nil {
				return err
			}
		}
	}
	return nil
}

// taskForChange loads a task the actor may change, under the workspace
// lock, so that checks made on it hold until commit.
func (s *Service) taskForChange(ctx context.Context, tx *store.Tx, a *duet.Actor, d *duet.WorkspaceDetail, taskID string, act duet.Action) (*duet.Member, duet.Task, error) {
	m, err := s.member(ctx, tx, a, d.ID, duet.ActViewWorkspace, duet.Resource{})
	if err != nil {
		return nil, duet.Task{}, err
	}
	if _, err := tx.NextSeq(ctx, d.ID); err != nil { // the workspace lock
		return nil, duet.Task{}, err
	}
	t, err := s.loadTask(ctx, tx, d, taskID)
	if err != nil {
		return nil, t, err
	}
	if _, err := s.member(ctx, tx, a, d.ID, act, duet.Resource{Visibility: t.Visibility}); err != nil {
		return nil, t, err
	}
	return m, t, nil
}

// UpdateTask changes a task made from in.Version; EConflict when it has
// changed since, naming what changed.
func (s *Service) UpdateTask(ctx context.Context, a *duet.Actor, wsID, taskID string, in duet.TaskUpdate) (duet.Task, error) {
	p, err := in.Validate()
	if err != nil {
		return duet.Task{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Task{}, err
	}
	var t duet.Task
	err = s.write(ctx, func(tx *store.Tx) error {
		m, old, err := s.taskForChange(ctx, tx, a, d, taskID, duet.ActEditItem)
		if err != nil {
			return err
		}
		if old.Version != in.Version {
			return s.staleTask(ctx, tx, old, in.Version)
		}
		t = old
		t.Updated = s.Now()
		changes, err := s.applyTaskUpdate(ctx, tx, d, &t, in, p)
		if err != nil || len(changes) == 0 {
			return err
		}
		if err := tx.UpdateTask(ctx, t, old.Version); err != nil {
			return err
		}
		t.Version++
		if in.Collaborators != nil {
			if err := tx.SetCollaborators(ctx, t.ID, duet.MemberIDs(t.Collaborators)); err != nil {
				return err
			}
		}
		if in.DependsOn != nil {
			if err := tx.SetDependencies(ctx, t.ID, duet.TaskIDs(t.DependsOn)); err != nil {
				return err
			}
		}
		if in.Position != nil || t.ListID != old.ListID {
			if err := tx.PlaceTask(ctx, t.ListID, t.ID, t.Position); err != nil {
				return err
			}
		}
		if !t.DueOn.Equal(old.DueOn.Time) {
			if err := s.shiftFollowers(ctx, tx, d, t); err != nil {
				return err
			}
		}
		if err := s.history(ctx, tx, wsID, t.ID, m, strings.Join(changes, "; ")); err != nil {
			return err
		}
		if t.DRI.Ref() != old.DRI.Ref() {
			if err := s.notifyAssigned(ctx, tx, d, t, m); err != nil {
				return err
			}
		}
		if in.Notes != nil && *in.Notes != old.Notes {
			if err := s.notifyTaskMentions(ctx, tx, d, t, m, t.Notes); err != nil {
				return err
			}
		}
		return tx.AppendActivity(ctx, s.taskEvent(a, "task.updated", t))
	})
	return s.withNotes(ctx, d, t, err)
}

// staleTask explains a version conflict: who changed the task last, and
// what.
func (s *Service) staleTask(ctx context.Context, tx *store.Tx, t duet.Task, version int) error {
	hs, err := tx.History(ctx, t.WorkspaceID, t.ID, 1)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("T-%d changed since you opened it (you had version %d, it is now %d)", t.Number, version, t.Version)
	if len(hs) > 0 && hs[0].Actor.Name != "" {
		msg += fmt.Sprintf(": %s %s", hs[0].Actor.Name, hs[0].Summary)
	}
	return duet.Errorf(duet.EConflict, "%s. Nothing was saved; reload to see the change and make yours again.", msg)
}

// applyTaskUpdate applies the fields set in in to t and says, in words,
// what changed. Status rules: a task cannot start or finish while a task
// it depends on is not done; blocked needs a reason.
func (s *Service) applyTaskUpdate(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, t *duet.Task, in duet.TaskUpdate, p duet.TaskInput) ([]string, error) {
	var changes []string
	var err error
	if in.Title != nil && *in.Title != t.Title {
		changes = append(changes, "renamed it to "+quote(*in.Title))
		t.Title = *in.Title
	}
	if in.Notes != nil && *in.Notes != t.Notes {
		changes = append(changes, "changed the notes")
		t.Notes = *in.Notes
	}
	if p.DRI != nil && p.DRI.Ref() != t.DRI.Ref() {
		if t.DRI, err = checkDRI(d, *p.DRI, t.Visibility); err != nil {
			return nil, err
		}
		changes = append(changes, "made "+t.DRI.Who()+" the DRI")
	}
	if in.Collaborators != nil {
		cs, err := collaborators(d, *in.Collaborators, t.Visibility)
		if err != nil {
			return nil, err
		}
		if strings.Join(duet.MemberIDs(cs), ",") != strings.Join(duet.MemberIDs(t.Collaborators), ",") {
			changes = append(changes, "set the collaborators to "+names(cs))
		}
		t.Collaborators = cs
	}
	if in.DependsOn != nil {
		deps, err := s.taskRefs(ctx, tx, d, "depends_on", *in.DependsOn, t.Visibility)
		if err != nil {
			return nil, err
		}
		edges, _, err := tx.DependencyEdges(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		if cycle := duet.DependencyCycle(t.ID, duet.TaskIDs(deps), edges); cycle != nil {
			return nil, duet.Invalid("depends_on", "that would make a cycle: %s", s.cycleWords(ctx, tx, d, cycle))
		}
		if strings.Join(duet.TaskIDs(deps), ",") != strings.Join(duet.TaskIDs(t.DependsOn), ",") {
			changes = append(changes, "set it to depend on "+refWords(deps))
		}
		t.DependsOn = deps
	}
	if p.HasDue {
		old, oldRule := t.DueOn, t.Due.String()
		if err := s.setDue(ctx, tx, d, t, p); err != nil {
			return nil, err
		}
		if !old.Equal(t.DueOn.Time) || oldRule != t.Due.String() {
			changes = append(changes, "set the due date to "+dueWords(*t))
		}
	}
	if in.ListID != nil && *in.ListID != t.ListID {
		l, err := listOf(d, *in.ListID)
		if err != nil || l.Archived {
			return nil, duet.Invalid("list", "no such task list")
		}
		t.ListID, t.ListTitle = l.ID, l.Title
		changes = append(changes, "moved it to "+l.Title)
		if in.Position == nil {
			if t.Position, err = tx.EndOfList(ctx, l.ID); err != nil {
				return nil, err
			}
		}
	}
	if in.Position != nil && *in.Position != t.Position {
		t.Position = *in.Position
		changes = append(changes, fmt.Sprintf("moved it to position %d", t.Position+1))
	}
	if in.Status != nil && (*in.Status != t.Status || (*in.Status == duet.TaskBlocked && in.BlockedReason != t.BlockedReason)) {
		if err := checkCanStart(*in.Status, t.DependsOn); err != nil {
			return nil, err
		}
		t.Status, t.BlockedReason = *in.Status, ""
		switch t.Status {
		case duet.TaskBlocked:
			t.BlockedReason = in.BlockedReason
			changes = append(changes, "marked it blocked: "+in.BlockedReason)
		case duet.TaskDone:
			now := s.Now()
			t.Completed = &now
			changes = append(changes, "marked it done")
		default:
			changes = append(changes, "set the status to "+strings.ToLower(duet.TaskStatusName(t.Status)))
		}
		if t.Status != duet.TaskDone {
			t.Completed = nil
		}
	}
	if in.Archived != nil && *in.Archived != t.Archived {
		t.Archived = *in.Archived
		changes = append(changes, map[bool]string{true: "archived it", false: "restored it"}[t.Archived])
	}
	return changes, nil
}

// checkCanStart refuses to start or finish a task while a task it
// depends on is not done.
func checkCanStart(status string, deps []duet.TaskRef) error {
	if status != duet.TaskInProgress && status != duet.TaskDone {
		return nil
	}
	var open []string
	for _, r := range deps {
		if r.Status != duet.TaskDone {
			open = append(open, fmt.Sprintf("T-%d %s", r.Number, quote(r.Title)))
		}
	}
	if len(open) == 0 {
		return nil
	}
	return duet.Invalid("status", "this task depends on %s, which is not done yet", strings.Join(open, ", "))
}

func names(as []duet.Author) string {
	if len(as) == 0 {
		return "nobody"
	}
	ns := make([]string, len(as))
	for i, a := range as {
		ns[i] = a.Name
	}
	return strings.Join(ns, ", ")
}

func refWords(rs []duet.TaskRef) string {
	if len(rs) == 0 {
		return "nothing"
	}
	ws := make([]string, len(rs))
	for i, r := range rs {
		ws[i] = fmt.Sprintf("T-%d", r.Number)
	}
	return strings.Join(ws, ", ")
}

func dueWords(t duet.Task) string {
	if t.DueOn.IsZero() {
		return "none"
	}
	if rule := t.Due.String(); rule != "" {
		return t.DueOn.String() + " (" + rule + ")"
	}
	return t.DueOn.String()
}

// cycleWords names the tasks of a dependency cycle: "T-3 → T-5 → T-3".
func (s *Service) cycleWords(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, ids []string) string {
	ws := make([]string, len(ids))
	for i, id := range ids {
		ws[i] = "a task you cannot see"
		if t, err := tx.Task(ctx, d.ID, id, d.Side); err == nil {
			ws[i] = fmt.Sprintf("T-%d", t.Number)
		}
	}
	return strings.Join(ws, " → ")
}

// shiftFollowers moves the due dates of the tasks that follow t's, and
// theirs in turn.
func (s *Service) shiftFollowers(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, t duet.Task) error {
	items, err := tx.Dated(ctx, d.ID)
	if err != nil {
		return err
	}
	for i := range items {
		if items[i].ID == t.ID {
			items[i].DueOn, items[i].Due = t.DueOn, duet.DueRule{}
		}
	}
	for _, mv := range duet.Shift(items, d.KickoffOn, d.LaunchOn) {
		if mv.Kind != "task" || mv.ID == t.ID {
			continue
		}
		if err := tx.SetTaskDue(ctx, mv.ID, mv.To, s.Now()); err != nil {
			return err
		}
		if err := tx.AddHistory(ctx, d.ID, duet.Change{Subject: mv.ID, At: s.Now(),
			Summary: fmt.Sprintf("due date moved from %s to %s, following T-%d", mv.From, mv.To, t.Number)}); err != nil {
			return err
		}
	}
	return nil
}

// AddChecklistItem appends an item to a task's checklist.
func (s *Service) AddChecklistItem(ctx context.Context, a *duet.Actor, wsID, taskID, text string) (duet.Task, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return duet.Task{}, duet.Invalid("text", "is required")
	}
	if len([]rune(text)) > 300 {
		return duet.Task{}, duet.Invalid("text", "must be at most 300 characters")
	}
	return s.changeTask(ctx, a, wsID, taskID, func(tx *store.Tx, m *duet.Member, t duet.Task) (string, error) {
		return "added " + quote(text) + " to the checklist", tx.AddChecklistItem(ctx, t.ID, store.NewID(), text)
	})
}

// CheckItem checks or unchecks a checklist item.
func (s *Service) CheckItem(ctx context.Context, a *duet.Actor, wsID, taskID, itemID string, done bool) (duet.Task, error) {
	return s.changeTask(ctx, a, wsID, taskID, func(tx *store.Tx, m *duet.Member, t duet.Task) (string, error) {
		text, err := tx.CheckItem(ctx, t.ID, itemID, m.ID, done, s.Now())
		if done {
			return "checked off " + quote(text), err
		}
		return "unchecked " + quote(text), err
	})
}

// changeTask runs a change kept outside the task's row (its checklist)
// and records it in the history. The task's version stays: a checklist
// item changes on its own, and never conflicts with an edit of the task.
func (s *Service) changeTask(ctx context.Context, a *duet.Actor, wsID, taskID string, change func(*store.Tx, *duet.Member, duet.Task) (string, error)) (duet.Task, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Task{}, err
	}
	var t duet.Task
	err = s.write(ctx, func(tx *store.Tx) error {
		m, old, err := s.taskForChange(ctx, tx, a, d, taskID, duet.ActEditItem)
		if err != nil {
			return err
		}
		summary, err := change(tx, m, old)
		if err != nil {
			return err
		}
		if err := tx.TouchTask(ctx, old.ID, s.Now()); err != nil {
			return err
		}
		if err := s.history(ctx, tx, wsID, old.ID, m, summary); err != nil {
			return err
		}
		if t, err = s.loadTask(ctx, tx, d, taskID); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.taskEvent(a, "task.updated", t))
	})
	return s.withNotes(ctx, d, t, err)
}

// CommentOnTask adds a comment; mentions notify as in messages. Guests
// may comment.
func (s *Service) CommentOnTask(ctx context.Context, a *duet.Actor, wsID, taskID, body string) (duet.TaskComment, error) {
	body, err := duet.ValidateBody("body", body)
	if err != nil {
		return duet.TaskComment{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.TaskComment{}, err
	}
	c := duet.TaskComment{ID: store.NewID(), TaskID: taskID, Body: body, Created: s.Now()}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, t, err := s.taskForChange(ctx, tx, a, d, taskID, duet.ActComment)
		if err != nil {
			return err
		}
		c.Author = duet.Author{MemberID: m.ID, UserID: m.UserID, Name: m.Name, Side: m.Side}
		if err := tx.InsertTaskComment(ctx, wsID, &c); err != nil {
			return err
		}
		if err := s.notifyTaskMentions(ctx, tx, d, t, m, body); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.taskEvent(a, "task.commented", t))
	})
	if err != nil {
		return c, err
	}
	c.HTML, err = s.renderBody(ctx, d, body)
	return c, err
}
