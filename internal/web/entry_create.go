package web

import (
	"net/http"

	"duet/internal/duet"
)

// entryCreate serves POST /w/{ws}/calendar: a new entry owned by the
// viewer's side, then its page. On error the form comes back with what
// was typed and the message at the field it is about.
func (s *server) entryCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	f := entryFormFrom(r.PostForm)
	ws := r.PathValue("ws")
	e, err := s.svc.CreateEntry(r.Context(), actorOf(r), ws, f.save())
	if err == nil {
		http.Redirect(w, r, calendarEntryURL(ws, e.ID), http.StatusSeeOther)
		return
	}
	fe, ok := formError(err, entryFields...)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	s.showEntryNew(w, r, v, duet.HTTPStatus(err), f, fe)
}
