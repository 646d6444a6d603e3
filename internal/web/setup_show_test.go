package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/coretest"
)

func TestSetupShow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		svc := freshService(t, engine)
		e := newEnv(t, nil, svc)
		token, ok, err := svc.SetupToken(context.Background())
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		r := e.get("/setup?token="+token, "")
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, `name="token" value="`+token+`"`, `name="org"`, `name="password"`)
		e.get("/setup", "").wantStatus(t, http.StatusNotFound)
		e.get("/setup?token=setup_guessed", "").wantStatus(t, http.StatusNotFound)
	})
	t.Run("after setup", func(t *testing.T) {
		engines(t, func(t *testing.T, e *env) {
			// Once an administrator exists there is no setup page.
			e.get("/setup?token=setup_anything", "").wantStatus(t, http.StatusNotFound)
		})
	})
}
