package web

import (
	"net/http"
	"testing"
)

func TestRACICompare(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		saveRACI(t, f, f.HostMember, designRACI("Design"))
		changed := designRACI("Design")
		changed.Rows[0].Cells["partner-marketing-lead"] = "C"
		saveRACI(t, f, f.Partner, changed)

		r := e.get(ws+"/raci/compare?from=1&to=2", e.as(f.Guest))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "RACI matrix", "Compare Version 1 and Version 2", "1 line added, 1 removed",
			"Removed from v1: </span>Design — Designer: RA, Partner Marketing Lead: I, Partner Content Lead: C</td>",
			"Added in v2: </span>Design — Designer: RA, Partner Marketing Lead: C, Partner Content Lead: C</td>",
			`href="`+ws+`/raci#raci-versions"`, `aria-current="page">RACI matrix</a>`)
		r = e.get(ws+"/raci/compare?from=2&to=2", e.as(f.Partner))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		r.wantBody(t, "Choose two different versions to compare.")
		e.get(ws+"/raci/compare?from=1&to=7", e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/raci/compare?from=1&to=2", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
