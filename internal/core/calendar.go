package core

import (
	"context"
	"fmt"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
)

// feedPrefix marks calendar feed tokens, so one found in a log or a
// paste is recognizable.
const feedPrefix = "duetcal_"

// CalendarFeedCreated returns when the actor's calendar feed URL was
// made, nil when they have none.
func (s *Service) CalendarFeedCreated(ctx context.Context, a *duet.Actor) (*time.Time, error) {
	if a == nil {
		return nil, duet.Errorf(duet.EUnauthorized, "Sign in first.")
	}
	var at *time.Time
	err := s.db.View(ctx, func(tx *store.Tx) (err error) {
		at, err = tx.CalendarFeedCreated(ctx, a.User.ID)
		return err
	})
	return at, err
}

// RotateCalendarFeed gives the actor a new secret calendar feed token and
// returns it; the old feed URL stops working at once. Only the token's
// hash is kept: the URL is shown once.
func (s *Service) RotateCalendarFeed(ctx context.Context, a *duet.Actor) (string, error) {
	if a == nil {
		return "", duet.Errorf(duet.EUnauthorized, "Sign in first.")
	}
	token := newSecret(feedPrefix)
	err := s.write(ctx, func(tx *store.Tx) error {
		return tx.SetCalendarFeed(ctx, a.User.ID, hashSecret(token), s.Now())
	})
	return token, err
}

// CalendarFeedURL is the address of the feed with this token: under the
// configured public URL, or a bare path when none is set (the web layer
// then completes it from the request), as invite links are.
func (s *Service) CalendarFeedURL(token string) string {
	return s.baseURL + "/cal/" + token + ".ics"
}

// CalendarFeed returns what the feed with this token holds: the check-ins,
// milestones, kickoff and launch of every workspace its user is a member
// of, as the user's side there may see them. An unknown token is
// ENotFound.
func (s *Service) CalendarFeed(ctx context.Context, token, clientIP string) (duet.CalendarFeed, error) {
	var feed duet.CalendarFeed
	var a *duet.Actor
	var workspaces []store.WorkspaceSummary
	err := s.db.View(ctx, func(tx *store.Tx) error {
		id, err := tx.CalendarFeedUser(ctx, hashSecret(token))
		if err != nil {
			return err
		}
		u, err := tx.User(ctx, id)
		if err != nil {
			return err
		}
		org, err := tx.Org(ctx, u.OrgID)
		if err != nil {
			return err
		}
		a = &duet.Actor{User: u, Org: org}
		workspaces, err = tx.WorkspacesOf(ctx, id)
		return err
	})
	if duet.ErrorKind(err) == duet.ENotFound {
		// Misses are limited per client: a client that keeps guessing
		// is slowed down; subscribed calendars never miss.
		if !s.throttle.allow("feed-miss:" + clientIP) {
			return feed, duet.Errorf(duet.ERateLimited, "Too many requests for unknown calendar feeds. Wait a minute.")
		}
		return feed, duet.NotFound("calendar feed")
	} else if err != nil {
		// A failing database is not a missing feed: clients keep a
		// subscription that answers 500, and may drop one that says 404.
		return feed, err
	}
	feed.UserName = a.User.Name
	for _, w := range workspaces {
		d, err := s.Workspace(ctx, a, w.ID)
		if err != nil {
			return feed, err
		}
		items, err := s.feedItems(ctx, d)
		if err != nil {
			return feed, err
		}
		feed.Items = append(feed.Items, items...)
	}
	return feed, nil
}

// feedItems returns one workspace's calendar items as d's side sees it.
func (s *Service) feedItems(ctx context.Context, d *duet.WorkspaceDetail) ([]duet.CalendarItem, error) {
	loc := d.Loc
	if loc == nil {
		loc = time.UTC
	}
	link := func(path string) string { return fmt.Sprintf("%s/w/%s%s", s.baseURL, d.ID, path) }
	var items []duet.CalendarItem
	for _, day := range []struct {
		key, title string
		on         duet.Date
	}{{"kickoff", "Kickoff", d.KickoffOn}, {"launch", "Launch", d.LaunchOn}} {
		items = append(items, duet.CalendarItem{UID: fmt.Sprintf("%s-%s@duet", d.ID, day.key), Sequence: d.DatesVersion, Stamp: d.Created,
			Title: fmt.Sprintf("%s: %s", day.title, d.Name), URL: link(""), Category: "Campaign", AllDay: true, Day: day.on})
	}
	for _, m := range d.Milestones {
		items = append(items, duet.CalendarItem{UID: m.ID + "@duet", Sequence: m.Version, Stamp: d.Created,
			Title: fmt.Sprintf("Milestone: %s (%s)", m.Title, d.Name), Description: m.Description, URL: link("/milestones"),
			Category: "Milestone", AllDay: true, Day: m.DueOn})
	}
	skipped := map[string][]time.Time{}
	err := s.db.View(ctx, func(tx *store.Tx) error {
		os, err := tx.Occurrences(ctx, d.ID, d.Side, store.OccurrenceFilter{Skipped: true})
		for _, o := range os {
			skipped[o.CheckInID] = append(skipped[o.CheckInID], o.StartsAt.In(loc))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, c := range d.CheckIns {
		if c.Paused {
			continue
		}
		r, start, err := c.Rule(d.KickoffOn)
		h, m, err2 := duet.ParseClock(c.Time)
		if err != nil || err2 != nil {
			continue
		}
		first := r.At(start, h, m, loc, time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc).Add(-time.Second), 1)
		if len(first) == 0 {
			continue
		}
		items = append(items, duet.CalendarItem{UID: c.ID + "@duet", Sequence: c.Version, Stamp: c.Updated,
			Title: fmt.Sprintf("%s (%s)", c.Title, d.Name), Description: c.Purpose, URL: link("/check-ins/" + c.ID),
			Category: "Check-in", Start: first[0], Duration: time.Duration(c.DurationMinutes) * time.Minute,
			RRule: r.String(), ExDates: skipped[c.ID]})
	}
	return items, nil
}
