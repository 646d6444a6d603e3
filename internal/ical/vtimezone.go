package ical

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// A VTIMEZONE has to be spelled out even for a well-known TZID: RFC 5545
// requires one for every TZID used, and clients that do not know the name
// (or know an older rule set) rely on it. Go does not expose a zone's
// rules, so they are reconstructed from the *time.Location itself: find
// every offset change over a span of years, then recognise the yearly
// "nth weekday of the month" pattern that DST rules follow.

// zone is a time zone the timed events use, with the earliest and latest
// event start in it, which decide the span of years its VTIMEZONE covers.
type zone struct {
	name        string
	loc         *time.Location
	first, last time.Time
}

// zonesOf returns the zones of the timed, non-UTC events, sorted by name.
// Locations are keyed by name: two *time.Location values loaded separately
// for the same zone are one TZID.
func zonesOf(events []*Event) []zone {
	byName := map[string]*zone{}
	for _, e := range events {
		loc := e.Start.Location()
		if e.AllDay || loc == time.UTC {
			continue
		}
		z, ok := byName[loc.String()]
		if !ok {
			byName[loc.String()] = &zone{name: loc.String(), loc: loc, first: e.Start, last: e.Start}
			continue
		}
		if e.Start.Before(z.first) {
			z.first = e.Start
		}
		if e.Start.After(z.last) {
			z.last = e.Start
		}
	}
	zones := make([]zone, 0, len(byName))
	for _, z := range byName {
		zones = append(zones, *z)
	}
	slices.SortFunc(zones, func(a, b zone) int { return strings.Compare(a.name, b.name) })
	return zones
}

// zoneState is what a location reports for an instant.
type zoneState struct {
	name   string // abbreviation, written as TZNAME
	offset int    // seconds east of UTC
	dst    bool
}

func stateAt(t time.Time) zoneState {
	name, offset := t.Zone()
	return zoneState{name: name, offset: offset, dst: t.IsDST()}
}

// transition is a change of zone state at an instant.
type transition struct {
	at       time.Time
	from, to zoneState
}

// onset is the transition's wall-clock time in the offset it ends, which is
// how RFC 5545 writes an observance's DTSTART and RDATEs. The result is a
// UTC time used only for its fields.
func (tr transition) onset() time.Time {
	return tr.at.UTC().Add(time.Duration(tr.from.offset) * time.Second)
}

// transitions returns the state in effect at start and every change of
// state in [start, end). time.Time.ZoneBounds reports where the zone period
// containing an instant ends, the exact instant that sampling and binary
// search would only approximate. Period boundaries without any visible
// change (tzdata recording a new rule set, or Go splitting the years it
// computes from the POSIX rule at New Year) are skipped.
func transitions(loc *time.Location, start, end time.Time) (zoneState, []transition) {
	t := start.In(loc)
	initial := stateAt(t)
	cur := initial
	var out []transition
	for {
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.After(t) || !next.Before(end) {
			return initial, out
		}
		t = next.In(loc)
		if s := stateAt(t); s != cur {
			out = append(out, transition{at: t, from: cur, to: s})
			cur = s
		}
	}
}

// observance is one STANDARD or DAYLIGHT component: a yearly rule, or a
// list of onsets.
type observance struct {
	first  transition
	rrule  string      // "FREQ=YEARLY;…", or empty
	rdates []time.Time // further onsets when there is no rule
}

// observances turns transitions into components. Transitions that produce
// the same state from the same offset form a group; within a group, runs
// of consecutive years on the same nth (or last) weekday of the same month
// at the same wall time become one component with a yearly RRULE. A run
// that stops before lastYear, the final year examined, gets a COUNT so the
// rule does not outlive a DST regime that was abolished or changed. The
// group's remaining transitions share one component with RDATEs. The
// result is ordered by onset, so the output is stable.
func observances(trs []transition, lastYear int) []observance {
	type key struct {
		from int
		to   zoneState
	}
	groups := map[key][]transition{}
	for _, tr := range trs {
		k := key{tr.from.offset, tr.to}
		groups[k] = append(groups[k], tr)
	}
	var out []observance
	for _, group := range groups {
		var loose []transition
		for i := 0; i < len(group); {
			n, rule := yearlyRun(group[i:])
			if n < 2 {
				loose = append(loose, group[i])
				i++
				continue
			}
			run := group[i : i+n]
			if run[n-1].onset().Year() < lastYear {
				rule += fmt.Sprintf(";COUNT=%d", n)
			}
			out = append(out, observance{first: run[0], rrule: rule})
			i += n
		}
		if len(loose) > 0 {
			o := observance{first: loose[0]}
			for _, tr := range loose[1:] {
				o.rdates = append(o.rdates, tr.onset())
			}
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b observance) int { return a.first.at.Compare(b.first.at) })
	return out
}

