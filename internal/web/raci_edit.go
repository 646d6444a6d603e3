package web

import (
	"net/http"
	"strconv"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
)

// RACIEditPage is the editable grid: a row per workstream with its name
// and a choice per role (every role of both sides, grouped by side), a
// few blank rows to add more, the version it was edited from and a note.
type RACIEditPage struct {
	Base
	Tabs     DocTabs
	WS       string
	Action   string
	Back     string
	DraftURL string
	First    bool // no version saved yet
	Drafted  bool // the grid holds a draft from the task lists
	Edited   int  // the version it was edited from
	Next     int
	Note     string
	Groups   []RACIGroup
	Span     int // the grid's columns: the workstream and every role
	Rows     []RACIEditRow
	Err      FormError
	// Goto links the alert above the grid to the input the error is
	// about.
	Goto     string
	Conflict *ConflictView
}

// RACIEditRow is one workstream of the grid.
type RACIEditRow struct {
	N          int
	Num        int
	Workstream string
	Cells      []RACIEditCell
	Err        string
	// Bad is what the error is about: "workstream", a role key, or ""
	// for the row as a whole.
	Bad string
}

// ID is the id and name of one of the row's inputs: "raci-2-workstream",
// "raci-2-designer".
func (r RACIEditRow) ID(field string) string { return rowField("raci", r.N, field) }

// RACIEditCell is one role's choice in a row.
type RACIEditCell struct {
	ID      string // also its name: "raci-2-designer"
	Role    string
	Class   string
	First   bool
	Options []Option
	Bad     bool
}

// RACIForm is the grid as sent: workstreams and their cells by role key.
type RACIForm struct {
	Base int
	Note string
	Rows []duet.RACIRow
}

// raciEdit serves GET /w/{ws}/raci/edit, ?draft=1 to fill the grid from
// the task lists instead of the latest version. Before the first save the
// grid always starts from the draft.
func (s *server) raciEdit(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	rv, err := s.svc.RACI(r.Context(), actorOf(r), v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !rv.CanEdit {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can read the RACI but not edit it."))
		return
	}
	f := RACIForm{Rows: rv.RACI.Rows}
	if rv.Latest != nil {
		f.Base = rv.Latest.Version
	}
	drafted := rv.Drafted
	if r.URL.Query().Get("draft") == "1" {
		d, err := s.svc.DraftRACI(r.Context(), actorOf(r), v.d.ID)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		f.Rows, drafted = d.Rows, true
	}
	p := v.raciEditPage(rv, f, FormError{}, nil)
	p.Drafted = drafted
	s.showRACIEdit(w, r, v, http.StatusOK, p)
}

// raciEditPage lays out the grid with what was typed, blank rows after
// it, and the error in its row.
func (v *viewer) raciEditPage(rv core.RACIView, f RACIForm, fe FormError, c *ConflictView) *RACIEditPage {
	ws := v.d.ID
	p := &RACIEditPage{Tabs: DocTabs{WS: ws, Active: duet.DocRACI}, WS: ws, Action: raciURL(ws), Back: raciURL(ws),
		DraftURL: raciURL(ws) + "/edit?draft=1", First: rv.Latest == nil, Edited: f.Base, Next: f.Base + 1, Note: f.Note,
		Groups: v.raciGroups(rv.Roles), Err: fe, Conflict: c}
	if fe.Field == "note" {
		p.Goto = "note"
	}
	p.Span = len(cols(p.Groups)) + 1
	rows := append(append([]duet.RACIRow(nil), f.Rows...), make([]duet.RACIRow, blankRows)...)
	for i, row := range rows {
		er := RACIEditRow{N: i, Num: i + 1, Workstream: row.Workstream}
		if n, bad, ok := raciRowError(fe.Field); ok && n == i {
			er.Err, er.Bad = fe.Msg, bad
			p.Goto = er.ID("workstream")
			if bad != "" && bad != "workstream" {
				p.Goto = er.ID(bad)
			}
		}
		// A row refused as a whole for its Accountables marks them.
		accountables := 0
		for _, l := range row.Cells {
			if strings.Contains(strings.ToUpper(l), "A") {
				accountables++
			}
		}
		for _, col := range cols(p.Groups) {
			cur := row.Cells[col.Key]
			bad := er.Bad == col.Key || (er.Err != "" && er.Bad == "" && accountables > 1 && strings.Contains(strings.ToUpper(cur), "A"))
			cell := RACIEditCell{ID: er.ID(col.Key), Role: col.Name, Class: col.Class, First: col.First, Bad: bad}
			for _, l := range duet.RACILetters {
				label := l
				switch l {
				case "":
					label = "—"
				case "RA":
					label = "R+A"
				}
				cell.Options = append(cell.Options, Option{Value: l, Label: label, Selected: cur == l})
			}
			er.Cells = append(er.Cells, cell)
		}
		p.Rows = append(p.Rows, er)
	}
	return p
}

// raciRowError reads the form's field of a row error, "raci-2" or
// "raci-2-designer", as the row and what in it is wrong.
func raciRowError(field string) (n int, bad string, ok bool) {
	const prefix = "raci-"
	if len(field) <= len(prefix) || field[:len(prefix)] != prefix {
		return 0, "", false
	}
	rest := field[len(prefix):]
	num, bad := rest, ""
	for i, c := range rest {
		if c == '-' {
			num, bad = rest[:i], rest[i+1:]
			break
		}
	}
	n, err := strconv.Atoi(num)
	return n, bad, err == nil
}

// showRACIEdit renders the grid.
func (s *server) showRACIEdit(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *RACIEditPage) {
	nav, bell, err := s.frame(r, v, "raci", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Edit the RACI matrix · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "raci_edit", p)
}
