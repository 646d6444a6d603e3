package web

import (
	"context"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// docViews builds the brief's and the RACI's pages from a fixture of
// their own: a brief in two versions, the first signed by both sides and
// the second by the host, with an actual entered; its form refused at a
// goal's target; a RACI signed by the host, its grid refused at a row
// with two Accountables; and a comparison of the brief's versions.
func docViews(t *testing.T) map[string]viewCase {
	t.Helper()
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	saveBrief(t, f, f.HostMember, webinarBrief(), "First draft")
	signDoc(t, f, f.HostMember, duet.DocBrief, 1)
	signDoc(t, f, f.Partner, duet.DocBrief, 1)
	b := webinarBrief()
	b.Goals[0].Target = 700
	saveBrief(t, f, f.Partner, b, "More seats")
	signDoc(t, f, f.Admin, duet.DocBrief, 2)
	n := 640.0
	if err := f.Svc.SetActual(ctx, f.HostMember.Actor, f.WS.ID, "webinar-registrations", &n); err != nil {
		t.Fatal(err)
	}
	v := viewerFor(t, f, f.Partner)
	nav := navOf(v.d, "brief")

	bv := brief(t, f, f.Partner)
	show := v.briefPage(bv)
	show.Base, show.Notice = Base{Title: "Campaign brief", Nav: nav}, "You signed version 2."

	typed := briefFormOf(bv)
	typed.Goals[1].Target = "lots"
	edit := v.briefEditPage(bv, typed, FormError{Field: "goal-1-target", Msg: `The target must be a number, such as 600 or 12.5, not "lots".`}, nil)
	edit.Base = Base{Title: "Edit the campaign brief", Nav: nav}

	diff, err := f.Svc.DiffDoc(ctx, f.Partner.Actor, f.WS.ID, duet.DocBrief, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	cmp := &DocComparePage{Base: Base{Title: "Compare", Nav: nav}, Tabs: DocTabs{WS: v.d.ID, Active: duet.DocBrief}, Doc: "Campaign brief",
		Name: "campaign brief", Back: briefURL(v.d.ID), From: v.docVersion(diff.From), To: v.docVersion(diff.To), Added: diff.Inserted, Removed: diff.Deleted}
	for _, h := range diff.Hunks {
		cmp.Hunks = append(cmp.Hunks, hunkView(h, "v1", "v2"))
	}

	saveRACI(t, f, f.HostMember, designRACI("Design"))
	signDoc(t, f, f.HostMember, duet.DocRACI, 1)
	rv := raci(t, f, f.Partner)
	rnav := navOf(v.d, "raci")
	matrix := v.raciPage(rv)
	matrix.Base = Base{Title: "RACI matrix", Nav: rnav}
	bad := RACIForm{Base: 1, Rows: []duet.RACIRow{{Workstream: "Design", Cells: map[string]string{"designer": "A", "partner-content-lead": "A"}}}}
	grid := v.raciEditPage(rv, bad, FormError{Field: "raci-0", Msg: `"Design" has 2 Accountables (Designer and Partner Content Lead); a workstream needs exactly one.`}, nil)
	grid.Base = Base{Title: "Edit the RACI", Nav: rnav}

	return map[string]viewCase{
		"brief_show": {show, []string{"Campaign brief", "You signed version 2.", `aria-current="page">Campaign brief`, "Webinar registrations",
			"700", "Leads routed", "Waiting for the partner side", "Sign for Partnerco (version 2)", `name="version" value="2"`,
			"Version 1 is the one both sides signed", "<strong>200+</strong>", "Paid social", "60% Hostco · 40% Partnerco",
			"EUR 8,000", "Compare with previous", "More seats", `id="brief-signoff" data-live="doc"`, "Data platform leads"}},
		"brief_edit": {edit, []string{"Edit the campaign brief", `name="base" value="2"`, `id="goal-1-target-error"`, `value="lots"`,
			`aria-describedby="goal-1-target-error"`, `<option value="leads" selected>Leads routed</option>`, `value="webinar-registrations"`,
			`data-add-row="goal-rows"`, `id="budget-3-item"`, "Save version 3", `value="EUR"`}},
		"doc_compare": {cmp, []string{"Compare Version 1 and Version 2", `class="dl dl-del"`, `class="dl dl-ins"`, "700 registrations", "More seats"}},
		"raci_show": {matrix, []string{"RACI matrix", `<span class="rc rc-R">R</span><span class="rc rc-A">A</span>`, "Responsible and Accountable",
			"Partner Content Lead", `scope="colgroup"`, "Waiting for the partner side", "Export CSV", "Sign for Partnerco (version 1)"}},
		"raci_edit": {grid, []string{"Edit the RACI matrix", `id="raci-0-error"`, "2 Accountables", `name="raci-0-partner-content-lead"`,
			`<option value="A" selected>A</option>`, `<option value="RA">R&#43;A</option>`, "Legal Reviewer", "Go to the row", "Draft from tasks"}},
	}
}
