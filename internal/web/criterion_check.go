package web

import (
	"net/http"

	"duet/internal/duet"
)

// criterionCheck serves POST /w/{ws}/milestones/{milestone}/criteria/{criterion}:
// checked=1 checks a criterion off, checked=0 un-checks it. Criteria Duet
// computes cannot be checked by hand; core refuses them.
func (s *server) criterionCheck(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	action := "check-" + r.PathValue("criterion")
	var checked bool
	switch r.PostForm.Get("checked") {
	case "1":
		checked = true
	case "0":
	default:
		s.milestoneFailed(w, r, duet.Invalid("checked", "must be 1 (check off) or 0 (uncheck)"), action, MilestoneForm{})
		return
	}
	if _, err := s.svc.CheckCriterion(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("milestone"), r.PathValue("criterion"), checked); err != nil {
		s.milestoneFailed(w, r, err, action, MilestoneForm{})
		return
	}
	s.milestoneDone(w, r)
}
