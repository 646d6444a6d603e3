package web

import (
	"net/http"

	"duet/internal/duet"
)

// scopeCreate serves POST /w/{ws}/hill/{chart}/scopes: a new dot, at the
// bottom left of the hill, optionally following a task list whose changes
// make it stale when it does not move.
func (s *server) scopeCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	f := ScopeForm{Title: r.PostForm.Get("title"), TaskList: r.PostForm.Get("task_list")}
	in := duet.HillScopeCreate{Title: f.Title, TaskListID: f.TaskList}
	if _, err := s.svc.AddHillScope(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("chart"), in); err != nil {
		s.hillFailed(w, r, err, hillFailure{scope: f}, true, scopeFields...)
		return
	}
	http.Redirect(w, r, "/w/"+r.PathValue("ws")+"/hill#scopes", http.StatusSeeOther)
}
