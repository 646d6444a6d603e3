package web

import (
	"net/http"

	"duet/internal/duet"
)

// EntryNewPage schedules an entry on the launch calendar.
type EntryNewPage struct {
	Base
	Back string
	Form EntryFormView
}

// entryNew serves GET /w/{ws}/calendar/new, ?date=YYYY-MM-DD to start on
// that day at 09:00. The viewer's own first role is the DRI until they
// choose another.
func (s *server) entryNew(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if v.guest() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can read the launch calendar but not schedule on it."))
		return
	}
	f := EntryForm{Visibility: string(duet.VisShared)}
	if len(v.me.RoleKeys) > 0 {
		f.DRI = "role:" + v.me.RoleKeys[0]
	}
	if day, err := duet.ParseDate(r.URL.Query().Get("date")); err == nil {
		f.PublishAt = day.String() + "T09:00"
	}
	s.showEntryNew(w, r, v, http.StatusOK, f, FormError{})
}

// showEntryNew renders the new-entry form with what was typed.
func (s *server) showEntryNew(w http.ResponseWriter, r *http.Request, v *viewer, status int, f EntryForm, fe FormError) {
	assets, cv, err := s.entryChoices(r, v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	nav, bell, err := s.frame(r, v, "calendar", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &EntryNewPage{Base: Base{Title: "Schedule an entry · Launch calendar · " + v.d.Name, Nav: nav, Bell: bell},
		Back: calendarURL(v.d.ID), Form: v.entryFormView("entry-new", calendarURL(v.d.ID), f, fe, assets, cv, "", false)}
	p.Form.Submit = "Schedule"
	s.render(w, r, status, "calendar_new", p)
}
