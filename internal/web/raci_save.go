package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
)

// raciSave serves POST /w/{ws}/raci: the grid as a new version of the
// matrix, edited from the version the form carries. Blank rows are
// skipped. Core refuses a matrix that does not validate, naming the row;
// the grid then comes back as typed with the message in that row. When
// someone saved meanwhile it comes back with a link to their version, and
// saving again makes the typed grid the next version.
func (s *server) raciSave(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ws := v.d.ID
	f := raciFormFrom(r.PostForm, v.d.Roles)
	var res core.RACIView
	res, err = s.svc.SaveRACI(r.Context(), actorOf(r), ws, duet.DocSave{Base: f.Base, Note: f.Note}, duet.RACI{Rows: cloneRows(f.Rows)})
	if err == nil {
		http.Redirect(w, r, raciURL(ws)+savedQuery(res.Latest, f.Base), http.StatusSeeOther)
		return
	}
	fe, ok := raciError(err)
	if !ok {
		s.Error(w, r, err)
		return
	}
	cur, cerr := s.svc.RACI(r.Context(), actorOf(r), ws)
	if cerr != nil {
		s.Error(w, r, cerr)
		return
	}
	var c *ConflictView
	if duet.ErrorKind(err) == duet.EConflict && cur.Latest != nil {
		c, fe = docConflict(ws, duet.DocRACI, "RACI", raciURL(ws), &f.Base, cur.Latest), FormError{}
	}
	s.showRACIEdit(w, r, v, duet.HTTPStatus(err), v.raciEditPage(cur, f, fe, c))
}

// raciFormFrom reads the grid. Each row's inputs are named after the row:
// "raci-2-workstream" and "raci-2-<role key>" for each role. Only the
// workspace's roles are read; rows are read in order, up to maxFormRows,
// and rows with no name and no letter are dropped, so the rows kept are
// numbered as core numbers them.
func raciFormFrom(pf url.Values, roles []duet.Role) RACIForm {
	f := RACIForm{Note: strings.TrimSpace(pf.Get("note"))}
	f.Base, _ = strconv.Atoi(pf.Get("base"))
	for i := range maxFormRows {
		if !pf.Has(rowField("raci", i, "workstream")) {
			continue
		}
		name := pf.Get(rowField("raci", i, "workstream"))
		row := duet.RACIRow{Workstream: name, Cells: map[string]string{}}
		for _, ro := range roles {
			if v := pf.Get(rowField("raci", i, ro.Key)); strings.TrimSpace(v) != "" {
				row.Cells[ro.Key] = v
			}
		}
		if strings.TrimSpace(name) != "" || len(row.Cells) > 0 {
			f.Rows = append(f.Rows, row)
		}
	}
	return f
}

// cloneRows copies rows for core, which tidies them in place: the form
// keeps what was typed.
func cloneRows(rows []duet.RACIRow) []duet.RACIRow {
	out := make([]duet.RACIRow, len(rows))
	for i, r := range rows {
		out[i] = duet.RACIRow{Workstream: r.Workstream, Cells: map[string]string{}}
		for k, v := range r.Cells {
			out[i].Cells[k] = v
		}
	}
	return out
}

// raciError decides whether err is for the grid: invalid input or a
// conflict. A row's field, "rows[2]", "rows[2].workstream" or
// "rows[2].cells.designer", becomes "raci-2", "raci-2-workstream" or
// "raci-2-designer".
func raciError(err error) (FormError, bool) {
	switch duet.ErrorKind(err) {
	case duet.EInvalid, duet.EConflict, duet.ETooLarge:
	default:
		return FormError{}, false
	}
	field, msg := duet.ErrorField(err), duet.ErrorMessage(err)
	label := map[string]string{"note": "The note", "rows": "The matrix"}[field]
	if field != "note" {
		field = "" // shown above the grid, unless it is about a row
	}
	if list, i, rest, ok := indexedField(duet.ErrorField(err)); ok && list == "rows" {
		field = "raci-" + strconv.Itoa(i)
		switch {
		case rest == "workstream":
			field, label = field+"-workstream", "The workstream"
		case strings.HasPrefix(rest, "cells."):
			field = field + "-" + strings.TrimPrefix(rest, "cells.")
		}
	}
	return FormError{Field: field, Msg: sentence(label, msg)}, true
}
