package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"duet/internal/core"
	"duet/internal/duet"
)

// This file turns the lead-share rules and the leads into what their
// views show.

func rulesURL(ws string) string      { return "/w/" + ws + "/rules" }
func leadsURL(ws string) string      { return "/w/" + ws + "/leads" }
func leadURL(ws, id string) string   { return leadsURL(ws) + "/" + id }
func leadImportURL(ws string) string { return leadsURL(ws) + "/import" }
func leadReportURL(ws string) string { return leadsURL(ws) + "/report" }

// leadRef is how a lead is named on a page: L-12.
func leadRef(n int) string { return "L-" + strconv.Itoa(n) }

// LeadTabs is the sub-navigation of the leads pages: the inbox, the
// rules, an import and the report.
type LeadTabs struct {
	WS      string
	Current string // inbox, rules, import or report
}

// leadTabs is the sub-navigation with current marked.
func leadTabs(ws, current string) LeadTabs { return LeadTabs{WS: ws, Current: current} }

// leadStatusLabels name the lead statuses.
var leadStatusLabels = map[string]string{
	duet.LeadUnrouted:   "Waiting for rules",
	duet.LeadAssigned:   "Assigned",
	duet.LeadReassigned: "Reassigned",
	duet.LeadAccepted:   "Accepted",
	duet.LeadRejected:   "Rejected",
	duet.LeadExpired:    "Expired",
}

func leadStatusLabel(s string) string {
	if l, ok := leadStatusLabels[s]; ok {
		return l
	}
	return statusLabel(s)
}

// leadStatusOptions are the inbox's status filter.
func leadStatusOptions(chosen string) []Option {
	out := []Option{{Value: "", Label: "Any status", Selected: chosen == ""}}
	for _, s := range duet.LeadStatuses {
		out = append(out, Option{Value: s, Label: leadStatusLabel(s), Selected: s == chosen})
	}
	return out
}

// sourceLabel says how a lead arrived.
func sourceLabel(s string) string {
	switch s {
	case duet.SourceAPI:
		return "the API"
	case duet.SourceCSV:
		return "a CSV import"
	case duet.SourceWebhook:
		return "the webhook"
	}
	return s
}

// deadline writes a deadline or a time of a lead in the workspace's zone,
// with its zone: "Tue 17 Nov, 10:00 CET"; the year when it is not this
// one.
func (v *viewer) deadline(t time.Time) (words, iso string) {
	if t.IsZero() {
		return "—", ""
	}
	lt, now := t.In(v.loc()), v.now.In(v.loc())
	layout := "Mon 2 Jan, 15:04 MST"
	if lt.Year() != now.Year() {
		layout = "Mon 2 Jan 2006, 15:04 MST"
	}
	return lt.Format(layout), lt.Format(time.RFC3339)
}

// short writes a time in a table, in the workspace's zone: "17 Nov,
// 15:00"; the year when it is not this one.
func (v *viewer) short(t time.Time) (words, iso string) {
	lt, now := t.In(v.loc()), v.now.In(v.loc())
	layout := "2 Jan, 15:04"
	if lt.Year() != now.Year() {
		layout = "2 Jan 2006, 15:04"
	}
	return lt.Format(layout), lt.Format(time.RFC3339)
}

// hoursText writes an accept deadline: "4 business hours".
func hoursText(h int) string { return plural(h, "business hour", "business hours") }

// daysText writes a contact deadline: "2 business days", "the same
// business day".
func daysText(d int) string {
	if d == 0 {
		return "the same business day"
	}
	return plural(d, "business day", "business days")
}

// attributionText says which side gets credit, by organization.
func (v *viewer) attributionText(a duet.Attribution) string {
	kind := capitalize(a.Kind)
	if a.Kind == "" {
		kind = "Credited"
	}
	s := kind + " by " + v.o.of(a.Side)
	if a.Split != 100 {
		other := duet.SidePartner
		if a.Side == duet.SidePartner {
			other = duet.SideHost
		}
		s += fmt.Sprintf(" (%d%%; %d%% to %s)", a.Split, 100-a.Split, v.o.of(other))
	}
	return s
}

// routeWords says who within the side takes a rule's leads.
func routeWords(r duet.Route, names func(string) string) string {
	switch r.To {
	case duet.ToMember:
		return names(r.Member)
	case duet.ToRole:
		return "Whoever holds " + names(r.Role)
	case duet.ToPool:
		ps := make([]string, len(r.Pool))
		for i, p := range r.Pool {
			ps[i] = names(p.Member)
			if p.Weight != 1 {
				ps[i] += fmt.Sprintf(" ×%d", p.Weight)
			}
		}
		return "Round robin: " + strings.Join(ps, ", ")
	}
	return "The side's inbox"
}

