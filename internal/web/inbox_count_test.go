package web

import (
	"net/http"
	"testing"
)

func TestInboxCount(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		none := e.hx(http.MethodGet, "/inbox/count", e.as(f.Partner), nil)
		none.wantStatus(t, http.StatusOK)
		none.wantBody(t, `<span id="bell-count" class="bell-count" hidden>`)
		propose(t, f, f.Admin, "Blue hero image")
		e.hx(http.MethodGet, "/inbox/count", e.as(f.Partner), nil).wantBody(t, `<span id="bell-count" class="bell-count">1<`)
		// Pages that do not load the count let the browser fetch it.
		e.get("/", e.as(f.Partner)).wantBody(t, `id="bell-count" class="bell-count" data-stale hidden`)
	})
}
