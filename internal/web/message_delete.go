package web

import (
	"net/http"

	"duet/internal/duet"
)

// messageDelete serves POST /w/{ws}/m/{message}/delete: the author, or an
// admin of the author's side, removes a message's text and history. htmx
// gets the message's deleted placeholder; a plain form post goes back to
// the page named by back.
func (s *server) messageDelete(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	a, ws, id := actorOf(r), r.PathValue("ws"), r.PathValue("message")
	if err := s.svc.DeleteMessage(r.Context(), a, ws, id); err != nil {
		s.messageActionFailed(w, r, err)
		return
	}
	if !wantsFragment(r) {
		http.Redirect(w, r, backOr(r, "/w/"+ws), http.StatusSeeOther)
		return
	}
	s.fragment(w, r, http.StatusOK, "message-deleted", struct{ ID string }{id})
}

// messageActionFailed answers an action on a message that core refused:
// htmx gets the message again with the reason under it; a plain form post
// gets the error page, which says the same.
func (s *server) messageActionFailed(w http.ResponseWriter, r *http.Request, err error) {
	fe, ok := actionError(err)
	if !ok || !wantsFragment(r) {
		s.Error(w, r, err)
		return
	}
	v, m, merr := s.messageOf(r)
	if merr != nil {
		s.Error(w, r, merr)
		return
	}
	mv := v.message(m, r.PostForm.Get("thread") != "")
	mv.Err = fe.Msg
	s.fragment(w, r, duet.HTTPStatus(err), "message", mv)
}

// backOr is the local page a form names in its back field, else def.
func backOr(r *http.Request, def string) string {
	if b := r.PostForm.Get("back"); b != "" && localPath(b) {
		return b
	}
	return def
}
