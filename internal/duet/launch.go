package duet

import (
	"slices"
	"strings"
	"time"
)

// Launch calendar channels: where an entry publishes.
const (
	ChanLandingPage      = "landing_page"
	ChanEmail            = "email"
	ChanSocial           = "social"
	ChanBlog             = "blog"
	ChanWebinar          = "webinar"
	ChanWebinarReminder  = "webinar_reminder"
	ChanPress            = "press"
	ChanPartnerAnnounce  = "partner_announcement"
	ChanPaid             = "paid"
	ChanOther            = "other"
	maxEntryDependencies = 20
	maxEntryAssets       = 20
)

// LaunchChannels lists the channels in the order pages show them.
var LaunchChannels = []string{ChanLandingPage, ChanEmail, ChanSocial, ChanBlog, ChanWebinar, ChanWebinarReminder,
	ChanPress, ChanPartnerAnnounce, ChanPaid, ChanOther}

// LaunchChannelName is how a channel reads on a page.
func LaunchChannelName(c string) string { return sentenceCase(c) }

// Entry statuses: planned → ready → published, or cancelled.
const (
	EntryPlanned   = "planned"
	EntryReady     = "ready"
	EntryPublished = "published"
	EntryCancelled = "cancelled"
)

// EntryStatuses lists the statuses in the order pages show them.
var EntryStatuses = []string{EntryPlanned, EntryReady, EntryPublished, EntryCancelled}

// EntryStatusName is how a status reads on a page.
func EntryStatusName(s string) string { return sentenceCase(s) }

// LaunchEntry is one item of the launch calendar: something that
// publishes at a time on a channel, by one side.
type LaunchEntry struct {
	ID          string
	WorkspaceID string
	Title       string
	Channel     string
	Side        Side // the owning side
	DRI         DRI
	PublishAt   time.Time // UTC; shown in the workspace's time zone
	Visibility  Visibility
	// LaunchCritical entries must publish by the Launch go-live
	// milestone; its gate waits for them.
	LaunchCritical bool
	Assets         []AssetRef
	// After are the entries this one must publish after.
	After   []EntryRef
	Status  string
	LiveURL string
	// Override is the approved decision that let it publish with assets
	// not approved.
	Override  *DecisionRef
	Version   int
	By        Author
	Created   time.Time
	Updated   time.Time
	Published *time.Time
	// Slips are filled in by whoever loads the calendar (DetectSlips).
	Slips []Slip
}

// Open reports whether the entry is still to publish.
func (e *LaunchEntry) Open() bool { return e.Status == EntryPlanned || e.Status == EntryReady }

// Ref names the entry for other entries.
func (e *LaunchEntry) Ref() EntryRef {
	return EntryRef{ID: e.ID, Title: e.Title, PublishAt: e.PublishAt, Status: e.Status}
}

// EntryRef names another entry.
type EntryRef struct {
	ID        string
	Title     string
	PublishAt time.Time
	Status    string
}

// UnapprovedAssets returns the linked assets not approved.
func (e *LaunchEntry) UnapprovedAssets() []AssetRef {
	var out []AssetRef
	for _, a := range e.Assets {
		if a.Status != AssetApproved {
			out = append(out, a)
		}
	}
	return out
}

// EntrySave is a new entry, or the whole of an existing one's plan
// (Version names the version it was edited from).
type EntrySave struct {
	Version        int
	Title          string
	Channel        string
	DRI            string
	PublishAt      string // YYYY-MM-DDTHH:MM in the workspace's time zone
	Visibility     Visibility
	LaunchCritical bool
	Assets         []string // asset ids
	After          []string // entry ids
}

// EntryInput is an EntrySave after validation.
type EntryInput struct {
	DRI       DRI
	PublishAt time.Time
}

// ParseLocalTime reads a date and time typed in the workspace's zone.
func ParseLocalTime(field, s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), nil
		}
	}
	if s == "" {
		return time.Time{}, Invalid(field, "is required: the date and time it publishes")
	}
	return time.Time{}, Invalid(field, "must be a date and time like 2027-03-12T09:00, not %q", s)
}

