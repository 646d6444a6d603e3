package web

import (
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestRACIShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal, pia := e.as(f.HostMember), e.as(f.Partner)

		// Before the first save: the draft from the task lists, offered
		// to edit and save; nothing to sign or export yet.
		r := e.get(ws+"/raci", pia)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "A draft proposed from the task lists", "Edit and save", "Proposed matrix", "Kickoff &amp; Alignment",
			`aria-current="page">RACI matrix</a>`, `href="`+ws+`/brief">Campaign brief</a>`)
		r.wantNoBody(t, `id="raci-signoff"`, "Export CSV")
		e.get(ws+"/raci", e.as(f.Guest)).wantBody(t, "A member of either side saves it; then both sides sign it.")

		// Saved: the roles it uses are its columns, grouped by side, its
		// letters badges with words for screen readers.
		saveRACI(t, f, f.HostMember, designRACI("Design"))
		r = e.get(ws+"/raci", pia)
		r.wantBody(t, "Version 1, saved by hal@host.test (Hostco)", `<th scope="colgroup" colspan="3" class="raci-side raci-side-host">`,
			`<th scope="colgroup" colspan="2" class="raci-side raci-side-partner">`, ">Designer</th>", ">Partner Content Lead</th>",
			`<span class="rc rc-R">R</span><span class="rc rc-A">A</span></span><span class="visually-hidden">Responsible and Accountable</span>`,
			`<span class="visually-hidden">Consulted</span>`, "Waiting for both sides", "Sign for Partnerco (version 1)",
			`href="`+ws+`/raci.csv"`, `href="`+ws+`/raci/edit">Edit the RACI</a>`)
		r.wantNoBody(t, "Project Manager", "A draft proposed", "Legal Reviewer")
		signDoc(t, f, f.HostMember, duet.DocRACI, 1)
		e.get(ws+"/raci", hal).wantNoBody(t, "Sign for Hostco")
		g := e.get(ws+"/raci", e.as(f.Guest))
		g.wantBody(t, "hal@host.test</strong> signed version 1")
		g.wantNoBody(t, "Sign for", "/raci/edit")
		e.get(ws+"/raci", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
