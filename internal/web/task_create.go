package web

import (
	"net/http"
	"net/url"

	"duet/internal/duet"
)

// TaskCreated is what htmx gets after adding a task: a fresh form, and the
// list's rows to swap in beside it.
type TaskCreated struct {
	New   TaskNewForm
	Tasks TaskRowsView
}

// taskCreate serves POST /w/{ws}/tasks: a task added to the list named by
// the form's list field. A plain form post goes back to the list with the
// new task in view; htmx gets a fresh form and the list's rows. On error
// the form comes back with what was typed and the message at its field.
func (s *server) taskCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	f := TaskForm{List: pf.Get("list"), Title: pf.Get("title"), Notes: pf.Get("notes"), DRI: pf.Get("dri"), Due: pf.Get("due"),
		DependsOn: pf.Get("depends_on"), Visibility: pf.Get("visibility")}
	a, ws := actorOf(r), r.PathValue("ws")
	t, err := s.svc.CreateTask(r.Context(), a, ws, duet.TaskCreate{ListID: f.List, Title: f.Title, Notes: f.Notes, DRI: f.DRI,
		Due: f.Due, Visibility: duet.Visibility(f.Visibility), DependsOn: splitRefs(f.DependsOn)})
	if err == nil && !wantsFragment(r) {
		http.Redirect(w, r, taskListURL(ws, t.ListID)+"#t-"+t.ID, http.StatusSeeOther)
		return
	}
	fe, ok := formError(err, taskFields...)
	if err != nil && !ok {
		s.Error(w, r, err)
		return
	}
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	// The page the form was on, with its filter: htmx names it.
	filter := listFilter{}
	if u, perr := url.Parse(r.Header.Get("HX-Current-URL")); perr == nil {
		filter = listFilterOf(u.Query())
	}
	p, perr := s.taskListPage(r, v, f.List, filter)
	if perr != nil {
		if err != nil {
			perr = err // the list named is gone: say what core said
		}
		s.Error(w, r, perr)
		return
	}
	if err != nil {
		p.New.Form, p.New.Err = f, fe
		p.New.DRI = v.driChoice("new-task-dri", f.DRI, fe.For("dri"))
		p.New.Vis = visibilityOptions(v, f.Visibility)
		if wantsFragment(r) {
			s.fragment(w, r, duet.HTTPStatus(err), "task-new", p.New)
			return
		}
		s.showTaskList(w, r, v, duet.HTTPStatus(err), p)
		return
	}
	p.Tasks.OOB = true
	s.fragment(w, r, http.StatusOK, "task-created", TaskCreated{New: p.New, Tasks: p.Tasks})
}
