package web

import (
	"net/http"

	"duet/internal/duet"
)

// criterionCreate serves POST /w/{ws}/milestones/{milestone}/criteria: a
// check, checked off by hand, with one DRI (a person or a role).
func (s *server) criterionCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	f := MilestoneForm{Text: r.PostForm.Get("text"), DRI: r.PostForm.Get("dri")}
	in := duet.CriterionCreate{Text: f.Text, DRI: f.DRI}
	if _, err := s.svc.AddCriterion(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("milestone"), in); err != nil {
		s.milestoneFailed(w, r, err, "criteria", f, criterionFields...)
		return
	}
	s.milestoneDone(w, r)
}