// yearlyRun returns how many leading transitions follow one yearly rule,
// and that rule: one onset per consecutive year, in the same month, on the
// same weekday at the same wall time, and either in the same week of the
// month or always in the last one. When both fit, "last" is chosen: a run
// spans years, and only "last" also holds in the years a fifth weekday
// does not exist.
func yearlyRun(trs []transition) (int, string) {
	first := trs[0].onset()
	sameWeek, lastWeek := true, isLastWeek(first)
	n := 1
	for ; n < len(trs); n++ {
		prev, cur := trs[n-1].onset(), trs[n].onset()
		if cur.Year() != prev.Year()+1 || cur.Month() != first.Month() ||
			cur.Weekday() != first.Weekday() || clock(cur) != clock(first) {
			break
		}
		w, l := sameWeek && weekOfMonth(cur) == weekOfMonth(first), lastWeek && isLastWeek(cur)
		if !w && !l {
			break
		}
		sameWeek, lastWeek = w, l
	}
	week := weekOfMonth(first)
	if lastWeek {
		week = -1
	}
	return n, fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", first.Month(), week, weekdays[first.Weekday()])
}

var weekdays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func weekOfMonth(t time.Time) int { return (t.Day()-1)/7 + 1 }

func isLastWeek(t time.Time) bool {
	daysInMonth := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return t.Day()+7 > daysInMonth
}

func clock(t time.Time) int { return t.Hour()*3600 + t.Minute()*60 + t.Second() }

// writeTimezone writes z's VTIMEZONE covering the year before its earliest
// event through ten years after its latest, enough for the recurring
// events a feed shows; clients keep applying open-ended rules beyond that.
func writeTimezone(w *writer, z zone) {
	lastYear := z.last.Year() + 10
	start := time.Date(z.first.Year()-1, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(lastYear+1, time.January, 1, 0, 0, 0, 0, time.UTC)
	initial, trs := transitions(z.loc, start, end)
	obs := observances(trs, lastYear)
	if len(obs) == 0 {
		// A zone that never changes still needs one observance: STANDARD
		// whatever the tz database calls it, starting 1970-01-01 local
		// time as is customary.
		initial.dst = false
		obs = []observance{{first: transition{
			at:   time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(initial.offset) * time.Second),
			from: initial,
			to:   initial,
		}}}
	}

	w.line("BEGIN", "VTIMEZONE")
	w.line("TZID", z.name)
	for _, o := range obs {
		kind := "STANDARD"
		if o.first.to.dst {
			kind = "DAYLIGHT"
		}
		w.line("BEGIN", kind)
		w.line("DTSTART", o.first.onset().Format(localTimeFormat))
		w.line("TZOFFSETFROM", formatOffset(o.first.from.offset))
		w.line("TZOFFSETTO", formatOffset(o.first.to.offset))
		if o.first.to.name != "" {
			w.line("TZNAME", escapeText(o.first.to.name))
		}
		if o.rrule != "" {
			w.line("RRULE", o.rrule)
		}
		if len(o.rdates) > 0 {
			values := make([]string, len(o.rdates))
			for i, t := range o.rdates {
				values[i] = t.Format(localTimeFormat)
			}
			w.line("RDATE", strings.Join(values, ","))
		}
		w.line("END", kind)
	}
	w.line("END", "VTIMEZONE")
}

// formatOffset writes a UTC offset as +HHMM, or +HHMMSS for the rare
// offsets with seconds. Zero is +0000: RFC 5545 forbids -0000.
func formatOffset(secs int) string {
	sign := '+'
	if secs < 0 {
		sign, secs = '-', -secs
	}
	h, m, s := secs/3600, secs/60%60, secs%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}
