package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestMemberList(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		if _, err := e.svc.CreateInvite(context.Background(), f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: "lee@partner.test", Side: duet.SidePartner, Permission: duet.PermGuest}); err != nil {
			t.Fatal(err)
		}
		path := "/w/" + f.WS.ID + "/members"

		t.Run("admin sees people, roles, invites and the form", func(t *testing.T) {
			r := e.get(path, e.as(f.Admin))
			r.wantStatus(t, http.StatusOK)
			r.wantBody(t, "Ada Admin", "hal@host.test", "pia@partner.test", "gus@host.test",
				"Partner Marketing Manager", "Nobody holds <strong>Legal Reviewer</strong>",
				"Pending invites", "lee@partner.test", "Revoke", `data-confirm=`,
				`id="invite"`, `<label for="invite-email">Email</label>`, `name="side" value="host"`, `name="side" value="partner"`,
				`name="roles" value="partner-legal-reviewer"`)
		})
		t.Run("members see people but no invites", func(t *testing.T) {
			for _, u := range []string{f.HostMember.Email, f.Partner.Email, f.Guest.Email} {
				r := e.get(path, e.session(u, f.Admin.Password))
				r.wantStatus(t, http.StatusOK)
				r.wantBody(t, "Ada Admin", "pia@partner.test")
				r.wantNoBody(t, "lee@partner.test", `id="invite"`, "Revoke")
			}
		})
		t.Run("a partner admin invites to the partner side only", func(t *testing.T) {
			r := e.get("/w/"+f.OtherWS.ID+"/members", e.as(f.Stranger))
			r.wantStatus(t, http.StatusOK)
			r.wantBody(t, `name="side" value="partner"`)
			r.wantNoBody(t, `name="side" value="host"`, `name="roles" value="legal-reviewer"`)
		})
		t.Run("strangers find nothing", func(t *testing.T) {
			e.get(path, e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		})
	})
}
