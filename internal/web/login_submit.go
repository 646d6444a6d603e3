package web

import (
	"net/http"

	"duet/internal/duet"
)

// loginSubmit serves POST /login: a new session replaces any earlier one.
// Every failure to sign in reads the same (core words it).
func (s *server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	email, next := r.PostForm.Get("email"), r.PostForm.Get("next")
	token, _, err := s.svc.Login(r.Context(), email, r.PostForm.Get("password"), clientIP(r))
	if err != nil {
		fe, ok := formError(err, loginFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		if !localPath(next) {
			next = ""
		}
		p := &LoginPage{Base: Base{Title: "Sign in", Narrow: true}, Email: email, Next: next, Err: fe}
		s.render(w, r, duet.HTTPStatus(err), "login", p)
		return
	}
	if old := sessionOf(r); old != "" {
		// Signing in as someone else ends the session this browser had.
		if err := s.svc.Logout(r.Context(), old); err != nil {
			s.log.Warn("ending the previous session failed", "err", err)
		}
	}
	s.setSession(w, token)
	http.Redirect(w, r, afterLogin(next), http.StatusSeeOther)
}
