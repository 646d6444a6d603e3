package web

import (
	"net/http"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestCalendarShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		news, landing, asset := slipping(t, f)
		secret := calEntry(t, f, f.Admin, duet.EntrySave{Title: "Margin review call", PublishAt: "2026-11-19T16:00", Visibility: duet.VisHost})

		// The month around today, Monday first, in Berlin time.
		month := e.get(ws+"/calendar", e.as(f.Admin))
		month.wantStatus(t, http.StatusOK)
		month.wantBody(t, "<h2 class=\"cal-heading\">November 2026</h2>", `data-drop-date="2026-10-26"`, `data-drop-date="2026-12-06"`,
			`class="cal-day is-today`, `<span class="visually-hidden">, today</span>`,
			"date=2026-10-01", "date=2026-12-01", `aria-current="page">Month</a>`, "Times are in Europe/Berlin.")
		if strings.Contains(month.body, `data-drop-date="2026-10-25"`) || strings.Contains(month.body, `data-drop-date="2026-12-07"`) {
			t.Error("the month grid runs past its weeks")
		}
		// The newsletter slips: red, flagged, with the reason as a tooltip
		// and as text for screen readers, and in the banner above.
		chip := calChunk(month.body, `id="chip-`+news.ID+`"`, "</li>")
		if chip == "" {
			t.Fatalf("no chip for the newsletter:\n%s", excerpt(month.body))
		}
		for _, want := range []string{"is-slipping", `<span class="cal-flag" aria-hidden="true">!</span>`, "09:00", "Partner newsletter feature",
			"Email", "0/1 asset approved", "Slipping: A-1 Data pipelines ebook is still in review", "Timing slips: A-1 Data pipelines ebook is still in review"} {
			if !strings.Contains(chip, want) {
				t.Errorf("the newsletter's chip lacks %q:\n%s", want, chip)
			}
		}
		month.wantBody(t, "1 timing slip in the launch timing", `<a href="`+ws+`/calendar/`+news.ID+`">Partner newsletter feature</a>`,
			"Wed 18 Nov 2026, 09:00 CET")
		// The host admin may drag the host's entries, not the partner's.
		if strings.Contains(chip, `draggable="true"`) || strings.Contains(chip, "/reschedule") {
			t.Error("the host may move the partner's entry")
		}
		land := calChunk(month.body, `id="chip-`+landing.ID+`"`, "</details>")
		for _, want := range []string{`draggable="true"`, `data-day="2026-11-20"`, `name="view" value="month"`, "It keeps its time, 10:00."} {
			if !strings.Contains(land, want) {
				t.Errorf("the landing page's chip lacks %q:\n%s", want, land)
			}
		}
		month.wantBody(t, "Margin review call")

		// The partner sees the slip and may move the newsletter; the
		// host-only entry never reaches them.
		p := e.get(ws+"/calendar", e.as(f.Partner))
		p.wantBody(t, "1 timing slip", `data-move="`+ws+`/calendar/`+news.ID+`/reschedule"`)
		p.wantNoBody(t, "Margin review call", secret.ID)

		// A guest reads it, and schedules and moves nothing.
		g := e.get(ws+"/calendar", e.as(f.Guest))
		g.wantStatus(t, http.StatusOK)
		g.wantNoBody(t, "Schedule an entry", `draggable="true"`, "/calendar/new")

		// The week: seven days with times.
		week := e.get(ws+"/calendar?view=week&date=2026-11-18", e.as(f.Partner))
		week.wantStatus(t, http.StatusOK)
		week.wantBody(t, "16–22 Nov 2026", `data-drop-date="2026-11-16"`, `data-drop-date="2026-11-22"`, "date=2026-11-09", "date=2026-11-23",
			`<time class="cal-time" datetime="2026-11-18T09:00:00&#43;01:00">09:00</time>`)
		week.wantNoBody(t, `data-drop-date="2026-11-23"`)

		// The list: every detail, slips spelled out.
		list := e.get(ws+"/calendar?view=list&date=2026-11-02", e.as(f.Partner))
		list.wantStatus(t, http.StatusOK)
		list.wantBody(t, "Wednesday 18 November 2026", "Friday 20 November 2026", `href="`+ws+`/assets/`+asset.ID+`"`, "In review",
			"Launch-critical", "A-1 Data pipelines ebook is still in review; it had to be approved by Mon 16 Nov 09:00", "Partner Marketing Lead")
		list.wantNoBody(t, "Thursday 19 November 2026")
		empty := e.get(ws+"/calendar?view=list&date=2027-03-01", e.as(f.Partner))
		empty.wantBody(t, "Nothing publishes in March 2027.", "1 timing slip")

		e.get(ws+"/calendar?view=year", e.as(f.Admin)).wantStatus(t, http.StatusUnprocessableEntity)
		e.get(ws+"/calendar?date=18.11.2026", e.as(f.Admin)).wantStatus(t, http.StatusUnprocessableEntity)
		e.get(ws+"/calendar", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}

// calChunk returns the element of s that the attribute from sits in, up
// to the next to after it; "" when from is missing.
func calChunk(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	i = max(strings.LastIndex(s[:i], "<"), 0)
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j+len(to)]
}
