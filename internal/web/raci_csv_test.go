package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestRACICSV(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		pia := e.as(f.Partner)

		// Nothing is exported before the first save.
		e.get(ws+"/raci.csv", pia).wantStatus(t, http.StatusNotFound)

		saveRACI(t, f, f.HostMember, designRACI("Design"))
		formula := designRACI("=HYPERLINK(\"http://evil.test\")")
		saveRACI(t, f, f.HostMember, formula)

		r := e.get(ws+"/raci.csv", e.as(f.Guest))
		r.wantStatus(t, http.StatusOK)
		h := r.Header()
		if ct := h.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if cd := h.Get("Content-Disposition"); cd != `attachment; filename=raci-webinar-with-partnerco.csv` {
			t.Errorf("Content-Disposition %q", cd)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Error("no nosniff")
		}
		lines := strings.Split(strings.TrimSpace(r.body), "\n")
		if len(lines) != 3 || lines[0] != "Workstream,Content Lead (host),Designer (host),Demand Generation Lead (host),Partner Marketing Lead (partner),Partner Content Lead (partner)" {
			t.Fatalf("csv:\n%s", r.body)
		}
		// A spreadsheet never reads a workstream as a formula.
		if !strings.HasPrefix(lines[1], `"'=HYPERLINK(""http://evil.test"")",`) {
			t.Errorf("formula row %q", lines[1])
		}

		// An older version by number.
		r = e.get(ws+"/raci.csv?version=1", pia)
		r.wantStatus(t, http.StatusOK)
		if cd := r.Header().Get("Content-Disposition"); cd != `attachment; filename=raci-webinar-with-partnerco-v1.csv` {
			t.Errorf("Content-Disposition %q", cd)
		}
		if !strings.Contains(r.body, "\nDesign,") {
			t.Errorf("version 1:\n%s", r.body)
		}
		for _, q := range []string{"?version=3", "?version=0", "?version=x"} {
			e.get(ws+"/raci.csv"+q, pia).wantStatus(t, http.StatusNotFound)
		}
		e.get(ws+"/raci.csv", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
