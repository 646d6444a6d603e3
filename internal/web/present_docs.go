package web

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
)

// This file lays out the two signed documents of kickoff, the campaign
// brief and the RACI matrix: what their pages share (the sub-navigation,
// the sign-off panel, the version history) and the forms' numbers.

func briefURL(ws string) string { return "/w/" + ws + "/brief" }
func raciURL(ws string) string  { return "/w/" + ws + "/raci" }

// docURL is the page of a document kind.
func docURL(ws, kind string) string {
	if kind == duet.DocRACI {
		return raciURL(ws)
	}
	return briefURL(ws)
}

// docCompareURL is the page comparing two versions of a document.
func docCompareURL(ws, kind string, from, to int) string {
	return docURL(ws, kind) + "/compare?from=" + strconv.Itoa(from) + "&to=" + strconv.Itoa(to)
}

// DocTabs switches between the brief and the RACI, under the workspace's
// "Brief & RACI" tab.
type DocTabs struct {
	WS     string
	Active string // duet.DocBrief or duet.DocRACI
}

// SignSlot is one side's signature on the version being signed.
type SignSlot struct {
	Org     string
	Class   string // host or partner
	Signer  string // "" until signed
	Version int
	When    string
	ISO     string
	Mine    bool // the viewer's side
}

// SignPanel is the sign-off of a document's latest version: a slot per
// side, where it stands in words and the viewer's button.
type SignPanel struct {
	ID      string // the panel's element id
	Action  string // where the sign form posts
	Version int    // the latest version; 0 before the first save
	Status  string // draft, approved or superseded
	Label   string // the status in words: "Draft", "Approved"
	Words   string // "Signed by both sides", "Waiting for the partner side"
	Done    bool   // both sides signed
	Slots   []SignSlot
	CanSign bool
	Sign    string // the button: "Sign for Hostco (version 2)"
	// Approved is the older version both sides signed, while a newer
	// draft waits: "Version 1 is the one both sides signed".
	Approved string
	// Blocked says why the latest cannot be signed yet (a RACI that no
	// longer validates).
	Blocked string
	Err     string
}

// DocVersionView is one version in a document's history.
type DocVersionView struct {
	Version int
	Label   string // "Version 2"
	Status  string
	State   string // "Draft", "Approved", "Superseded"
	By      string
	Org     string
	Class   string
	When    string
	ISO     string
	Note    string
	Signed  string // "Signed by both sides", "Signed by Hostco", ""
	Compare string // the comparison with the version before
	Latest  bool
}

// DocVersionsView is a document's history, newest first, with a form to
// compare any two versions once there are more than two.
type DocVersionsView struct {
	ID      string
	Items   []DocVersionView
	Compare *CompareForm
}

// docState is a version's status as its pill reads.
func docState(s string) string {
	switch s {
	case duet.DocDraft:
		return "Draft"
	case duet.DocApproved:
		return "Approved"
	case duet.DocSuperseded:
		return "Superseded"
	}
	return statusLabel(s)
}

// signPanel lays out the sign-off of a document's latest version for the
// viewer. Core decides who may sign; the button only spares a refusal.
func (v *viewer) signPanel(dv core.DocView, id string) SignPanel {
	p := SignPanel{ID: id, Action: docURL(v.d.ID, dv.Kind) + "/sign"}
	l := dv.Latest
	if l == nil {
		p.Words = "Nothing to sign yet: nobody has saved a version."
		return p
	}
	p.Version, p.Status, p.Label = l.Version, l.Status, docState(l.Status)
	var waiting []string
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		slot := SignSlot{Org: v.o.of(side), Class: sideClass(side), Mine: side == v.me.Side}
		if so := l.SignedBy(side); so != nil && so.Signer != nil {
			slot.Signer, slot.Version = so.Signer.Name, l.Version
			if so.Signed != nil {
				slot.When, slot.ISO, _ = v.when(*so.Signed)
			}
		} else {
			waiting = append(waiting, string(side))
		}
		p.Slots = append(p.Slots, slot)
	}
	switch {
	case l.FullySigned() || l.Status == duet.DocApproved:
		p.Done, p.Words = true, "Signed by both sides"
	case len(waiting) == 2:
		p.Words = "Waiting for both sides"
	default:
		p.Words = "Waiting for the " + waiting[0] + " side"
	}
	if a := dv.Approved; a != nil && a.Version != l.Version {
		p.Approved = "Version " + strconv.Itoa(a.Version) + " is the one both sides signed; version " + strconv.Itoa(l.Version) + " changes it and needs both signatures again."
	}
	p.CanSign = dv.CanSign
	p.Sign = "Sign for " + v.o.of(v.me.Side) + " (version " + strconv.Itoa(l.Version) + ")"
	return p
}

