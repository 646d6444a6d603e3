package web

import (
	"net/http"

	"duet/internal/duet"
)

// MessageEditView is the form that edits a message: inline in the list,
// or on a page of its own without JavaScript.
type MessageEditView struct {
	Msg    MessageView
	Body   string
	Err    FormError
	Inline bool
	Back   string // where the page version returns to
}

// MessageEditPage is the edit form on a page of its own.
type MessageEditPage struct {
	Base
	Edit MessageEditView
}

// messageEdit serves GET /w/{ws}/m/{message}/edit: the author's form to
// change their message, swapped in place of the message for htmx.
func (s *server) messageEdit(w http.ResponseWriter, r *http.Request) {
	v, m, err := s.messageOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	mv := v.message(m, r.URL.Query().Get("thread") != "")
	if !mv.CanEdit {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Only %s can change their message, while its channel is open.", m.Author.Name))
		return
	}
	s.showMessageEdit(w, r, v, http.StatusOK, MessageEditView{Msg: mv, Body: m.Body})
}

// showMessageEdit renders the edit form: a fragment for htmx, else a page.
func (s *server) showMessageEdit(w http.ResponseWriter, r *http.Request, v *viewer, status int, e MessageEditView) {
	e.Back = backTo(e.Msg)
	if wantsFragment(r) {
		e.Inline = true
		s.fragment(w, r, status, "message-edit", e)
		return
	}
	nav, bell, err := s.frame(r, v, "channel", e.Msg.ChannelID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "message_edit", &MessageEditPage{Base: Base{Title: "Edit message · " + v.d.Name, Nav: nav, Bell: bell}, Edit: e})
}

// backTo is the page a message lives on, anchored at it.
func backTo(m MessageView) string { return messagePlace(m.WS, m.ID, m.ParentID, m.ChannelID) }

// placeOf is backTo for a message as core returns it.
func placeOf(ws string, m duet.Message) string {
	return messagePlace(ws, m.ID, m.ParentID, m.ChannelID)
}

// messagePlace is the thread of a reply, or the channel of a message,
// anchored at the message.
func messagePlace(ws, id, parent, channel string) string {
	if parent != "" {
		return "/w/" + ws + "/m/" + parent + "#m-" + id
	}
	return "/w/" + ws + "/c/" + channel + "#m-" + id
}
