package web

import (
	"net/http"
	"strconv"

	"duet/internal/core"
	"duet/internal/duet"
)

// ChannelPage is one channel: its header, a page of messages with the
// newest at the bottom, and the composer.
type ChannelPage struct {
	Base
	Head     ChannelHead
	Messages []MessageView
	Older    *OlderView
	// Newer links back to the latest messages from an older page.
	Newer    string
	Composer ComposerView
}

// channelShow serves GET /w/{ws}/c/{channel}; ?before= shows an older
// page (the "Load older" link without JavaScript). The browser marks the
// channel read once it is shown (POST …/read): a GET changes nothing.
func (s *server) channelShow(w http.ResponseWriter, r *http.Request) {
	s.showChannel(w, r, http.StatusOK, FormError{}, "")
}

// showChannel renders the channel page, with a composer keeping what was
// typed and the error it got when a plain form post failed.
func (s *server) showChannel(w http.ResponseWriter, r *http.Request, status int, fe FormError, body string) {
	v, cv, err := s.channelPageOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c := cv.Channel
	if c.Key == core.DecisionsChannel && fe.Msg == "" {
		http.Redirect(w, r, "/w/"+v.d.ID+"/decisions", http.StatusSeeOther)
		return
	}
	nav, bell, err := s.frame(r, v, "channel", c.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &ChannelPage{Base: Base{Title: "#" + c.Name + " · " + v.d.Name, Nav: nav, Bell: bell, Full: true},
		Head: v.channelHead(c), Messages: v.oldestFirst(cv.Page.Messages),
		Composer: v.composer(c, "", body, fe)}
	if cv.Page.Before > 0 {
		p.Older = &OlderView{WS: v.d.ID, ChannelID: c.ID, Before: cv.Page.Before}
	}
	if before, _ := cursor(r, "before"); before > 0 { // an older page: link back to the newest
		p.Newer = "/w/" + v.d.ID + "/c/" + c.ID
	}
	s.render(w, r, status, "channel_show", p)
}

// composer is the form posting to channel c, or replying to parent.
func (v *viewer) composer(c duet.Channel, parent, body string, fe FormError) ComposerView {
	cv := ComposerView{WS: v.d.ID, ChannelID: c.ID, ParentID: parent, Body: body, Err: fe, Placeholder: "Message #" + c.Name}
	if parent != "" {
		cv.Placeholder = "Reply in thread"
	}
	if c.Archived {
		cv.Closed = "#" + c.Name + " is archived. Restore it to post again."
	}
	return cv
}

// cursor reads a message cursor (a sequence number) from the query; a
// missing one is 0.
func cursor(r *http.Request, name string) (int64, error) {
	q := r.URL.Query().Get(name)
	if q == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(q, 10, 64)
	if err != nil || n < 0 {
		return 0, duet.Invalid(name, "must be a message cursor")
	}
	return n, nil
}