// RuleRow is one rule of the rules table, in words.
type RuleRow struct {
	N         int
	Name      string
	When      []string // each condition; empty for the fallback
	Route     string
	Org       string
	SideClass string
	Accept    string
	Contact   string
	Credit    string
	Escalate  string
	Fallback  bool
}

// ruleRows lays out a rule set as the rules table shows it.
func (v *viewer) ruleRows(rs duet.RuleSet, names func(string) string) []RuleRow {
	out := make([]RuleRow, len(rs.Rules))
	for i, r := range rs.Rules {
		row := RuleRow{N: i + 1, Name: r.Name, Route: routeWords(r.Route, names), Org: v.o.of(r.Route.Side), SideClass: sideClass(r.Route.Side),
			Accept: "within " + hoursText(r.SLA.AcceptHours), Contact: "within " + daysText(r.SLA.ContactDays),
			Credit: v.attributionText(r.Attribution), Fallback: i == len(rs.Rules)-1 && len(r.When) == 0}
		if r.SLA.ContactDays == 0 {
			row.Contact = "the same business day"
		}
		for _, c := range r.When {
			row.When = append(row.When, c.Text())
		}
		switch {
		case r.Escalate != "" && r.Reroute:
			row.Escalate = names(r.Escalate) + " is told, and the lead is re-routed by the fallback"
		case r.Escalate != "":
			row.Escalate = names(r.Escalate) + " is told"
		case r.Reroute:
			row.Escalate = "Re-routed by the fallback"
		}
		out[i] = row
	}
	return out
}

// RulesTable is one version of the rules as a table.
type RulesTable struct {
	ID      string
	Caption string
	Note    string
	Rows    []RuleRow
}

// RulesVersionView is one version of the rules in the status banner and
// the versions list.
type RulesVersionView struct {
	N           int
	Label       string // "Version 3"
	Status      string
	StatusLabel string
	By          string
	When        string
	ISO         string
	Note        string
	// Ref links the decision that approves (or approved) it; Decision
	// is that decision with its sign-offs, for a proposed version.
	Ref      *DecisionRefView
	RefState string // the decision's status in words, lower case
	Decision *DecisionView
}

// docStatusLabels name the statuses of a rules version.
var docStatusLabels = map[string]string{
	duet.DocDraft:      "Draft",
	duet.DocProposed:   "Proposed",
	duet.DocApproved:   "Approved",
	duet.DocSuperseded: "Superseded",
}

func (v *viewer) rulesVersion(dv duet.DocVersion) RulesVersionView {
	rv := RulesVersionView{N: dv.Version, Label: "Version " + strconv.Itoa(dv.Version), Status: dv.Status, StatusLabel: docStatusLabels[dv.Status],
		By: dv.By.Name, Note: dv.Note, Ref: v.ref(dv.Decision)}
	if dv.Status == duet.DocApproved {
		rv.StatusLabel = "Approved · routes leads"
	}
	if rv.Ref != nil {
		rv.RefState = strings.ToLower(rv.Ref.StatusLabel)
	}
	rv.When, rv.ISO, _ = v.when(dv.Created)
	return rv
}

// RulesStatus is the banner of the rules page: which version routes now
// and whether a newer one waits.
type RulesStatus struct {
	Live       *RulesVersionView
	Pending    *RulesVersionView // the latest version, when newer than Live
	Starter    bool              // nothing saved yet
	CanPropose bool
	CanEdit    bool
}

// RulesCompare is the form that compares two versions.
type RulesCompare struct {
	Action string
	From   []Option
	To     []Option
}

// rulesCompareForm offers every version, the one before the latest
// against the latest chosen.
func rulesCompareForm(ws string, vs []duet.DocVersion) RulesCompare {
	c := RulesCompare{Action: rulesURL(ws) + "/compare"}
	for i, x := range vs {
		label := "Version " + strconv.Itoa(x.Version) + " (" + strings.ToLower(docStatusLabels[x.Status]) + ")"
		c.From = append(c.From, Option{Value: strconv.Itoa(x.Version), Label: label, Selected: i == 1})
		c.To = append(c.To, Option{Value: strconv.Itoa(x.Version), Label: label, Selected: i == 0})
	}
	return c
}

