package web

import (
	"net/http"
	"testing"
)

func TestWorkspaceNew(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		r := e.get("/w/new", e.as(e.f.Admin))
		r.wantStatus(t, http.StatusOK)
		for _, tpl := range e.svc.Templates() {
			r.wantBody(t, `value="`+tpl.Key+`"`, `data-preview="`+tpl.Key+`"`)
		}
		// The default template is chosen and previewed with every part.
		r.wantBody(t, `id="tpl-partner-co-marketing" value="partner-co-marketing" checked`,
			"Partner Legal Reviewer", "day-to-day", "Every Thursday at 15:00", "Assets approved",
			"14 days before launch", "Asset Development</strong> <span class=\"count\">8 tasks</span>", "DRI: Content Lead",
			`<label for="kickoff_on">Kickoff</label>`, `value="2026-11-16"`, `value="2027-01-11"`)

		// ?template= previews another without JavaScript.
		r = e.get("/w/new?template=channel-ebook", e.as(e.f.Admin))
		r.wantBody(t, `id="tpl-channel-ebook" value="channel-ebook" checked`)
		r.wantNoBody(t, `id="tpl-partner-co-marketing" value="partner-co-marketing" checked`)

		// Only the host's administrators open workspaces.
		e.get("/w/new", e.as(e.f.HostMember)).wantStatus(t, http.StatusForbidden)
		e.get("/w/new", e.as(e.f.Stranger)).wantStatus(t, http.StatusForbidden)
		e.get("/w/new", "").wantRedirect(t, "/login?next=%2Fw%2Fnew")
	})
}
