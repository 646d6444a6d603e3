package web

import (
	"net/http"
	"testing"
)

func TestChannelSettings(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		path := "/w/" + f.WS.ID + "/c/" + channelID(t, f, "retro") + "/settings"
		r := e.get(path, e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "#retro settings", `value="retro"`, "Post-launch review", "Archive #retro")
		e.get(path, e.as(f.Guest)).wantStatus(t, http.StatusForbidden)
		// The decision log's channel has no settings.
		e.get("/w/"+f.WS.ID+"/c/"+channelID(t, f, "decisions")+"/settings", e.as(f.Admin)).wantStatus(t, http.StatusForbidden)
	})
}
