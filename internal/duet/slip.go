package duet

import (
	"fmt"
	"time"
)

// Slip kinds: the ways launch timing slips.
const (
	// SlipUnapproved: a linked asset is not approved by its deadline,
	// the lead days before the entry publishes.
	SlipUnapproved = "asset_not_approved"
	// SlipOrder: an entry publishes before (or with) one it must follow,
	// or follows a cancelled one.
	SlipOrder = "out_of_order"
	// SlipAfterGoLive: a launch-critical entry publishes after the
	// Launch go-live milestone's date.
	SlipAfterGoLive = "after_go_live"
	// SlipApprovalDue: an asset is due for approval after an entry that
	// uses it publishes.
	SlipApprovalDue = "approval_due_late"
)

// Slip is one reason an entry's timing is at risk.
type Slip struct {
	Kind    string
	EntryID string
	AssetID string // set when an asset is at fault
	Msg     string
}

// SlipFacts is what slip detection reads.
type SlipFacts struct {
	Entries []LaunchEntry
	// GoLive is the Launch go-live milestone's date; zero when there is
	// none.
	GoLive Date
	// LeadDays is how many business days before publishing assets must
	// be approved.
	LeadDays int
	Now      time.Time
	Loc      *time.Location
}

// ApprovalDeadline is when an entry publishing at publish needs its
// assets approved: lead business days earlier, at the same wall-clock
// time in loc.
func ApprovalDeadline(publish time.Time, lead int, loc *time.Location) time.Time {
	return openAt(publish.In(loc), lead).UTC()
}

// DetectSlips finds every slip among the entries, in entry order. Only
// entries still to publish can slip.
func DetectSlips(f SlipFacts) []Slip {
	loc := f.Loc
	if loc == nil {
		loc = time.UTC
	}
	when := func(t time.Time) string { return t.In(loc).Format("Mon 2 Jan 15:04") }
	byID := make(map[string]*LaunchEntry, len(f.Entries))
	for i := range f.Entries {
		byID[f.Entries[i].ID] = &f.Entries[i]
	}
	var out []Slip
	for _, e := range f.Entries {
		if !e.Open() {
			continue
		}
		deadline := ApprovalDeadline(e.PublishAt, f.LeadDays, loc)
		publishDay := DayOf(e.PublishAt, loc)
		for _, a := range e.Assets {
			if a.Status == AssetApproved {
				continue
			}
			if !f.Now.Before(deadline) {
				out = append(out, Slip{Kind: SlipUnapproved, EntryID: e.ID, AssetID: a.ID,
					Msg: fmt.Sprintf("%s %s is %s; it had to be approved by %s, %d business days before this publishes.",
						AssetNumber(a.Number), a.Title, lowerStatus(a.Status), when(deadline), f.LeadDays)})
			}
			if !a.DueOn.IsZero() && a.DueOn.After(publishDay.Time) {
				out = append(out, Slip{Kind: SlipApprovalDue, EntryID: e.ID, AssetID: a.ID,
					Msg: fmt.Sprintf("%s %s is due for approval on %s, after this publishes on %s.",
						AssetNumber(a.Number), a.Title, a.DueOn.Format("Mon 2 Jan"), publishDay.Format("Mon 2 Jan"))})
			}
		}
		for _, ref := range e.After {
			dep, ok := byID[ref.ID]
			switch {
			case !ok:
				// Not visible to this reader: the side that sees both
				// entries gets the slip.
			case dep.Status == EntryCancelled:
				out = append(out, Slip{Kind: SlipOrder, EntryID: e.ID,
					Msg: fmt.Sprintf("It must publish after %s, which is cancelled.", dep.Title)})
			case !dep.PublishAt.Before(e.PublishAt):
				out = append(out, Slip{Kind: SlipOrder, EntryID: e.ID,
					Msg: fmt.Sprintf("It publishes %s, but must follow %s, scheduled %s.", when(e.PublishAt), dep.Title, when(dep.PublishAt))})
			}
		}
		if e.LaunchCritical && !f.GoLive.IsZero() && publishDay.After(f.GoLive.Time) {
			out = append(out, Slip{Kind: SlipAfterGoLive, EntryID: e.ID,
				Msg: fmt.Sprintf("It is launch-critical but publishes on %s, after the Launch go-live date %s.", publishDay.Format("Mon 2 Jan"), f.GoLive.Format("Mon 2 Jan"))})
		}
	}
	return out
}

func lowerStatus(s string) string {
	switch s {
	case AssetDraft:
		return "still a draft"
	case AssetChangesRequested:
		return "waiting on requested changes"
	}
	return "still in review"
}

// SlipsOf returns the slips of one entry, or of one asset.
func SlipsOf(slips []Slip, entryID, assetID string) []Slip {
	var out []Slip
	for _, s := range slips {
		if (entryID != "" && s.EntryID == entryID) || (assetID != "" && s.AssetID == assetID) {
			out = append(out, s)
		}
	}
	return out
}
