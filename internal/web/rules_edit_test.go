package web

import (
	"net/http"
	"testing"
)

func TestRulesEdit(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID

		// The starter: a spare fieldset for a new rule above the
		// fallback, both numbered in the order shown.
		first := e.get(ws+"/rules/edit", e.as(f.Partner))
		first.wantStatus(t, http.StatusOK)
		first.wantBody(t, `<input type="hidden" name="version" value="0">`, `name="rules.0.name"`, "New rule", `name="rules.1.name"`,
			`value="Everything else"`, `<input type="hidden" name="rules.1.key" value="fallback">`, `name="rules.1.position"`,
			`<option value="partner-marketing-manager" selected>`, `name="rules.0.when.0.field"`, `<option value="" selected>Choose a field…</option>`,
			`<template id="rule-template">`, `name="rules.__R__.name"`, "No version is approved yet: leads wait unrouted")

		// The latest version, as saved; the proposal it would withdraw.
		w.approveRules(t, euRules())
		rs := euRules()
		rs.Rules[0].When[0].Values = []string{"DE", "FR", "AT"}
		w.saveRules(t, rs)
		w.propose(t, 2)
		page := e.get(ws+"/rules/edit", e.as(f.HostMember))
		page.wantBody(t, `<input type="hidden" name="version" value="2">`, `value="EU leads"`, `<option value="country" selected>Country</option>`,
			`<option value="in" selected>is one of</option>`, ">DE, FR, AT</textarea>", `<option value="partner-sales-lead" selected>`,
			`name="rules.0.sla.accept_hours" type="text" inputmode="numeric" autocomplete="off" value="4"`,
			"Version 2 is proposed for approval as D-2. Saving a new version withdraws that proposal",
			"Version 1 is approved and keeps routing leads")

		// Guests read the rules but do not edit them; strangers see nothing.
		g := e.get(ws+"/rules/edit", e.as(f.Guest))
		g.wantStatus(t, http.StatusForbidden)
		g.wantBody(t, "Guests can read the lead-share rules but not edit them.")
		e.get(ws+"/rules/edit", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