// docVersions lays out a document's history, newest first.
func (v *viewer) docVersions(dv core.DocView, id string) DocVersionsView {
	out := DocVersionsView{ID: id}
	for i, x := range dv.Versions {
		vv := v.docVersion(x)
		vv.Latest = i == 0
		if i > 0 && x.Status == duet.DocDraft {
			// Never signed by both before a newer one replaced it.
			vv.Status, vv.State = duet.DocSuperseded, "Replaced"
		}
		if i+1 < len(dv.Versions) {
			vv.Compare = docCompareURL(v.d.ID, dv.Kind, dv.Versions[i+1].Version, x.Version)
		}
		out.Items = append(out.Items, vv)
	}
	if n := len(dv.Versions); n > 2 {
		c := &CompareForm{URL: docURL(v.d.ID, dv.Kind) + "/compare"}
		for i, x := range dv.Versions {
			label := "Version " + strconv.Itoa(x.Version)
			c.From = append(c.From, Option{Value: strconv.Itoa(x.Version), Label: label, Selected: i == 1})
			c.To = append(c.To, Option{Value: strconv.Itoa(x.Version), Label: label, Selected: i == 0})
		}
		out.Compare = c
	}
	return out
}

// docVersion lays out one version of a document.
func (v *viewer) docVersion(x duet.DocVersion) DocVersionView {
	vv := DocVersionView{Version: x.Version, Label: "Version " + strconv.Itoa(x.Version), Status: x.Status, State: docState(x.Status),
		By: x.By.Name, Org: v.o.of(x.By.Side), Class: sideClass(x.By.Side), Note: x.Note}
	vv.When, vv.ISO, _ = v.when(x.Created)
	var signed []string
	for _, so := range x.SignOffs {
		if so.Signer != nil {
			signed = append(signed, v.o.of(so.Side))
		}
	}
	switch {
	case x.FullySigned():
		vv.Signed = "Signed by both sides"
	case len(signed) == 1:
		vv.Signed = "Signed by " + signed[0]
	}
	return vv
}

// savedQuery is the query a save redirects with: the version saved, or
// "same" when the body matched the version edited and nothing was saved.
func savedQuery(latest *duet.DocVersion, base int) string {
	if latest.Version == base {
		return "?saved=same"
	}
	return "?saved=" + strconv.Itoa(latest.Version)
}

// docConflict tells an editor that someone saved version latest of a
// document while they edited version base, and moves their form onto
// latest, so that saving again makes theirs the next version. page is
// the document's page; name how it reads in a sentence.
func docConflict(ws, kind, name, page string, base *int, latest *duet.DocVersion) *ConflictView {
	c := &ConflictView{Latest: page,
		Msg: fmt.Sprintf("%s saved version %d of the %s while you were editing version %d. Your changes are kept below: read version %d, then save again to make yours version %d.",
			latest.By.Name, latest.Version, name, *base, latest.Version, latest.Version+1)}
	if *base > 0 {
		c.Compare = docCompareURL(ws, kind, *base, latest.Version)
	}
	*base = latest.Version
	return c
}

// savedNotice confirms a save or a signature on the page it redirects to:
// the query holds the version saved ("same" when nothing changed) or
// signed; sp says whether that signature completed the sign-off.
func savedNotice(q url.Values, name string, sp SignPanel) string {
	if q.Get("saved") == "same" {
		return "Nothing changed, so no new version was saved."
	}
	if n, err := strconv.Atoi(q.Get("saved")); err == nil && n > 0 {
		if n == 1 {
			return "Version 1 of the " + name + " is saved. Both sides can sign it now."
		}
		return "Version " + strconv.Itoa(n) + " of the " + name + " is saved. It starts unsigned: both sides sign it again."
	}
	if n, err := strconv.Atoi(q.Get("signed")); err == nil && n > 0 {
		if sp.Done && sp.Version == n {
			return "You signed version " + strconv.Itoa(n) + ". Both sides have signed it: it is the agreed " + name + "."
		}
		return "You signed version " + strconv.Itoa(n) + "."
	}
	return ""
}

