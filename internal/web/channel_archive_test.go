package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestChannelArchive(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "retro")
		say(t, f, f.Partner, ch, "Lessons so far")
		path := "/w/" + f.WS.ID + "/c/" + ch
		e.post(path+"/archive", e.as(f.Admin), url.Values{"archived": {"true"}}).wantRedirect(t, path)
		r := e.get(path, e.as(f.Partner))
		r.wantBody(t, "Archived", "#retro is archived. Restore it to post again.", "Lessons so far")
		r.wantNoBody(t, `id="composer-body"`)
		e.get("/w/"+f.WS.ID, e.as(f.Partner)).wantBody(t, "Archived (1)")
		e.post(path+"/messages", e.as(f.Partner), url.Values{"body": {"Still here?"}}).wantStatus(t, http.StatusConflict)

		e.post(path+"/archive", e.as(f.Partner), url.Values{"archived": {"false"}}).wantRedirect(t, path)
		e.get(path, e.as(f.Partner)).wantBody(t, `id="composer-body"`)

		// The decision log's channel stays.
		d := e.post("/w/"+f.WS.ID+"/c/"+channelID(t, f, "decisions")+"/archive", e.as(f.Admin), url.Values{"archived": {"true"}})
		d.wantStatus(t, http.StatusForbidden)
	})
}
