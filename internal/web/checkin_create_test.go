package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestCheckInCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID

		// Weekly on Tuesday, both sides, two questions (the empty line is
		// left out): the new check-in's page.
		r := e.post(ws+"/check-ins", e.as(f.Admin), checkInForm("Design review"))
		r.wantStatus(t, http.StatusSeeOther)
		id := strings.TrimPrefix(r.Header().Get("Location"), ws+"/check-ins/")
		c := checkIn(t, f, id)
		if c.Schedule != "FREQ=WEEKLY;BYDAY=TU" || c.Time != "14:30" || c.DurationMinutes != 45 || c.OpenDays != 2 || c.NudgeMinutes != 90 ||
			len(c.Questions) != 2 || c.Questions[1].Text != "What needs a review?" || c.Questions[1].Key != "what-needs-a-review" {
			t.Fatalf("created %+v", c)
		}
		e.get(ws+"/check-ins/"+id, e.as(f.Partner)).wantBody(t, "Design review", "Every Tuesday at 14:30 Europe/Berlin · 45 minutes",
			"2 working days before", "What changed in the designs?")

		// The presets: every two weeks, monthly on the first weekday; a rule typed.
		for _, tc := range []struct{ repeat, rrule, want string }{
			{"biweekly", "", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"},
			{"monthly", "", "FREQ=MONTHLY;BYDAY=1TU"},
			{"custom", "FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=WEEKLY;BYDAY=MO,TH"},
		} {
			form := checkInForm("Sync " + tc.repeat)
			form.Set("repeat", tc.repeat)
			form.Set("rrule", tc.rrule)
			r := e.post(ws+"/check-ins", e.as(f.Admin), form)
			r.wantStatus(t, http.StatusSeeOther)
			if c := checkIn(t, f, strings.TrimPrefix(r.Header().Get("Location"), ws+"/check-ins/")); c.Schedule != tc.want {
				t.Errorf("%s: schedule %q, want %q", tc.repeat, c.Schedule, tc.want)
			}
		}

		// A go/no-go with a voter on each side.
		g := checkInForm("Launch gate")
		g.Set("gonogo", "1")
		g.Set("gonogo_text", "Do we launch?")
		g["voter_roles"] = []string{"partner-marketing-manager", "partner-marketing-lead"}
		r = e.post(ws+"/check-ins", e.as(f.Admin), g)
		r.wantStatus(t, http.StatusSeeOther)
		gate := checkIn(t, f, strings.TrimPrefix(r.Header().Get("Location"), ws+"/check-ins/"))
		if q, ok := gate.GoNoGo(); !ok || q.Key != "go-no-go" || len(q.VoterRoles) != 2 {
			t.Errorf("go/no-go %+v", q)
		}

		// Refusals name the field; what was typed stays; nothing is created.
		before := len(checkIns(t, f))
		for _, tc := range []struct {
			name  string
			edit  func(url.Values)
			field string
			want  string
			kept  string
		}{
			{"rule", func(v url.Values) { v.Set("repeat", "custom"); v.Set("rrule", "FREQ=HOURLY") }, "ci-rrule",
				"FREQ=HOURLY fires more than once a day; a check-in meets at most daily.", `value="FREQ=HOURLY"`},
			{"title", func(v url.Values) { v.Set("title", "") }, "ci-title", "Title is required.", `value="What changed in the designs?"`},
			{"duration", func(v url.Values) { v.Set("duration_minutes", "2") }, "ci-duration", "Duration must be between 5 and 480 minutes, not 2.", `value="2"`},
			{"not a number", func(v url.Values) { v.Set("nudge_minutes", "soon") }, "ci-nudge", `Nudge must be a whole number, not &#34;soon&#34;.`, `value="soon"`},
			{"time", func(v url.Values) { v.Set("time", "25:99") }, "ci-time", `&#34;25:99&#34; is not a time like 10:00.`, `value="25:99"`},
			{"nobody", func(v url.Values) { delete(v, "ask_sides") }, "ci-ask", "Choose at least one side or role to ask.", `value="Design review 2"`},
			{"no questions", func(v url.Values) { v["q_text"] = []string{"", ""} }, "ci-questions", "At least one question is required.", `value="Design review 2"`},
			{"long question", func(v url.Values) { v["q_text"] = []string{"ok", strings.Repeat("x", 501)} }, "ci-q1", "Question 2 must be at most 500 characters.", `value="ok"`},
			{"voters", func(v url.Values) {
				v.Set("gonogo", "1")
				v.Set("gonogo_text", "Go?")
				v["voter_roles"] = []string{"partner-marketing-manager"}
			},
				"ci-voters", "Name a partner role who votes.", `name="gonogo" value="1" checked`},
			{"one-side go/no-go", func(v url.Values) {
				v.Set("gonogo", "1")
				v.Set("gonogo_text", "Go?")
				v.Set("visibility", "host")
				v.Set("ask_sides", "host")
			},
				"ci-gonogo", "A go/no-go needs both sides, so its check-in must be shared.", `value="host" checked`},
		} {
			form := checkInForm("Design review 2")
			tc.edit(form)
			r := e.post(ws+"/check-ins", e.as(f.Admin), form)
			r.wantStatus(t, http.StatusUnprocessableEntity)
			if got := fieldError(r.body, tc.field); got != tc.want {
				t.Errorf("%s: error at %s is %q, want %q", tc.name, tc.field, got, tc.want)
			}
			r.wantBody(t, tc.kept)
		}
		if n := len(checkIns(t, f)); n != before {
			t.Errorf("%d check-ins after refusals, want %d", n, before)
		}

		// Only admins create check-ins; strangers do not learn of it.
		e.post(ws+"/check-ins", e.as(f.HostMember), checkInForm("Mine")).wantBody(t, "Only a workspace admin can change check-ins.")
		e.post(ws+"/check-ins", e.as(f.Partner), checkInForm("Mine")).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/check-ins", e.as(f.Guest), checkInForm("Mine")).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/check-ins", e.as(f.Stranger), checkInForm("Mine")).wantStatus(t, http.StatusNotFound)
	})
}
