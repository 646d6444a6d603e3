package web

import (
	"net/http"

	"duet/internal/duet"
)

// channelCreate serves POST /w/{ws}/channels: a new channel, shared or
// kept to the creator's side, and then its page. On error the form comes
// back with what was typed: in place for htmx, on its own page otherwise.
func (s *server) channelCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	f := ChannelForm{Name: r.PostForm.Get("name"), Purpose: r.PostForm.Get("purpose"), Visibility: r.PostForm.Get("visibility")}
	ws := r.PathValue("ws")
	c, err := s.svc.CreateChannel(r.Context(), actorOf(r), ws, duet.ChannelCreate{Name: f.Name, Purpose: f.Purpose, Visibility: duet.Visibility(f.Visibility)})
	if err != nil {
		fe, ok := formError(err, channelFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		v, verr := s.viewerOf(r)
		if verr != nil {
			s.Error(w, r, verr)
			return
		}
		if wantsFragment(r) {
			s.fragment(w, r, duet.HTTPStatus(err), "channel-form", v.channelForm(f, fe))
			return
		}
		s.showChannelNew(w, r, v, duet.HTTPStatus(err), f, fe)
		return
	}
	to := "/w/" + ws + "/c/" + c.ID
	if wantsFragment(r) {
		w.Header().Set("HX-Redirect", to)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}
