package core

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
)

// CalendarView is the launch calendar as one side sees it.
type CalendarView struct {
	// Entries publish within the window asked for, in publish order,
	// each with its slips.
	Entries []duet.LaunchEntry
	// Slips are every slip of every entry the side sees, in the window
	// or not.
	Slips []duet.Slip
	// Slipping names the entries of Slips by id, in the window or not,
	// so that a page can say which entry each slip is about.
	Slipping map[string]duet.EntryRef
	LeadDays int
	GoLive   duet.Date
	Loc      *time.Location
}

// goLive returns the date of the milestone that waits for the calendar
// to publish (Launch go-live), or zero.
func goLive(d *duet.WorkspaceDetail) duet.Date {
	for _, m := range d.Milestones {
		if slices.ContainsFunc(m.Criteria, func(c duet.Criterion) bool { return c.Check == duet.CheckCalendarPublished }) {
			return m.DueOn
		}
	}
	return duet.Date{}
}

// slips finds the slips among entries, which must be every entry the
// viewer sees so that dependencies outside a window count.
func (s *Service) slips(d *duet.WorkspaceDetail, entries []duet.LaunchEntry) []duet.Slip {
	return duet.DetectSlips(duet.SlipFacts{Entries: entries, GoLive: goLive(d), LeadDays: s.leadDays(d), Now: s.Now(), Loc: d.Loc})
}

func (s *Service) leadDays(d *duet.WorkspaceDetail) int {
	tpl, err := s.Template(d.TemplateKey)
	if err != nil {
		return 2
	}
	return tpl.Assets.LeadDays()
}

// Calendar returns the entries the actor sees publishing in the filter's
// window, with every slip detected over all of them.
func (s *Service) Calendar(ctx context.Context, a *duet.Actor, wsID string, f duet.EntryFilter) (*CalendarView, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var all []duet.LaunchEntry
	err = s.db.View(ctx, func(tx *store.Tx) (err error) {
		all, err = tx.Entries(ctx, wsID, d.Side, duet.EntryFilter{})
		return err
	})
	if err != nil {
		return nil, err
	}
	v := &CalendarView{Slips: s.slips(d, all), Slipping: map[string]duet.EntryRef{}, LeadDays: s.leadDays(d), GoLive: goLive(d), Loc: d.Loc}
	for _, sl := range v.Slips {
		v.Slipping[sl.EntryID] = duet.EntryRef{}
	}
	for _, e := range all {
		if _, ok := v.Slipping[e.ID]; ok {
			v.Slipping[e.ID] = e.Ref()
		}
		switch {
		case !f.From.IsZero() && e.PublishAt.Before(f.From),
			!f.To.IsZero() && !e.PublishAt.Before(f.To),
			f.Status != "" && e.Status != f.Status,
			f.Side != "" && e.Side != f.Side:
			continue
		}
		d.ResolveDRI(&e.DRI)
		e.Slips = duet.SlipsOf(v.Slips, e.ID, "")
		v.Entries = append(v.Entries, e)
	}
	return v, nil
}

// EntryDetail is one calendar entry with its page's extras.
type EntryDetail struct {
	Entry   duet.LaunchEntry
	History []duet.Change
	CanEdit bool
	// Followers are the entries that must publish after this one.
	Followers []duet.EntryRef
}

// Entry returns one calendar entry the actor may see.
func (s *Service) Entry(ctx context.Context, a *duet.Actor, wsID, id string) (*EntryDetail, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	v := &EntryDetail{}
	var all []duet.LaunchEntry
	err = s.db.View(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{})
		if err != nil {
			return err
		}
		if v.Entry, err = tx.Entry(ctx, wsID, id, m.Side); err != nil {
			return err
		}
		v.CanEdit = m.Side == v.Entry.Side && m.Permission != duet.PermGuest
		if v.History, err = tx.History(ctx, wsID, id, maxHistory); err != nil {
			return err
		}
		all, err = tx.Entries(ctx, wsID, m.Side, duet.EntryFilter{})
		return err
	})
	if err != nil {
		return nil, err
	}
	d.ResolveDRI(&v.Entry.DRI)
	v.Entry.Slips = duet.SlipsOf(s.slips(d, all), id, "")
	for _, e := range all {
		if slices.ContainsFunc(e.After, func(r duet.EntryRef) bool { return r.ID == id }) {
			v.Followers = append(v.Followers, e.Ref())
		}
	}
	return v, nil
}

