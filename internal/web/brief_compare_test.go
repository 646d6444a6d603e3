package web

import (
	"net/http"
	"testing"
)

func TestBriefCompare(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		pia := e.as(f.Partner)
		saveBrief(t, f, f.HostMember, webinarBrief(), "First draft")
		b := webinarBrief()
		b.Goals[0].Target = 700
		saveBrief(t, f, f.Partner, b, "More seats")

		r := e.get(ws+"/brief/compare?from=1&to=2", e.as(f.Guest))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Compare Version 1 and Version 2", "First draft", "More seats", "1 line added, 1 removed",
			`<td class="dl-text"><span class="visually-hidden">Removed from v1: </span>- Webinar registrations: 600 registrations (owned by the host side)</td>`,
			`<td class="dl-text"><span class="visually-hidden">Added in v2: </span>- Webinar registrations: 700 registrations (owned by the host side)</td>`,
			`href="`+ws+`/brief#brief-versions"`, `aria-current="page">Campaign brief</a>`)

		for _, q := range []string{"", "?from=1", "?from=2&to=2", "?from=x&to=2", "?from=0&to=2"} {
			r = e.get(ws+"/brief/compare"+q, pia)
			r.wantStatus(t, http.StatusUnprocessableEntity)
			r.wantBody(t, "Choose two different versions to compare.")
		}
		e.get(ws+"/brief/compare?from=1&to=3", pia).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/brief/compare?from=1&to=2", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
