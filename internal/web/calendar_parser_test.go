package web

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
	"duet/internal/ical/icaltest"
)

// feedPythonCheck reads a served feed with Debian's python3-icalendar and
// python3-recurring-ical-events, a parser that shares nothing with ours.
// It prints the parse errors, the VTIMEZONEs' TZIDs and every instance
// between two dates with its wall-clock start and UTC offset.
const feedPythonCheck = `
import datetime, json, sys
import icalendar, recurring_ical_events

path, start, stop = sys.argv[1:4]
with open(path, 'rb') as f:
    cal = icalendar.Calendar.from_ical(f.read())
errors = ['%s: %r' % (c.name, c.errors) for c in cal.walk() if c.errors]
instances = []
for ev in recurring_ical_events.of(cal).between(
        datetime.date.fromisoformat(start), datetime.date.fromisoformat(stop)):
    dt = ev['DTSTART'].dt
    timed = isinstance(dt, datetime.datetime)
    instances.append({
        'uid': str(ev['UID']),
        'start': dt.strftime('%Y-%m-%dT%H:%M') if timed else dt.isoformat(),
        'offset': dt.strftime('%z') if timed else '',
        'weekday': dt.strftime('%A'),
        'summary': str(ev['SUMMARY']),
        'categories': [str(c) for c in ev['CATEGORIES'].cats] if 'CATEGORIES' in ev else [],
    })
instances.sort(key=lambda i: (i['uid'], i['start']))
json.dump({'errors': errors, 'zones': sorted(str(z['TZID']) for z in cal.walk('VTIMEZONE')),
           'name': str(cal.get('X-WR-CALNAME', '')), 'instances': instances}, sys.stdout)
`

// feedInstance is one expanded instance as Python read it.
type feedInstance struct {
	UID        string   `json:"uid"`
	Start      string   `json:"start"`
	Offset     string   `json:"offset"`
	Weekday    string   `json:"weekday"`
	Summary    string   `json:"summary"`
	Categories []string `json:"categories"`
}

// feedParsed is a feed as Python read it.
type feedParsed struct {
	Errors    []string       `json:"errors"`
	Zones     []string       `json:"zones"`
	Name      string         `json:"name"`
	Instances []feedInstance `json:"instances"`
}

// parseFeedPython expands the feed's instances from start up to stop.
func parseFeedPython(t *testing.T, py, doc, start, stop string) feedParsed {
	t.Helper()
	path := filepath.Join(t.TempDir(), "feed.ics")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", feedPythonCheck, path, start, stop)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v\n%s\nfeed:\n%s", err, stderr.String(), doc)
	}
	var p feedParsed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("python output: %v\n%s", err, out)
	}
	if len(p.Errors) > 0 {
		t.Errorf("python parse errors: %v\nfeed:\n%s", p.Errors, doc)
	}
	return p
}

