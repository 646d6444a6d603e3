package web

import (
	"net/http"
	"time"

	"duet/internal/core"
)

// InviteShowPage is the public page of an invite link: what the invitee
// joins, and the form to accept.
type InviteShowPage struct {
	Base
	Workspace    string
	Organization string
	InvitedBy    string
	Email        string
	Side         string
	Class        string
	Permission   string
	Expires      string
	HasAccount   bool
	Name         string
	Err          FormError
}

// acceptFields are the inputs of the accept form.
var acceptFields = []string{"name", "password"}

// inviteShow serves GET /invite/{token}. A used, revoked, expired or
// unknown link is simply not found.
func (s *server) inviteShow(w http.ResponseWriter, r *http.Request) {
	pv, err := s.svc.PreviewInvite(r.Context(), r.PathValue("token"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "invite_show", invitePage(pv, "", FormError{}))
}

// invitePage lays out the invite page.
func invitePage(pv *core.InvitePreview, name string, fe FormError) *InviteShowPage {
	return &InviteShowPage{Base: Base{Title: "Join " + pv.Workspace, Narrow: true},
		Workspace: pv.Workspace, Organization: pv.Organization, InvitedBy: pv.InvitedBy,
		Email: pv.Invite.Email, Side: string(pv.Invite.Side), Class: sideClass(pv.Invite.Side),
		Permission: permissionLabel(pv.Invite.Permission),
		Expires:    pv.Invite.Expires.In(time.UTC).Format("Mon 2 Jan 2006"),
		HasAccount: pv.HasAccount, Name: name, Err: fe}
}