// linkEntry resolves an entry's assets and the entries it follows: each
// must exist, be visible to everyone who sees the entry, and not close a
// loop of dependencies.
func linkEntry(ctx context.Context, tx *store.Tx, e *duet.LaunchEntry, in duet.EntrySave) error {
	refs, err := tx.AssetRefs(ctx, e.WorkspaceID, "")
	if err != nil {
		return err
	}
	e.Assets = e.Assets[:0]
	for _, id := range in.Assets {
		r, ok := refs[id]
		if !ok || !r.Visibility.VisibleTo(e.Side) {
			return duet.Invalid("assets", "no asset %q in this workspace", id)
		}
		if r.Visibility != duet.VisShared && r.Visibility != e.Visibility {
			return duet.Invalid("assets", "%s %s is kept to the %s side; a shared entry can only link shared assets", duet.AssetNumber(r.Number), r.Title, r.Visibility)
		}
		e.Assets = append(e.Assets, r)
	}
	all, err := tx.Entries(ctx, e.WorkspaceID, "", duet.EntryFilter{})
	if err != nil {
		return err
	}
	byID := map[string]duet.LaunchEntry{}
	for _, o := range all {
		byID[o.ID] = o
	}
	e.After = e.After[:0]
	for _, id := range in.After {
		o, ok := byID[id]
		if !ok || !(o.Visibility == duet.VisShared || o.Visibility == e.Visibility) {
			return duet.Invalid("after", "no calendar entry %q that everyone who sees this one can see", id)
		}
		e.After = append(e.After, o.Ref())
	}
	deps, err := tx.EntryDeps(ctx, e.WorkspaceID)
	if err != nil {
		return err
	}
	if loop := duet.FollowCycle(e.ID, in.After, deps); loop != nil {
		titles := make([]string, len(loop))
		for i, id := range loop {
			titles[i] = byID[id].Title
			if id == e.ID {
				titles[i] = e.Title
			}
		}
		return duet.Invalid("after", "that would make a loop: %s", strings.Join(titles, " → "))
	}
	return nil
}

// CreateEntry schedules a new entry owned by the actor's side.
func (s *Service) CreateEntry(ctx context.Context, a *duet.Actor, wsID string, in duet.EntrySave) (duet.LaunchEntry, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.LaunchEntry{}, err
	}
	x, err := in.Validate("", d.Loc)
	if err != nil {
		return duet.LaunchEntry{}, err
	}
	if in.Visibility != duet.VisShared && string(in.Visibility) != string(d.Side) {
		return duet.LaunchEntry{}, duet.Invalid("visibility", "an entry can be shared or kept to your own side")
	}
	dri, err := checkDRI(d, x.DRI, in.Visibility)
	if err != nil {
		return duet.LaunchEntry{}, err
	}
	now := s.Now()
	e := duet.LaunchEntry{ID: store.NewID(), WorkspaceID: wsID, Title: in.Title, Channel: in.Channel, Side: d.Side, DRI: dri,
		PublishAt: x.PublishAt, Visibility: in.Visibility, LaunchCritical: in.LaunchCritical, Status: duet.EntryPlanned, Created: now, Updated: now}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{Visibility: in.Visibility})
		if err != nil {
			return err
		}
		e.By = duet.Author{MemberID: m.ID, Name: m.Name, Side: m.Side}
		if err := linkEntry(ctx, tx, &e, in); err != nil {
			return err
		}
		if err := tx.InsertEntry(ctx, &e); err != nil {
			return err
		}
		summary := fmt.Sprintf("scheduled %s on %s for %s", quote(e.Title), duet.LaunchChannelName(e.Channel), e.PublishAt.In(d.Loc).Format("Mon 2 Jan 2006 15:04"))
		if err := s.history(ctx, tx, wsID, e.ID, m, summary); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.entryEvent(a, "entry.created", e))
	})
	return e, err
}

func (s *Service) entryEvent(a *duet.Actor, typ string, e duet.LaunchEntry) *duet.Event {
	ev := s.event(a, e.WorkspaceID, typ, e.ID)
	ev.Visibility = e.Visibility
	return ev
}

// entryForChange loads an entry the actor's side owns, for a change.
func (s *Service) entryForChange(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID, id string, version int) (*duet.Member, duet.LaunchEntry, error) {
	m, err := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{})
	if err != nil {
		return nil, duet.LaunchEntry{}, err
	}
	e, err := tx.Entry(ctx, wsID, id, m.Side)
	if err != nil {
		return nil, e, err
	}
	if m, err = s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{Visibility: e.Visibility}); err != nil {
		return nil, e, err
	}
	if err := ownSide(m, e.Side); err != nil {
		return nil, e, err
	}
	if version != e.Version {
		return nil, e, duet.Errorf(duet.EConflict, "This calendar entry was changed by someone else meanwhile; reload to see the change.")
	}
	return m, e, nil
}

