package web

import "net/http"

// inviteRevoke serves POST /w/{ws}/invites/{invite}/revoke: the link stops
// working, and the admin is back on the members page.
func (s *server) inviteRevoke(w http.ResponseWriter, r *http.Request) {
	ws := r.PathValue("ws")
	if err := s.svc.RevokeInvite(r.Context(), actorOf(r), ws, r.PathValue("invite")); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/w/"+ws+"/members", http.StatusSeeOther)
}
