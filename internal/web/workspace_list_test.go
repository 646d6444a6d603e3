package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/core"
	"duet/internal/coretest"
)

func TestWorkspaceList(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		t.Run("anonymous goes to sign in", func(t *testing.T) {
			e.get("/", "").wantRedirect(t, "/login")
		})
		t.Run("admin sees both campaigns", func(t *testing.T) {
			r := e.get("/", e.as(f.Admin))
			r.wantStatus(t, http.StatusOK)
			r.wantBody(t, f.WS.Name, f.OtherWS.Name, "Partnerco", "Otherco", `href="/w/new"`, "Hostco · Admin", "4 members")
		})
		t.Run("partner sees only their campaign", func(t *testing.T) {
			r := e.get("/", e.as(f.Partner))
			r.wantStatus(t, http.StatusOK)
			r.wantBody(t, f.WS.Name, "Partnerco · Member")
			r.wantNoBody(t, f.OtherWS.Name, `href="/w/new"`)
		})
		t.Run("stranger sees only the other campaign", func(t *testing.T) {
			r := e.get("/", e.as(f.Stranger))
			r.wantBody(t, f.OtherWS.Name)
			r.wantNoBody(t, f.WS.Name)
		})
	})
}

func TestWorkspaceListEmptyAndNotSetUp(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		svc := freshService(t, engine)
		e := newEnv(t, nil, svc)
		e.get("/", "").wantRedirect(t, "/setup-needed")
		if _, err := svc.Setup(context.Background(), "", core.SetupInput{Email: "ada@host.test", Name: "Ada", Org: "Hostco", Password: coretest.Password}, true); err != nil {
			t.Fatal(err)
		}
		e.get("/", "").wantRedirect(t, "/login")
		r := e.get("/", e.session("ada@host.test", coretest.Password))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "No campaigns yet", "Create your first workspace")
	})
}
