package web

import "net/http"

// leadReject serves POST /w/{ws}/leads/{lead}/reject: the lead is turned
// down with a reason, which is required; its rule's escalation role is
// told.
func (s *server) leadReject(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	reason := r.PostForm.Get("reason")
	_, err = s.svc.RejectLead(r.Context(), actorOf(r), v.d.ID, r.PathValue("lead"), leadVersion(r), reason)
	s.leadActed(w, r, v, err, "rejected", reason)
}
