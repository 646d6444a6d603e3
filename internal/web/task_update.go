package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// taskUpdate serves POST /w/{ws}/tasks/{task}: the edit form. Only the
// fields sent change. A version other than the task's (someone changed it
// meanwhile) is refused: the page shows the task as it is now, the
// message, and the form with what was typed, ready to save again.
func (s *server) taskUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	version, _ := strconv.Atoi(pf.Get("version"))
	f := TaskForm{Title: pf.Get("title"), Notes: pf.Get("notes"), DRI: pf.Get("dri"), Due: pf.Get("due"), DependsOn: pf.Get("depends_on"),
		List: pf.Get("list"), Version: version}
	in := duet.TaskUpdate{Version: version}
	if pf.Has("title") {
		in.Title = &f.Title
	}
	if pf.Has("notes") {
		in.Notes = &f.Notes
	}
	if pf.Has("dri") {
		in.DRI = &f.DRI
	}
	if pf.Has("due") {
		in.Due = &f.Due
	}
	if pf.Has("depends_on") {
		deps := splitRefs(f.DependsOn)
		in.DependsOn = &deps
	}
	if pf.Has("list") {
		in.ListID = &f.List
	}
	if _, err := s.svc.UpdateTask(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("task"), in); err != nil {
		fe, ok := formError(err, taskFields...)
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
		conflict := duet.ErrorKind(err) == duet.EConflict
		if conflict {
			f.Version = td.Task.Version
		}
		p.Edit = v.taskEditForm(td, f, fe)
		p.Edit.Conflict = conflict
		s.showTask(w, r, v, duet.HTTPStatus(err), p)
		return
	}
	http.Redirect(w, r, taskURL(r.PathValue("ws"), r.PathValue("task")), http.StatusSeeOther)
}
