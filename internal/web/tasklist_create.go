package web

import (
	"net/http"

	"duet/internal/duet"
)

// tasklistCreate serves POST /w/{ws}/lists: a new stage at the end, then
// its page. On error the lists page comes back with what was typed.
func (s *server) tasklistCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	f := TaskListForm{Title: pf.Get("title"), Description: pf.Get("description"), DRI: pf.Get("dri")}
	ws := r.PathValue("ws")
	l, err := s.svc.CreateTaskList(r.Context(), actorOf(r), ws, duet.TaskListCreate{Title: f.Title, Description: f.Description, DRI: f.DRI})
	if err != nil {
		fe, ok := formError(err, listFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		s.showTaskLists(w, r, duet.HTTPStatus(err), f, fe)
		return
	}
	http.Redirect(w, r, taskListURL(ws, l.ID), http.StatusSeeOther)
}
