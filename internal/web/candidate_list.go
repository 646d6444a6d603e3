package web

import (
	"net/http"
)

// UnrecordedView lists messages that read like decisions nobody recorded.
type UnrecordedView struct {
	WS        string
	Items     []CandidateView
	CanRecord bool
}

// CandidateView is one possibly unrecorded decision.
type CandidateView struct {
	Msg        MessageView
	Channel    string
	ChannelURL string
	CanDismiss bool
}

// UnrecordedPage is the list on a page of its own, without JavaScript.
type UnrecordedPage struct {
	Base
	List UnrecordedView
}

// candidateList serves GET /w/{ws}/decisions/unrecorded: the decision
// log's "Possibly unrecorded" section, which the log loads (and reloads
// live) with htmx, or a page of its own.
func (s *server) candidateList(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ms, err := s.svc.Candidates(r.Context(), actorOf(r), v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	list := UnrecordedView{WS: v.d.ID, CanRecord: !v.guest()}
	for _, m := range ms {
		c, _ := v.channel(m.ChannelID)
		list.Items = append(list.Items, CandidateView{Msg: v.message(m, false), Channel: c.Name, ChannelURL: "/w/" + v.d.ID + "/c/" + c.ID,
			CanDismiss: !v.guest() || m.Author.MemberID == v.me.ID})
	}
	if wantsFragment(r) {
		s.fragment(w, r, http.StatusOK, "unrecorded", list)
		return
	}
	nav, bell, err := s.frame(r, v, "decisions", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "decision_unrecorded", &UnrecordedPage{Base: Base{Title: "Possibly unrecorded decisions · " + v.d.Name, Nav: nav, Bell: bell}, List: list})
}
