package duet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Recurrence frequencies. A check-in meets at most once a day: a rule
// that fires more often is refused rather than flooding inboxes.
const (
	FreqDaily   = "DAILY"
	FreqWeekly  = "WEEKLY"
	FreqMonthly = "MONTHLY"
)

// Recurrence is the part of an RFC 5545 RRULE that check-ins use:
// FREQ (DAILY, WEEKLY or MONTHLY), INTERVAL, BYDAY (with an ordinal such
// as 1MO or -1FR in monthly rules), BYMONTHDAY, COUNT and UNTIL. The time
// of day is not part of the rule: it is the check-in's own field, kept
// in wall-clock time in the workspace's time zone.
type Recurrence struct {
	Freq       string
	Interval   int
	ByDay      []RecurDay
	ByMonthDay []int
	Count      int  // 0: no limit
	Until      Date // zero: no end; the last day it may fall on
}

// RecurDay is one BYDAY value: a weekday, and in monthly rules which one
// of the month (1 = first, -1 = last; 0 = every one).
type RecurDay struct {
	Weekday time.Weekday
	N       int
}

var weekdayCodes = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// horizon is how far ahead a rule must fire at least once: a rule that
// does not fire within five years of its start never will in a campaign.
const horizon = 5 * 366

// ParseRecurrence parses an RRULE (with or without the "RRULE:" prefix)
// and checks that it fires at least once from start on.
func ParseRecurrence(rule string, start Date) (Recurrence, error) {
	r := Recurrence{Interval: 1}
	rule = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:"))
	if rule == "" {
		return r, fmt.Errorf("a schedule is required, like FREQ=WEEKLY;BYDAY=MO")
	}
	seen := map[string]bool{}
	for part := range strings.SplitSeq(rule, ";") {
		k, v, ok := strings.Cut(part, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		v = strings.ToUpper(strings.TrimSpace(v))
		if !ok || k == "" || v == "" {
			return r, fmt.Errorf("%q is not a NAME=VALUE part of a rule like FREQ=WEEKLY;BYDAY=MO", part)
		}
		if seen[k] {
			return r, fmt.Errorf("%s appears twice", k)
		}
		seen[k] = true
		if err := r.set(k, v); err != nil {
			return r, err
		}
	}
	if r.Freq == "" {
		return r, fmt.Errorf("FREQ is required (DAILY, WEEKLY or MONTHLY)")
	}
	if r.Count > 0 && !r.Until.IsZero() {
		return r, fmt.Errorf("use COUNT or UNTIL, not both")
	}
	if len(r.ByMonthDay) > 0 && r.Freq != FreqMonthly {
		return r, fmt.Errorf("BYMONTHDAY is only for FREQ=MONTHLY")
	}
	for _, d := range r.ByDay {
		if d.N != 0 && r.Freq != FreqMonthly {
			return r, fmt.Errorf("a numbered weekday such as 1MO is only for FREQ=MONTHLY")
		}
	}
	if _, ok := r.first(start); !ok {
		return r, fmt.Errorf("%q never fires from %s on", rule, start)
	}
	return r, nil
}

func (r *Recurrence) set(k, v string) error {
	switch k {
	case "FREQ":
		switch v {
		case FreqDaily, FreqWeekly, FreqMonthly:
			r.Freq = v
		case "SECONDLY", "MINUTELY", "HOURLY":
			return fmt.Errorf("FREQ=%s fires more than once a day; a check-in meets at most daily", v)
		case "YEARLY":
			return fmt.Errorf("FREQ=YEARLY is too rare for a check-in; use DAILY, WEEKLY or MONTHLY")
		default:
			return fmt.Errorf("FREQ=%s is not a frequency; use DAILY, WEEKLY or MONTHLY", v)
		}
	case "INTERVAL":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 52 {
			return fmt.Errorf("INTERVAL must be a number from 1 to 52, not %q", v)
		}
		r.Interval = n
	case "COUNT":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return fmt.Errorf("COUNT must be a number from 1 to 1000, not %q", v)
		}
		r.Count = n
	case "UNTIL":
		d, err := parseUntil(v)
		if err != nil {
			return err
		}
		r.Until = d
	case "BYDAY":
		for s := range strings.SplitSeq(v, ",") {
			d, err := parseRecurDay(s)
			if err != nil {
				return err
			}
			r.ByDay = append(r.ByDay, d)
		}
	case "BYMONTHDAY":
		for s := range strings.SplitSeq(v, ",") {
			n, err := strconv.Atoi(s)
			if err != nil || n == 0 || n < -31 || n > 31 {
				return fmt.Errorf("BYMONTHDAY takes days from 1 to 31 (or -1 to -31 from the end), not %q", s)
			}
			r.ByMonthDay = append(r.ByMonthDay, n)
		}
	case "WKST":
		if v != "MO" {
			return fmt.Errorf("only WKST=MO is supported: weeks start on Monday")
		}
	case "BYHOUR", "BYMINUTE", "BYSECOND":
		return fmt.Errorf("%s is not used: the check-in's time field sets the time of day", k)
	default:
		return fmt.Errorf("%s is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT or UNTIL", k)
	}
	return nil
}

