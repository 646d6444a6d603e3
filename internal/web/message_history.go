package web

import (
	"html/template"
	"net/http"
)

// HistoryPage is a message with the texts it had before its edits.
type HistoryPage struct {
	Base
	Msg   MessageView
	Back  string
	Edits []EditView
}

// EditView is one earlier text of a message.
type EditView struct {
	HTML        template.HTML
	Replaced    string
	ReplacedISO string
	Editor      string
}

// messageHistory serves GET /w/{ws}/m/{message}/history: the "edited"
// link of a message.
func (s *server) messageHistory(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	m, edits, err := s.svc.MessageHistory(r.Context(), actorOf(r), v.d.ID, r.PathValue("message"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	nav, bell, err := s.frame(r, v, "channel", m.ChannelID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &HistoryPage{Base: Base{Title: "Edit history · " + v.d.Name, Nav: nav, Bell: bell}, Msg: v.message(m, true), Back: placeOf(v.d.ID, m)}
	for i := len(edits) - 1; i >= 0; i-- { // newest first, under the current text
		e := edits[i]
		ev := EditView{HTML: e.HTML, Editor: e.Editor}
		ev.Replaced, ev.ReplacedISO, _ = v.when(e.Replaced)
		p.Edits = append(p.Edits, ev)
	}
	s.render(w, r, http.StatusOK, "message_history", p)
}
