package web

import (
	"net/http"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestLeadCSV(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID
		w.approveRules(t, euRules())
		w.intake(t, f.Admin,
			duet.LeadIn{Email: "ana@acme.example", Name: "Ana Diaz", Country: "FR", Consent: true},
			duet.LeadIn{Email: "=cmd@globex.example", Name: "=HYPERLINK(\"x\")", Country: "US"})

		r := e.get(ws+"/leads.csv", e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		if ct, cd := r.Header().Get("Content-Type"), r.Header().Get("Content-Disposition"); ct != "text/csv; charset=utf-8" || cd != `attachment; filename="leads.csv"` {
			t.Errorf("headers %q %q", ct, cd)
		}
		lines := strings.Split(strings.TrimSpace(r.body), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "lead,email,name,company") {
			t.Fatalf("csv:\n%s", r.body)
		}
		// A cell that a spreadsheet would run as a formula is defused.
		if strings.Contains(r.body, ",=HYPERLINK") {
			t.Errorf("formula kept:\n%s", r.body)
		}

		// The same filters as the inbox; the partner gets only its own.
		mine := e.get(ws+"/leads.csv?view=mine", e.as(w.sally))
		if !strings.Contains(mine.body, "ana@acme.example") || strings.Contains(mine.body, "globex") {
			t.Errorf("Sally's csv:\n%s", mine.body)
		}
		p := e.get(ws+"/leads.csv", e.as(f.Partner))
		if strings.Contains(p.body, "globex") {
			t.Errorf("the partner's csv has the host's lead:\n%s", p.body)
		}
		e.get(ws+"/leads.csv?status=hot", e.as(f.Admin)).wantStatus(t, http.StatusUnprocessableEntity)
		e.get(ws+"/leads.csv", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
