package web

import "net/http"

// SetupNeededPage tells a visitor that Duet has no administrator yet and
// how the operator creates one.
type SetupNeededPage struct {
	Base
}

// setupNeeded serves GET /setup-needed. Once Duet is set up it sends
// visitors on to sign in.
func (s *server) setupNeeded(w http.ResponseWriter, r *http.Request) {
	needed, err := s.svc.SetupNeeded(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !needed {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "setup_needed", &SetupNeededPage{Base: Base{Title: "Set up Duet", Narrow: true}})
}
