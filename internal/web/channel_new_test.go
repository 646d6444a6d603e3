package web

import (
	"net/http"
	"testing"
)

func TestChannelNew(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		r := e.get("/w/"+f.WS.ID+"/channels/new", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		// A partner may share a channel or keep it to the partner side.
		r.wantBody(t, "New channel", `id="channel-name"`, `value="shared" checked`, `value="partner"`, "Only Partnerco")
		r.wantNoBody(t, `value="host"`)
		e.get("/w/"+f.WS.ID+"/channels/new", e.as(f.Guest)).wantStatus(t, http.StatusForbidden)
	})
}
