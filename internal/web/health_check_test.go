package web

import (
	"net/http"
	"testing"

	"duet/internal/coretest"
)

func TestHealthCheck(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		r := e.get("/healthz", "")
		r.wantStatus(t, http.StatusOK)
		if r.body != "ok" {
			t.Errorf("body %q", r.body)
		}
	})
	t.Run("database gone", func(t *testing.T) {
		db := coretest.OpenDB(t, "sqlite")
		svc := coretest.Service(t, db, &coretest.Clock{}, nil)
		e := newEnv(t, nil, svc)
		db.Close()
		r := e.get("/healthz", "")
		r.wantStatus(t, http.StatusServiceUnavailable)
	})
}
