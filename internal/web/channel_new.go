package web

import (
	"net/http"

	"duet/internal/duet"
)

// ChannelNewPage is the form for a new channel on a page of its own: for
// phones and for a failed plain form post.
type ChannelNewPage struct {
	Base
	New ChannelFormView
}

// channelNew serves GET /w/{ws}/channels/new.
func (s *server) channelNew(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if v.guest() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can post in channels but not create them."))
		return
	}
	s.showChannelNew(w, r, v, http.StatusOK, ChannelForm{Visibility: string(duet.VisShared)}, FormError{})
}

func (s *server) showChannelNew(w http.ResponseWriter, r *http.Request, v *viewer, status int, f ChannelForm, fe FormError) {
	nav, bell, err := s.frame(r, v, "channel", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "channel_new", &ChannelNewPage{Base: Base{Title: "New channel · " + v.d.Name, Nav: nav, Bell: bell},
		New: v.channelForm(f, fe)})
}
