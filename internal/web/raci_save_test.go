package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// raciForm is the grid as a browser sends it: each row's name and every
// role's choice, blank rows included.
func raciForm(base int, rows ...map[string]string) url.Values {
	f := url.Values{"base": {strconv.Itoa(base)}}
	rows = append(rows, map[string]string{})
	for i, row := range rows {
		f.Set(rowField("raci", i, "workstream"), row["workstream"])
		for _, k := range []string{"designer", "content-lead", "demand-gen-lead", "partner-content-lead", "partner-marketing-lead"} {
			f.Set(rowField("raci", i, k), row[k])
		}
	}
	return f
}

func TestRACISave(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal := e.as(f.HostMember)
		landing := map[string]string{"workstream": "Landing page", "demand-gen-lead": "A", "content-lead": "R"}

		// Two Accountables in a row: refused, naming the row and both
		// roles; the grid comes back as chosen; nothing is saved.
		design := map[string]string{"workstream": "Design", "designer": "A", "partner-content-lead": "A", "content-lead": "R"}
		r := e.post(ws+"/raci", hal, raciForm(0, landing, design))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		want := `&#34;Design&#34; has 2 Accountables (Designer and Partner Content Lead); a workstream needs exactly one.`
		if msg := fieldError(r.body, "raci-1"); msg != want {
			t.Errorf("row error %q, want %q", msg, want)
		}
		r.wantBody(t, `id="raci-error"`, `href="#raci-1-workstream">Go to the row</a>`, `value="Design"`, `value="Landing page"`,
			`<select id="raci-1-partner-content-lead" name="raci-1-partner-content-lead" class="raci-select" aria-invalid="true" aria-describedby="raci-1-error">`,
			`<select id="raci-1-designer" name="raci-1-designer" class="raci-select" aria-invalid="true" aria-describedby="raci-1-error">`)
		if !strings.Contains(r.body, `name="raci-1-partner-content-lead" class="raci-select" aria-invalid="true" aria-describedby="raci-1-error"><option value="">—</option><option value="R">R</option><option value="A" selected>`) {
			t.Error("the partner content lead's A is not kept")
		}
		if v := raci(t, f, f.Admin); v.Latest != nil {
			t.Fatal("a refused RACI was saved")
		}
		// A letter that is none, and a row with no Responsible.
		odd := map[string]string{"workstream": "Design", "designer": "X"}
		r = e.post(ws+"/raci", hal, raciForm(0, odd))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		r.wantBody(t, `<select id="raci-0-designer" name="raci-0-designer" class="raci-select" aria-invalid="true"`, "&#34;X&#34; is not R, A, RA, C or I.")
		r = e.post(ws+"/raci", hal, raciForm(0, map[string]string{"workstream": "Design", "designer": "A"}))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "raci-0"); !strings.Contains(msg, "has no Responsible") {
			t.Errorf("no responsible: %q", msg)
		}
		r = e.post(ws+"/raci", hal, raciForm(0, map[string]string{"designer": "RA"}))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "raci-0"); msg != "The workstream is required." {
			t.Errorf("no workstream: %q", msg)
		}
		r = e.post(ws+"/raci", hal, raciForm(0))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		r.wantBody(t, `id="raci-error"`, "The matrix needs at least one workstream.")

		// Fixed, it saves; blank rows are skipped.
		design["partner-content-lead"] = "c"
		form := raciForm(0, landing, design)
		form.Set("note", "First version")
		e.post(ws+"/raci", hal, form).wantRedirect(t, ws+"/raci?saved=1")
		v := raci(t, f, f.Partner)
		if v.Latest.Version != 1 || v.Latest.Note != "First version" || len(v.RACI.Rows) != 2 || v.RACI.Rows[1].Cells["partner-content-lead"] != "C" {
			t.Fatalf("saved %+v", v.RACI)
		}
		e.get(ws+"/raci?saved=1", hal).wantBody(t, "Version 1 of the RACI is saved. Both sides can sign it now.")
		e.post(ws+"/raci", hal, raciForm(1, landing, design)).wantRedirect(t, ws+"/raci?saved=same")

		// The partner saves meanwhile: Hal keeps his grid and is told.
		design["partner-marketing-lead"] = "I"
		e.post(ws+"/raci", e.as(f.Partner), raciForm(1, landing, design)).wantRedirect(t, ws+"/raci?saved=2")
		mine := map[string]string{"workstream": "Hal's workstream", "content-lead": "RA"}
		r = e.post(ws+"/raci", hal, raciForm(1, mine))
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, `id="raci-conflict"`, "pia@partner.test saved version 2 of the RACI while you were editing version 1.",
			`value="Hal&#39;s workstream"`, `name="base" value="2"`, "Save version 3")
		e.post(ws+"/raci", hal, raciForm(2, mine)).wantRedirect(t, ws+"/raci?saved=3")

		e.post(ws+"/raci", e.as(f.Guest), raciForm(3, landing)).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/raci", e.as(f.Stranger), raciForm(3, landing)).wantStatus(t, http.StatusNotFound)
		if n := len(raci(t, f, f.Admin).Versions); n != 3 {
			t.Fatalf("%d versions, want 3", n)
		}
	})
}
