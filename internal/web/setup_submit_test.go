package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"duet/internal/coretest"
)

func TestSetupSubmit(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		svc := freshService(t, engine)
		e := newEnv(t, nil, svc)
		token, _, err := svc.SetupToken(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		form := url.Values{"token": {token}, "org": {"Hostco"}, "name": {"Ada Admin"}, "email": {"ada@host.test"}, "password": {"short"}}

		t.Run("bad input keeps the form", func(t *testing.T) {
			r := e.post("/setup", "", form)
			r.wantStatus(t, http.StatusUnprocessableEntity)
			if msg := fieldError(r.body, "password"); msg != "Password must be at least 8 characters." {
				t.Errorf("password error %q", msg)
			}
			for id, want := range map[string]string{"org": "Hostco", "name": "Ada Admin", "email": "ada@host.test", "password": ""} {
				if got, _ := inputValue(r.body, id); got != want {
					t.Errorf("%s = %q, want %q", id, got, want)
				}
			}
			r.wantBody(t, `value="`+token+`"`)
			r.wantNoBody(t, "short")
		})
		t.Run("bad email", func(t *testing.T) {
			bad := url.Values{"token": {token}, "org": {"Hostco"}, "name": {"Ada"}, "email": {"not-an-email"}, "password": {coretest.Password}}
			r := e.post("/setup", "", bad)
			r.wantStatus(t, http.StatusUnprocessableEntity)
			if fieldError(r.body, "email") == "" {
				t.Error("no email error")
			}
		})
		t.Run("wrong token", func(t *testing.T) {
			bad := url.Values{"token": {"setup_wrong"}, "org": {"Hostco"}, "name": {"Ada"}, "email": {"ada@host.test"}, "password": {coretest.Password}}
			e.post("/setup", "", bad).wantStatus(t, http.StatusNotFound)
		})
		t.Run("creates the admin and signs in", func(t *testing.T) {
			form.Set("password", coretest.Password)
			r := e.post("/setup", "", form)
			r.wantRedirect(t, "/")
			c := r.cookie("duet_session")
			if c == nil || c.Value == "" {
				t.Fatal("no session cookie")
			}
			home := e.get("/", c.Value)
			home.wantStatus(t, http.StatusOK)
			home.wantBody(t, "Ada Admin", "Hostco", "Create your first workspace")
		})
		t.Run("only once", func(t *testing.T) {
			again := url.Values{"token": {token}, "org": {"Other"}, "name": {"Eve"}, "email": {"eve@host.test"}, "password": {coretest.Password}}
			r := e.post("/setup", "", again)
			r.wantStatus(t, http.StatusConflict)
			r.wantBody(t, "already set up")
		})
	})
}
