package web

import (
	"net/http"
	"testing"
)

func TestRulesCompare(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID
		w.saveRules(t, euRules())
		rs := euRules()
		rs.Rules[0].When[0].Values = []string{"DE", "FR", "AT"}
		w.saveRules(t, rs)

		r := e.get(ws+"/rules/compare?from=1&to=2", e.as(f.Guest))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Compare Version 1 and Version 2", `class="dl dl-del"`, `class="dl dl-ins"`, "when country is one of DE, FR, AT",
			"1 line added, 1 removed", `<option value="2" selected>Version 2 (draft)</option>`)

		same := e.get(ws+"/rules/compare?from=2&to=2", e.as(f.Partner))
		same.wantStatus(t, http.StatusUnprocessableEntity)
		same.wantBody(t, "Choose two different versions to compare.")
		e.get(ws+"/rules/compare?from=1&to=9", e.as(f.Partner)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/rules/compare?from=1&to=2", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
