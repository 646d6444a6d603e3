package web

import (
	"html/template"
	"net/http"
	"strings"

	"duet/internal/duet"
)

// SearchPage is the workspace's search: messages and decisions the viewer
// may see, with the matches highlighted.
type SearchPage struct {
	Base
	WS    string
	Query string
	Hits  []HitView
	Count string
	Err   FormError
}

// HitView is one search result.
type HitView struct {
	Kind       string // "message" or "decision"
	Title      string
	URL        string
	Snippet    template.HTML // core's escaped snippet with <mark>s
	Channel    string
	ChannelURL string
	Author     string
	Time       string
	TimeISO    string
}

// searchShow serves GET /w/{ws}/search?q=.
func (s *server) searchShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &SearchPage{WS: v.d.ID, Query: r.URL.Query().Get("q")}
	status := http.StatusOK
	if strings.TrimSpace(p.Query) != "" {
		hits, err := s.svc.Search(r.Context(), actorOf(r), v.d.ID, p.Query)
		if fe, ok := formError(err, "q"); ok {
			p.Err, status = fe, duet.HTTPStatus(err)
		} else if err != nil {
			s.Error(w, r, err)
			return
		}
		p.Count = plural(len(hits), "result", "results")
		for _, h := range hits {
			p.Hits = append(p.Hits, v.hit(h))
		}
	}
	nav, bell, err := s.frame(r, v, "search", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Search · " + v.d.Name, Nav: nav, Bell: bell}
	if p.Query != "" {
		p.Title = p.Query + " · Search · " + v.d.Name
	}
	s.render(w, r, status, "search_show", p)
}

// hit lays out a search result with links to where it lives.
func (v *viewer) hit(h duet.SearchHit) HitView {
	hv := HitView{Kind: h.Kind, Title: h.Title, Snippet: h.Highlighted, Channel: h.ChannelName, Author: h.Author}
	if h.ChannelID != "" {
		hv.ChannelURL = "/w/" + v.d.ID + "/c/" + h.ChannelID
	}
	if h.Kind == "decision" {
		hv.URL = "/w/" + v.d.ID + "/decisions/" + h.ItemID
		hv.ChannelURL = "/w/" + v.d.ID + "/decisions"
		return hv
	}
	hv.URL = messagePlace(v.d.ID, h.ItemID, h.ThreadID, h.ChannelID)
	if !h.Created.IsZero() {
		hv.Time, hv.TimeISO, _ = v.when(h.Created)
	}
	return hv
}
