package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestInviteShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ctx := context.Background()
		newcomer, err := e.svc.CreateInvite(ctx, f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: "new@partner.test", Side: duet.SidePartner})
		if err != nil {
			t.Fatal(err)
		}
		r := e.get("/invite/"+newcomer.Token, "")
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Ada Admin invited you to", "Webinar with Partnerco", "Partnerco", "new@partner.test",
			`<label for="name">Your name</label>`, `<label for="password">Choose a password</label>`)
		if r.Header().Get("Cache-Control") != "no-store" {
			t.Error("the invite page may be cached")
		}

		// Someone with an account only gives its password.
		existing, err := e.svc.CreateInvite(ctx, f.Admin.Actor, f.OtherWS.ID, duet.InviteCreate{Email: f.HostMember.Email, Side: duet.SideHost})
		if err != nil {
			t.Fatal(err)
		}
		r = e.get("/invite/"+existing.Token, "")
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Ebook with Otherco", "Hostco", "You already have a Duet account", `<label for="password">Password</label>`)
		r.wantNoBody(t, `name="name"`)

		e.get("/invite/inv_nosuchtoken", "").wantStatus(t, http.StatusNotFound)
	})
}
