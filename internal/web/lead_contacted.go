package web

import "net/http"

// leadContacted serves POST /w/{ws}/leads/{lead}/contacted: the owner
// records the first contact with an accepted lead, which the contact SLA
// measures.
func (s *server) leadContacted(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, err = s.svc.MarkContacted(r.Context(), actorOf(r), v.d.ID, r.PathValue("lead"), leadVersion(r))
	s.leadActed(w, r, v, err, "contacted", "")
}
