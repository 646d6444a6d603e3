package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/coretest"
)

func TestLoginSubmit(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		t.Run("signs in and goes to next", func(t *testing.T) {
			r := e.post("/login", "", url.Values{"email": {f.Partner.Email}, "password": {coretest.Password}, "next": {"/w/" + f.WS.ID}})
			r.wantRedirect(t, "/w/"+f.WS.ID)
			c := r.cookie("duet_session")
			if c == nil || c.Value == "" {
				t.Fatal("no session cookie")
			}
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure {
				t.Errorf("cookie attributes: %+v", c)
			}
			e.get("/w/"+f.WS.ID, c.Value).wantStatus(t, http.StatusOK)
		})
		t.Run("a foreign next goes home", func(t *testing.T) {
			r := e.post("/login", "", url.Values{"email": {f.Partner.Email}, "password": {coretest.Password}, "next": {"https://evil.test/"}})
			r.wantRedirect(t, "/")
		})
		t.Run("wrong password and unknown email read the same", func(t *testing.T) {
			wrong := e.post("/login", "", url.Values{"email": {f.Partner.Email}, "password": {"not the password"}})
			unknown := e.post("/login", "", url.Values{"email": {"nobody@partner.test"}, "password": {"not the password"}})
			for _, r := range []response{wrong, unknown} {
				r.wantStatus(t, http.StatusUnauthorized)
				r.wantBody(t, "The email or password is not right.")
				r.wantNoBody(t, "not the password")
				if r.cookie("duet_session") != nil {
					t.Error("a failed sign-in set a cookie")
				}
			}
			if v, _ := inputValue(wrong.body, "email"); v != f.Partner.Email {
				t.Errorf("email not kept: %q", v)
			}
		})
		t.Run("missing email is named", func(t *testing.T) {
			r := e.post("/login", "", url.Values{"password": {"x"}})
			r.wantStatus(t, http.StatusUnprocessableEntity)
			if msg := fieldError(r.body, "email"); msg != "Email is required." {
				t.Errorf("email error %q", msg)
			}
		})
		t.Run("signing in again replaces the session", func(t *testing.T) {
			old := e.login(f.Guest.Email, coretest.Password)
			r := e.post("/login", old, url.Values{"email": {f.Guest.Email}, "password": {coretest.Password}})
			r.wantRedirect(t, "/")
			e.get("/", old).wantRedirect(t, "/login")
		})
	})
}

func TestSecureCookie(t *testing.T) {
	f := coretest.New(t, "sqlite")
	opts := Options{Secure: true}
	h := Secure(New(f.Svc, opts), opts)
	e := &env{t: t, f: f, svc: f.Svc, h: h, sessions: map[string]string{}}
	r := e.post("/login", "", url.Values{"email": {f.Admin.Email}, "password": {coretest.Password}})
	r.wantStatus(t, http.StatusSeeOther)
	c := r.cookie("__Host-duet_session")
	if c == nil || !c.Secure || !c.HttpOnly || c.Path != "/" || c.Domain != "" {
		t.Fatalf("cookie: %+v", c)
	}
	if r.Header().Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS behind TLS")
	}
}