// parseUntil reads UNTIL as a date (20260630) or a date-time
// (20260630T235959Z); only the day counts.
func parseUntil(v string) (Date, error) {
	if len(v) >= 8 {
		if t, err := time.Parse("20060102", v[:8]); err == nil {
			return Date{t}, nil
		}
	}
	return Date{}, fmt.Errorf("UNTIL must be a date like 20260630, not %q", v)
}

func parseRecurDay(s string) (RecurDay, error) {
	if len(s) < 2 {
		return RecurDay{}, fmt.Errorf("%q is not a weekday (MO, TU, WE, TH, FR, SA, SU)", s)
	}
	code := s[len(s)-2:]
	wd := slices.Index(weekdayCodes[:], code)
	if wd < 0 {
		return RecurDay{}, fmt.Errorf("%q is not a weekday (MO, TU, WE, TH, FR, SA, SU)", s)
	}
	d := RecurDay{Weekday: time.Weekday(wd)}
	if n := s[:len(s)-2]; n != "" {
		v, err := strconv.Atoi(n)
		if err != nil || v == 0 || v < -5 || v > 5 {
			return RecurDay{}, fmt.Errorf("%q: the number before the weekday must be 1 to 5 or -1 to -5", s)
		}
		d.N = v
	}
	return d, nil
}

// String writes the rule in its canonical RRULE form (without the
// "RRULE:" prefix), as calendar feeds carry it.
func (r Recurrence) String() string {
	parts := []string{"FREQ=" + r.Freq}
	if r.Interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(r.Interval))
	}
	if len(r.ByDay) > 0 {
		days := make([]string, len(r.ByDay))
		for i, d := range r.ByDay {
			days[i] = weekdayCodes[d.Weekday]
			if d.N != 0 {
				days[i] = strconv.Itoa(d.N) + days[i]
			}
		}
		parts = append(parts, "BYDAY="+strings.Join(days, ","))
	}
	if len(r.ByMonthDay) > 0 {
		days := make([]string, len(r.ByMonthDay))
		for i, n := range r.ByMonthDay {
			days[i] = strconv.Itoa(n)
		}
		parts = append(parts, "BYMONTHDAY="+strings.Join(days, ","))
	}
	if r.Count > 0 {
		parts = append(parts, "COUNT="+strconv.Itoa(r.Count))
	}
	if !r.Until.IsZero() {
		parts = append(parts, "UNTIL="+r.Until.Format("20060102"))
	}
	return strings.Join(parts, ";")
}

