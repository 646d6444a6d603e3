package web

import (
	"net/http"
	"testing"

	"duet/internal/coretest"
)

func TestLogoutSubmit(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		session := e.login(e.f.HostMember.Email, coretest.Password)
		e.get("/", session).wantStatus(t, http.StatusOK)

		r := e.post("/logout", session, nil)
		r.wantRedirect(t, "/login")
		if c := r.cookie("duet_session"); c == nil || c.MaxAge >= 0 {
			t.Errorf("cookie not cleared: %+v", c)
		}
		// The old cookie no longer works: the session ended on the server.
		old := e.get("/w/"+e.f.WS.ID, session)
		old.wantRedirect(t, "/login?next=%2Fw%2F"+e.f.WS.ID)
		if c := old.cookie("duet_session"); c == nil || c.MaxAge >= 0 {
			t.Errorf("a dead session cookie is not cleared: %+v", c)
		}
		// Signing out without a session is harmless.
		e.post("/logout", "", nil).wantRedirect(t, "/login")
	})
}
