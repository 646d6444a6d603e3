// Package ical encodes a read-only RFC 5545 iCalendar feed, the kind
// Google Calendar, Outlook and Apple Calendar subscribe to by URL.
//
// It writes only what such a feed needs: timed events in a named IANA time
// zone (optionally recurring), all-day events, and one VTIMEZONE for every
// zone the timed events use. The VTIMEZONE rules are derived from the same
// *time.Location the server schedules with, so client and server agree on
// every wall-clock time. Standard library only.
package ical

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Calendar is one feed.
type Calendar struct {
	Name        string // X-WR-CALNAME, the name a client shows for the subscription
	Description string // X-WR-CALDESC, optional
	// RefreshInterval is how often clients should re-fetch, written as
	// REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL (what Outlook reads).
	// Whole seconds are used; zero leaves the choice to the client.
	RefreshInterval time.Duration
	Events          []Event
}

// Event is one VEVENT: a timed event (AllDay false) or an all-day event.
type Event struct {
	UID         string    // required, stable across fetches so clients update rather than duplicate
	Sequence    int       // SEQUENCE, bumped by the caller on every change
	Stamp       time.Time // DTSTAMP, required, written in UTC
	Summary     string
	Description string
	URL         string // optional

	// Start is the first occurrence. A timed event is written in Start's
	// location (DTSTART;TZID=Europe/Berlin:20260316T100000 plus a VTIMEZONE
	// for that zone), or with a Z suffix when the location is time.UTC.
	// Duration must be positive for a timed event; DTEND is Start+Duration
	// in the same zone.
	Start    time.Time
	Duration time.Duration

	// AllDay writes DTSTART;VALUE=DATE with Start's date (in Start's own
	// location) and DTEND the next day. Duration must be zero.
	AllDay bool

	// RRule is a recurrence rule without the "RRULE:" prefix, for example
	// "FREQ=WEEKLY;BYDAY=MO". The caller validates it; Encode only refuses
	// control characters, which would break the feed's line structure.
	RRule string
	// ExDates are occurrences to leave out, written in Start's zone (or as
	// dates for an all-day event) so they match the expanded instances.
	ExDates    []time.Time
	Categories []string
}

// Encode returns the calendar as an iCalendar document: CRLF line endings,
// lines folded at 75 octets, VTIMEZONEs sorted by TZID, then events sorted
// by UID. The same input always gives the same bytes, so a hash of the
// result can serve as an ETag. It returns an error naming the event when an
// event cannot be written faithfully (missing UID or DTSTAMP, a timed event
// without a positive Duration or in a zone without an IANA name, control
// characters in RRule or URL).
func (c *Calendar) Encode() ([]byte, error) {
	if c.RefreshInterval < 0 {
		return nil, fmt.Errorf("ical: refresh interval %v is negative", c.RefreshInterval)
	}
	// Sorting pointers keeps the caller's slice untouched and makes the
	// output independent of the order the events were loaded in.
	events := make([]*Event, len(c.Events))
	for i := range c.Events {
		e := &c.Events[i]
		if err := e.validate(); err != nil {
			return nil, fmt.Errorf("ical: event %q: %w", e.UID, err)
		}
		events[i] = e
	}
	slices.SortStableFunc(events, func(a, b *Event) int { return strings.Compare(a.UID, b.UID) })

	var w writer
	w.line("BEGIN", "VCALENDAR")
	w.line("VERSION", "2.0")
	w.line("PRODID", "-//Duet//Duet Calendar//EN")
	w.line("CALSCALE", "GREGORIAN")
	w.line("METHOD", "PUBLISH")
	if c.Name != "" {
		w.line("X-WR-CALNAME", escapeText(c.Name))
	}
	if c.Description != "" {
		w.line("X-WR-CALDESC", escapeText(c.Description))
	}
	if secs := c.RefreshInterval / time.Second; secs > 0 {
		d := formatDuration(int64(secs))
		w.line("REFRESH-INTERVAL;VALUE=DURATION", d)
		w.line("X-PUBLISHED-TTL", d)
	}
	for _, z := range zonesOf(events) {
		writeTimezone(&w, z)
	}
	for _, e := range events {
		writeEvent(&w, e)
	}
	w.line("END", "VCALENDAR")
	return w.buf.Bytes(), nil
}

func (e *Event) validate() error {
	switch {
	case e.UID == "":
		return errors.New("UID is empty")
	case e.Stamp.IsZero():
		return errors.New("the stamp (DTSTAMP) is not set")
	case e.Sequence < 0:
		return fmt.Errorf("the sequence %d is negative", e.Sequence)
	case e.Start.IsZero():
		return errors.New("the start is not set")
	case hasControl(e.RRule):
		return fmt.Errorf("the rule %q contains control characters", e.RRule)
	case hasControl(e.URL):
		return fmt.Errorf("URL %q contains control characters", e.URL)
	}
	if e.AllDay {
		if e.Duration != 0 {
			return fmt.Errorf("all-day event has Duration %v; all-day events last one day", e.Duration)
		}
		return nil
	}
	if e.Duration <= 0 {
		return fmt.Errorf("timed event has Duration %v; it must be positive", e.Duration)
	}
	if loc := e.Start.Location(); loc != time.UTC && !isZoneName(loc.String()) {
		return fmt.Errorf("the start's time zone %q is not an IANA zone name a client can look up", loc.String())
	}
	return nil
}

