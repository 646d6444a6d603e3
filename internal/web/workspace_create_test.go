package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestWorkspaceCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		admin := e.as(e.f.Admin)
		form := func() url.Values {
			return url.Values{"template": {"saas-webinar-launch"}, "name": {"Spring webinar"}, "partner_org": {"Northwind"},
				"kickoff_on": {"2027-02-01"}, "launch_on": {"2027-03-15"}, "time_zone": {"America/New_York"}}
		}
		t.Run("creates and opens the workspace", func(t *testing.T) {
			r := e.post("/w", admin, form())
			r.wantStatus(t, http.StatusSeeOther)
			loc := r.Header().Get("Location")
			if !strings.HasPrefix(loc, "/w/") || len(loc) < 5 {
				t.Fatalf("Location %q", loc)
			}
			ws := e.get(loc, admin)
			ws.wantStatus(t, http.StatusOK)
			ws.wantBody(t, "Spring webinar", "Northwind", "Mon 1 Feb 2027", "Mon 15 Mar 2027", "America/New_York")
			e.get("/", admin).wantBody(t, "Spring webinar")
		})
		for name, c := range map[string]struct {
			field, value, msg string
		}{
			"launch before kickoff": {"launch_on", "2027-01-01", "must be after the kickoff date 2027-02-01"},
			"no name":               {"name", "", "Name is required."},
			"bad zone":              {"time_zone", "Mars/Olympus", `&#34;Mars/Olympus&#34; is not an IANA time zone`},
			"unknown template":      {"template", "nope", `Unknown template &#34;nope&#34;.`},
			"partner is the host":   {"partner_org", "Hostco", `&#34;Hostco&#34; is the host organization`},
		} {
			t.Run(name, func(t *testing.T) {
				in := form()
				in.Set(c.field, c.value)
				r := e.post("/w", admin, in)
				r.wantStatus(t, http.StatusUnprocessableEntity)
				if msg := fieldError(r.body, c.field); !strings.Contains(msg, c.msg) {
					t.Errorf("%s error %q, want %q", c.field, msg, c.msg)
				}
				// Everything the user typed is kept.
				for _, id := range []string{"name", "partner_org", "kickoff_on", "launch_on", "time_zone"} {
					if got, _ := inputValue(r.body, id); got != in.Get(id) {
						t.Errorf("%s = %q, want %q", id, got, in.Get(id))
					}
				}
				if c.field != "template" {
					r.wantBody(t, `id="tpl-saas-webinar-launch" value="saas-webinar-launch" checked`)
				}
			})
		}
		t.Run("only the host's admins", func(t *testing.T) {
			e.post("/w", e.as(e.f.HostMember), form()).wantStatus(t, http.StatusForbidden)
			e.post("/w", e.as(e.f.Partner), form()).wantStatus(t, http.StatusForbidden)
		})
	})
}
