package web

import (
	"net/http"
)

// checklistCheck serves POST /w/{ws}/tasks/{task}/checklist/{item}:
// done=1 checks the item off, done=0 unchecks it.
func (s *server) checklistCheck(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	done := r.PostForm.Get("done") == "1" || r.PostForm.Get("done") == "true"
	if _, err := s.svc.CheckItem(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("task"), r.PathValue("item"), done); err != nil {
		s.taskFailed(w, r, err, "task-checklist", nil, func(p *TaskPage, fe FormError) any {
			p.Checklist.Err = fe
			return p.Checklist
		})
		return
	}
	s.taskDone(w, r, "task-checklist", "#checklist", func(p *TaskPage) any { return p.Checklist })
}
