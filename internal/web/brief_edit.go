package web

import (
	"net/http"
	"strconv"

	"duet/internal/core"
	"duet/internal/duet"
)

// BriefEditPage is the form for the whole brief: its texts, a row per
// goal and per budget line with a few blank rows to add more (a script
// adds further rows; without it, blank rows are skipped on save), the
// version it was edited from and a note on what changed.
type BriefEditPage struct {
	Base
	Tabs   DocTabs
	WS     string
	Action string
	Back   string
	First  bool // no version saved yet
	Next   int  // the version saving makes
	Form   BriefForm
	Goals  []GoalRow
	Budget []BudgetRow
	// Texts are the Markdown texts before the budget; Notes and Contacts
	// come after it.
	Texts    []TextInput
	Notes    TextInput
	Contacts TextInput
	Err      FormError
	// Conflict, after someone else saved meanwhile, links to what they
	// saved; the form keeps what was typed.
	Conflict *ConflictView
}

// ConflictView tells that another version was saved while the viewer
// edited, and where to read it.
type ConflictView struct {
	Msg     string
	Latest  string // the brief's page
	Compare string // what changed since the version edited
}

// BriefForm is the brief as the form sends it, every value as typed.
type BriefForm struct {
	Base        int
	Note        string
	Goals       []GoalForm
	Budget      []BudgetForm
	Audience    string
	Scope       string
	NonGoals    string
	Messages    string
	Timeline    string
	Currency    string
	BudgetNotes string
	Contacts    string
}

// GoalForm is one goal row as typed. Key is kept from the goal it was
// loaded from, so that a renamed goal keeps its entered actual.
type GoalForm struct {
	Key     string
	Name    string
	Target  string
	Unit    string
	Side    string
	Measure string
}

// BudgetForm is one budget row as typed.
type BudgetForm struct {
	Item      string
	Amount    string
	PaidBy    string
	HostShare string
}

// GoalRow is a goal row of the form with its choices and its error.
type GoalRow struct {
	N   int // from 0, as core numbers the goals
	Num int // from 1, as people count them
	GoalForm
	Hint     bool // the first blank row shows examples
	Sides    []Option
	Measures []Option
	Err      FormError // Field: name, target, unit, side or measure
}

// ID is the id and name of one of the row's inputs: "goal-2-target".
func (g GoalRow) ID(field string) string { return rowField("goal", g.N, field) }

// BudgetRow is a budget row of the form with its choices and its error.
type BudgetRow struct {
	N   int
	Num int
	BudgetForm
	Hint   bool
	Payers []Option
	Err    FormError // Field: item, amount, paid_by or host_share
}

// ID is the id and name of one of the row's inputs: "budget-0-amount".
func (b BudgetRow) ID(field string) string { return rowField("budget", b.N, field) }

// TextInput is one of the brief's Markdown texts in the form.
type TextInput struct {
	ID    string // core's field name, also the input's name and id
	Label string
	Hint  string
	Rows  int
	Value string
	Err   string
}

// blankRows is how many empty goal and budget rows the form offers.
const blankRows = 2

