package web

import (
	"net/http"

	"duet/internal/duet"
)

// SetupPage is the one-time form that creates the host organization and
// its first administrator.
type SetupPage struct {
	Base
	Token string
	Form  SetupForm
	Err   FormError
}

// SetupForm is what the setup form sends back, without the password.
type SetupForm struct {
	Org   string
	Name  string
	Email string
}

// setupFields are the inputs of the setup form, named as core names them.
var setupFields = []string{"org", "name", "email", "password"}

// setupShow serves GET /setup?token=…, the link the operator got when the
// server started. Without the current token, or once Duet is set up,
// there is nothing here.
func (s *server) setupShow(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	needed, err := s.svc.SetupNeeded(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !needed || !s.svc.SetupTokenValid(r.Context(), token) {
		s.Error(w, r, duet.NotFound("setup link"))
		return
	}
	s.render(w, r, http.StatusOK, "setup", &SetupPage{Base: Base{Title: "Set up Duet", Narrow: true}, Token: token})
}
