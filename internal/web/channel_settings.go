package web

import (
	"net/http"

	"duet/internal/duet"
)

// ChannelSettingsPage renames a channel, changes its purpose, archives or
// restores it.
type ChannelSettingsPage struct {
	Base
	Head ChannelHead
	Form ChannelForm
	Err  FormError
}

// channelSettings serves GET /w/{ws}/c/{channel}/settings.
func (s *server) channelSettings(w http.ResponseWriter, r *http.Request) {
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
	s.showChannelSettings(w, r, v, http.StatusOK, c, ChannelForm{Name: c.Name, Purpose: c.Purpose}, FormError{})
}

func (s *server) showChannelSettings(w http.ResponseWriter, r *http.Request, v *viewer, status int, c duet.Channel, f ChannelForm, fe FormError) {
	h := v.channelHead(c)
	if !h.CanEdit {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Your role in this workspace does not allow this."))
		return
	}
	nav, bell, err := s.frame(r, v, "channel", c.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "channel_settings", &ChannelSettingsPage{Base: Base{Title: "#" + c.Name + " settings · " + v.d.Name, Nav: nav, Bell: bell},
		Head: h, Form: f, Err: fe})
}

// channelSettingsFailed shows the settings page again with core's refusal.
func (s *server) channelSettingsFailed(w http.ResponseWriter, r *http.Request, err error, f ChannelForm) {
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
	c, found := v.channel(r.PathValue("channel"))
	if !found {
		s.Error(w, r, duet.NotFound("channel"))
		return
	}
	if f.Name == "" && f.Purpose == "" {
		f = ChannelForm{Name: c.Name, Purpose: c.Purpose}
	}
	s.showChannelSettings(w, r, v, duet.HTTPStatus(err), c, f, fe)
}
