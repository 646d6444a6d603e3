package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// channelRead serves POST /w/{ws}/c/{channel}/read: the viewer has read
// the channel up to the message seq. The channel page posts it once it is
// shown and whenever new messages arrive while it is open.
func (s *server) channelRead(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	seq, err := strconv.ParseInt(r.PostForm.Get("seq"), 10, 64)
	if err != nil || seq < 0 {
		s.Error(w, r, duet.Invalid("seq", "must be a message cursor"))
		return
	}
	ws, ch := r.PathValue("ws"), r.PathValue("channel")
	if err := s.svc.MarkRead(r.Context(), actorOf(r), ws, ch, seq); err != nil {
		s.Error(w, r, err)
		return
	}
	if !wantsFragment(r) {
		http.Redirect(w, r, "/w/"+ws+"/c/"+ch, http.StatusSeeOther)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
