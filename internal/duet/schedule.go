package duet

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day without a time zone, written YYYY-MM-DD.
type Date struct{ time.Time }

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date like 2026-03-12", s)
	}
	return Date{t}, nil
}

// String returns YYYY-MM-DD.
func (d Date) String() string { return d.Format(time.DateOnly) }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return Date{d.AddDate(0, 0, n)} }

// Weekly is a weekly recurrence: the days of the week it falls on, and
// every how many weeks.
type Weekly struct {
	Days     []time.Weekday
	Interval int
}

var rruleDays = map[string]time.Weekday{
	"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday,
}

// ParseWeekly parses the weekly subset of RFC 5545 RRULE the templates use:
// FREQ=WEEKLY;BYDAY=MO[,TH][;INTERVAL=n].
func ParseWeekly(rule string) (Weekly, error) {
	w := Weekly{Interval: 1}
	freq := false
	for part := range strings.SplitSeq(strings.TrimPrefix(rule, "RRULE:"), ";") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return Weekly{}, fmt.Errorf("%q is not a weekly rule like FREQ=WEEKLY;BYDAY=MO", rule)
		}
		switch k {
		case "FREQ":
			if v != "WEEKLY" {
				return Weekly{}, fmt.Errorf("only FREQ=WEEKLY is supported, not %q", v)
			}
			freq = true
		case "BYDAY":
			for d := range strings.SplitSeq(v, ",") {
				wd, ok := rruleDays[d]
				if !ok {
					return Weekly{}, fmt.Errorf("%q is not a weekday (MO, TU, WE, TH, FR, SA, SU)", d)
				}
				w.Days = append(w.Days, wd)
			}
		case "INTERVAL":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 52 {
				return Weekly{}, fmt.Errorf("INTERVAL must be a number from 1 to 52, not %q", v)
			}
			w.Interval = n
		default:
			return Weekly{}, fmt.Errorf("%s is not supported in a weekly rule", k)
		}
	}
	if !freq || len(w.Days) == 0 {
		return Weekly{}, fmt.Errorf("%q is not a weekly rule like FREQ=WEEKLY;BYDAY=MO", rule)
	}
	return w, nil
}

// Next returns the first occurrence strictly after now, at hour:min wall
// clock time in loc on one of the rule's days, never before start. Wall
// clock time is kept across daylight-saving changes.
func (w Weekly) Next(now time.Time, start Date, hour, min int, loc *time.Location) time.Time {
	local := now.In(loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
	if s := start.Time; day.Before(s) {
		day = s
	}
	// The weeks counted for INTERVAL start at the week of start.
	startWeek := weekStart(start.Time)
	for i := 0; i < 7*w.Interval+7; i++ {
		d := day.AddDate(0, 0, i)
		weeks := int(weekStart(d).Sub(startWeek).Hours() / (24 * 7))
		if weeks%w.Interval != 0 || !w.has(d.Weekday()) {
			continue
		}
		at := time.Date(d.Year(), d.Month(), d.Day(), hour, min, 0, 0, loc)
		if at.After(now) {
			return at
		}
	}
	return time.Time{}
}

func (w Weekly) has(d time.Weekday) bool {
	for _, x := range w.Days {
		if x == d {
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
