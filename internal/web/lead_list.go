package web

import (
	"net/http"
	"net/url"
	"strings"

	"duet/internal/duet"
)

// LeadsPage is the lead inbox: the leads the viewer's side may see (it
// captured them, or they are routed to it), by view and filter.
type LeadsPage struct {
	Base
	WS       string
	Tabs     LeadTabs
	Notice   string
	Views    []LeadViewTab
	Filter   LeadFilterView
	Rows     []LeadRow
	Count    string
	More     bool // the list stops at the limit
	CSV      string
	Away     AwayView
	Empty    string // why the list is empty, in words
	Waiting  bool   // no rules are approved: leads wait
	Rules    string
	Import   string
	Report   string
	CanAdd   bool
	Filtered bool
}

// LeadViewTab is one view of the inbox: mine, my side's, all I see.
type LeadViewTab struct {
	Label   string
	URL     string
	Current bool
}

// LeadFilterView is the inbox's filter form; it works as a plain GET.
type LeadFilterView struct {
	Action   string
	View     string
	Status   string
	Query    string
	Statuses []Option
	Err      FormError
}

// AwayView is the "I'm away" switch: routing skips members who are away.
type AwayView struct {
	Action string
	Away   bool
}

// leadListLimit is how many leads the inbox lists; the CSV has them all.
const leadListLimit = 200

// leadFilter reads the inbox's view (all, mine or side) and the filter it
// means.
func (v *viewer) leadFilter(q url.Values) (string, duet.LeadFilter) {
	f := duet.LeadFilter{Status: q.Get("status"), Query: strings.TrimSpace(q.Get("q")), Limit: leadListLimit}
	view := q.Get("view")
	switch view {
	case "mine":
		f.Owner = v.me.ID
	case "side":
		f.Side = v.me.Side
	default:
		view = "all"
	}
	return view, f
}

// leadQuery writes the inbox's query for a view and filter.
func leadQuery(view string, f duet.LeadFilter) string {
	q := url.Values{}
	if view != "all" {
		q.Set("view", view)
	}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// leadList serves GET /w/{ws}/leads?view=mine|side&status=&q=.
func (s *server) leadList(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ws, a := v.d.ID, actorOf(r)
	q := r.URL.Query()
	view, f := v.leadFilter(q)
	p := &LeadsPage{WS: ws, Tabs: leadTabs(ws, "inbox"), Rules: rulesURL(ws), Import: leadImportURL(ws), Report: leadReportURL(ws),
		CSV: leadsURL(ws) + ".csv" + leadQuery(view, f), Away: AwayView{Action: leadsURL(ws) + "/away", Away: v.me.Away},
		CanAdd: !v.guest(), Filtered: f.Status != "" || f.Query != "", Notice: awayNotice(q.Get("away"))}
	p.Filter = LeadFilterView{Action: leadsURL(ws), View: view, Status: f.Status, Query: f.Query, Statuses: leadStatusOptions(f.Status)}
	for _, t := range []struct{ key, label string }{{"all", "All I can see"}, {"mine", "Mine"}, {"side", "Routed to " + v.o.of(v.me.Side)}} {
		p.Views = append(p.Views, LeadViewTab{Label: t.label, URL: leadsURL(ws) + leadQuery(t.key, f), Current: t.key == view})
	}
	status := http.StatusOK
	leads, err := s.svc.Leads(r.Context(), a, ws, f)
	if err != nil {
		fe, ok := formError(err, "status", "q")
		if !ok {
			s.Error(w, r, err)
			return
		}
		p.Filter.Err, status = fe, duet.HTTPStatus(err)
	}
	for _, l := range leads {
		p.Rows = append(p.Rows, v.leadRow(l))
	}
	p.More = len(leads) >= leadListLimit
	p.Count = plural(len(leads), "lead", "leads")
	if p.More {
		p.Count = "The newest " + p.Count
	}
	rv, err := s.svc.Rules(r.Context(), a, ws)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Waiting = rv.Approved == nil
	if len(p.Rows) == 0 {
		switch {
		case p.Filtered:
			p.Empty = "No lead matches this filter."
		case view == "mine":
			p.Empty = "No lead is yours yet. Leads routed to you by name, by a role you hold or by round robin show up here."
		case p.Waiting:
			p.Empty = "Leads wait until both sides approve the lead-share rules. Then every lead that arrived meanwhile is routed at once."
		default:
			p.Empty = "No leads yet. They arrive through the API, the signed webhook or a CSV import, and are routed by the approved rules."
		}
	}
	nav, bell, err := s.frame(r, v, "leads", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Leads · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "lead_list", p)
}

// awayNotice confirms the away switch on the inbox it redirects to.
func awayNotice(q string) string {
	switch q {
	case "on":
		return "You are marked away: routing skips you, and leads that would be yours go to the next person or your side's inbox."
	case "off":
		return "Welcome back: routing includes you again."
	}
	return ""
}
