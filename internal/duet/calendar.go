package duet

import "time"

// CalendarItem is one event of a user's calendar feed: a check-in's
// series, a milestone, the kickoff or the launch.
type CalendarItem struct {
	UID         string // stable across fetches
	Sequence    int    // bumped whenever the item changes
	Stamp       time.Time
	Title       string
	Description string
	URL         string
	Category    string // "Check-in", "Milestone", "Campaign"
	// A timed item starts at Start (in its time zone) and lasts Duration;
	// an all-day item falls on Day.
	Start    time.Time
	Duration time.Duration
	AllDay   bool
	Day      Date
	// A recurring item repeats by RRule from Start, except on ExDates.
	RRule   string
	ExDates []time.Time
}

// CalendarFeed is everything one user's feed holds, across their
// workspaces, as their side in each may see it.
type CalendarFeed struct {
	UserName string
	Items    []CalendarItem
}
