package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// milestoneComplete serves POST /w/{ws}/milestones/{milestone}/complete.
// With every check met the milestone completes. With one unmet the form
// must carry an override (its kind and reason): core proposes it as a
// decision both sides sign, and the milestone completes once it is
// approved. Without one, or from a stale version, it is refused on the
// card.
func (s *server) milestoneComplete(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	version, _ := strconv.Atoi(pf.Get("version"))
	f := MilestoneForm{Kind: pf.Get("override_kind"), Reason: pf.Get("override_reason")}
	in := duet.MilestoneCompletion{Version: version, OverrideKind: f.Kind, OverrideReason: f.Reason}
	if _, err := s.svc.CompleteMilestone(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("milestone"), in); err != nil {
		s.milestoneFailed(w, r, err, "complete", f, completeFields...)
		return
	}
	s.milestoneDone(w, r)
}
