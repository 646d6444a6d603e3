package duet

import (
	"strings"
	"testing"
	"time"
)

func mustZone(t testing.TB, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestRecurrenceKeepsWallClockAcrossDST(t *testing.T) {
	berlin, ny := mustZone(t, "Europe/Berlin"), mustZone(t, "America/New_York")
	start, _ := ParseDate("2026-01-01")
	for _, tc := range []struct {
		name, rule string
		now        time.Time
		loc        *time.Location
		want       []string
	}{
		{"monday across the spring change in Berlin", "FREQ=WEEKLY;BYDAY=MO", time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-03-23T10:00:00+01:00", "2026-03-30T10:00:00+02:00"}},
		{"monday across the autumn change in Berlin", "FREQ=WEEKLY;BYDAY=MO", time.Date(2026, 10, 20, 12, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-10-26T10:00:00+01:00", "2026-11-02T10:00:00+01:00"}},
		{"monday before and after the autumn change", "FREQ=WEEKLY;BYDAY=MO", time.Date(2026, 10, 13, 12, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-10-19T10:00:00+02:00", "2026-10-26T10:00:00+01:00"}},
		{"monday across the spring change in New York", "FREQ=WEEKLY;BYDAY=MO", time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC), ny,
			[]string{"2026-03-09T10:00:00-04:00", "2026-03-16T10:00:00-04:00"}},
		{"monday before the spring change in New York", "FREQ=WEEKLY;BYDAY=MO", time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC), ny,
			[]string{"2026-03-02T10:00:00-05:00", "2026-03-09T10:00:00-04:00"}},
		{"same day, before the time", "FREQ=WEEKLY;BYDAY=MO", time.Date(2026, 3, 23, 8, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-03-23T10:00:00+01:00"}},
		{"same day, after the time", "FREQ=WEEKLY;BYDAY=MO", time.Date(2026, 3, 23, 9, 30, 0, 0, time.UTC), berlin,
			[]string{"2026-03-30T10:00:00+02:00"}},
		{"two days a week", "FREQ=WEEKLY;BYDAY=MO,TH", time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC), ny,
			[]string{"2026-11-05T10:00:00-05:00", "2026-11-09T10:00:00-05:00"}},
		{"every other week", "FREQ=WEEKLY;BYDAY=MO;INTERVAL=2", time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-01-12T10:00:00+01:00", "2026-01-26T10:00:00+01:00"}},
		{"every other week, far from start", "FREQ=WEEKLY;BYDAY=MO;INTERVAL=2", time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-06-15T10:00:00+02:00"}},
		{"not before start", "FREQ=WEEKLY;BYDAY=MO", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-01-05T10:00:00+01:00"}},
		{"weekdays", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", time.Date(2026, 3, 27, 12, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-03-30T10:00:00+02:00", "2026-03-31T10:00:00+02:00"}},
		{"first tuesday of the month", "FREQ=MONTHLY;BYDAY=1TU", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-04-07T10:00:00+02:00", "2026-05-05T10:00:00+02:00"}},
		{"last friday of the month", "FREQ=MONTHLY;BYDAY=-1FR", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-02-27T10:00:00+01:00", "2026-03-27T10:00:00+01:00"}},
		{"the 31st skips short months", "FREQ=MONTHLY;BYMONTHDAY=31", time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-05-31T10:00:00+02:00"}},
		{"count stops", "FREQ=WEEKLY;BYDAY=TH;COUNT=2", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-01-01T10:00:00+01:00", "2026-01-08T10:00:00+01:00"}},
		{"until is the last day", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20260108", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), berlin,
			[]string{"2026-01-08T10:00:00+01:00"}},
	} {
		r, err := ParseRecurrence(tc.rule, start)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got []string
		for _, at := range r.At(start, 10, 0, tc.loc, tc.now, len(tc.want)+1) {
			got = append(got, at.Format(time.RFC3339))
		}
		if len(got) > len(tc.want) && !strings.Contains(tc.rule, "COUNT") && !strings.Contains(tc.rule, "UNTIL") {
			got = got[:len(tc.want)]
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestRecurrenceRefusesWhatNeverOrTooOftenFires(t *testing.T) {
	start, _ := ParseDate("2026-03-01")
	for rule, want := range map[string]string{
		"":                                       "required",
		"FREQ=SECONDLY":                          "more than once a day",
		"FREQ=HOURLY;INTERVAL=1":                 "more than once a day",
		"FREQ=WEEKLY;BYHOUR=9":                   "time field",
		"FREQ=WEEKLY;BYDAY=XX":                   "not a weekday",
		"FREQ=WEEKLY;BYDAY=MO;INTERVAL=0":        "INTERVAL",
		"FREQ=WEEKLY;UNTIL=20260101":             "never fires",
		"FREQ=MONTHLY;BYMONTHDAY=30;INTERVAL=12": "",
		"FREQ=WEEKLY;BYDAY=1MO":                  "only for FREQ=MONTHLY",
		"FREQ=WEEKLY;COUNT=2;UNTIL=20270101":     "not both",
		"BYDAY=MO":                               "FREQ is required",
		"FREQ=WEEKLY;FREQ=DAILY":                 "twice",
		"FREQ=YEARLY":                            "too rare",
		"FREQ=WEEKLY;BYSETPOS=1":                 "not supported",
	} {
		_, err := ParseRecurrence(rule, start)
		if want == "" {
			if err != nil {
				t.Errorf("%q: %v", rule, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error saying %q", rule, err, want)
		}
	}
	// February 30th never comes.
	feb, _ := ParseDate("2026-02-01")
	if _, err := ParseRecurrence("FREQ=MONTHLY;BYMONTHDAY=30;INTERVAL=12", feb); err == nil || !strings.Contains(err.Error(), "never fires") {
		t.Errorf("a yearly 30 February: %v", err)
	}
}

func TestRecurrenceStringAndWords(t *testing.T) {
	start, _ := ParseDate("2026-01-01")
	for rule, want := range map[string][2]string{
		"RRULE:freq=weekly;byday=mo,th":   {"FREQ=WEEKLY;BYDAY=MO,TH", "Every Monday and Thursday"},
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO": {"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "Every 2 weeks on Monday"},
		"FREQ=MONTHLY;BYDAY=-1FR;COUNT=3": {"FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "Monthly on the last Friday, 3 times"},
		"FREQ=DAILY":                      {"FREQ=DAILY", "Every day"},
		"FREQ=MONTHLY;BYMONTHDAY=1":       {"FREQ=MONTHLY;BYMONTHDAY=1", "Monthly on the 1st"},
	} {
		r, err := ParseRecurrence(rule, start)
		if err != nil {
			t.Fatal(err)
		}
		if r.String() != want[0] || r.Words() != want[1] {
			t.Errorf("%q: %q / %q, want %q", rule, r.String(), r.Words(), want)
		}
		if again, err := ParseRecurrence(r.String(), start); err != nil || again.String() != r.String() {
			t.Errorf("%q does not round-trip: %v", r.String(), err)
		}
	}
}

// FuzzRecurrence: any rule either fails to parse or yields instants that
// are after now, in order, at most one a day, at the wall-clock time
// asked (or an hour later where a DST gap skips it).
func FuzzRecurrence(f *testing.F) {
	for _, s := range []string{"FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=2", "RRULE:FREQ=WEEKLY;BYDAY=SU",
		"FREQ=MONTHLY;BYDAY=-1FR", "FREQ=DAILY;INTERVAL=3", "FREQ=MONTHLY;BYMONTHDAY=-1,15;COUNT=7"} {
		f.Add(s, int64(1_800_000_000), uint8(10), uint8(30))
	}
	berlin := mustZone(f, "Europe/Berlin")
	start, _ := ParseDate("2026-01-01")
	f.Fuzz(func(t *testing.T, rule string, unix int64, hour, min uint8) {
		r, err := ParseRecurrence(rule, start)
		if err != nil {
			return
		}
		h, m := int(hour%24), int(min%60)
		now := time.Unix(unix%4_000_000_000, 0)
		prev := now
		for _, at := range r.At(start, h, m, berlin, now, 5) {
			local := at.In(berlin)
			if !at.After(prev) || at.Sub(prev) < 20*time.Hour && prev != now {
				t.Fatalf("%q after %v gave %v", rule, prev, local)
			}
			if (local.Hour() != h || local.Minute() != m) && local.Hour() != h+1 {
				t.Fatalf("%q at %02d:%02d gave %v", rule, h, m, local)
			}
			prev = at
		}
	})
}