// LeadTestForm is the "test a lead" form as typed.
type LeadTestForm struct {
	Email, Name, Company, Country, Region, Industry string
	Employees, FormID, UTMSource, Campaign, Owner   string
	Consent                                         bool
}

// leadTestFields are the inputs of the test form, named as core names
// them.
var leadTestFields = []string{"email", "name", "company", "country", "region", "industry", "employees", "form_id", "utm_source", "campaign", "owner"}

// leadTestFormOf reads the test form.
func leadTestFormOf(v url.Values) LeadTestForm {
	return LeadTestForm{Email: v.Get("email"), Name: v.Get("name"), Company: v.Get("company"), Country: v.Get("country"), Region: v.Get("region"),
		Industry: v.Get("industry"), Employees: v.Get("employees"), FormID: v.Get("form_id"), UTMSource: v.Get("utm_source"),
		Campaign: v.Get("campaign"), Owner: v.Get("owner"), Consent: v.Get("consent") != ""}
}

// lead turns the form into a lead to test; a count that is not one is
// refused at its field.
func (f LeadTestForm) lead() (duet.LeadIn, error) {
	in := duet.LeadIn{Email: f.Email, Name: f.Name, Company: f.Company, Country: f.Country, Region: f.Region, Industry: f.Industry,
		FormID: f.FormID, UTMSource: f.UTMSource, Campaign: f.Campaign, Owner: f.Owner, Consent: f.Consent}
	n, err := duet.ParseEmployees(f.Employees)
	in.Employees = n
	return in, err
}

// RulesTestView is the "test a lead" box: the form, and the result of
// the last test.
type RulesTestView struct {
	Action string
	Form   LeadTestForm
	Err    FormError
	Result *ExplainView
}

// ExplainView is where a sample lead would go, under the draft and the
// approved rules side by side.
type ExplainView struct {
	Email    string
	Facts    []string // what the rules read of it, beyond the form
	Tries    []RouteTryView
	Waiting  bool // no version is approved: nothing routes yet
	Same     bool // both versions send it to the same rule and owner
	TwoSides bool
}

// RouteTryView is one version's verdict on the sample lead.
type RouteTryView struct {
	Title       string
	Class       string // draft or live
	Rule        string
	Reason      string
	Checks      []CheckView
	Org         string
	SideClass   string
	Owner       string
	AcceptBy    string
	AcceptISO   string
	ContactBy   string
	ContactISO  string
	Credit      string
	ConsentKept bool
	key         string
}

// CheckView is what one rule made of the sample lead.
type CheckView struct {
	N       int
	Name    string
	Matched bool
	Why     string
}

// explainView lays out an explanation.
func (v *viewer) explainView(ex core.Explanation) *ExplainView {
	out := &ExplainView{Email: ex.Lead.Email, Waiting: ex.Approved == nil}
	f := ex.Facts
	if f.Domain != "" {
		out.Facts = append(out.Facts, "email domain "+f.Domain)
	}
	switch {
	case f.HostCustomer && f.PartnerCustomer:
		out.Facts = append(out.Facts, "an existing customer of both sides")
	case f.HostCustomer:
		out.Facts = append(out.Facts, "an existing customer of "+v.o.host)
	case f.PartnerCustomer:
		out.Facts = append(out.Facts, "an existing customer of "+v.o.partner)
	default:
		out.Facts = append(out.Facts, "not on either side's customer list")
	}
	if f.Consent {
		out.Facts = append(out.Facts, "consents to be shared with the other side")
	} else {
		out.Facts = append(out.Facts, "no consent to be shared: it stays with "+v.o.of(f.Origin)+" unless a rule keeps it there")
	}
	if ex.Draft != nil {
		t := v.routeTry(*ex.Draft, "draft")
		t.Title = "Latest draft"
		if ex.Draft.Version > 0 {
			t.Title = "Version " + strconv.Itoa(ex.Draft.Version) + " · not approved yet"
		}
		out.Tries = append(out.Tries, t)
	}
	if ex.Approved != nil {
		t := v.routeTry(*ex.Approved, "live")
		t.Title = "Version " + strconv.Itoa(ex.Approved.Version) + " · approved, routes now"
		out.Tries = append(out.Tries, t)
	}
	out.TwoSides = len(out.Tries) == 2
	out.Same = out.TwoSides && out.Tries[0].key == out.Tries[1].key
	return out
}

