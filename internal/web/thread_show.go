package web

import (
	"net/http"
)

// ThreadPage is a message with its replies and a composer to reply.
type ThreadPage struct {
	Base
	Head     ChannelHead
	Root     MessageView
	Replies  []MessageView
	Composer ComposerView
}

// threadShow serves GET /w/{ws}/m/{message}: the thread the message
// starts or belongs to.
func (s *server) threadShow(w http.ResponseWriter, r *http.Request) {
	s.showThread(w, r, http.StatusOK, r.PathValue("message"), FormError{}, "")
}

// showThread renders a thread, with the reply composer keeping what was
// typed and the error it got when a plain form post failed.
func (s *server) showThread(w http.ResponseWriter, r *http.Request, status int, msgID string, fe FormError, body string) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	t, err := s.svc.Thread(r.Context(), actorOf(r), v.d.ID, msgID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	nav, bell, err := s.frame(r, v, "channel", t.Channel.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &ThreadPage{Base: Base{Title: "Thread in #" + t.Channel.Name + " · " + v.d.Name, Nav: nav, Bell: bell, Full: true},
		Head: v.channelHead(t.Channel), Root: v.message(t.Root, true), Replies: v.messages(t.Replies, true),
		Composer: v.composer(t.Channel, t.Root.ID, body, fe)}
	if t.Root.Deleted {
		p.Composer.Closed = "The message this thread started from was deleted."
	}
	s.render(w, r, status, "thread_show", p)
}
