package ical

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"duet/internal/ical/icaltest"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load time zone %s: %v", name, err)
	}
	return loc
}

func mustEncode(t *testing.T, c *Calendar) string {
	t.Helper()
	b, err := c.Encode()
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return string(b)
}

// unfold undoes RFC 5545 folding: a CRLF followed by one space vanishes.
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

// block returns the unfolded lines from the one starting with begin up to
// and including the first line equal to end, joined with CRLF.
func block(t *testing.T, doc, begin, end string) string {
	t.Helper()
	lines := strings.Split(unfold(doc), "\r\n")
	i := slices.Index(lines, begin)
	if i < 0 {
		t.Fatalf("no line %q in\n%s", begin, doc)
	}
	j := slices.Index(lines[i:], end)
	if j < 0 {
		t.Fatalf("no line %q after %q in\n%s", end, begin, doc)
	}
	return strings.Join(lines[i:i+j+1], "\r\n")
}

// checkPhysicalLines checks what every client's line reader relies on:
// CRLF and nothing else ends a line, no line is longer than 75 octets, and
// no line breaks a UTF-8 sequence.
func checkPhysicalLines(t *testing.T, doc string) {
	t.Helper()
	if !strings.HasSuffix(doc, "\r\n") {
		t.Errorf("document does not end with CRLF")
	}
	if n := strings.Count(doc, "\n"); n != strings.Count(doc, "\r\n") || n != strings.Count(doc, "\r") {
		t.Errorf("bare CR or LF in document:\n%q", doc)
	}
	for _, line := range strings.Split(strings.TrimSuffix(doc, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line splits a UTF-8 sequence: %q", line)
		}
	}
}