func (v *viewer) routeTry(t core.RouteTry, class string) RouteTryView {
	o := t.Outcome
	tv := RouteTryView{Class: class, Reason: o.Reason, Org: v.o.of(o.Route.Side), SideClass: sideClass(o.Route.Side), Owner: t.Owner,
		Credit: v.attributionText(o.Rule.Attribution), ConsentKept: o.ConsentKept}
	if o.Index >= 0 {
		tv.Rule = "Rule " + strconv.Itoa(o.Index+1) + " · " + o.Rule.Name
	}
	tv.AcceptBy, tv.AcceptISO = v.deadline(t.AcceptBy)
	tv.ContactBy, tv.ContactISO = v.deadline(t.ContactBy)
	for _, c := range o.Checks {
		tv.Checks = append(tv.Checks, CheckView{N: c.Index + 1, Name: c.Name, Matched: c.Matched && c.Index == o.Index, Why: capitalize(c.Why) + "."})
	}
	tv.key = o.Rule.Key + "\x00" + t.Owner + "\x00" + string(o.Route.Side)
	return tv
}

// AccountsPanel is the customer lists: counts for both sides, and the
// upload form for the viewer's.
type AccountsPanel struct {
	Action    string
	Sides     []AccountSide
	CanUpload bool
	Org       string // the viewer's organization
	Domains   string // pasted, kept after an error
	Err       FormError
	Limit     UploadLimit
}

// AccountSide is one side's customer list, by count only.
type AccountSide struct {
	Org   string
	Class string
	Count string
	When  string
	By    string // for the viewer's own side
	Mine  bool
	Empty bool
}

// accountsPanel lays out the customer lists.
func (v *viewer) accountsPanel(rv core.RulesView) AccountsPanel {
	p := AccountsPanel{Action: rulesURL(v.d.ID) + "/accounts", CanUpload: !v.guest(), Org: v.o.of(v.me.Side), Limit: csvLimit()}
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		as := AccountSide{Org: v.o.of(side), Class: sideClass(side), Mine: side == v.me.Side}
		l, ok := rv.Accounts[side]
		if ok {
			as.Count = plural(l.Domains, "customer domain", "customer domains")
			as.When, _, _ = v.when(l.Uploaded)
			if as.Mine {
				as.By = l.UploadedBy
			}
		} else {
			as.Empty, as.Count = true, "No list uploaded"
		}
		p.Sides = append(p.Sides, as)
	}
	return p
}

// WebhookPanel is the viewer's side's signed lead webhook.
type WebhookPanel struct {
	Action    string
	Org       string
	Set       bool
	By        string
	When      string
	CanManage bool
	URL       string
	// Secret is shown once, right after it was made.
	Secret string
	Err    FormError
}

// webhookPanel lays out the webhook panel; url is the endpoint's address.
func (v *viewer) webhookPanel(rv core.RulesView, url string) WebhookPanel {
	p := WebhookPanel{Action: rulesURL(v.d.ID) + "/webhook", Org: v.o.of(v.me.Side), CanManage: v.me.Permission == duet.PermAdmin, URL: url}
	if h := rv.Webhook; h != nil {
		p.Set, p.By = true, h.CreatedBy
		p.When, _, _ = v.when(h.Created)
	}
	return p
}

// webhookPath is the endpoint a side's systems send leads to.
func webhookPath(ws string, side duet.Side) string {
	return "/api/v1/hooks/leads/" + ws + "/" + string(side)
}

// LeadRow is one lead of the inbox.
type LeadRow struct {
	Ref         string
	URL         string
	Name        string
	Email       string
	Company     string
	Status      string
	StatusLabel string
	Owner       string
	Org         string
	SideClass   string
	Rule        string
	AcceptBy    string
	AcceptISO   string
	Late        bool
	Created     string
	CreatedISO  string
}

// leadRow lays out a lead for the inbox.
func (v *viewer) leadRow(l duet.Lead) LeadRow {
	row := LeadRow{Ref: leadRef(l.Number), URL: leadURL(v.d.ID, l.ID), Name: l.Name, Email: l.Email, Company: l.Company, Status: l.Status,
		StatusLabel: leadStatusLabel(l.Status), Owner: "—", Rule: "—", AcceptBy: "—"}
	row.Created, row.CreatedISO = v.short(l.Created)
	if r := l.Route; r != nil {
		row.Org, row.SideClass, row.Rule = v.o.of(r.Side), sideClass(r.Side), r.RuleName
		row.Owner = v.o.of(r.Side) + " inbox"
		if r.Owner != nil {
			row.Owner = r.Owner.Name
		}
		if l.Open() || l.Status == duet.LeadExpired {
			row.AcceptBy, row.AcceptISO = v.short(r.AcceptBy)
			row.Late = l.Open() && v.now.After(r.AcceptBy)
		} else if l.AcceptedAt != nil {
			row.AcceptBy = "Accepted"
		}
	}
	return row
}

