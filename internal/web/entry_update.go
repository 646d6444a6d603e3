package web

import (
	"net/http"

	"duet/internal/duet"
)

// entryUpdate serves POST /w/{ws}/calendar/{entry}: the edit form, the
// entry's whole plan. A version other than the entry's (someone changed it
// meanwhile) is refused: the page shows the entry as it is now, the
// message, and the form with what was typed, ready to save again.
func (s *server) entryUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	f := entryFormFrom(r.PostForm)
	ws, id := r.PathValue("ws"), r.PathValue("entry")
	_, err := s.svc.UpdateEntry(r.Context(), actorOf(r), ws, id, f.save())
	if err == nil {
		http.Redirect(w, r, calendarEntryURL(ws, id), http.StatusSeeOther)
		return
	}
	fe, ok := actionError(err, entryFields...)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, ed, eerr := s.entryOf(r)
	if eerr != nil {
		s.Error(w, r, eerr)
		return
	}
	conflict := duet.ErrorKind(err) == duet.EConflict
	if conflict {
		f.Version = ed.Entry.Version
	}
	p, perr := s.entryPage(r, v, ed, &f, fe)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	if p.Edit == nil {
		// The viewer may not replan it (the other side, a guest, or it
		// was published meanwhile): the refusal goes above the status.
		p.Status.Err = fe
	} else {
		p.Edit.Conflict = conflict
	}
	s.showEntry(w, r, v, duet.HTTPStatus(err), p)
}