// briefEdit serves GET /w/{ws}/brief/edit: the form filled with the latest
// version, or with the template's starting goals before the first one.
func (s *server) briefEdit(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	bv, err := s.svc.Brief(r.Context(), actorOf(r), v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !bv.CanEdit {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can read the brief but not edit it."))
		return
	}
	s.showBriefEdit(w, r, v, http.StatusOK, v.briefEditPage(bv, briefFormOf(bv), FormError{}, nil))
}

// briefFormOf fills the form with the brief as it is.
func briefFormOf(bv core.BriefView) BriefForm {
	b := bv.Brief
	f := BriefForm{Audience: b.Audience, Scope: b.Scope, NonGoals: b.NonGoals, Messages: b.Messages, Timeline: b.Timeline,
		Currency: b.Currency, BudgetNotes: b.BudgetNotes, Contacts: b.Contacts}
	if bv.Latest != nil {
		f.Base = bv.Latest.Version
	}
	for _, g := range b.Goals {
		f.Goals = append(f.Goals, GoalForm{Key: g.Key, Name: g.Name, Target: plainNumber(g.Target), Unit: g.Unit, Side: string(g.Side), Measure: g.Measure})
	}
	for _, l := range b.Budget {
		bf := BudgetForm{Item: l.Item, Amount: plainNumber(l.Amount), PaidBy: l.PaidBy}
		if l.PaidBy == duet.PaidByShared {
			bf.HostShare = strconv.Itoa(l.HostShare)
		}
		f.Budget = append(f.Budget, bf)
	}
	return f
}

// briefEditPage lays out the form with what was typed, blank rows after
// it, and the error at its field.
func (v *viewer) briefEditPage(bv core.BriefView, f BriefForm, fe FormError, c *ConflictView) *BriefEditPage {
	ws := v.d.ID
	p := &BriefEditPage{Tabs: DocTabs{WS: ws, Active: duet.DocBrief}, WS: ws, Action: briefURL(ws), Back: briefURL(ws),
		First: bv.Latest == nil, Next: f.Base + 1, Form: f, Err: fe, Conflict: c}
	text := func(id, label, hint string, rows int, value string) TextInput {
		return TextInput{ID: id, Label: label, Hint: hint, Rows: rows, Value: value, Err: fe.For(id)}
	}
	p.Texts = []TextInput{
		text("audience", "Audience", "Who the campaign is for: roles, company size, regions.", 3, f.Audience),
		text("scope", "Scope", "What the campaign includes: assets, channels, events.", 4, f.Scope),
		text("non_goals", "Non-goals", "What it deliberately leaves out, so nobody expects it.", 3, f.NonGoals),
		text("messages", "Key messages", "The few things every asset says, in both sides' words.", 4, f.Messages),
		text("timeline", "Timeline", "Milestones and dates, one per line: \"- 2 Dec: landing page live\".", 5, f.Timeline),
	}
	p.Notes = text("budget_notes", "Budget notes", "Anything the lines above do not say: invoicing, caps, who approves spend.", 2, f.BudgetNotes)
	p.Contacts = text("contacts", "Partner contacts", "Who to reach on each side, and for what.", 3, f.Contacts)
	goals := append(append([]GoalForm(nil), f.Goals...), make([]GoalForm, blankRows)...)
	for i, g := range goals {
		if g.Side == "" {
			g.Side = string(v.me.Side)
		}
		row := GoalRow{N: i, Num: i + 1, GoalForm: g, Hint: i == len(f.Goals), Err: rowError(fe, "goal", i)}
		for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
			row.Sides = append(row.Sides, Option{Value: string(side), Label: v.o.of(side), Selected: g.Side == string(side)})
		}
		for _, m := range duet.KPIMeasures {
			row.Measures = append(row.Measures, Option{Value: m, Label: duet.MeasureName(m), Selected: g.Measure == m})
		}
		p.Goals = append(p.Goals, row)
	}
	lines := append(append([]BudgetForm(nil), f.Budget...), make([]BudgetForm, blankRows)...)
	for i, l := range lines {
		if l.PaidBy == "" {
			l.PaidBy = string(v.me.Side)
		}
		row := BudgetRow{N: i, Num: i + 1, BudgetForm: l, Hint: i == len(f.Budget), Err: rowError(fe, "budget", i)}
		for _, o := range []Option{{Value: duet.PaidByHost, Label: v.o.host}, {Value: duet.PaidByPartner, Label: v.o.partner},
			{Value: duet.PaidByShared, Label: "Shared"}} {
			o.Selected = l.PaidBy == o.Value
			row.Payers = append(row.Payers, o)
		}
		p.Budget = append(p.Budget, row)
	}
	return p
}

// rowError is the part of an error about one row of a list: its Field is
// then the row's input ("target").
func rowError(fe FormError, prefix string, n int) FormError {
	row := prefix + "-" + strconv.Itoa(n) + "-"
	if len(fe.Field) > len(row) && fe.Field[:len(row)] == row {
		return FormError{Field: fe.Field[len(row):], Msg: fe.Msg}
	}
	return FormError{}
}

// showBriefEdit renders the form.
func (s *server) showBriefEdit(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *BriefEditPage) {
	nav, bell, err := s.frame(r, v, "brief", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Edit the campaign brief · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "brief_edit", p)
}
