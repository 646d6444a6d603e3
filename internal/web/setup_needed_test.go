package web

import (
	"net/http"
	"testing"

	"duet/internal/coretest"
)

func TestSetupNeeded(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := newEnv(t, nil, freshService(t, engine))
		r := e.get("/setup-needed", "")
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Duet is not set up yet", "duet setup")
	})
	t.Run("after setup", func(t *testing.T) {
		engines(t, func(t *testing.T, e *env) {
			e.get("/setup-needed", "").wantRedirect(t, "/")
		})
	})
}