// Validate checks the input against the workspace's time zone. id is the
// entry's own id ("" for a new one), so it cannot follow itself.
func (in *EntrySave) Validate(id string, loc *time.Location) (EntryInput, error) {
	var x EntryInput
	in.Title = strings.TrimSpace(in.Title)
	if err := textField("title", in.Title, MaxAssetTitle); err != nil {
		return x, err
	}
	if !slices.Contains(LaunchChannels, in.Channel) {
		return x, Invalid("channel", "must be one of %s, not %q", strings.Join(LaunchChannels, ", "), in.Channel)
	}
	if in.Visibility == "" {
		in.Visibility = VisShared
	}
	if !in.Visibility.Valid() {
		return x, Invalid("visibility", "must be shared, host or partner")
	}
	var err error
	if x.DRI, err = ParseDRI("dri", in.DRI); err != nil {
		return x, err
	}
	if x.PublishAt, err = ParseLocalTime("publish_at", in.PublishAt, loc); err != nil {
		return x, err
	}
	in.Assets, in.After = compactIDs(in.Assets), compactIDs(in.After)
	switch {
	case len(in.Assets) > maxEntryAssets:
		return x, Invalid("assets", "at most %d assets per entry", maxEntryAssets)
	case len(in.After) > maxEntryDependencies:
		return x, Invalid("after", "at most %d entries to follow", maxEntryDependencies)
	case id != "" && slices.Contains(in.After, id):
		return x, Invalid("after", "an entry cannot publish after itself")
	}
	return x, nil
}

func compactIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// FollowCycle reports whether entry id publishing after the entries
// after would close a loop, given every entry's current dependencies.
// It returns the loop's entry ids, starting and ending with id.
func FollowCycle(id string, after []string, deps map[string][]string) []string {
	seen := map[string]bool{}
	var path []string
	var walk func(string) bool
	walk = func(n string) bool {
		if n == id {
			return true
		}
		if seen[n] {
			return false
		}
		seen[n] = true
		path = append(path, n)
		for _, m := range deps[n] {
			if walk(m) {
				return true
			}
		}
		path = path[:len(path)-1]
		return false
	}
	for _, a := range after {
		path = path[:0]
		if walk(a) {
			return append(append([]string{id}, path...), id)
		}
	}
	return nil
}

// EntryMove changes an entry's status. Publishing needs the live URL,
// and assets not approved need an approved override decision (D-n).
type EntryMove struct {
	Version  int
	Status   string
	LiveURL  string
	Decision int // the override decision's number
}

// Validate checks the move from status from.
func (in *EntryMove) Validate(from string) error {
	in.LiveURL = strings.TrimSpace(in.LiveURL)
	if in.Version < 1 {
		return Invalid("version", "is required: the version of the entry you changed")
	}
	if !slices.Contains(EntryStatuses, in.Status) {
		return Invalid("status", "must be one of %s, not %q", strings.Join(EntryStatuses, ", "), in.Status)
	}
	allowed := map[string][]string{
		EntryPlanned:   {EntryReady, EntryPublished, EntryCancelled},
		EntryReady:     {EntryPlanned, EntryPublished, EntryCancelled},
		EntryCancelled: {EntryPlanned},
	}
	if !slices.Contains(allowed[from], in.Status) {
		return Invalid("status", "an entry that is %s cannot become %s", EntryStatusName(from), EntryStatusName(in.Status))
	}
	if in.Status == EntryPublished {
		if in.LiveURL == "" {
			return Invalid("live_url", "is required: where it went live")
		}
		if err := CheckLink("live_url", in.LiveURL); err != nil {
			return err
		}
	}
	return nil
}

// EntryFilter selects entries whose publish time falls in [From, To);
// zero bounds are open.
type EntryFilter struct {
	From, To time.Time
	Status   string
	Side     Side
}
