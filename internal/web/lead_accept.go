package web

import "net/http"

// leadAccept serves POST /w/{ws}/leads/{lead}/accept: the owner (or an
// admin of the side it is routed to, or anyone there while it waits in
// the side's inbox) takes the lead, at the version shown. Accepting
// after the deadline is allowed and counts as a missed SLA.
func (s *server) leadAccept(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, err = s.svc.AcceptLead(r.Context(), actorOf(r), v.d.ID, r.PathValue("lead"), leadVersion(r))
	s.leadActed(w, r, v, err, "accepted", "")
}
