package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"duet/internal/duet"
	"duet/internal/ical"
)

// feedRefresh is how often calendar clients are asked to fetch the feed
// again; feedMaxAge is how long a fetched copy may be reused as is.
const (
	feedRefresh = time.Hour
	feedMaxAge  = "private, max-age=300"
)

// calendarFeed serves GET (and HEAD) /cal/{token}: one user's secret
// iCalendar feed, for calendar clients, which send no session. The token
// may carry a ".ics" suffix, which some clients want to see. An unknown or
// replaced token is a bare 404; the token is never logged (logPath
// redacts it). Core looks the token up by its hash, so a wrong guess
// costs what a right one does up to that lookup.
func (s *server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	token := strings.TrimSuffix(r.PathValue("token"), ".ics")
	feed, err := s.svc.CalendarFeed(r.Context(), token, clientIP(r))
	if err != nil {
		switch duet.ErrorKind(err) {
		case duet.ENotFound:
			feedError(w, http.StatusNotFound, "No calendar here. The link may have been replaced.")
			return
		case duet.ERateLimited:
			w.Header().Set("Retry-After", "60")
			feedError(w, http.StatusTooManyRequests, duet.ErrorMessage(err))
			return
		}
		s.log.Error("request failed", "method", r.Method, "path", logPath(r), "err", err)
		feedError(w, http.StatusInternalServerError, "Internal error. Try again later.")
		return
	}
	cal := feedCalendar(feed, func(link string) string { return s.absolute(r, link) })
	body, err := cal.Encode()
	if err != nil {
		s.log.Error("calendar feed failed", "path", logPath(r), "err", err)
		feedError(w, http.StatusInternalServerError, "Internal error. Try again later.")
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", feedMaxAge)
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", `inline; filename="duet.ics"`)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// feedError answers a calendar client with a short text: it shows no
// page to anyone.
func feedError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, msg, status)
}

// feedCalendar lays a user's feed out as an iCalendar document; abs makes
// core's links absolute. Items that cannot be written faithfully (a
// milestone without a day) are left out rather than failing the feed.
func feedCalendar(feed duet.CalendarFeed, abs func(string) string) *ical.Calendar {
	cal := &ical.Calendar{Name: "Duet — " + feed.UserName, RefreshInterval: feedRefresh,
		Description: "Check-ins, milestones, kickoff and launch dates of your Duet workspaces."}
	for _, it := range feed.Items {
		e := ical.Event{UID: it.UID, Sequence: it.Sequence, Stamp: it.Stamp, Summary: it.Title, Description: it.Description,
			AllDay: it.AllDay, RRule: it.RRule, ExDates: it.ExDates}
		if it.URL != "" {
			e.URL = abs(it.URL)
		}
		if it.Category != "" {
			e.Categories = []string{it.Category}
		}
		if it.AllDay {
			if it.Day.IsZero() {
				continue
			}
			y, m, d := it.Day.Date()
			e.Start = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		} else {
			if it.Start.IsZero() || it.Duration <= 0 {
				continue
			}
			e.Start, e.Duration = it.Start, it.Duration
		}
		if e.Stamp.IsZero() {
			e.Stamp = e.Start
		}
		cal.Events = append(cal.Events, e)
	}
	return cal
}

// etagMatch reports whether an If-None-Match header names the tag. The
// comparison is weak, as RFC 9110 has it for If-None-Match.
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}
