package web

import (
	"net/http"

	"duet/internal/duet"
)

// messageUpdate serves POST /w/{ws}/m/{message}/edit: the author replaces
// their message's text; the earlier text stays in its history. htmx gets
// the changed message; a plain form post goes back to it. On error the
// form comes back with the text typed.
func (s *server) messageUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	body := r.PostForm.Get("body")
	inThread := r.PostForm.Get("thread") != ""
	a, ws, id := actorOf(r), r.PathValue("ws"), r.PathValue("message")
	m, err := s.svc.EditMessage(r.Context(), a, ws, id, body)
	if err != nil {
		fe, ok := actionError(err, composerFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		v, old, merr := s.messageOf(r)
		if merr != nil {
			s.Error(w, r, merr)
			return
		}
		s.showMessageEdit(w, r, v, duet.HTTPStatus(err), MessageEditView{Msg: v.message(old, inThread), Body: body, Err: fe})
		return
	}
	if !wantsFragment(r) {
		http.Redirect(w, r, placeOf(ws, m), http.StatusSeeOther)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.fragment(w, r, http.StatusOK, "message", v.message(m, inThread))
}
