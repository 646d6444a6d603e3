package web

import "net/http"

// leadAway serves POST /w/{ws}/leads/away: away=1 marks the viewer away,
// so lead routing skips them (a rule naming them sends the lead to the
// next in the pool, the next holder of the role, or the side's inbox);
// away=0 marks them back.
func (s *server) leadAway(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	away := r.PostForm.Get("away") == "1"
	if err := s.svc.SetAway(r.Context(), actorOf(r), r.PathValue("ws"), away); err != nil {
		s.Error(w, r, err)
		return
	}
	state := "off"
	if away {
		state = "on"
	}
	http.Redirect(w, r, leadsURL(r.PathValue("ws"))+"?away="+state, http.StatusSeeOther)
}