// Words writes the rule as a person says it: "Every Monday and
// Thursday", "Every 2 weeks on Monday", "Monthly on the last Friday".
func (r Recurrence) Words() string {
	var days []string
	for _, d := range r.ByDay {
		w := d.Weekday.String()
		switch {
		case d.N == -1:
			w = "last " + w
		case d.N < 0:
			w = ordinal(-d.N) + " to last " + w
		case d.N > 0:
			w = ordinal(d.N) + " " + w
		}
		days = append(days, w)
	}
	var s string
	switch r.Freq {
	case FreqDaily:
		s = "Every day"
		if r.Interval > 1 {
			s = fmt.Sprintf("Every %d days", r.Interval)
		}
		if len(days) > 0 {
			s += " on " + JoinWords(days)
		}
	case FreqWeekly:
		if len(days) == 0 {
			s = "Every week"
		} else {
			s = "Every " + JoinWords(days)
		}
		if r.Interval > 1 {
			s = fmt.Sprintf("Every %d weeks", r.Interval)
			if len(days) > 0 {
				s += " on " + JoinWords(days)
			}
		}
	default:
		s = "Monthly"
		if r.Interval > 1 {
			s = fmt.Sprintf("Every %d months", r.Interval)
		}
		var on []string
		for _, d := range days {
			on = append(on, "the "+d)
		}
		for _, n := range r.ByMonthDay {
			if n < 0 {
				on = append(on, fmt.Sprintf("day %d from the end", -n))
			} else {
				on = append(on, "the "+ordinal(n))
			}
		}
		if len(on) > 0 {
			s += " on " + JoinWords(on)
		}
	}
	switch {
	case r.Count > 0:
		s += fmt.Sprintf(", %d times", r.Count)
	case !r.Until.IsZero():
		s += ", until " + r.Until.Format("2 Jan 2006")
	}
	return s
}

// ScheduleWords writes a check-in's schedule as a person says it:
// "Every Monday at 10:00 Europe/Berlin". clock and zone may be empty (a
// template has no zone); a rule that does not parse is written as is.
func ScheduleWords(rule, clock, zone string) string {
	s := rule
	if r, err := ParseRecurrence(rule, Date{}); err == nil {
		s = r.Words()
	}
	if clock != "" {
		s += " at " + clock
	}
	if zone != "" {
		s += " " + zone
	}
	return s
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return fmt.Sprintf("%dth", n)
	case n%10 == 1:
		return fmt.Sprintf("%dst", n)
	case n%10 == 2:
		return fmt.Sprintf("%dnd", n)
	case n%10 == 3:
		return fmt.Sprintf("%drd", n)
	}
	return fmt.Sprintf("%dth", n)
}

// JoinWords writes "a", "a and b", "a, b and c".
func JoinWords(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Days returns the days the rule falls on from start on, at most n of
// them, beginning with the first on or after from. Days are counted from
// start, so COUNT holds however late from is.
func (r Recurrence) Days(start, from Date, n int) []Date {
	var out []Date
	d, ok := r.first(start)
	count := 1
	if ok && r.Count == 0 && from.After(d.Time) {
		// Without COUNT nothing needs counting: jump to a period boundary
		// a little before from instead of walking day by day.
		d = r.align(start, from)
	}
	for ok && len(out) < n {
		if !d.Before(from.Time) {
			out = append(out, d)
		}
		if r.Count > 0 && count >= r.Count {
			break
		}
		d, ok = r.after(start, d)
		count++
	}
	return out
}

// At returns the instants the rule falls on from start on at hour:min
// wall-clock time in loc, beginning with the first strictly after t, at
// most n. A wall-clock time that a daylight-saving gap skips moves
// forward by the gap, as time.Date does.
func (r Recurrence) At(start Date, hour, min int, loc *time.Location, t time.Time, n int) []time.Time {
	local := t.In(loc)
	from := Date{time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)}
	var out []time.Time
	for _, d := range r.Days(start, from, n+1) {
		at := time.Date(d.Year(), d.Month(), d.Day(), hour, min, 0, 0, loc)
		if at.After(t) && len(out) < n {
			out = append(out, at)
		}
	}
	return out
}

