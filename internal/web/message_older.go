package web

import "net/http"

// MessagesFragment is a run of messages, oldest first, with the control
// to load the ones before them.
type MessagesFragment struct {
	Older    *OlderView
	Messages []MessageView
}

// messageOlder serves GET /w/{ws}/c/{channel}/older?before=: the page of
// messages before the cursor, for "Load older". It replaces the control
// it was asked from.
func (s *server) messageOlder(w http.ResponseWriter, r *http.Request) {
	v, cv, err := s.channelPageOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !wantsFragment(r) {
		http.Redirect(w, r, "/w/"+v.d.ID+"/c/"+cv.Channel.ID+"?"+r.URL.RawQuery, http.StatusSeeOther)
		return
	}
	f := MessagesFragment{Messages: v.oldestFirst(cv.Page.Messages)}
	if cv.Page.Before > 0 {
		f.Older = &OlderView{WS: v.d.ID, ChannelID: cv.Channel.ID, Before: cv.Page.Before}
	}
	s.fragment(w, r, http.StatusOK, "messages", f)
}
