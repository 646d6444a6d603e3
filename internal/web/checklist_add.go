package web

import (
	"net/http"
)

// checklistAdd serves POST /w/{ws}/tasks/{task}/checklist: one more item
// at the end of the task's checklist.
func (s *server) checklistAdd(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	text := r.PostForm.Get("text")
	if _, err := s.svc.AddChecklistItem(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("task"), text); err != nil {
		s.taskFailed(w, r, err, "task-checklist", []string{"text"}, func(p *TaskPage, fe FormError) any {
			p.Checklist.Err, p.Checklist.Text = fe, text
			return p.Checklist
		})
		return
	}
	s.taskDone(w, r, "task-checklist", "#checklist", func(p *TaskPage) any { return p.Checklist })
}
