package web

import "net/http"

// LoginPage is the sign-in form.
type LoginPage struct {
	Base
	Email string
	Next  string // where to go afterwards, a local path
	Err   FormError
}

// loginFields are the inputs of the sign-in form.
var loginFields = []string{"email", "password"}

// loginShow serves GET /login; someone already signed in goes on.
func (s *server) loginShow(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if actorOf(r) != nil {
		http.Redirect(w, r, afterLogin(next), http.StatusSeeOther)
		return
	}
	if !localPath(next) {
		next = ""
	}
	s.render(w, r, http.StatusOK, "login", &LoginPage{Base: Base{Title: "Sign in", Narrow: true}, Next: next})
}