func TestFold(t *testing.T) {
	var lines []string
	for _, n := range []int{1, 74, 75, 76, 149, 150, 151, 300} {
		lines = append(lines, strings.Repeat("a", n))
	}
	// Put 2-, 3- and 4-octet characters across every position of the first
	// and second break.
	for pad := 65; pad <= 76; pad++ {
		for _, r := range []string{"é", "€", "😀", "«é»"} {
			lines = append(lines, strings.Repeat("x", pad)+strings.Repeat(r, 40))
		}
	}
	for _, line := range lines {
		var w writer
		w.fold(line)
		out := w.buf.String()
		checkPhysicalLines(t, out)
		if got := strings.TrimSuffix(unfold(out), "\r\n"); got != line {
			t.Errorf("unfold(fold(%q)) = %q", line, got)
		}
		physical := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, p := range physical {
			content := p
			if i > 0 {
				if !strings.HasPrefix(p, " ") {
					t.Errorf("continuation line %q does not begin with a space", p)
				}
				content = p[1:]
			}
			if content == "" {
				t.Errorf("empty physical line in %q", out)
			}
			// Folding as late as possible: the next character would not
			// have fitted.
			if i+1 < len(physical) {
				_, size := utf8.DecodeRuneInString(physical[i+1][1:])
				if len(p)+size <= 75 {
					t.Errorf("line %q broken early: %d octets", p, len(p))
				}
			}
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text: with colon", "plain text: with colon"},
		{`C:\Temp`, `C:\\Temp`},
		{`literal \n`, `literal \\n`},
		{"a;b,c", `a\;b\,c`},
		{"l1\nl2", `l1\nl2`},
		{"l1\r\nl2", `l1\nl2`},
		{"l1\rl2", `l1\nl2`},
		{"l1\n\nl3", `l1\n\nl3`},
		{"tab\tkept", "tab\tkept"},
		{"a\x00b\x1bc\x7fd\u0085e", "abcde"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"Lancement — café «partenaires»", "Lancement — café «partenaires»"},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatDurationAndOffset(t *testing.T) {
	durations := map[time.Duration]string{
		time.Hour:                    "PT1H",
		90 * time.Minute:             "PT1H30M",
		time.Hour + 5*time.Second:    "PT1H0M5S",
		61 * time.Second:             "PT1M1S",
		45 * time.Second:             "PT45S",
		24 * time.Hour:               "PT24H",
		15*time.Minute + time.Second: "PT15M1S",
	}
	for d, want := range durations {
		if got := formatDuration(int64(d / time.Second)); got != want {
			t.Errorf("formatDuration(%v) = %q, want %q", d, got, want)
		}
	}
	offsets := map[int]string{
		3600:   "+0100",
		-18000: "-0500",
		0:      "+0000",
		37800:  "+1030",
		-9000:  "-0230",
		4475:   "+011435", // Amsterdam's old local mean time
	}
	for secs, want := range offsets {
		if got := formatOffset(secs); got != want {
			t.Errorf("formatOffset(%d) = %q, want %q", secs, got, want)
		}
	}
}

var stamp = time.Date(2026, 3, 1, 11, 0, 0, 0, time.UTC)

// weekly is a check-in every Monday at 10:00 local time in loc, starting
// 2 March 2026.
func weekly(uid string, loc *time.Location) Event {
	return Event{
		UID:      uid,
		Stamp:    stamp,
		Summary:  "Check-in " + loc.String(),
		Start:    time.Date(2026, 3, 2, 10, 0, 0, 0, loc),
		Duration: 30 * time.Minute,
		RRule:    "FREQ=WEEKLY;BYDAY=MO",
	}
}

func TestEncodeCalendar(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	c := &Calendar{
		Name:            "Acme, Q3 launch",
		Description:     "Check-ins; milestones",
		RefreshInterval: time.Hour,
		Events: []Event{
			{
				UID:      "timed@duet",
				Sequence: 3,
				Stamp:    time.Date(2026, 3, 1, 12, 0, 0, 0, berlin),
				Summary:  "Weekly check-in",
				URL:      "https://duet.example/w/acme/checkins",
				Start:    time.Date(2026, 3, 16, 10, 0, 0, 0, berlin),
				Duration: 90 * time.Minute,
				RRule:    "FREQ=WEEKLY;BYDAY=MO",
				// Given in other zones and out of order, with a duplicate:
				// written once each, sorted, in Berlin time.
				ExDates: []time.Time{
					time.Date(2026, 3, 30, 8, 0, 0, 0, time.UTC),
					time.Date(2026, 3, 23, 10, 0, 0, 0, berlin),
					time.Date(2026, 3, 23, 9, 0, 0, 0, time.UTC),
				},
				Categories: []string{"Check-in", "", "a,b"},
			},
			{
				UID:         "utc@duet",
				Stamp:       stamp,
				Summary:     "Review",
				Description: "Line 1\nLine 2",
				Start:       time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC),
				Duration:    30 * time.Minute,
				RRule:       "FREQ=DAILY;COUNT=3",
				ExDates:     []time.Time{time.Date(2026, 3, 17, 11, 0, 0, 0, berlin)},
			},
			{
				UID:     "allday@duet",
				Stamp:   stamp,
				Summary: "Launch",
				// Late evening in Berlin: the date is Berlin's, not UTC's.
				Start:   time.Date(2026, 4, 30, 23, 30, 0, 0, berlin),
				AllDay:  true,
				ExDates: []time.Time{time.Date(2027, 4, 30, 0, 0, 0, 0, time.UTC)},
				RRule:   "FREQ=YEARLY",
			},
		},
	}
	doc := mustEncode(t, c)
	checkPhysicalLines(t, doc)

	wantHeader := strings.Join([]string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//Duet//Duet Calendar//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		`X-WR-CALNAME:Acme\, Q3 launch`,
		`X-WR-CALDESC:Check-ins\; milestones`,
		"REFRESH-INTERVAL;VALUE=DURATION:PT1H",
		"X-PUBLISHED-TTL:PT1H",
		"BEGIN:VTIMEZONE",
		"TZID:Europe/Berlin",
	}, "\r\n") + "\r\n"
	if !strings.HasPrefix(doc, wantHeader) {
		t.Errorf("document starts\n%s\nwant\n%s", doc[:min(len(doc), len(wantHeader))], wantHeader)
	}
	if n := strings.Count(doc, "BEGIN:VTIMEZONE"); n != 1 {
		t.Errorf("%d VTIMEZONEs, want 1 (Europe/Berlin; the UTC event needs none)", n)
	}
	if !strings.HasSuffix(doc, "END:VEVENT\r\nEND:VCALENDAR\r\n") {
		t.Errorf("document does not end with the last event and END:VCALENDAR")
	}

	// Events come sorted by UID.
	wantEvents := []string{
		"BEGIN:VEVENT",
		"UID:allday@duet",
		"SEQUENCE:0",
		"DTSTAMP:20260301T110000Z",
		"DTSTART;VALUE=DATE:20260430",
		"DTEND;VALUE=DATE:20260501",
		"RRULE:FREQ=YEARLY",
		"EXDATE;VALUE=DATE:20270430",
		"SUMMARY:Launch",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"UID:timed@duet",
		"SEQUENCE:3",
		"DTSTAMP:20260301T110000Z",
		"DTSTART;TZID=Europe/Berlin:20260316T100000",
		"DTEND;TZID=Europe/Berlin:20260316T113000",
		"RRULE:FREQ=WEEKLY;BYDAY=MO",
		"EXDATE;TZID=Europe/Berlin:20260323T100000,20260330T100000",
		"SUMMARY:Weekly check-in",
		"URL:https://duet.example/w/acme/checkins",
		`CATEGORIES:Check-in,a\,b`,
		"END:VEVENT",
		"BEGIN:VEVENT",
		"UID:utc@duet",
		"SEQUENCE:0",
		"DTSTAMP:20260301T110000Z",
		"DTSTART:20260316T100000Z",
		"DTEND:20260316T103000Z",
		"RRULE:FREQ=DAILY;COUNT=3",
		"EXDATE:20260317T100000Z",
		"SUMMARY:Review",
		`DESCRIPTION:Line 1\nLine 2`,
		"END:VEVENT",
	}
	if got, want := block(t, doc, "BEGIN:VEVENT", "END:VCALENDAR"), strings.Join(append(wantEvents, "END:VCALENDAR"), "\r\n"); got != want {
		t.Errorf("events:\n%s\nwant:\n%s", got, want)
	}
}

func TestEncodeIsDeterministic(t *testing.T) {
	berlin, ny := mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/New_York")
	a := weekly("a", berlin)
	a.ExDates = []time.Time{time.Date(2026, 3, 9, 10, 0, 0, 0, berlin), time.Date(2026, 3, 16, 10, 0, 0, 0, berlin)}
	events := []Event{a, weekly("b", ny), weekly("c", berlin), {UID: "d", Stamp: stamp, Start: stamp, AllDay: true}}
	first := mustEncode(t, &Calendar{Name: "x", Events: events})

	reversed := slices.Clone(events)
	slices.Reverse(reversed)
	reversed[3].ExDates = []time.Time{a.ExDates[1], a.ExDates[0]}
	// Several runs, because zones and transition groups pass through maps.
	for range 5 {
		if got := mustEncode(t, &Calendar{Name: "x", Events: reversed}); got != first {
			t.Fatalf("output depends on input order:\n%s\nvs\n%s", got, first)
		}
	}
	if reversed[0].UID != "d" || !reversed[3].ExDates[0].Equal(a.ExDates[1]) {
		t.Errorf("Encode reordered the caller's events or dates")
	}
}

func TestEncodeRejects(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	ok := weekly("uid-1", berlin)
	tests := []struct {
		name   string
		modify func(*Calendar)
		want   string
	}{
		{"no UID", func(c *Calendar) { c.Events[0].UID = "" }, "UID is empty"},
		{"no stamp", func(c *Calendar) { c.Events[0].Stamp = time.Time{} }, "DTSTAMP"},
		{"negative sequence", func(c *Calendar) { c.Events[0].Sequence = -1 }, "sequence -1"},
		{"no start", func(c *Calendar) { c.Events[0].Start = time.Time{} }, "start is not set"},
		{"no duration", func(c *Calendar) { c.Events[0].Duration = 0 }, "must be positive"},
		{"all-day with duration", func(c *Calendar) { c.Events[0].AllDay = true }, "all-day events last one day"},
		{"machine zone", func(c *Calendar) { c.Events[0].Start = c.Events[0].Start.In(time.Local) }, `"Local"`},
		{"odd zone name", func(c *Calendar) { c.Events[0].Start = c.Events[0].Start.In(time.FixedZone("UTC+1:30", 5400)) }, "not an IANA zone name"},
		{"RRULE injection", func(c *Calendar) { c.Events[0].RRule = "FREQ=DAILY\r\nATTACH:x" }, "control characters"},
		{"URL with newline", func(c *Calendar) { c.Events[0].URL = "https://x\n" }, "URL"},
		{"negative refresh", func(c *Calendar) { c.RefreshInterval = -time.Hour }, "refresh interval"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Calendar{Events: []Event{ok}}
			tt.modify(c)
			_, err := c.Encode()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Encode error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := (&Calendar{Events: []Event{ok}}).Encode(); err != nil {
		t.Fatalf("valid event rejected: %v", err)
	}
}

func TestTimezones(t *testing.T) {
	tests := []struct {
		zone string
		year int
		want []string
	}{
		{"Europe/Berlin", 2026, []string{
			"BEGIN:DAYLIGHT",
			"DTSTART:20250330T020000",
			"TZOFFSETFROM:+0100",
			"TZOFFSETTO:+0200",
			"TZNAME:CEST",
			"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
			"END:DAYLIGHT",
			"BEGIN:STANDARD",
			"DTSTART:20251026T030000",
			"TZOFFSETFROM:+0200",
			"TZOFFSETTO:+0100",
			"TZNAME:CET",
			"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
			"END:STANDARD",
		}},
		{"America/New_York", 2026, []string{
			"BEGIN:DAYLIGHT",
			"DTSTART:20250309T020000",
			"TZOFFSETFROM:-0500",
			"TZOFFSETTO:-0400",
			"TZNAME:EDT",
			"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
			"END:DAYLIGHT",
			"BEGIN:STANDARD",
			"DTSTART:20251102T020000",
			"TZOFFSETFROM:-0400",
			"TZOFFSETTO:-0500",
			"TZNAME:EST",
			"RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
			"END:STANDARD",
		}},
		{"Asia/Tokyo", 2026, []string{
			"BEGIN:STANDARD",
			"DTSTART:19700101T000000",
			"TZOFFSETFROM:+0900",
			"TZOFFSETTO:+0900",
			"TZNAME:JST",
			"END:STANDARD",
		}},
		// Brazil abolished DST in 2019: the last run of STANDARD onsets is
		// counted, not open-ended, and the DAYLIGHT onsets (third Sunday
		// of October, then first Sunday of November) fit no single rule.
		{"America/Sao_Paulo", 2018, []string{
			"BEGIN:STANDARD",
			"DTSTART:20170219T000000",
			"TZOFFSETFROM:-0200",
			"TZOFFSETTO:-0300",
			"TZNAME:-03",
			"RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=3SU;COUNT=3",
			"END:STANDARD",
			"BEGIN:DAYLIGHT",
			"DTSTART:20171015T000000",
			"TZOFFSETFROM:-0300",
			"TZOFFSETTO:-0200",
			"TZNAME:-02",
			"RDATE:20181104T000000",
			"END:DAYLIGHT",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			loc := mustLoad(t, tt.zone)
			ev := weekly("w", loc)
			ev.Start = time.Date(tt.year, 3, 2, 10, 0, 0, 0, loc)
			doc := mustEncode(t, &Calendar{Events: []Event{ev}})
			want := strings.Join(append(append([]string{"BEGIN:VTIMEZONE", "TZID:" + tt.zone}, tt.want...), "END:VTIMEZONE"), "\r\n")
			if got := block(t, doc, "BEGIN:VTIMEZONE", "END:VTIMEZONE"); got != want {
				t.Errorf("VTIMEZONE:\n%s\nwant:\n%s", got, want)
			}
			if got, want := block(t, doc, "BEGIN:VEVENT", "END:VEVENT"), "DTSTART;TZID="+tt.zone+":"+ev.Start.Format("20060102T150405"); !strings.Contains(got, want) {
				t.Errorf("event lacks %q:\n%s", want, got)
			}
		})
	}
}

// sampledTransitions finds every change of zone state in [start, end) the
// slow way, by hourly sampling and bisection to the second, as an
// independent check of transitions.
func sampledTransitions(loc *time.Location, start, end time.Time) []time.Time {
	var out []time.Time
	prev := start
	for t := start.Add(time.Hour); t.Before(end); t = t.Add(time.Hour) {
		if stateAt(t.In(loc)) != stateAt(prev.In(loc)) {
			lo, hi := prev, t
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
				if stateAt(mid.In(loc)) == stateAt(lo.In(loc)) {
					lo = mid
				} else {
					hi = mid
				}
			}
			out = append(out, hi)
		}
		prev = t
	}
	return out
}

// probeZones are zones with every shape of rule: none, EU and US rules,
// southern hemisphere, half-hour DST, abolished DST, and Morocco's Ramadan
// changes that follow no yearly rule. The year is that of the event.
var probeZones = []struct {
	name string
	year int
}{
	{"Europe/Berlin", 2026},
	{"America/New_York", 2026},
	{"Asia/Tokyo", 2026},
	{"America/Sao_Paulo", 2018},
	{"Australia/Sydney", 2026},
	{"Australia/Lord_Howe", 2026},
	{"Africa/Casablanca", 2026},
}

func TestTransitionsMatchSampling(t *testing.T) {
	for _, z := range probeZones {
		loc := mustLoad(t, z.name)
		start := time.Date(z.year-1, 1, 1, 0, 0, 0, 0, time.UTC)
		end := time.Date(z.year+11, 1, 1, 0, 0, 0, 0, time.UTC)
		_, trs := transitions(loc, start, end)
		var got []time.Time
		for _, tr := range trs {
			got = append(got, tr.at.UTC())
		}
		if want := sampledTransitions(loc, start, end); !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Errorf("%s: transitions\n%v\nsampling finds\n%v", z.name, got, want)
		}
	}
}

// pythonCheck parses a feed with Debian's python3-icalendar (4.0.3) and
// python3-recurring-ical-events (2.0.1). It prints every instance between
// two dates, and the UTC offset that each VTIMEZONE, converted on its own
// by icalendar's Timezone.to_tz, gives at each probe instant. For a TZID
// that pytz knows, icalendar uses pytz's rules for the events, so to_tz is
// the only way the feed's own VTIMEZONEs get checked.
const pythonCheck = `
import datetime, json, sys
import icalendar, recurring_ical_events

cal_path, probes_path, start, stop = sys.argv[1:5]
with open(cal_path, 'rb') as f:
    cal = icalendar.Calendar.from_ical(f.read())
errors = [(c.name, c.errors) for c in cal.walk() if c.errors]
assert not errors, 'parse errors: %r' % errors

def wall(dt):
    if isinstance(dt, datetime.datetime):
        return dt.strftime('%Y-%m-%dT%H:%M:%S')
    return dt.isoformat()

instances = []
for ev in recurring_ical_events.of(cal).between(
        datetime.date.fromisoformat(start), datetime.date.fromisoformat(stop)):
    dt = ev['DTSTART'].dt
    cats = ev.get('CATEGORIES')
    instances.append({
        'uid': str(ev['UID']),
        'start': wall(dt),
        'end': wall(ev['DTEND'].dt),
        'offset': dt.strftime('%z') if isinstance(dt, datetime.datetime) else '',
        'weekday': dt.strftime('%A'),
        'summary': str(ev['SUMMARY']),
        'description': str(ev.get('DESCRIPTION', '')),
        'categories': [str(c) for c in cats.cats] if cats is not None else [],
    })
instances.sort(key=lambda i: (i['uid'], i['start']))

with open(probes_path) as f:
    probes = json.load(f)
zones = {}
for vtz in cal.walk('VTIMEZONE'):
    tz = vtz.to_tz()
    tzid = str(vtz['TZID'])
    zones[tzid] = [int(datetime.datetime.fromtimestamp(ts, tz).utcoffset().total_seconds())
                   for ts in probes.get(tzid, [])]
json.dump({'instances': instances, 'zones': zones}, sys.stdout)
`

type instance struct {
	UID         string   `json:"uid"`
	Start       string   `json:"start"`
	End         string   `json:"end"`
	Offset      string   `json:"offset"`
	Weekday     string   `json:"weekday"`
	Summary     string   `json:"summary"`
	Description string   `json:"description"`
	Categories  []string `json:"categories"`
}

func TestIndependentParser(t *testing.T) {
	py := icaltest.Python(t)

	berlin := weekly("checkin-berlin", mustLoad(t, "Europe/Berlin"))
	berlin.Summary = "Check-in, weekly; Berlin"
	berlin.Categories = []string{"Check-in", "Partner"}
	// Easter Monday.
	berlin.ExDates = []time.Time{time.Date(2026, 4, 6, 10, 0, 0, 0, berlin.Start.Location())}
	newYork := weekly("checkin-newyork", mustLoad(t, "America/New_York"))
	newYork.Start = newYork.Start.Add(-time.Hour) // 09:00
	newYork.Duration = 45 * time.Minute

	longSummary := strings.Repeat("Lancement — café, «partenaires»; ", 4) + `fin \ ok`
	description := "Ligne 1\nLigne 2, avec virgule; et point-virgule\n\tindentée"
	events := []Event{
		berlin,
		newYork,
		{
			UID:         "launch",
			Stamp:       stamp,
			Summary:     longSummary,
			Description: description,
			Start:       time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC),
			AllDay:      true,
			Categories:  []string{"Launch"},
		},
		{
			UID:      "review-utc",
			Stamp:    stamp,
			Summary:  "Review",
			Start:    time.Date(2026, 5, 5, 14, 0, 0, 0, time.UTC),
			Duration: time.Hour,
		},
	}
	// One event per probe zone, so that the feed has its VTIMEZONE; and
	// the instants at which to compare its offsets with Go's: twice a day,
	// and a second either side of every transition.
	probes := map[string][]int64{}
	for _, z := range probeZones {
		loc := mustLoad(t, z.name)
		events = append(events, Event{
			UID:      "zone-" + z.name,
			Stamp:    stamp,
			Summary:  z.name,
			Start:    time.Date(z.year, 3, 2, 10, 0, 0, 0, loc),
			Duration: time.Hour,
		})
		// From the event's year, not the year before: icalendar's to_tz
		// gives instants before the first onset the offset after it.
		start := time.Date(z.year, 1, 1, 0, 0, 0, 0, time.UTC)
		end := time.Date(z.year+11, 1, 1, 0, 0, 0, 0, time.UTC)
		for t := start; t.Before(end); t = t.Add(12 * time.Hour) {
			probes[z.name] = append(probes[z.name], t.Unix())
		}
		for _, at := range sampledTransitions(loc, start, end) {
			probes[z.name] = append(probes[z.name], at.Unix()-1, at.Unix())
		}
	}

	dir := t.TempDir()
	doc := mustEncode(t, &Calendar{Name: "Acme", RefreshInterval: time.Hour, Events: events})
	calPath, probesPath := filepath.Join(dir, "feed.ics"), filepath.Join(dir, "probes.json")
	if err := os.WriteFile(calPath, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	probesJSON, err := json.Marshal(probes)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(probesPath, probesJSON, 0o600); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(py, "-c", pythonCheck, calPath, probesPath, "2026-01-01", "2027-01-01")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python check: %v\n%s\nfeed:\n%s", err, stderr.String(), doc)
	}
	var result struct {
		Instances []instance         `json:"instances"`
		Zones     map[string][]int64 `json:"zones"`
	}
	if err := json.Unmarshal(out, &result); err != nil {
		t.Fatalf("python output: %v\n%s", err, out)
	}
	byUID := map[string][]instance{}
	for _, in := range result.Instances {
		byUID[in.UID] = append(byUID[in.UID], in)
	}

	// Every Monday of 2026 from 2 March at the same wall-clock time, with
	// the offset of the day; the Berlin series without Easter Monday.
	type wallTime struct{ Start, Offset, Weekday string }
	mondays := func(hour int, summer func(time.Time) bool, offsets [2]string, skip time.Time) []wallTime {
		var want []wallTime
		for d := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC); d.Year() == 2026; d = d.AddDate(0, 0, 7) {
			if d.Equal(skip) {
				continue
			}
			offset := offsets[0]
			if summer(d) {
				offset = offsets[1]
			}
			want = append(want, wallTime{
				Start:   d.Add(time.Duration(hour) * time.Hour).Format("2006-01-02T15:04:05"),
				Offset:  offset,
				Weekday: "Monday",
			})
		}
		return want
	}
	between := func(from, to time.Time) func(time.Time) bool {
		return func(d time.Time) bool { return !d.Before(from) && d.Before(to) }
	}
	checkSeries := func(uid string, want []wallTime) {
		t.Helper()
		var got []wallTime
		for _, in := range byUID[uid] {
			got = append(got, wallTime{in.Start, in.Offset, in.Weekday})
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s instances:\n%v\nwant:\n%v", uid, got, want)
		}
	}
	// DST in 2026: Europe 29 March to 25 October, US 8 March to 1 November.
	date := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	checkSeries("checkin-berlin", mondays(10, between(date(3, 29), date(10, 25)), [2]string{"+0100", "+0200"}, date(4, 6)))
	checkSeries("checkin-newyork", mondays(9, between(date(3, 8), date(11, 1)), [2]string{"-0500", "-0400"}, time.Time{}))
	if got := byUID["checkin-berlin"]; len(got) > 0 {
		first := got[0]
		if first.End != "2026-03-02T10:30:00" || first.Summary != berlin.Summary ||
			!slices.Equal(first.Categories, berlin.Categories) {
			t.Errorf("first Berlin instance = %+v", first)
		}
	}

	launch := byUID["launch"]
	if len(launch) != 1 {
		t.Fatalf("launch instances = %+v, want one", launch)
	}
	if l := launch[0]; l.Start != "2026-06-15" || l.End != "2026-06-16" || l.Weekday != "Monday" {
		t.Errorf("launch = %s to %s (%s), want the all-day 2026-06-15", l.Start, l.End, l.Weekday)
	}
	if got := launch[0].Summary; got != longSummary {
		t.Errorf("summary round trip:\n got %q\nwant %q", got, longSummary)
	}
	if got := launch[0].Description; got != description {
		t.Errorf("description round trip:\n got %q\nwant %q", got, description)
	}

	if got := byUID["review-utc"]; len(got) != 1 || got[0].Start != "2026-05-05T14:00:00" || got[0].Offset != "+0000" {
		t.Errorf("UTC review instances = %+v, want one at 2026-05-05 14:00 +0000", got)
	}

	for _, z := range probeZones {
		loc := mustLoad(t, z.name)
		got := result.Zones[z.name]
		if len(got) != len(probes[z.name]) {
			t.Errorf("%s: %d offsets from the VTIMEZONE for %d probes", z.name, len(got), len(probes[z.name]))
			continue
		}
		var wrong []string
		for i, ts := range probes[z.name] {
			at := time.Unix(ts, 0).In(loc)
			if _, want := at.Zone(); got[i] != int64(want) {
				wrong = append(wrong, fmt.Sprintf("%s: VTIMEZONE says %+d s, Go %+d s", at.UTC().Format(time.RFC3339), got[i], want))
			}
		}
		if len(wrong) > 0 {
			t.Errorf("%s: %d of %d probes disagree, first: %v", z.name, len(wrong), len(got), wrong[:min(len(wrong), 5)])
		}
	}
}