// Fact is one labelled value of a lead.
type Fact struct {
	Label string
	Value string
}

// RouteView is one routing record of a lead, written once.
type RouteView struct {
	Title       string // "Routed by rule 2 · EU leads, version 3"
	Reason      string
	Org         string
	SideClass   string
	Owner       string
	Role        string
	AcceptBy    string
	AcceptISO   string
	ContactBy   string
	ContactISO  string
	Credit      string
	ConsentKept bool
	Escalate    string
	When        string
	WhenISO     string
	Current     bool
}

// routeView lays out one routing record.
func (v *viewer) routeView(r duet.LeadRoute, names func(string) string) RouteView {
	rv := RouteView{Title: fmt.Sprintf("Rule “%s”, rules version %d", r.RuleName, r.RulesVersion), Reason: r.Reason,
		Org: v.o.of(r.Side), SideClass: sideClass(r.Side), Owner: v.o.of(r.Side) + "'s inbox: nobody is named yet",
		Credit: v.attributionText(r.Attribution), ConsentKept: r.ConsentKept}
	if r.Owner != nil {
		rv.Owner = r.Owner.Name
	}
	if r.RoleKey != "" {
		rv.Role = names(r.RoleKey)
	}
	rv.AcceptBy, rv.AcceptISO = v.deadline(r.AcceptBy)
	rv.ContactBy, rv.ContactISO = v.deadline(r.ContactBy)
	rv.When, rv.WhenISO = v.deadline(r.Created)
	switch {
	case r.Escalate != "" && r.Reroute:
		rv.Escalate = "If not accepted in time, " + names(r.Escalate) + " is told and the lead is re-routed by the fallback rule."
	case r.Escalate != "":
		rv.Escalate = "If not accepted in time, " + names(r.Escalate) + " is told."
	case r.Reroute:
		rv.Escalate = "If not accepted in time, the lead is re-routed by the fallback rule."
	}
	return rv
}

// names turns member ids and role keys into names, as rule texts need.
func (v *viewer) names() func(string) string {
	names := map[string]string{}
	for _, r := range v.d.Roles {
		names[r.Key] = r.Name
	}
	for _, m := range v.d.Members {
		names[m.ID] = m.Name
	}
	return func(k string) string {
		if n, ok := names[k]; ok {
			return n
		}
		return "(former member)"
	}
}

// LeadEventView is one entry of a lead's history.
type LeadEventView struct {
	Who         string
	Status      string
	StatusLabel string
	Note        string
	When        string
	ISO         string
}

// leadEventView lays out a history entry.
func (v *viewer) leadEventView(e duet.LeadEvent) LeadEventView {
	ev := LeadEventView{Who: "Duet", Status: e.Status, StatusLabel: leadStatusLabel(e.Status), Note: e.Note}
	if e.Status == duet.LeadUnrouted {
		// The note says whether it then waited for rules.
		ev.StatusLabel = "Arrived"
	}
	if e.Actor != nil {
		ev.Who = e.Actor.Name
	}
	ev.When, ev.ISO = v.deadline(e.At)
	return ev
}

// Bar is one segment of a horizontal bar, in percent of its width.
type Bar struct {
	X, W  int
	Class string
	Label string
}

// bars splits a bar of 100 units among counts, each at least visible
// when it is not zero.
func bars(counts []int, classes, labels []string) []Bar {
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return nil
	}
	var out []Bar
	x := 0
	for i, n := range counts {
		if n == 0 {
			continue
		}
		w := n * 100 / total
		if w == 0 {
			w = 1
		}
		if x+w > 100 {
			w = 100 - x
		}
		out = append(out, Bar{X: x, W: w, Class: classes[i], Label: labels[i]})
		x += w
	}
	// Rounding down leaves a sliver: give it to the last segment.
	if len(out) > 0 && x < 100 {
		out[len(out)-1].W += 100 - x
	}
	return out
}

// percent is n of total, rounded down; 0 of nothing.
func percent(n, total int) int {
	if total <= 0 {
		return 0
	}
	return n * 100 / total
}
