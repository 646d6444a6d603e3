package web

import (
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// TaskPage is one task: what it is and who is responsible, its status,
// dependencies, checklist, comments and history, and the form to edit it.
// Each part an action changes is a region of its own.
type TaskPage struct {
	Base
	T         TaskView
	Status    TaskStatusPanel
	Checklist ChecklistPanel
	Comments  CommentsPanel
	History   []ChangeView
	Edit      TaskEditForm
}

// TaskStatusPanel is the task's status with the buttons that change it;
// blocked asks for a reason.
type TaskStatusPanel struct {
	T       TaskView
	Choices []Option
	Err     FormError
	Reason  string // the reason typed, kept on error
}

// ChecklistPanel is the task's checklist and the form to add an item.
type ChecklistPanel struct {
	T    TaskView
	Err  FormError
	Text string
}

// CommentsPanel is the task's comments and the form to write one.
type CommentsPanel struct {
	T        TaskView
	Comments []CommentView
	Err      FormError
	Body     string
}

// TaskEditForm changes a task's title, notes, DRI, due date, dependencies
// and list. It is sent with the version it was made from.
type TaskEditForm struct {
	T     TaskView
	Form  TaskForm
	Err   FormError
	DRI   DRIChoice
	Lists []Option
	Open  bool
	// Conflict: someone changed the task meanwhile; the form keeps what
	// was typed and now carries the version shown above it.
	Conflict bool
}

// taskShow serves GET /w/{ws}/tasks/{task}.
func (s *server) taskShow(w http.ResponseWriter, r *http.Request) {
	v, td, err := s.taskOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showTask(w, r, v, http.StatusOK, v.taskPage(td))
}

// taskPage lays out a task's page with empty forms.
func (v *viewer) taskPage(td core.TaskDetail) *TaskPage {
	t := v.task(td)
	p := &TaskPage{T: t, History: v.changes(td.History),
		Status:    TaskStatusPanel{T: t, Choices: taskStatusOptions(t.Status)},
		Checklist: ChecklistPanel{T: t},
		Comments:  CommentsPanel{T: t, Comments: v.comments(td.Comments)},
	}
	p.Edit = v.taskEditForm(td, TaskForm{Title: td.Task.Title, Notes: td.Task.Notes, DRI: td.Task.DRI.Ref(), Due: dueText(td.Task),
		DependsOn: refsText(td.Task.DependsOn), List: td.Task.ListID, Version: td.Task.Version}, FormError{})
	if td.Task.Status == duet.TaskBlocked {
		p.Status.Reason = td.Task.BlockedReason
	}
	return p
}

// taskEditForm is the edit form with what was typed.
func (v *viewer) taskEditForm(td core.TaskDetail, f TaskForm, fe FormError) TaskEditForm {
	e := TaskEditForm{T: v.task(td), Form: f, Err: fe, DRI: v.driChoice("edit-dri", f.DRI, fe.For("dri")), Open: fe.Msg != ""}
	for _, l := range v.d.TaskLists {
		if !l.Archived || l.ID == td.Task.ListID {
			e.Lists = append(e.Lists, Option{Value: l.ID, Label: l.Title, Selected: l.ID == f.List})
		}
	}
	return e
}

// showTask renders the task's page around p.
func (s *server) showTask(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *TaskPage) {
	nav, bell, err := s.frame(r, v, "tasks", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: p.T.Ref + " " + p.T.Title + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "task_show", p)
}

// taskDone answers an action on a task: htmx gets the region named
// fragment, laid out by panel from the task as it is now; a plain form
// post goes to the task's page at anchor.
func (s *server) taskDone(w http.ResponseWriter, r *http.Request, fragment, anchor string, panel func(*TaskPage) any) {
	ws, id := r.PathValue("ws"), r.PathValue("task")
	if !wantsFragment(r) {
		http.Redirect(w, r, taskURL(ws, id)+anchor, http.StatusSeeOther)
		return
	}
	v, td, err := s.taskOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.fragment(w, r, http.StatusOK, fragment, panel(v.taskPage(td)))
}

// taskFailed shows the task again after a refused action: the region for
// htmx, the page otherwise, with the error and what was typed set on it
// by mark. Anything not the user's to fix is an error page.
func (s *server) taskFailed(w http.ResponseWriter, r *http.Request, err error, fragment string, fields []string, mark func(*TaskPage, FormError) any) {
	fe, ok := formError(err, fields...)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, td, terr := s.taskOf(r)
	if terr != nil {
		s.Error(w, r, terr)
		return
	}
	p := v.taskPage(td)
	region := mark(p, fe)
	if wantsFragment(r) {
		s.fragment(w, r, duet.HTTPStatus(err), fragment, region)
		return
	}
	s.showTask(w, r, v, duet.HTTPStatus(err), p)
}
