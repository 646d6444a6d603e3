package web

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestBriefActuals(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		saveBrief(t, f, f.HostMember, webinarBrief(), "")
		f.Clock.Advance(f.WS.LaunchOn.Time.Sub(f.Clock.Now()) + 24*time.Hour)
		hal := e.login(f.HostMember.Email, f.HostMember.Password)
		actual := func(key, value string) url.Values { return url.Values{"kpi": {key}, "value": {value}} }

		// Entered as people type numbers; the goal shows how far it got.
		e.post(ws+"/brief/actuals", hal, actual("webinar-registrations", "1,200")).wantRedirect(t, ws+"/brief#goals")
		if got := brief(t, f, f.Partner).Actuals["webinar-registrations"]; got != 1200 {
			t.Fatalf("actual %v, want 1200", got)
		}
		r := e.get(ws+"/brief", hal)
		r.wantBody(t, "200%", `<span class="met met-yes">`)
		if got, _ := inputValue(r.body, "actual-webinar-registrations"); got != "1200" {
			t.Errorf("the actual's input holds %q", got)
		}

		// What is no number is refused next to the goal's input, which
		// keeps it; the actual stays as it was.
		r = e.post(ws+"/brief/actuals", hal, actual("webinar-registrations", "many"))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "actual-webinar-registrations"); msg != `The actual must be a number, such as 640 or 12.5, not &#34;many&#34;.` {
			t.Errorf("bad number: %q", msg)
		}
		if got, _ := inputValue(r.body, "actual-webinar-registrations"); got != "many" {
			t.Errorf("typed value kept as %q", got)
		}
		r = e.post(ws+"/brief/actuals", hal, actual("webinar-registrations", "-5"))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "actual-webinar-registrations"); msg != "Value must be a number of zero or more." {
			t.Errorf("negative: %q", msg)
		}
		// Goals counted from leads are not entered; unknown goals neither.
		r = e.post(ws+"/brief/actuals", hal, actual("mqls", "12"))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		r.wantBody(t, `id="actual-error"`, "&#34;MQLs&#34; is computed from routed leads; it cannot be entered.")
		e.post(ws+"/brief/actuals", hal, actual("vibes", "1")).wantStatus(t, http.StatusUnprocessableEntity)
		if got := brief(t, f, f.Partner).Actuals["webinar-registrations"]; got != 1200 {
			t.Fatalf("a refused actual changed it to %v", got)
		}

		// The partner enters too; guests do not; empty clears.
		e.post(ws+"/brief/actuals", e.login(f.Partner.Email, f.Partner.Password), actual("webinar-registrations", "640")).
			wantRedirect(t, ws+"/brief#goals")
		r = e.post(ws+"/brief/actuals", e.login(f.Guest.Email, f.Guest.Password), actual("webinar-registrations", "1"))
		r.wantStatus(t, http.StatusForbidden)
		e.post(ws+"/brief/actuals", hal, actual("webinar-registrations", "")).wantRedirect(t, ws+"/brief#goals")
		if _, ok := brief(t, f, f.Partner).Actuals["webinar-registrations"]; ok {
			t.Fatal("an empty actual did not clear it")
		}
		e.post(ws+"/brief/actuals", e.login(f.Stranger.Email, f.Stranger.Password), actual("webinar-registrations", "1")).
			wantStatus(t, http.StatusNotFound)
	})
}
