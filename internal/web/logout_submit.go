package web

import "net/http"

// logoutSubmit serves POST /logout: the session ends on the server and the
// cookie is cleared.
func (s *server) logoutSubmit(w http.ResponseWriter, r *http.Request) {
	if token := sessionOf(r); token != "" {
		if err := s.svc.Logout(r.Context(), token); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	s.clearSession(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
