package web

import (
	"net/http"

	"duet/internal/duet"
)

// tasklistUpdate serves POST /w/{ws}/lists/{list}: renames, re-describes
// or reassigns a list, or archives (archived=1) or restores (archived=0)
// it. Only the fields sent change. An archived list leaves for the lists
// page; anything else comes back to the list.
func (s *server) tasklistUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	var in duet.TaskListUpdate
	f := TaskListForm{Title: pf.Get("title"), Description: pf.Get("description"), DRI: pf.Get("dri")}
	if pf.Has("title") {
		in.Title = &f.Title
	}
	if pf.Has("description") {
		in.Description = &f.Description
	}
	if pf.Has("dri") {
		in.DRI = &f.DRI
	}
	if pf.Has("archived") {
		archived := pf.Get("archived") == "1" || pf.Get("archived") == "true"
		in.Archived = &archived
	}
	ws, id := r.PathValue("ws"), r.PathValue("list")
	l, err := s.svc.UpdateTaskList(r.Context(), actorOf(r), ws, id, in)
	if err != nil {
		fe, ok := formError(err, listFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		v, verr := s.viewerOf(r)
		if verr != nil {
			s.Error(w, r, verr)
			return
		}
		p, perr := s.taskListPage(r, v, id, listFilter{})
		if perr != nil {
			s.Error(w, r, perr)
			return
		}
		if in.Title != nil || in.Description != nil || in.DRI != nil {
			// The settings form comes back open with what was typed.
			p.Edit, p.EditOpen = v.listForm(id, f, fe), true
		} else {
			p.Alert = fe.Msg
		}
		s.showTaskList(w, r, v, duet.HTTPStatus(err), p)
		return
	}
	if l.Archived {
		http.Redirect(w, r, "/w/"+ws+"/lists", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, taskListURL(ws, id), http.StatusSeeOther)
}