// UpdateEntry replaces an entry's plan: title, channel, DRI, time,
// visibility, launch-critical flag, assets and the entries it follows.
func (s *Service) UpdateEntry(ctx context.Context, a *duet.Actor, wsID, id string, in duet.EntrySave) (duet.LaunchEntry, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.LaunchEntry{}, err
	}
	x, err := in.Validate(id, d.Loc)
	if err != nil {
		return duet.LaunchEntry{}, err
	}
	var e duet.LaunchEntry
	err = s.write(ctx, func(tx *store.Tx) error {
		m, cur, err := s.entryForChange(ctx, tx, a, wsID, id, in.Version)
		if err != nil {
			return err
		}
		e = cur
		if e.Status == duet.EntryPublished {
			return duet.Invalid("status", "a published entry cannot be replanned")
		}
		if in.Visibility != e.Visibility && in.Visibility != duet.VisShared {
			return duet.Invalid("visibility", "a shared entry stays shared: the other side has seen it")
		}
		if e.DRI, err = checkDRI(d, x.DRI, in.Visibility); err != nil {
			return err
		}
		var changes []string
		if !x.PublishAt.Equal(e.PublishAt) {
			changes = append(changes, "moved it to "+x.PublishAt.In(d.Loc).Format("Mon 2 Jan 2006 15:04"))
		}
		e.Title, e.Channel, e.PublishAt, e.Visibility, e.LaunchCritical = in.Title, in.Channel, x.PublishAt, in.Visibility, in.LaunchCritical
		if err := linkEntry(ctx, tx, &e, in); err != nil {
			return err
		}
		if err := tx.UpdateEntry(ctx, &e, s.Now()); err != nil {
			return err
		}
		summary := "changed the plan"
		if len(changes) > 0 {
			summary += "; " + strings.Join(changes, "; ")
		}
		if err := s.history(ctx, tx, wsID, e.ID, m, summary); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.entryEvent(a, "entry.updated", e))
	})
	return e, err
}

// RescheduleEntry moves an entry to another day, keeping its time of
// day: what dragging it on the month view does.
func (s *Service) RescheduleEntry(ctx context.Context, a *duet.Actor, wsID, id string, version int, day string) (duet.LaunchEntry, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.LaunchEntry{}, err
	}
	date, err := duet.ParseDate(strings.TrimSpace(day))
	if err != nil {
		return duet.LaunchEntry{}, duet.Invalid("date", "must be a date like 2027-03-12, not %q", day)
	}
	var e duet.LaunchEntry
	err = s.write(ctx, func(tx *store.Tx) error {
		m, cur, err := s.entryForChange(ctx, tx, a, wsID, id, version)
		if err != nil {
			return err
		}
		e = cur
		if !e.Open() {
			return duet.Invalid("date", "a %s entry cannot be moved", duet.EntryStatusName(e.Status))
		}
		local := e.PublishAt.In(d.Loc)
		e.PublishAt = time.Date(date.Year(), date.Month(), date.Day(), local.Hour(), local.Minute(), 0, 0, d.Loc).UTC()
		if err := tx.UpdateEntry(ctx, &e, s.Now()); err != nil {
			return err
		}
		if err := s.history(ctx, tx, wsID, e.ID, m, "moved it to "+e.PublishAt.In(d.Loc).Format("Mon 2 Jan 2006 15:04")); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.entryEvent(a, "entry.updated", e))
	})
	return e, err
}

// MoveEntry changes an entry's status. Publishing needs every linked
// asset approved, or an approved decision that overrides it.
func (s *Service) MoveEntry(ctx context.Context, a *duet.Actor, wsID, id string, in duet.EntryMove) (duet.LaunchEntry, error) {
	var e duet.LaunchEntry
	err := s.write(ctx, func(tx *store.Tx) error {
		m, cur, err := s.entryForChange(ctx, tx, a, wsID, id, in.Version)
		if err != nil {
			return err
		}
		e = cur
		if err := in.Validate(e.Status); err != nil {
			return err
		}
		// Assets are read for both sides: a side-only asset the
		// viewer cannot see still has to be approved.
		full, err := tx.Entry(ctx, wsID, id, "")
		if err != nil {
			return err
		}
		summary := "marked it " + duet.EntryStatusName(in.Status)
		if in.Status == duet.EntryPublished {
			if un := full.UnapprovedAssets(); len(un) > 0 {
				names := make([]string, len(un))
				for i, r := range un {
					names[i] = duet.AssetNumber(r.Number) + " " + r.Title
				}
				if in.Decision == 0 {
					return duet.Invalid("decision", "%s %s not approved; publishing needs %s or an approved decision that overrides it",
						duet.JoinWords(names), map[bool]string{true: "is", false: "are"}[len(un) == 1], map[bool]string{true: "its approval", false: "their approval"}[len(un) == 1])
				}
				ref, err := tx.DecisionRefByNumber(ctx, wsID, in.Decision)
				if err != nil || ref.Status != duet.StatusApproved {
					return duet.Invalid("decision", "D-%d is not an approved decision of this workspace", in.Decision)
				}
				e.Override = &ref
				summary += fmt.Sprintf(" with %s not approved, under decision D-%d", duet.JoinWords(names), ref.Number)
			}
			now := s.Now()
			e.LiveURL, e.Published = in.LiveURL, &now
			summary += " at " + in.LiveURL
		}
		e.Status = in.Status
		if err := tx.UpdateEntry(ctx, &e, s.Now()); err != nil {
			return err
		}
		if err := s.history(ctx, tx, wsID, e.ID, m, summary); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.entryEvent(a, "entry.updated", e))
	})
	return e, err
}
