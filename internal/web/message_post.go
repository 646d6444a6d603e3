package web

import (
	"encoding/json"
	"net/http"

	"duet/internal/duet"
)

// messagePost serves POST /w/{ws}/c/{channel}/messages: a message, or a
// reply in a thread when parent_id is set. htmx gets a fresh composer and
// an event that makes the page fetch the new message; a plain form post is
// redirected to it. On error the composer comes back with the text typed.
func (s *server) messagePost(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	body, parent := r.PostForm.Get("body"), r.PostForm.Get("parent_id")
	ws, ch := r.PathValue("ws"), r.PathValue("channel")
	m, err := s.svc.PostMessage(r.Context(), actorOf(r), ws, ch, duet.MessagePost{Body: body, ParentID: parent})
	if err != nil {
		fe, ok := formError(err, composerFields...)
		switch {
		case !ok:
			s.Error(w, r, err)
		case wantsFragment(r):
			s.composerFragment(w, r, duet.HTTPStatus(err), parent, body, fe)
		case parent != "":
			s.showThread(w, r, duet.HTTPStatus(err), parent, fe, body)
		default:
			s.showChannel(w, r, duet.HTTPStatus(err), fe, body)
		}
		return
	}
	if wantsFragment(r) {
		ev, _ := json.Marshal(map[string]map[string]string{"duet:posted": {"id": m.ID, "parent": m.ParentID}})
		w.Header().Set("HX-Trigger", string(ev))
		s.composerFragment(w, r, http.StatusOK, m.ParentID, "", FormError{})
		return
	}
	if m.ParentID != "" {
		http.Redirect(w, r, "/w/"+ws+"/m/"+m.ParentID+"#m-"+m.ID, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/w/"+ws+"/c/"+ch+"#m-"+m.ID, http.StatusSeeOther)
}

// composerFragment answers htmx with the composer of the request's
// channel.
func (s *server) composerFragment(w http.ResponseWriter, r *http.Request, status int, parent, body string, fe FormError) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, ok := v.channel(r.PathValue("channel"))
	if !ok {
		s.Error(w, r, duet.NotFound("channel"))
		return
	}
	s.fragment(w, r, status, "composer", v.composer(c, parent, body, fe))
}
