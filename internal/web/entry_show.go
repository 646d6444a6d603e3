package web

import (
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// EntryPage is one calendar entry: what publishes when, where and by whom,
// its slips, its status with the actions that change it, the assets it
// ships with their approval state, the entries it follows and those that
// follow it, its history, and the form that replans it.
type EntryPage struct {
	Base
	Head      EntryHead
	Status    EntryStatusPanel
	Followers []EntryRefView
	History   []ChangeView
	// Edit is nil for those who may not replan the entry.
	Edit *EntryFormView
}

// EntryHead is the top of the page: the entry's facts and its slips. A
// status change sends it along with the status panel, out of band.
type EntryHead struct {
	E   EntryView
	OOB bool
}

// EntryStatusPanel is the entry's status with the actions its own side
// may take: ready, back to planned, cancel, reopen, and publish, which
// needs the live URL and, while linked assets are not approved, the
// number of an approved decision that overrides them.
type EntryStatusPanel struct {
	E       EntryView
	CanEdit bool
	// Note says why the viewer has no actions.
	Note  string
	Moves []Option
	// CanPublish offers the publish form; Unapproved are the linked
	// assets it explains are not approved.
	CanPublish bool
	Unapproved []EntryAssetView
	// What was typed into the publish form, kept after a refusal, which
	// opens it again.
	LiveURL  string
	Decision string
	Err      FormError
	Open     bool
}

// entryStatusFields are the inputs of the status forms.
var entryStatusFields = []string{"status", "live_url", "decision"}

// entryShow serves GET /w/{ws}/calendar/{entry}.
func (s *server) entryShow(w http.ResponseWriter, r *http.Request) {
	v, ed, err := s.entryOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.entryPage(r, v, ed, nil, FormError{})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showEntry(w, r, v, http.StatusOK, p)
}

// entryOf loads the viewer and the entry the path names.
func (s *server) entryOf(r *http.Request) (*viewer, *core.EntryDetail, error) {
	v, err := s.viewerOf(r)
	if err != nil {
		return nil, nil, err
	}
	ed, err := s.svc.Entry(r.Context(), actorOf(r), v.d.ID, r.PathValue("entry"))
	return v, ed, err
}

// entryChoices are what an entry form offers: the approval folder's
// assets and the calendar's entries, as the viewer's side sees them.
func (s *server) entryChoices(r *http.Request, v *viewer) ([]duet.Asset, *core.CalendarView, error) {
	a := actorOf(r)
	assets, err := s.svc.Assets(r.Context(), a, v.d.ID, duet.AssetFilter{})
	if err != nil {
		return nil, nil, err
	}
	cv, err := s.svc.Calendar(r.Context(), a, v.d.ID, duet.EntryFilter{})
	return assets, cv, err
}

// entryPage lays out an entry's page. The edit form shows edit and its
// error when a save was refused, else the entry as it is; only the
// entry's own side (not its guests) gets it.
func (s *server) entryPage(r *http.Request, v *viewer, ed *core.EntryDetail, edit *EntryForm, fe FormError) (*EntryPage, error) {
	e := v.calendarEntry(ed.Entry)
	p := &EntryPage{Head: EntryHead{E: e}, Status: v.entryStatusPanel(e, ed.CanEdit), History: v.changes(ed.History)}
	for _, f := range ed.Followers {
		p.Followers = append(p.Followers, v.entryRefView(f))
	}
	// A published entry is history: core refuses to replan it.
	if !ed.CanEdit || ed.Entry.Status == duet.EntryPublished {
		return p, nil
	}
	assets, cv, err := s.entryChoices(r, v)
	if err != nil {
		return nil, err
	}
	f := v.entryFormOf(ed.Entry)
	if edit != nil {
		f = *edit
	}
	fv := v.entryFormView("entry-edit", e.URL, f, fe, assets, cv, ed.Entry.ID, ed.Entry.Visibility == duet.VisShared)
	fv.Submit = "Save changes"
	p.Edit = &fv
	return p, nil
}

// entryStatusPanel lays out the status actions the entry's status allows.
func (v *viewer) entryStatusPanel(e EntryView, canEdit bool) EntryStatusPanel {
	sp := EntryStatusPanel{E: e, CanEdit: canEdit, CanPublish: canEdit && e.Open}
	switch {
	case canEdit:
	case v.guest():
		sp.Note = "Guests can follow the launch calendar but not change it."
		return sp
	default:
		sp.Note = e.Org + " plans and publishes this entry; its status is theirs to change."
		return sp
	}
	switch e.Status {
	case duet.EntryPlanned:
		sp.Moves = []Option{{Value: duet.EntryReady, Label: "Mark ready"}, {Value: duet.EntryCancelled, Label: "Cancel entry"}}
	case duet.EntryReady:
		sp.Moves = []Option{{Value: duet.EntryPlanned, Label: "Back to planned"}, {Value: duet.EntryCancelled, Label: "Cancel entry"}}
	case duet.EntryCancelled:
		sp.Moves = []Option{{Value: duet.EntryPlanned, Label: "Reopen"}}
	}
	for _, a := range e.Assets {
		if !a.Approved {
			sp.Unapproved = append(sp.Unapproved, a)
		}
	}
	return sp
}

// showEntry renders an entry's page around p.
func (s *server) showEntry(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *EntryPage) {
	nav, bell, err := s.frame(r, v, "calendar", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: p.Head.E.Title + " · Launch calendar · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "calendar_entry", p)
}
