package web

import (
	"net/http"
	"testing"
)

func TestLoginShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		r := e.get("/login?next=/w/abc", "")
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, `<label for="email">Email</label>`, `<label for="password">Password</label>`, `name="next" value="/w/abc"`)

		// A foreign next is dropped.
		e.get("/login?next=//evil.test/x", "").wantNoBody(t, "evil.test")

		// Someone signed in goes on.
		e.get("/login?next=/w/abc", e.as(e.f.Admin)).wantRedirect(t, "/w/abc")
		e.get("/login?next=https://evil.test/", e.as(e.f.Admin)).wantRedirect(t, "/")
	})
}

func TestLocalPath(t *testing.T) {
	for next, want := range map[string]bool{
		"/": true, "/w/abc": true, "/w/abc/members?x=1": true,
		"": false, "//evil.test": false, "/\\evil.test": false, "https://evil.test/": false,
		"w/abc": false, "/w\r\nSet-Cookie: x": false, "javascript:alert(1)": false,
	} {
		if got := localPath(next); got != want {
			t.Errorf("localPath(%q) = %v, want %v", next, got, want)
		}
	}
}
