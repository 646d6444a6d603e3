package web

import (
	"net/http"
	"net/url"

	"duet/internal/duet"
)

// DecisionLogPage is #decisions: every decision of the workspace, grouped
// by status and filterable by kind and status, with the messages that may
// be unrecorded decisions.
type DecisionLogPage struct {
	Base
	WS         string
	Kind       string
	Status     string
	Kinds      []FilterLink
	Statuses   []FilterLink
	Groups     []DecisionGroup
	Count      string
	CanPropose bool
}

// FilterLink is one choice of a filter: a link that keeps the others.
type FilterLink struct {
	Label   string
	URL     string
	Current bool
}

// DecisionGroup is the decisions of one status.
type DecisionGroup struct {
	Title     string
	Status    string
	Decisions []DecisionView
}

// decisionList serves GET /w/{ws}/decisions?kind=&status=.
func (s *server) decisionList(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := duet.DecisionFilter{Kind: q.Get("kind"), Status: q.Get("status")}
	ds, err := s.svc.Decisions(r.Context(), actorOf(r), v.d.ID, f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	nav, bell, err := s.frame(r, v, "decisions", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &DecisionLogPage{Base: Base{Title: "Decisions · " + v.d.Name, Nav: nav, Bell: bell}, WS: v.d.ID,
		Kind: f.Kind, Status: f.Status, CanPropose: !v.guest(), Count: plural(len(ds), "decision", "decisions")}
	base := "/w/" + v.d.ID + "/decisions"
	link := func(kind, status string) string {
		vals := url.Values{}
		if kind != "" {
			vals.Set("kind", kind)
		}
		if status != "" {
			vals.Set("status", status)
		}
		if len(vals) == 0 {
			return base
		}
		return base + "?" + vals.Encode()
	}
	p.Kinds = append(p.Kinds, FilterLink{Label: "All kinds", URL: link("", f.Status), Current: f.Kind == ""})
	for _, k := range duet.DecisionKinds {
		p.Kinds = append(p.Kinds, FilterLink{Label: duet.DecisionKindName(k), URL: link(k, f.Status), Current: f.Kind == k})
	}
	p.Statuses = append(p.Statuses, FilterLink{Label: "Any status", URL: link(f.Kind, ""), Current: f.Status == ""})
	for _, st := range duet.DecisionStatuses {
		p.Statuses = append(p.Statuses, FilterLink{Label: decisionStatusLabel(st), URL: link(f.Kind, st), Current: f.Status == st})
	}
	byStatus := map[string][]DecisionView{}
	for _, d := range ds {
		byStatus[d.Status] = append(byStatus[d.Status], v.decision(d))
	}
	for _, st := range duet.DecisionStatuses {
		if len(byStatus[st]) > 0 {
			p.Groups = append(p.Groups, DecisionGroup{Title: decisionStatusLabel(st), Status: st, Decisions: byStatus[st]})
		}
	}
	s.render(w, r, http.StatusOK, "decision_list", p)
}