// parseAmount reads a number as people type it: "1,500", "12.5",
// "1 000". Empty is ok=false with no error.
func parseAmount(s string) (float64, bool, error) {
	s = strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, false, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, fmt.Errorf("not a number")
	}
	return f, true, nil
}

// plainNumber writes a number for an input, without separators.
func plainNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// indexedField splits a field core names in a list, "goals[2].target",
// into its list, index and rest: "goals", 2, "target".
func indexedField(field string) (list string, i int, rest string, ok bool) {
	list, after, found := strings.Cut(field, "[")
	if !found {
		return "", 0, "", false
	}
	num, rest, found := strings.Cut(after, "]")
	if !found {
		return "", 0, "", false
	}
	i, err := strconv.Atoi(num)
	if err != nil {
		return "", 0, "", false
	}
	return list, i, strings.TrimPrefix(rest, "."), true
}

// BriefPage is the campaign brief: its goals (compared with their actuals
// after launch), its texts, the budget, the sign-off of its latest version
// and its history.
type BriefPage struct {
	Base
	Tabs    DocTabs
	WS      string
	Notice  string
	Empty   bool // nobody has saved a version yet
	CanEdit bool
	EditURL string
	Version string // "Version 3, saved by Hal Host (Hostco)"
	VerISO  string
	VerWhen string
	Goals   GoalsPanel
	Texts   []BriefSection
	Budget  BudgetView
	Sign    SignPanel
	History DocVersionsView
}

// GoalsPanel is the brief's goals with their targets and, once there is
// something to compare, their actuals.
type GoalsPanel struct {
	Rows []GoalView
	// Results shows the actual, percent and met columns: after launch,
	// or as soon as any actual exists.
	Results bool
	Action  string // where an actual is entered
	// Starting says the goals are the template's, shown before anyone
	// wrote the brief.
	Starting bool
	Err      string // an error about no goal in particular
}

// GoalView is one goal.
type GoalView struct {
	Key      string
	Name     string
	Target   string
	Unit     string
	Org      string
	Class    string
	Measure  string
	Computed bool
	// Actual, Percent and Meter compare the goal with what happened;
	// Actual is "" until it is entered or computed.
	Actual  string
	Percent string
	Meter   int // the percent, 0 to 100, for the bar
	Met     bool
	// CanEnter shows the form for an actual entered by hand; Value is
	// what it holds, and Err the refusal of the last one sent.
	CanEnter bool
	Value    string
	Err      string
}

// BriefSection is one of the brief's Markdown texts.
type BriefSection struct {
	ID    string
	Title string
	HTML  template.HTML // from core; "" when the text is empty
	Empty bool
}

// BudgetView is the budget with what each side pays.
type BudgetView struct {
	Currency   string
	Lines      []BudgetLineView
	Total      string
	Host       string
	Partner    string
	HostOrg    string
	PartnerOrg string
	HostPct    int
	PartnerPct int
	Notes      template.HTML
	HasNotes   bool
}

// BudgetLineView is one line of the budget.
type BudgetLineView struct {
	Item        string
	Amount      string
	Payer       string // "Hostco", "Partnerco", "Shared"
	Split       string // "60% Hostco · 40% Partnerco" for a shared line
	Class       string // host, partner or shared
	HostPart    string
	PartnerPart string
}

