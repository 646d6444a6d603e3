package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"duet/internal/duet"
)

func TestCheckInUpdate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		mon := checkIn(t, f, "monday-check-in")
		path := ws + "/check-ins/" + mon.ID
		o := current(t, f, mon.ID)
		answer(t, f, f.Partner, o.ID, "progress", "Logos sent.", duet.VisShared)
		// The form as the page fills it, with a question reworded.
		form := func(version int) url.Values {
			return url.Values{"version": {strconv.Itoa(version)}, "title": {"Monday check-in"}, "purpose": {mon.Purpose}, "repeat": {"weekly"},
				"weekday": {"MO"}, "time": {"09:30"}, "duration_minutes": {"30"}, "open_days": {"1"}, "nudge_minutes": {"60"},
				"ask_sides": {"host", "partner"}, "visibility": {"shared"},
				"q_text": {"What moved forward since last week?", "What is blocked, and who can unblock it?", "Which decisions do we need this week, and from whom?", ""},
				"q_key":  {"progress", "blockers", "decisions-needed", ""}}
		}

		e.post(path, e.as(f.Admin), form(mon.Version)).wantRedirect(t, path)
		c := checkIn(t, f, mon.ID)
		if c.Title != "Monday check-in" || c.Time != "09:30" || c.Version != mon.Version+1 || c.Questions[0].Key != "progress" ||
			c.Questions[0].Text != "What moved forward since last week?" {
			t.Fatalf("updated %+v", c)
		}
		// The reworded question keeps its answers.
		e.get(ws+"/occurrences/"+o.ID, e.as(f.Admin)).wantBody(t, "What moved forward since last week?", "Logos sent.")

		// A stale version is a conflict: the form keeps what was typed and
		// carries the version now shown.
		stale := form(mon.Version)
		stale.Set("title", "Stale title")
		r := e.post(path, e.as(f.Admin), stale)
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, `id="ci-form-error"`, "The form keeps what you typed", `value="Stale title"`, `name="version" value="`+strconv.Itoa(c.Version)+`"`,
			`<details class="ci-edit" open>`)
		// Invalid settings are refused at the field.
		bad := form(c.Version)
		bad.Set("open_days", "9")
		r = e.post(path, e.as(f.Admin), bad)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "ci-open"); got != "Opening must be between 0 and 5 working days, not 9." {
			t.Errorf("open days error %q", got)
		}
		if got := checkIn(t, f, mon.ID); got.Title != "Monday check-in" || got.Version != c.Version {
			t.Errorf("refused changes saved: %+v", got)
		}

		// Members may not; the partner may not learn of a host-only one.
		m := e.post(path, e.as(f.HostMember), form(c.Version))
		m.wantStatus(t, http.StatusForbidden)
		m.wantBody(t, "Only a workspace admin can change check-ins.", `id="checkin-alert"`)
		secret := hostCheckIn(t, f, "Partner health")
		e.post(ws+"/check-ins/"+secret.ID, e.as(f.Partner), form(1)).wantStatus(t, http.StatusNotFound)
		e.post(path, e.as(f.Stranger), form(c.Version)).wantStatus(t, http.StatusNotFound)
	})
}