// first returns the first day on or after start the rule falls on.
func (r Recurrence) first(start Date) (Date, bool) {
	return r.scan(start, start)
}

// after returns the next day after d the rule falls on.
func (r Recurrence) after(start, d Date) (Date, bool) {
	return r.scan(start, d.AddDays(1))
}

// scan walks forward from from, day by day, within the horizon.
func (r Recurrence) scan(start, from Date) (Date, bool) {
	limit := from.AddDays(horizon * r.Interval)
	for d := from; d.Before(limit.Time); d = d.AddDays(1) {
		if !r.Until.IsZero() && d.After(r.Until.Time) {
			return Date{}, false
		}
		if r.match(start, d) {
			return d, true
		}
	}
	return Date{}, false
}

// align returns a day on or before from where the rule's period begins,
// never before start.
func (r Recurrence) align(start, from Date) Date {
	var d Date
	switch r.Freq {
	case FreqDaily:
		days := int(from.Sub(start.Time).Hours() / 24)
		d = start.AddDays(days - days%r.Interval - r.Interval)
	case FreqWeekly:
		ws := Date{weekStart(start.Time)}
		weeks := int(weekStart(from.Time).Sub(ws.Time).Hours() / (24 * 7))
		d = ws.AddDays(7 * (weeks - weeks%r.Interval - r.Interval))
	default:
		months := monthsBetween(start, from)
		m := months - months%r.Interval - r.Interval
		d = Date{time.Date(start.Year(), start.Month()+time.Month(m), 1, 0, 0, 0, 0, time.UTC)}
	}
	if d.Before(start.Time) {
		return start
	}
	return d
}

func monthsBetween(a, b Date) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// match reports whether the rule falls on day d.
func (r Recurrence) match(start, d Date) bool {
	if d.Before(start.Time) {
		return false
	}
	switch r.Freq {
	case FreqDaily:
		days := int(d.Sub(start.Time).Hours() / 24)
		return days%r.Interval == 0 && (len(r.ByDay) == 0 || r.onWeekday(d))
	case FreqWeekly:
		weeks := int(weekStart(d.Time).Sub(weekStart(start.Time)).Hours() / (24 * 7))
		if weeks%r.Interval != 0 {
			return false
		}
		if len(r.ByDay) == 0 {
			return d.Weekday() == start.Weekday()
		}
		return r.onWeekday(d)
	default:
		if monthsBetween(start, d)%r.Interval != 0 {
			return false
		}
		if len(r.ByDay) == 0 && len(r.ByMonthDay) == 0 {
			return d.Day() == start.Day()
		}
		return (len(r.ByMonthDay) == 0 || r.onMonthDay(d)) && (len(r.ByDay) == 0 || r.onMonthWeekday(d))
	}
}

func (r Recurrence) onWeekday(d Date) bool {
	for _, x := range r.ByDay {
		if x.Weekday == d.Weekday() {
			return true
		}
	}
	return false
}

func (r Recurrence) onMonthDay(d Date) bool {
	last := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	for _, n := range r.ByMonthDay {
		if n == d.Day() || (n < 0 && last+n+1 == d.Day()) {
			return true
		}
	}
	return false
}

func (r Recurrence) onMonthWeekday(d Date) bool {
	last := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	nth := (d.Day()-1)/7 + 1           // 1 for the first such weekday of the month
	fromEnd := -((last-d.Day())/7 + 1) // -1 for the last
	for _, x := range r.ByDay {
		if x.Weekday == d.Weekday() && (x.N == 0 || x.N == nth || x.N == fromEnd) {
			return true
		}
	}
	return false
}

// weekStart returns the Monday of t's week (t in UTC, at midnight).
func weekStart(t time.Time) time.Time {
	off := (int(t.Weekday()) + 6) % 7
	return t.AddDate(0, 0, -off)
}
