package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
)

// briefSave serves POST /w/{ws}/brief: the whole brief as a new version,
// edited from the version the form carries. Blank goal and budget rows
// are skipped. On invalid input the form comes back with what was typed
// and the message at its field; when someone saved meanwhile it comes
// back with a link to their version, and saving again makes the typed
// brief the next version.
func (s *server) briefSave(w http.ResponseWriter, r *http.Request) {
	if err := parseFormMax(w, r, maxBriefForm); err != nil {
		s.Error(w, r, err)
		return
	}
	f := briefFormFrom(r.PostForm)
	ws := r.PathValue("ws")
	b, err := f.brief()
	if err == nil {
		var res core.BriefView
		if res, err = s.svc.SaveBrief(r.Context(), actorOf(r), ws, duet.DocSave{Base: f.Base, Note: f.Note}, b); err == nil {
			http.Redirect(w, r, briefURL(ws)+savedQuery(res.Latest, f.Base), http.StatusSeeOther)
			return
		}
	}
	fe, ok := briefError(err)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	cur, cerr := s.svc.Brief(r.Context(), actorOf(r), ws)
	if cerr != nil {
		s.Error(w, r, cerr)
		return
	}
	var c *ConflictView
	if duet.ErrorKind(err) == duet.EConflict && cur.Latest != nil {
		c, fe = docConflict(ws, duet.DocBrief, "brief", briefURL(ws), &f.Base, cur.Latest), FormError{}
	}
	s.showBriefEdit(w, r, v, duet.HTTPStatus(err), v.briefEditPage(cur, f, fe, c))
}

// briefFormFrom reads the form. Each row's inputs are named after the
// row, "goal-2-target", so that a row is read whole even when a browser
// leaves one of its inputs out; rows are read in order, up to
// maxFormRows. Blank rows are dropped here, so the rows kept are
// numbered as core numbers them.
func briefFormFrom(pf url.Values) BriefForm {
	f := BriefForm{Note: strings.TrimSpace(pf.Get("note")), Audience: pf.Get("audience"), Scope: pf.Get("scope"),
		NonGoals: pf.Get("non_goals"), Messages: pf.Get("messages"), Timeline: pf.Get("timeline"), Currency: pf.Get("currency"),
		BudgetNotes: pf.Get("budget_notes"), Contacts: pf.Get("contacts")}
	f.Base, _ = strconv.Atoi(pf.Get("base"))
	for i := range maxFormRows {
		if !pf.Has(rowField("goal", i, "name")) {
			continue
		}
		at := func(field string) string { return pf.Get(rowField("goal", i, field)) }
		g := GoalForm{Key: at("key"), Name: at("name"), Target: at("target"), Unit: at("unit"), Side: at("side"), Measure: at("measure")}
		if strings.TrimSpace(g.Name+g.Target+g.Unit) != "" {
			f.Goals = append(f.Goals, g)
		}
	}
	for i := range maxFormRows {
		if !pf.Has(rowField("budget", i, "item")) {
			continue
		}
		at := func(field string) string { return pf.Get(rowField("budget", i, field)) }
		l := BudgetForm{Item: at("item"), Amount: at("amount"), PaidBy: at("paid_by"), HostShare: at("host_share")}
		if strings.TrimSpace(l.Item+l.Amount) != "" {
			f.Budget = append(f.Budget, l)
		}
	}
	return f
}

// maxBriefForm caps the brief form: seven texts of up to 20,000
// characters each, percent-encoded, with the goals and the budget.
const maxBriefForm = 2 << 20

// maxFormRows is how many rows of a list a form may send; core allows
// fewer.
const maxFormRows = 200

// rowField names an input of a row: "goal-2-target".
func rowField(list string, i int, field string) string {
	return list + "-" + strconv.Itoa(i) + "-" + field
}

