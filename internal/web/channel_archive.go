package web

import (
	"net/http"

	"duet/internal/duet"
)

// channelArchive serves POST /w/{ws}/c/{channel}/archive: archived=true
// archives the channel (its messages stay readable, nobody posts), false
// restores it.
func (s *server) channelArchive(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	archived := r.PostForm.Get("archived") != "false"
	ws, ch := r.PathValue("ws"), r.PathValue("channel")
	if _, err := s.svc.UpdateChannel(r.Context(), actorOf(r), ws, ch, duet.ChannelUpdate{Archived: &archived}); err != nil {
		s.channelSettingsFailed(w, r, err, ChannelForm{})
		return
	}
	http.Redirect(w, r, "/w/"+ws+"/c/"+ch, http.StatusSeeOther)
}
