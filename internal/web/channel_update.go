package web

import (
	"net/http"

	"duet/internal/duet"
)

// channelUpdate serves POST /w/{ws}/c/{channel}/settings: a new name or
// purpose, then back to the channel.
func (s *server) channelUpdate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	f := ChannelForm{Name: r.PostForm.Get("name"), Purpose: r.PostForm.Get("purpose")}
	ws, ch := r.PathValue("ws"), r.PathValue("channel")
	if _, err := s.svc.UpdateChannel(r.Context(), actorOf(r), ws, ch, duet.ChannelUpdate{Name: &f.Name, Purpose: &f.Purpose}); err != nil {
		s.channelSettingsFailed(w, r, err, f)
		return
	}
	http.Redirect(w, r, "/w/"+ws+"/c/"+ch, http.StatusSeeOther)
}
