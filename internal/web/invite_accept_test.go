package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// TestInviteFlow goes the whole way through the pages: the admin invites,
// a new partner user accepts, lands on the workspace, and sees only it.
func TestInviteFlow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		created := e.post("/w/"+f.WS.ID+"/invites", e.as(f.Admin), url.Values{"email": {"nia@partner.test"}, "side": {"partner"},
			"permission": {"member"}, "roles": {"partner-legal-reviewer"}})
		created.wantStatus(t, http.StatusOK)
		token := inviteToken(t, created.body)

		e.get("/invite/"+token, "").wantBody(t, "Webinar with Partnerco", "Partnerco")
		joined := e.post("/invite/"+token, "", url.Values{"name": {"Nia Patel"}, "password": {coretest.Password}})
		joined.wantRedirect(t, "/w/"+f.WS.ID)
		c := joined.cookie("duet_session")
		if c == nil || c.Value == "" || !c.HttpOnly {
			t.Fatalf("session cookie %+v", c)
		}

		ws := e.get("/w/"+f.WS.ID, c.Value)
		ws.wantStatus(t, http.StatusOK)
		ws.wantBody(t, "Nia Patel", "Partner Legal Reviewer")
		ws.wantNoBody(t, "Nobody holds <strong>Partner Legal Reviewer</strong>")

		home := e.get("/", c.Value)
		home.wantStatus(t, http.StatusOK)
		home.wantBody(t, f.WS.Name)
		home.wantNoBody(t, f.OtherWS.Name)
		if n := strings.Count(home.body, `class="card ws-card"`); n != 1 {
			t.Errorf("%d workspaces listed, want 1", n)
		}

		// The link worked once.
		e.get("/invite/"+token, "").wantStatus(t, http.StatusNotFound)
		e.post("/invite/"+token, "", url.Values{"name": {"Eve"}, "password": {coretest.Password}}).wantStatus(t, http.StatusNotFound)
	})
}

func TestInviteAcceptBadInput(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ctx := context.Background()
		res, err := e.svc.CreateInvite(ctx, f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: "kim@partner.test", Side: duet.SidePartner})
		if err != nil {
			t.Fatal(err)
		}
		r := e.post("/invite/"+res.Token, "", url.Values{"name": {"Kim Lee"}, "password": {"short"}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "password"); msg != "Password must be at least 8 characters." {
			t.Errorf("password error %q", msg)
		}
		if v, _ := inputValue(r.body, "name"); v != "Kim Lee" {
			t.Errorf("name not kept: %q", v)
		}
		if v, _ := inputValue(r.body, "password"); v != "" {
			t.Errorf("password echoed: %q", v)
		}
		if r.cookie("duet_session") != nil {
			t.Error("a failed accept set a cookie")
		}
		r = e.post("/invite/"+res.Token, "", url.Values{"name": {""}, "password": {coretest.Password}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "name"); msg != "Name is required." {
			t.Errorf("name error %q", msg)
		}
		// The invite is still good after the failures.
		e.post("/invite/"+res.Token, "", url.Values{"name": {"Kim Lee"}, "password": {coretest.Password}}).wantRedirect(t, "/w/"+f.WS.ID)

		// An existing account must give its own password.
		other, err := e.svc.CreateInvite(ctx, f.Admin.Actor, f.OtherWS.ID, duet.InviteCreate{Email: f.Guest.Email, Side: duet.SideHost})
		if err != nil {
			t.Fatal(err)
		}
		r = e.post("/invite/"+other.Token, "", url.Values{"password": {"not my password"}})
		r.wantStatus(t, http.StatusUnauthorized)
		if msg := fieldError(r.body, "password"); !strings.Contains(msg, "enter its password") {
			t.Errorf("password error %q", msg)
		}
		ok := e.post("/invite/"+other.Token, "", url.Values{"password": {coretest.Password}})
		ok.wantRedirect(t, "/w/"+f.OtherWS.ID)
		e.get("/", ok.cookie("duet_session").Value).wantBody(t, f.WS.Name, f.OtherWS.Name)
	})
}