// brief turns the form into the brief core validates; a number that is
// not one is refused here, at its field, named as core names fields.
func (f BriefForm) brief() (duet.Brief, error) {
	b := duet.Brief{Audience: f.Audience, Scope: f.Scope, NonGoals: f.NonGoals, Messages: f.Messages, Timeline: f.Timeline,
		Currency: f.Currency, BudgetNotes: f.BudgetNotes, Contacts: f.Contacts}
	for i, g := range f.Goals {
		target, _, err := parseAmount(g.Target)
		if err != nil {
			return b, duet.Invalid(fmt.Sprintf("goals[%d].target", i), "must be a number, such as 600 or 12.5, not %q", g.Target)
		}
		b.Goals = append(b.Goals, duet.KPI{Key: g.Key, Name: g.Name, Target: target, Unit: g.Unit, Side: duet.Side(g.Side), Measure: g.Measure})
	}
	for i, l := range f.Budget {
		amount, _, err := parseAmount(l.Amount)
		if err != nil {
			return b, duet.Invalid(fmt.Sprintf("budget[%d].amount", i), "must be an amount, such as 2500 or 2,500.50, not %q", l.Amount)
		}
		line := duet.BudgetLine{Item: l.Item, Amount: amount, PaidBy: l.PaidBy}
		if l.PaidBy == duet.PaidByShared {
			line.HostShare = 50
			if share := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l.HostShare), "%")); share != "" {
				n, err := strconv.Atoi(share)
				if err != nil {
					return b, duet.Invalid(fmt.Sprintf("budget[%d].host_share", i), "must be a whole percentage from 0 to 100, not %q", l.HostShare)
				}
				line.HostShare = n
			}
		}
		b.Budget = append(b.Budget, line)
	}
	return b, nil
}

// briefLabels name the brief's inputs in messages, by core's field name
// or, in a row, by the row's input.
var briefLabels = map[string]string{
	"audience": "The audience", "scope": "The scope", "non_goals": "The non-goals", "messages": "The key messages",
	"timeline": "The timeline", "currency": "The currency", "budget_notes": "The budget notes", "contacts": "The partner contacts",
	"note": "The note", "goals": "The brief", "budget": "The budget",
	"name": "The goal's name", "target": "The target", "unit": "The unit", "side": "The owner", "measure": "The measure",
	"item": "The item", "amount": "The amount", "paid_by": "Who pays", "host_share": "The host's share",
}

// briefFields are the form's inputs outside its rows, as core names them.
var briefFields = map[string]bool{"audience": true, "scope": true, "non_goals": true, "messages": true, "timeline": true,
	"currency": true, "budget_notes": true, "contacts": true, "note": true}

// briefError decides whether err is for the form: invalid input, a
// conflict or a brief too large. Its field becomes the form's input:
// "goals[2].target" is the input of goal row 2, "goal-2-target".
func briefError(err error) (FormError, bool) {
	switch duet.ErrorKind(err) {
	case duet.EInvalid, duet.EConflict, duet.ETooLarge:
	default:
		return FormError{}, false
	}
	field, msg := duet.ErrorField(err), duet.ErrorMessage(err)
	label := briefLabels[field]
	if !briefFields[field] {
		field = "" // shown above the form, unless it is about a row
	}
	if list, i, rest, ok := indexedField(duet.ErrorField(err)); ok {
		label = briefLabels[rest]
		switch list {
		case "goals":
			field = "goal-" + strconv.Itoa(i) + "-" + rest
		case "budget":
			field = "budget-" + strconv.Itoa(i) + "-" + rest
		}
	}
	return FormError{Field: field, Msg: sentence(label, msg)}, true
}

// sentence makes core's message about a field a sentence: core words them
// to follow the field's label ("is required", "needs at least one").
func sentence(label, msg string) string {
	if label != "" && (strings.HasPrefix(msg, "is ") || strings.HasPrefix(msg, "must ") || strings.HasPrefix(msg, "needs ") || strings.HasPrefix(msg, "has ")) {
		msg = label + " " + msg
	}
	if msg != "" && !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return capitalize(msg)
}
