package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestRACIEdit(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal := e.as(f.HostMember)

		// Before the first save the grid holds the draft, every role of
		// both sides a column.
		r := e.get(ws+"/raci/edit", hal)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Save the RACI matrix", `name="base" value="0"`, "Save version 1", `id="raci-drafted"`,
			`value="Kickoff &amp; Alignment"`, ">Engineering Lead</th>", ">Partner Legal Reviewer</th>",
			`<label class="visually-hidden" for="raci-0-designer">Designer, workstream <span data-row-n>1</span></label>`,
			`<option value="RA">R&#43;A</option>`, `data-add-row="raci-rows" hidden`, `href="`+ws+`/raci/edit?draft=1">Draft from tasks</a>`)
		if n := strings.Count(r.body, `<th scope="col" class="raci-role`); n != len(f.WS.Roles) {
			t.Errorf("%d role columns, want all %d", n, len(f.WS.Roles))
		}

		// After it: the latest version, and the draft only when asked.
		saveRACI(t, f, f.HostMember, designRACI("Design"))
		r = e.get(ws+"/raci/edit", e.as(f.Partner))
		r.wantBody(t, "Edit the RACI matrix", `name="base" value="1"`, "Save version 2", `value="Design"`, `id="raci-3-workstream"`)
		r.wantNoBody(t, `id="raci-drafted"`, `id="raci-4-workstream"`, `value="Kickoff &amp; Alignment"`)
		if !strings.Contains(r.body, `<select id="raci-0-designer" name="raci-0-designer" class="raci-select"><option value="">—</option><option value="R">R</option><option value="A">A</option><option value="RA" selected>`) {
			t.Error("the designer's R+A is not selected")
		}
		r = e.get(ws+"/raci/edit?draft=1", hal)
		r.wantBody(t, `id="raci-drafted"`, `value="Kickoff &amp; Alignment"`, `name="base" value="1"`)

		r = e.get(ws+"/raci/edit", e.as(f.Guest))
		r.wantStatus(t, http.StatusForbidden)
		r.wantBody(t, "Guests can read the RACI but not edit it.")
		e.get(ws+"/raci/edit?draft=1", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