// briefPage lays out the brief for the viewer.
func (v *viewer) briefPage(bv core.BriefView) *BriefPage {
	ws := v.d.ID
	p := &BriefPage{Tabs: DocTabs{WS: ws, Active: duet.DocBrief}, WS: ws, Empty: bv.Latest == nil, CanEdit: bv.CanEdit,
		EditURL: briefURL(ws) + "/edit", Sign: v.signPanel(bv.DocView, "brief-signoff"), History: v.docVersions(bv.DocView, "brief-versions")}
	if l := bv.Latest; l != nil {
		p.Version = "Version " + strconv.Itoa(l.Version) + ", saved by " + l.By.Name + " (" + v.o.of(l.By.Side) + ")"
		p.VerWhen, p.VerISO, _ = v.when(l.Created)
	}
	p.Goals = v.goalsPanel(bv)
	b := bv.Brief
	h := bv.HTML
	p.Texts = []BriefSection{
		{ID: "audience", Title: "Audience", HTML: h.Audience, Empty: b.Audience == ""},
		{ID: "scope", Title: "Scope", HTML: h.Scope, Empty: b.Scope == ""},
		{ID: "non-goals", Title: "Non-goals", HTML: h.NonGoals, Empty: b.NonGoals == ""},
		{ID: "messages", Title: "Key messages", HTML: h.Messages, Empty: b.Messages == ""},
		{ID: "timeline", Title: "Timeline", HTML: h.Timeline, Empty: b.Timeline == ""},
		{ID: "contacts", Title: "Partner contacts", HTML: h.Contacts, Empty: b.Contacts == ""},
	}
	p.Budget = v.budgetView(b)
	p.Budget.Notes, p.Budget.HasNotes = h.BudgetNotes, b.BudgetNotes != ""
	return p
}

// goalsPanel lays out the goals with their results.
func (v *viewer) goalsPanel(bv core.BriefView) GoalsPanel {
	g := GoalsPanel{Action: briefURL(v.d.ID) + "/actuals", Starting: bv.Latest == nil}
	launched := !v.d.LaunchOn.IsZero() && !v.calendarToday().Before(v.d.LaunchOn.Time)
	g.Results = launched || len(bv.Actuals) > 0
	for _, r := range bv.Results {
		gv := GoalView{Key: r.Key, Name: r.Name, Target: duet.FormatNumber(r.Target), Unit: r.Unit, Org: v.o.of(r.Side),
			Class: sideClass(r.Side), Measure: duet.MeasureName(r.Measure), Computed: r.Computed}
		if r.Actual != nil {
			gv.Actual, gv.Percent, gv.Met = duet.FormatNumber(*r.Actual), strconv.Itoa(r.Percent)+"%", r.Met
			gv.Meter = max(0, min(100, r.Percent))
			if r.Computed && *r.Actual > 0 {
				g.Results = true
			}
			if !r.Computed {
				gv.Value = plainNumber(*r.Actual)
			}
		}
		gv.CanEnter = !r.Computed && bv.CanEdit && bv.Latest != nil
		g.Rows = append(g.Rows, gv)
	}
	return g
}

// budgetView lays out the budget and its totals.
func (v *viewer) budgetView(b duet.Brief) BudgetView {
	cur := b.Currency
	if cur == "" {
		cur = "USD"
	}
	bv := BudgetView{Currency: cur, HostOrg: v.o.host, PartnerOrg: v.o.partner}
	for _, l := range b.Budget {
		h, p := l.Split()
		lv := BudgetLineView{Item: l.Item, Amount: duet.FormatNumber(l.Amount), HostPart: money(h), PartnerPart: money(p)}
		switch l.PaidBy {
		case duet.PaidByHost:
			lv.Payer, lv.Class = v.o.host, "host"
		case duet.PaidByPartner:
			lv.Payer, lv.Class = v.o.partner, "partner"
		default:
			lv.Payer, lv.Class = "Shared", "shared"
			lv.Split = strconv.Itoa(l.HostShare) + "% " + v.o.host + " · " + strconv.Itoa(100-l.HostShare) + "% " + v.o.partner
		}
		bv.Lines = append(bv.Lines, lv)
	}
	total, host, partner := b.BudgetTotals()
	bv.Total, bv.Host, bv.Partner = money(total), money(host), money(partner)
	if total > 0 {
		bv.HostPct = int(math.Round(host / total * 100))
		bv.PartnerPct = 100 - bv.HostPct
	}
	return bv
}

// money writes an amount rounded to cents, without trailing zeros.
func money(f float64) string { return duet.FormatNumber(math.Round(f*100) / 100) }