// TestCalendarFeedIndependentParser serves feeds of two campaigns that run
// across both daylight-saving changes of 2026, one in Berlin (29 March and
// 25 October) and one in New York (8 March and 1 November), and has
// Python expand them: the Monday check-in stays at 10:00 local time all
// year, and the skipped meeting is left out.
func TestCalendarFeedIndependentParser(t *testing.T) {
	py := icaltest.Python(t)
	f := coretest.New(t, "sqlite")
	e := newEnv(t, f, f.Svc)
	ctx := context.Background()

	type campaign struct {
		name, partnerOrg, zone string
		kickoff, launch        string
		summer                 [2]string // the days DST starts and ends
		offsets                [2]string // winter, summer
		id                     string
		around                 []string // Monday meetings either side of the changes
		skipped                string   // the Monday whose meeting is skipped
		partner                coretest.User
	}
	campaigns := []*campaign{
		{name: "Spring launch with Brandenburg", partnerOrg: "Brandenburg", zone: "Europe/Berlin", kickoff: "2026-03-23", launch: "2026-10-27",
			summer: [2]string{"2026-03-29", "2026-10-25"}, offsets: [2]string{"+0100", "+0200"},
			around: []string{"2026-03-23T10:00+0100", "2026-03-30T10:00+0200", "2026-10-19T10:00+0200", "2026-10-26T10:00+0100"}},
		{name: "Roadshow with Hudson", partnerOrg: "Hudson", zone: "America/New_York", kickoff: "2026-03-02", launch: "2026-11-03",
			summer: [2]string{"2026-03-08", "2026-11-01"}, offsets: [2]string{"-0500", "-0400"},
			around: []string{"2026-03-02T10:00-0500", "2026-03-09T10:00-0400", "2026-10-26T10:00-0400", "2026-11-02T10:00-0500"}},
	}
	for i, c := range campaigns {
		d, err := f.Svc.CreateWorkspace(ctx, f.Admin.Actor, duet.WorkspaceCreate{Name: c.name, Template: "partner-co-marketing",
			PartnerOrg: c.partnerOrg, KickoffOn: c.kickoff, LaunchOn: c.launch, TimeZone: c.zone})
		if err != nil {
			t.Fatal(err)
		}
		c.id = d.ID
		c.partner = f.Join(t, d.ID, []string{"pat@brandenburg.test", "pat@hudson.test"}[i], duet.SidePartner, duet.PermMember)
		// The meeting after the fixed clock (Mon 16 Nov 2026) is skipped.
		mon := feedCheckIn(t, f, d.ID, "monday-check-in")
		next, err := f.Svc.CurrentOccurrence(ctx, f.Admin.Actor, d.ID, mon.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.SkipOccurrence(ctx, f.Admin.Actor, d.ID, next.ID, "Holiday."); err != nil {
			t.Fatal(err)
		}
		loc, _ := time.LoadLocation(c.zone)
		c.skipped = next.StartsAt.In(loc).Format(time.DateOnly)
	}

	// Mondays from kickoff to the end of November at 10:00, with the
	// offset of the day, but for the skipped one.
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	mondays := func(c *campaign) (want []string) {
		for d := day(c.kickoff); d.Before(day("2026-12-01")); d = d.AddDate(0, 0, 7) {
			if d.Format(time.DateOnly) == c.skipped {
				continue
			}
			offset := c.offsets[0]
			if !d.Before(day(c.summer[0])) && d.Before(day(c.summer[1])) {
				offset = c.offsets[1]
			}
			want = append(want, d.Format(time.DateOnly)+"T10:00"+offset+" Monday")
		}
		return want
	}
	series := func(p feedParsed, uid string) (got []string) {
		for _, in := range p.Instances {
			if in.UID == uid {
				got = append(got, in.Start+in.Offset+" "+in.Weekday)
			}
		}
		return got
	}
	allDay := func(p feedParsed, uid string) string {
		for _, in := range p.Instances {
			if in.UID == uid {
				return in.Start + " " + in.Weekday
			}
		}
		return ""
	}
	check := func(t *testing.T, p feedParsed, c *campaign) {
		t.Helper()
		mon := feedCheckIn(t, f, c.id, "monday-check-in")
		got, want := series(p, mon.ID+"@duet"), mondays(c)
		if !slices.Equal(got, want) {
			t.Errorf("%s Monday check-in:\n got %q\nwant %q", c.zone, got, want)
		}
		// Spelled out: the Mondays either side of each change.
		for _, s := range c.around {
			if !slices.Contains(got, s+" Monday") {
				t.Errorf("%s: no Monday check-in at %s", c.zone, s)
			}
		}
		if skipped := c.skipped + "T10:00" + c.offsets[0] + " Monday"; slices.Contains(got, skipped) {
			t.Errorf("%s: the skipped meeting %s is in the feed", c.zone, skipped)
		}
		// The Thursday readiness check-in at 15:00 local time, every week.
		for _, s := range series(p, feedCheckIn(t, f, c.id, "thursday-readiness").ID+"@duet") {
			if !strings.Contains(s, "T15:00") || !strings.HasSuffix(s, " Thursday") {
				t.Errorf("%s Thursday check-in instance %s", c.zone, s)
			}
		}
		if got := allDay(p, c.id+"-kickoff@duet"); got != c.kickoff+" "+day(c.kickoff).Weekday().String() {
			t.Errorf("%s kickoff = %q", c.zone, got)
		}
		if got := allDay(p, c.id+"-launch@duet"); got != c.launch+" Tuesday" {
			t.Errorf("%s launch = %q", c.zone, got)
		}
		for _, key := range []string{"kickoff-complete", "assets-approved", "launch-go-live"} {
			ms := workspaceMilestone(t, f, c.id, key)
			if got := allDay(p, ms.ID+"@duet"); !strings.HasPrefix(got, ms.DueOn.String()+" ") {
				t.Errorf("%s milestone %s = %q, want %s", c.zone, key, got, ms.DueOn)
			}
		}
		if !slices.Contains(p.Zones, c.zone) {
			t.Errorf("no VTIMEZONE for %s: %v", c.zone, p.Zones)
		}
	}

	// The host admin's feed holds both campaigns (and the fixture's two).
	adminFeed := feedGet(e, http.MethodGet, feedPath(t, e, f.Admin), "")
	adminFeed.wantStatus(t, http.StatusOK)
	p := parseFeedPython(t, py, adminFeed.body, "2026-03-01", "2026-12-01")
	if p.Name != "Duet — Ada Admin" {
		t.Errorf("calendar name %q", p.Name)
	}
	if want := []string{"America/New_York", "Europe/Berlin"}; !slices.Equal(p.Zones, want) {
		t.Errorf("zones %v, want %v", p.Zones, want)
	}
	for _, c := range campaigns {
		check(t, p, c)
	}
	// Each partner's feed holds their own campaign, read the same way.
	for _, c := range campaigns {
		r := feedGet(e, http.MethodGet, feedPath(t, e, c.partner), "")
		r.wantStatus(t, http.StatusOK)
		pp := parseFeedPython(t, py, r.body, "2026-03-01", "2026-12-01")
		check(t, pp, c)
		if want := []string{c.zone}; !slices.Equal(pp.Zones, want) {
			t.Errorf("partner feed zones %v, want %v", pp.Zones, want)
		}
	}
}

// workspaceMilestone returns a workspace's milestone with the template
// key.
func workspaceMilestone(t *testing.T, f *coretest.Fixture, wsID, key string) duet.Milestone {
	t.Helper()
	ms, err := f.Svc.Milestones(context.Background(), f.Admin.Actor, wsID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Key == key {
			return m
		}
	}
	t.Fatalf("no milestone %q", key)
	return duet.Milestone{}
}
