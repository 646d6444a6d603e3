package web

import (
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// setupSubmit serves POST /setup: it creates the host organization and the
// first administrator, then signs them in.
func (s *server) setupSubmit(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	token := r.PostForm.Get("token")
	in := core.SetupInput{Org: r.PostForm.Get("org"), Name: r.PostForm.Get("name"),
		Email: r.PostForm.Get("email"), Password: r.PostForm.Get("password")}
	if _, err := s.svc.Setup(r.Context(), token, in, false); err != nil {
		fe, ok := formError(err, setupFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		p := &SetupPage{Base: Base{Title: "Set up Duet", Narrow: true}, Token: token,
			Form: SetupForm{Org: in.Org, Name: in.Name, Email: in.Email}, Err: fe}
		s.render(w, r, duet.HTTPStatus(err), "setup", p)
		return
	}
	// The account exists; signing in is the same as at /login.
	session, _, err := s.svc.Login(r.Context(), in.Email, in.Password, clientIP(r))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.setSession(w, session)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
