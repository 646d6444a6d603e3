package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// milestoneUpdate serves POST /w/{ws}/milestones/{milestone}: a new due
// date, as a day (2027-01-05) or a rule that moves with the campaign
// (launch-14d).
func (s *server) milestoneUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	version, _ := strconv.Atoi(pf.Get("version"))
	f := MilestoneForm{Due: pf.Get("due")}
	in := duet.MilestoneUpdate{Version: version, Due: &f.Due}
	if _, err := s.svc.UpdateMilestone(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("milestone"), in); err != nil {
		s.milestoneFailed(w, r, err, "due", f, dueFields...)
		return
	}
	s.milestoneDone(w, r)
}
