package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// taskStatus serves POST /w/{ws}/tasks/{task}/status: open, in progress,
// blocked (with blocked_reason) or done, from the version the buttons
// were shown for.
func (s *server) taskStatus(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	version, _ := strconv.Atoi(pf.Get("version"))
	status, reason := pf.Get("status"), pf.Get("blocked_reason")
	_, err := s.svc.UpdateTask(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("task"),
		duet.TaskUpdate{Version: version, Status: &status, BlockedReason: reason})
	if err != nil {
		s.taskFailed(w, r, err, "task-status", []string{"status", "blocked_reason"}, func(p *TaskPage, fe FormError) any {
			p.Status.Err, p.Status.Reason = fe, reason
			return p.Status
		})
		return
	}
	s.taskDone(w, r, "task-status", "#status", func(p *TaskPage) any { return p.Status })
}