// RACIPage is the RACI matrix: a row per workstream, a column per role
// it uses, grouped by side, the validity of the latest version, its
// sign-off and its history.
type RACIPage struct {
	Base
	Tabs    DocTabs
	WS      string
	Notice  string
	Drafted bool // no version saved: a proposal from the task lists
	CanEdit bool
	EditURL string
	CSV     string
	Version string
	VerWhen string
	VerISO  string
	Problem string
	Groups  []RACIGroup
	Rows    []RACIRowView
	Sign    SignPanel
	History DocVersionsView
}

// RACIGroup is the role columns of one side.
type RACIGroup struct {
	Org   string
	Class string
	Cols  []RACICol
}

// RACICol is one role's column.
type RACICol struct {
	Key   string
	Name  string
	Class string // its side
	First bool   // the first column of its side
}

// RACIRowView is one workstream.
type RACIRowView struct {
	Workstream string
	Cells      []RACICell
}

// RACICell is one role's part in a workstream: its letters, each a badge,
// and in words for screen readers.
type RACICell struct {
	Letters []string
	Words   string
	Class   string // the role's side
	First   bool
}

// raciWords says a cell's letters in words.
func raciWords(letters string) string {
	switch letters {
	case "R":
		return "Responsible"
	case "A":
		return "Accountable"
	case "RA":
		return "Responsible and Accountable"
	case "C":
		return "Consulted"
	case "I":
		return "Informed"
	}
	return ""
}

// raciGroups groups role columns by side, host first.
func (v *viewer) raciGroups(roles []duet.Role) []RACIGroup {
	var out []RACIGroup
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		g := RACIGroup{Org: v.o.of(side), Class: sideClass(side)}
		for _, ro := range roles {
			if ro.Side == side {
				// A narrow column may break a name after a slash.
				name := strings.ReplaceAll(ro.Name, "/", "/\u200b")
				g.Cols = append(g.Cols, RACICol{Key: ro.Key, Name: name, Class: g.Class, First: len(g.Cols) == 0})
			}
		}
		if len(g.Cols) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// cols lists the groups' columns in order.
func cols(groups []RACIGroup) []RACICol {
	var out []RACICol
	for _, g := range groups {
		out = append(out, g.Cols...)
	}
	return out
}

// raciPage lays out the matrix for the viewer: the columns are the roles
// the rows use.
func (v *viewer) raciPage(rv core.RACIView) *RACIPage {
	ws := v.d.ID
	p := &RACIPage{Tabs: DocTabs{WS: ws, Active: duet.DocRACI}, WS: ws, Drafted: rv.Drafted || rv.Latest == nil, CanEdit: rv.CanEdit,
		EditURL: raciURL(ws) + "/edit", Sign: v.signPanel(rv.DocView, "raci-signoff"), History: v.docVersions(rv.DocView, "raci-versions")}
	if l := rv.Latest; l != nil {
		p.CSV = raciURL(ws) + ".csv"
		p.Version = "Version " + strconv.Itoa(l.Version) + ", saved by " + l.By.Name + " (" + v.o.of(l.By.Side) + ")"
		p.VerWhen, p.VerISO, _ = v.when(l.Created)
	}
	if rv.Problem != nil {
		p.Problem = sentence("", duet.ErrorMessage(rv.Problem))
		p.Sign.CanSign = false
		if p.Sign.Status == duet.DocDraft {
			p.Sign.Blocked = "It cannot be signed until it is valid: the roles changed since it was saved. Edit it and save a new version."
		}
	}
	p.Groups = v.raciGroups(rv.RACI.RolesUsed(rv.Roles))
	for _, row := range rv.RACI.Rows {
		rw := RACIRowView{Workstream: row.Workstream}
		for _, c := range cols(p.Groups) {
			l := row.Cells[c.Key]
			cell := RACICell{Words: raciWords(l), Class: c.Class, First: c.First}
			for _, x := range l {
				cell.Letters = append(cell.Letters, string(x))
			}
			rw.Cells = append(rw.Cells, cell)
		}
		p.Rows = append(p.Rows, rw)
	}
	return p
}
