package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// LeadReportPage is the shared report: counts only, so both sides read
// the same numbers whatever each may see of the leads themselves.
type LeadReportPage struct {
	Base
	WS       string
	Tabs     LeadTabs
	Total    int
	Routed   int
	Unrouted int
	Sides    []SideReport
	Rules    []RuleReport
	Goals    []ReportGoal
	CSV      string
	RulesURL string
}

// SideReport is one side's leads: their outcome, the SLAs kept and
// missed, and the credit it gets.
type SideReport struct {
	Org           string
	Class         string
	Count         string // "12 leads routed"
	Routed        int
	Accepted      int
	Rejected      int
	Expired       int
	Open          int
	Outcome       []Bar
	AcceptMet     int
	AcceptMissed  int
	AcceptPct     string // "80% on time", or "" with nothing measured
	AcceptBars    []Bar
	ContactMet    int
	ContactMissed int
	ContactPct    string
	ContactBars   []Bar
	Sourced       int
	Influenced    int
	CreditBars    []Bar
}

// RuleReport is how many leads one rule routed to one side.
type RuleReport struct {
	Name  string
	Org   string
	Class string
	Count int
	Pct   int
}

// ReportGoal is one of the brief's goals against its target.
type ReportGoal struct {
	Name     string
	Org      string
	Class    string
	Target   string
	Actual   string
	Percent  int
	Bar      int // the bar's width, at most 100
	Met      bool
	Measured bool
	Computed bool
}

// leadReport serves GET /w/{ws}/leads/report.
func (s *server) leadReport(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ws := v.d.ID
	rep, err := s.svc.LeadReport(r.Context(), actorOf(r), ws)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := v.leadReportPage(rep)
	nav, bell, err := s.frame(r, v, "leads", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Lead report · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, http.StatusOK, "lead_report", p)
}

// leadReportPage lays out the report.
func (v *viewer) leadReportPage(rep duet.LeadReport) *LeadReportPage {
	ws := v.d.ID
	p := &LeadReportPage{WS: ws, Tabs: leadTabs(ws, "report"), Total: rep.Total, Unrouted: rep.Unrouted, Routed: rep.Total - rep.Unrouted,
		CSV: leadsURL(ws) + ".csv", RulesURL: rulesURL(ws)}
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		sl := rep.BySide[side]
		sr := SideReport{Org: v.o.of(side), Class: sideClass(side), Routed: sl.Routed, Accepted: sl.Accepted, Rejected: sl.Rejected,
			Expired: sl.Expired, Open: sl.Open, AcceptMet: sl.AcceptMet, AcceptMissed: sl.AcceptMissed, ContactMet: sl.ContactMet,
			ContactMissed: sl.ContactMissed, Sourced: sl.Sourced, Influenced: sl.Influenced}
		sr.Count = plural(sl.Routed, "lead routed here", "leads routed here")
		sr.Outcome = bars([]int{sl.Accepted, sl.Open, sl.Rejected, sl.Expired}, []string{"ok", "open", "bad", "late"},
			[]string{"accepted", "open", "rejected", "expired"})
		sr.AcceptBars = bars([]int{sl.AcceptMet, sl.AcceptMissed}, []string{"ok", "bad"}, []string{"on time", "late"})
		sr.ContactBars = bars([]int{sl.ContactMet, sl.ContactMissed}, []string{"ok", "bad"}, []string{"on time", "late"})
		sr.CreditBars = bars([]int{sl.Sourced, sl.Influenced}, []string{"sourced", "influenced"}, []string{"sourced", "influenced"})
		if n := sl.AcceptMet + sl.AcceptMissed; n > 0 {
			sr.AcceptPct = strconv.Itoa(percent(sl.AcceptMet, n)) + "% on time"
		}
		if n := sl.ContactMet + sl.ContactMissed; n > 0 {
			sr.ContactPct = strconv.Itoa(percent(sl.ContactMet, n)) + "% on time"
		}
		p.Sides = append(p.Sides, sr)
	}
	most := 0
	for _, rl := range rep.ByRule {
		most = max(most, rl.Count)
	}
	for _, rl := range rep.ByRule {
		p.Rules = append(p.Rules, RuleReport{Name: rl.RuleName, Org: v.o.of(rl.Side), Class: sideClass(rl.Side), Count: rl.Count,
			Pct: max(percent(rl.Count, most), 1)})
	}
	for _, g := range rep.Goals {
		gv := ReportGoal{Name: g.Name, Org: v.o.of(g.Side), Class: sideClass(g.Side), Target: numberWithUnit(g.Target, g.Unit),
			Percent: g.Percent, Bar: min(g.Percent, 100), Met: g.Met, Computed: g.Computed}
		if g.Actual != nil {
			gv.Actual, gv.Measured = numberWithUnit(*g.Actual, g.Unit), true
		}
		p.Goals = append(p.Goals, gv)
	}
	return p
}

// numberWithUnit writes a goal's number: "150 leads", "$40,000".
func numberWithUnit(n float64, unit string) string {
	s := duet.FormatNumber(n)
	switch unit {
	case "":
		return s
	case "$", "€", "£":
		return unit + s
	case "%":
		return s + "%"
	}
	return s + " " + unit
}
