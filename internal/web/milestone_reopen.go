package web

import (
	"net/http"
	"strconv"
)

// milestoneReopen serves POST /w/{ws}/milestones/{milestone}/reopen: a
// workspace admin undoes a completion, from the version they read.
func (s *server) milestoneReopen(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	if _, err := s.svc.ReopenMilestone(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("milestone"), version); err != nil {
		s.milestoneFailed(w, r, err, "reopen", MilestoneForm{})
		return
	}
	s.milestoneDone(w, r)
}
