package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// tasklistMove serves POST /w/{ws}/lists/{list}/move: the list goes to
// the position sent (its place among all the workspace's lists), and the
// lists page comes back with it in view.
func (s *server) tasklistMove(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pos, err := strconv.Atoi(r.PostForm.Get("position"))
	if err != nil {
		s.Error(w, r, duet.Invalid("position", "must be a number"))
		return
	}
	ws, id := r.PathValue("ws"), r.PathValue("list")
	if _, err := s.svc.UpdateTaskList(r.Context(), actorOf(r), ws, id, duet.TaskListUpdate{Position: &pos}); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/w/"+ws+"/lists#l-"+id, http.StatusSeeOther)
}
