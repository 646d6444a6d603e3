package web

import (
	"net/http"
	"net/url"

	"duet/internal/core"
	"duet/internal/duet"
)

// TaskListPage is one stage: its DRI and counts, its tasks in order with
// filters, the form to add a task and, for editors, the list's settings.
type TaskListPage struct {
	Base
	L        TaskListCard
	Tasks    TaskRowsView
	Statuses []FilterLink
	Mine     FilterLink
	New      TaskNewForm
	Edit     TaskListFormView
	EditOpen bool
	CanEdit  bool
	// Alert is an action on the list's tasks that was refused.
	Alert string
}

// TaskRowsView is the tasks of a list as shown: the region live updates
// and htmx replace.
type TaskRowsView struct {
	WS       string
	ListID   string
	Rows     []TaskRow
	Filtered bool
	// OOB marks the rows for an out-of-band swap, beside the fragment
	// htmx asked for.
	OOB bool
}

// TaskForm is what the task forms send.
type TaskForm struct {
	List       string
	Title      string
	Notes      string
	DRI        string
	Due        string
	DependsOn  string
	Visibility string
	Version    int
}

// TaskNewForm is the "Add task" form of a list.
type TaskNewForm struct {
	WS     string
	ListID string
	Form   TaskForm
	Err    FormError
	DRI    DRIChoice
	Vis    []Option
	// Closed says why tasks cannot be added: the list is archived.
	Closed string
}

// listFilter is what a list page shows: a status, and only the viewer's
// own tasks.
type listFilter struct {
	status string
	mine   bool
}

// listFilterOf reads the filter from a list page's query.
func listFilterOf(q url.Values) listFilter {
	return listFilter{status: q.Get("status"), mine: q.Get("mine") == "1"}
}

// any reports whether the filter hides some tasks.
func (f listFilter) any() bool { return f.status != "" || f.mine }

// tasklistShow serves GET /w/{ws}/lists/{list}?status=&mine=1.
func (s *server) tasklistShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.taskListPage(r, v, r.PathValue("list"), listFilterOf(r.URL.Query()))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showTaskList(w, r, v, http.StatusOK, p)
}

// taskListPage loads a list and its tasks as the filter selects them and
// lays out the page with empty forms.
func (s *server) taskListPage(r *http.Request, v *viewer, listID string, f listFilter) (*TaskListPage, error) {
	a := actorOf(r)
	infos, err := s.svc.TaskLists(r.Context(), a, v.d.ID)
	if err != nil {
		return nil, err
	}
	info, ok := listInfo(infos, listID)
	if !ok {
		return nil, duet.NotFound("task list")
	}
	tf := duet.TaskFilter{ListID: listID, Status: f.status}
	if f.mine {
		tf.DRI = "me"
	}
	ts, err := s.svc.Tasks(r.Context(), a, v.d.ID, tf)
	if err != nil {
		return nil, err
	}
	p := &TaskListPage{L: v.listCard(info), CanEdit: !v.guest(),
		Tasks: TaskRowsView{WS: v.d.ID, ListID: listID, Rows: v.taskRows(ts, !v.guest() && !f.any() && !info.Archived), Filtered: f.any()}}
	p.New = v.taskNewForm(info, TaskForm{DRI: info.DRI.Ref(), Visibility: string(duet.VisShared)}, FormError{})
	p.Edit = v.listForm(listID, TaskListForm{Title: info.Title, Description: info.Description, DRI: info.DRI.Ref()}, FormError{})
	base := taskListURL(v.d.ID, listID)
	link := func(status string, mine bool) string {
		q := url.Values{}
		if status != "" {
			q.Set("status", status)
		}
		if mine {
			q.Set("mine", "1")
		}
		if len(q) == 0 {
			return base
		}
		return base + "?" + q.Encode()
	}
	p.Statuses = append(p.Statuses, FilterLink{Label: "All", URL: link("", f.mine), Current: f.status == ""})
	for _, st := range duet.TaskStatuses {
		p.Statuses = append(p.Statuses, FilterLink{Label: duet.TaskStatusName(st), URL: link(st, f.mine), Current: f.status == st})
	}
	p.Mine = FilterLink{Label: "Only mine", URL: link(f.status, !f.mine), Current: f.mine}
	return p, nil
}

// listInfo finds a list among the workspace's lists.
func listInfo(infos []core.TaskListInfo, id string) (core.TaskListInfo, bool) {
	for _, l := range infos {
		if l.ID == id {
			return l, true
		}
	}
	return core.TaskListInfo{}, false
}

// taskNewForm is the "Add task" form of a list with what was typed.
func (v *viewer) taskNewForm(l core.TaskListInfo, f TaskForm, fe FormError) TaskNewForm {
	f.List = l.ID
	n := TaskNewForm{WS: v.d.ID, ListID: l.ID, Form: f, Err: fe, DRI: v.driChoice("new-task-dri", f.DRI, fe.For("dri")),
		Vis: visibilityOptions(v, f.Visibility)}
	if l.Archived {
		n.Closed = l.Title + " is archived. Restore it to add tasks."
	}
	return n
}

// showTaskList renders the list page around p.
func (s *server) showTaskList(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *TaskListPage) {
	nav, bell, err := s.frame(r, v, "tasks", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: p.L.Title + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "tasklist_show", p)
}
