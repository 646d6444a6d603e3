package web

import (
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// inviteAccept serves POST /invite/{token}: the invitee joins, is signed
// in, and lands on the workspace.
func (s *server) inviteAccept(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	token := r.PathValue("token")
	in := core.AcceptInput{Name: r.PostForm.Get("name"), Password: r.PostForm.Get("password"), OpenSession: true}
	acc, err := s.svc.AcceptInvite(r.Context(), token, in)
	if err != nil {
		fe, ok := formError(err, acceptFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		pv, perr := s.svc.PreviewInvite(r.Context(), token)
		if perr != nil {
			s.Error(w, r, perr)
			return
		}
		s.render(w, r, duet.HTTPStatus(err), "invite_show", invitePage(pv, in.Name, fe))
		return
	}
	if old := sessionOf(r); old != "" {
		// The browser now belongs to the account that joined.
		if err := s.svc.Logout(r.Context(), old); err != nil {
			s.log.Warn("ending the previous session failed", "err", err)
		}
	}
	s.setSession(w, acc.SessionToken)
	http.Redirect(w, r, "/w/"+acc.WorkspaceID, http.StatusSeeOther)
}
