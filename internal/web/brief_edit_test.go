package web

import (
	"net/http"
	"testing"
)

func TestBriefEdit(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal := e.as(f.HostMember)

		// The first version starts from the template's goals, with blank
		// rows to fill, which work without the script that adds more.
		r := e.get(ws+"/brief/edit", hal)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Write the campaign brief", `name="base" value="0"`, "Save version 1", `id="goal-4-name"`,
			`id="budget-1-item"`, `data-add-row="goal-rows" hidden`, `<label class="visually-hidden" for="goal-0-target">`,
			`<option value="host" selected>Hostco</option>`, `<option value="">Entered by hand</option>`,
			`<option value="leads_accepted" selected>Leads accepted</option>`, `value="USD"`)
		if got, _ := inputValue(r.body, "goal-0-name"); got != "Qualified leads" {
			t.Errorf("the first goal is %q, want the template's", got)
		}
		if _, ok := inputValue(r.body, "goal-5-name"); ok {
			t.Error("more than two blank goal rows")
		}

		// Later versions: the form holds the latest, its goals' keys, and
		// two blank rows after them.
		saveBrief(t, f, f.HostMember, webinarBrief(), "")
		r = e.get(ws+"/brief/edit", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Edit the campaign brief", "You are editing version 1. Saving makes version 2", `name="base" value="1"`,
			`name="goal-0-key" value="webinar-registrations"`, `<option value="leads" selected>Leads routed</option>`,
			`<option value="shared" selected>Shared</option>`, "Data platform leads at companies with **200&#43;** employees.</textarea>",
			`value="EUR"`, "Save version 2")
		for id, want := range map[string]string{"goal-0-name": "Webinar registrations", "goal-0-target": "600", "goal-1-target": "150",
			"budget-0-amount": "2000", "budget-1-host_share": "60", "goal-3-name": ""} {
			if got, ok := inputValue(r.body, id); !ok || got != want {
				t.Errorf("%s = %q (%v), want %q", id, got, ok, want)
			}
		}
		if _, ok := inputValue(r.body, "goal-4-name"); ok {
			t.Error("more than two blank goal rows")
		}

		// Guests read the brief but never get its form.
		r = e.get(ws+"/brief/edit", e.as(f.Guest))
		r.wantStatus(t, http.StatusForbidden)
		r.wantBody(t, "Guests can read the brief but not edit it.")
		e.get(ws+"/brief/edit", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