// isZoneName reports whether name looks like an IANA zone name, which is
// all a TZID parameter may carry unquoted. "Local" is Go's name for the
// machine's zone and means nothing to a client.
func isZoneName(name string) bool {
	if name == "" || name == "Local" {
		return false
	}
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("/_+-", r)) {
			return false
		}
	}
	return true
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, unicode.IsControl)
}

const (
	dateFormat      = "20060102"
	localTimeFormat = "20060102T150405"
	utcTimeFormat   = "20060102T150405Z"
)

func writeEvent(w *writer, e *Event) {
	w.line("BEGIN", "VEVENT")
	w.line("UID", escapeText(e.UID))
	w.line("SEQUENCE", fmt.Sprint(e.Sequence))
	w.line("DTSTAMP", e.Stamp.UTC().Format(utcTimeFormat))

	// format renders a date-time property (DTSTART, DTEND, EXDATE) the way
	// Start is written, so instances and exceptions line up.
	var params string
	var format func(time.Time) string
	switch loc := e.Start.Location(); {
	case e.AllDay:
		params = ";VALUE=DATE"
		format = func(t time.Time) string { return t.Format(dateFormat) }
	case loc == time.UTC:
		format = func(t time.Time) string { return t.UTC().Format(utcTimeFormat) }
	default:
		params = ";TZID=" + loc.String()
		format = func(t time.Time) string { return t.In(loc).Format(localTimeFormat) }
	}
	w.line("DTSTART"+params, format(e.Start))
	if e.AllDay {
		y, m, d := e.Start.Date()
		w.line("DTEND"+params, format(time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)))
	} else {
		w.line("DTEND"+params, format(e.Start.Add(e.Duration)))
	}
	if e.RRule != "" {
		w.line("RRULE", e.RRule)
	}
	if len(e.ExDates) > 0 {
		// Sorted and de-duplicated: one EXDATE line whatever order the
		// caller collected them in.
		values := make([]string, len(e.ExDates))
		for i, t := range e.ExDates {
			values[i] = format(t)
		}
		slices.Sort(values)
		w.line("EXDATE"+params, strings.Join(slices.Compact(values), ","))
	}
	w.line("SUMMARY", escapeText(e.Summary))
	if e.Description != "" {
		w.line("DESCRIPTION", escapeText(e.Description))
	}
	if e.URL != "" {
		w.line("URL", e.URL)
	}
	var cats []string
	for _, c := range e.Categories {
		if c != "" {
			cats = append(cats, escapeText(c))
		}
	}
	if len(cats) > 0 {
		w.line("CATEGORIES", strings.Join(cats, ","))
	}
	w.line("END", "VEVENT")
}

// formatDuration writes whole seconds as an RFC 5545 dur-time. The grammar
// lets minutes be omitted only at the end, so PT1H0M5S keeps its 0M.
func formatDuration(secs int64) string {
	h, m, s := secs/3600, secs/60%60, secs%60
	var b strings.Builder
	b.WriteString("PT")
	if h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m > 0 || h > 0 && s > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if s > 0 {
		fmt.Fprintf(&b, "%dS", s)
	}
	return b.String()
}

// writer accumulates folded content lines.
type writer struct {
	buf bytes.Buffer
}

// line writes "name:value" as one content line. name may carry parameters
// (";TZID=…"); value must already be escaped for its type.
func (w *writer) line(name, value string) {
	w.fold(name + ":" + value)
}

// fold writes a content line with CRLF, breaking it so that no physical
// line exceeds 75 octets, the leading space of a continuation included
// (RFC 5545 3.1). Breaks fall only before the first byte of a UTF-8
// sequence: clients that decode each physical line would otherwise see
// broken characters.
func (w *writer) fold(line string) {
	limit := 75
	for len(line) > limit {
		cut := limit
		for !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.buf.WriteString(line[:cut])
		w.buf.WriteString("\r\n ")
		line = line[cut:]
		limit = 74
	}
	w.buf.WriteString(line)
	w.buf.WriteString("\r\n")
}

// escapeText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon
// and comma get a backslash, every line break (CRLF, LF or a lone CR)
// becomes \n, and other control characters, which TEXT does not allow, are
// dropped. HTAB is kept: TEXT allows it. Invalid UTF-8 becomes U+FFFD so
// the feed stays valid UTF-8 and folding never lands inside a character.
func escapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteString(`\n`)
			}
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
