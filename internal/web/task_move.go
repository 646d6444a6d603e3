package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// taskMove serves POST /w/{ws}/tasks/{task}/move: the task goes to a list
// (list) at a position (position; the end of the list without one), from
// the version the list page showed. The list comes back with the task in
// view; a refused move is said above the list's tasks.
func (s *server) taskMove(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	version, _ := strconv.Atoi(pf.Get("version"))
	in := duet.TaskUpdate{Version: version}
	list := pf.Get("list")
	if list != "" {
		in.ListID = &list
	}
	if pf.Get("position") != "" {
		pos, err := strconv.Atoi(pf.Get("position"))
		if err != nil {
			s.Error(w, r, duet.Invalid("position", "must be a number"))
			return
		}
		in.Position = &pos
	}
	ws := r.PathValue("ws")
	t, err := s.svc.UpdateTask(r.Context(), actorOf(r), ws, r.PathValue("task"), in)
	if err != nil {
		fe, ok := formError(err, "list", "position")
		if !ok || list == "" {
			s.Error(w, r, err)
			return
		}
		v, verr := s.viewerOf(r)
		if verr != nil {
			s.Error(w, r, verr)
			return
		}
		p, perr := s.taskListPage(r, v, list, listFilter{})
		if perr != nil {
			s.Error(w, r, err)
			return
		}
		p.Alert = fe.Msg
		s.showTaskList(w, r, v, duet.HTTPStatus(err), p)
		return
	}
	http.Redirect(w, r, taskListURL(ws, t.ListID)+"#t-"+t.ID, http.StatusSeeOther)
}
