package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestInviteRevoke(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		res, err := e.svc.CreateInvite(context.Background(), f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: "rev@partner.test", Side: duet.SidePartner})
		if err != nil {
			t.Fatal(err)
		}
		path := "/w/" + f.WS.ID + "/invites/" + res.Invite.ID + "/revoke"
		e.get("/invite/"+res.Token, "").wantStatus(t, http.StatusOK)

		e.post(path, e.as(f.HostMember), nil).wantStatus(t, http.StatusForbidden)
		e.post(path, e.as(f.Stranger), nil).wantStatus(t, http.StatusNotFound)
		e.post(path, e.as(f.Admin), nil).wantRedirect(t, "/w/"+f.WS.ID+"/members")

		// The link is dead, and revoking twice is a conflict.
		e.get("/invite/"+res.Token, "").wantStatus(t, http.StatusNotFound)
		again := e.post(path, e.as(f.Admin), nil)
		again.wantStatus(t, http.StatusConflict)
		again.wantBody(t, "This invite is already revoked.")
		e.get("/w/"+f.WS.ID+"/members", e.as(f.Admin)).wantBody(t, "Earlier invites", "rev@partner.test", "Revoked")
		e.post("/w/"+f.WS.ID+"/invites/no-such-invite/revoke", e.as(f.Admin), nil).wantStatus(t, http.StatusNotFound)
	})
}
