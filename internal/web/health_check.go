package web

import (
	"io"
	"net/http"
)

// healthCheck serves GET /healthz for load balancers: 200 while the
// database answers, 503 otherwise.
func (s *server) healthCheck(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.svc.Ping(r.Context()); err != nil {
		s.log.Warn("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "unavailable\n")
		return
	}
	io.WriteString(w, "ok")
}
