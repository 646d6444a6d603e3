package api_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLeadsGolden pins the JSON shapes of the brief, the RACI, the
// lead-share rules with a sample lead tried, the leads (one, a batch, a
// lead's page, the list, the report, an import and its preview), the
// webhook and five refusals; run with -update after an intended change.
func TestLeadsGolden(t *testing.T) {
	lt := newLeadTeam(t, "sqlite")
	f := lt.f
	host, partner, admin := lt.as(tokenOf(t, f, f.HostMember.Email)), lt.as(tokenOf(t, f, f.Partner.Email)), lt.as(tokenOf(t, f, f.Admin.Email))
	dana, sam := lt.as(tokenOf(t, f, lt.DemandGen.Email)), lt.as(tokenOf(t, f, lt.Sales.Email))
	w := "/api/v1/workspaces/" + f.WS.ID
	step := func() { f.Clock.Advance(time.Minute) }

	// The brief: saved by the host, edited by the partner, signed by
	// both; an actual entered.
	_, briefSaved := host.do("PUT", w+"/brief", briefBody(0, "Data teams at mid-size companies."))
	step()
	partner.do("PUT", w+"/brief", briefBody(1, "Data teams at mid-size companies in Europe."))
	step()
	host.do("POST", w+"/brief/sign", map[string]int{"version": 2})
	step()
	partner.do("POST", w+"/brief/sign", map[string]int{"version": 2})
	step()
	host.do("PUT", w+"/brief/actuals/registrations", map[string]any{"value": 420})
	step()
	_, brief := partner.do("GET", w+"/brief", nil)
	_, briefVersions := partner.do("GET", w+"/brief/versions", nil)
	_, briefVersion := partner.do("GET", w+"/brief/versions/1", nil)
	_, briefDiff := partner.do("GET", w+"/brief/diff?from=1&to=2", nil)

	// The RACI: drafted, then saved and signed by the partner.
	_, raciDraft := partner.do("POST", w+"/raci/draft", nil)
	host.do("PUT", w+"/raci", raciBody(0, "Landing page"))
	step()
	partner.do("POST", w+"/raci/sign", map[string]int{"version": 1})
	step()
	_, raci := partner.do("GET", w+"/raci", nil)

	// The rules: saved, tried, proposed and approved; a customer list.
	rs := teamRules(t, f, lt.Sales, lt.Sales2)
	wrong := teamRules(t, f, lt.Sales, lt.Sales2)
	wrong.Rules[2].When[0].Field = "budget"
	_, badRules := dana.do("PUT", w+"/rules", map[string]any{"base": 0, "rules": wrong.Rules})
	dana.do("PUT", w+"/rules", map[string]any{"base": 0, "note": "First cut.", "rules": rs.Rules})
	step()
	_, decision := dana.do("POST", w+"/rules/propose", map[string]int{"version": 1})
	step()
	for _, c := range []client{dana, sam} {
		c.do("POST", w+"/decisions/"+decision["id"].(string)+"/signoffs", map[string]int{"version": 1})
		step()
	}
	_, accounts := partner.do("PUT", w+"/rules/accounts", csvBody("domain\nacme.example\n"))
	step()
	_, rules := partner.do("GET", w+"/rules", nil)
	_, explain := host.do("POST", w+"/rules/explain", map[string]any{"email": "ana@eu.example", "country": "NL", "consent": true})

	// Leads.
	_, created := host.do("POST", w+"/leads", map[string]any{"email": "Bo@Big.example", "name": "Bo Berg", "company": "Big", "employees": 5000,
		"form_id": "webinar", "external_id": "crm-1"})
	step()
	_, duplicate := host.do("POST", w+"/leads", map[string]any{"email": "bo@big.example"})
	_, hidden := partner.do("POST", w+"/leads", map[string]any{"email": "bo@big.example"})
	_, invalid := host.do("POST", w+"/leads", map[string]any{"email": "bo at big"})
	_, batch := host.do("POST", w+"/leads", map[string]any{"leads": []map[string]any{
		{"email": "di@eu.example", "country": "DE", "consent": true}, {"email": "nope"}, {"email": "bo@big.example"}, {"email": "cy@acme.example", "consent": true}}})
	step()
	di := list(batch, "results")[0]["lead"].(map[string]any)
	sam.do("POST", di["url"].(string)+"/accept", map[string]int{"version": 2})
	step()
	_, lead := sam.do("GET", di["url"].(string), nil)
	_, leads := partner.do("GET", w+"/leads", nil)
	file := csvBody("email,country,employees,consent\ngi@eu.example,FR,201-500,yes\nbo@big.example,US,,\nbad,US,,\n")
	_, preview := partner.do("POST", w+"/leads/import?dry_run=1", file)
	_, imported := partner.do("POST", w+"/leads/import", file)
	step()
	_, report := partner.do("GET", w+"/leads/report", nil)

	// The webhook: its secret, a delivery and its replay, a bad
	// signature.
	_, hook := admin.do("POST", w+"/rules/webhook", nil)
	secret := hook["secret"].(string)
	hook["secret"] = "<secret>"
	body := []byte(`{"leads":[{"email":"hook@eu.example","country":"NL","consent":true,"form_id":"webinar"}]}`)
	_, delivered := signed(t, lt.url+hook["url"].(string), secret, f.Clock.Now().Unix(), body)
	_, replayed := signed(t, lt.url+hook["url"].(string), secret, f.Clock.Now().Unix(), body)
	_, badSignature := signed(t, lt.url+hook["url"].(string), "whsec_wrong", f.Clock.Now().Unix(), body)

	out, _ := json.MarshalIndent(map[string]any{"brief_saved": briefSaved, "brief": brief, "brief_versions": briefVersions, "brief_version": briefVersion,
		"brief_diff": briefDiff, "raci_draft": raciDraft, "raci": raci, "rules": rules, "rules_explain": explain, "rules_proposed": decision,
		"accounts": accounts, "lead_created": created, "lead_duplicate": duplicate, "leads_batch": batch, "lead": lead, "leads": leads,
		"import_preview": preview, "import": imported, "report": report, "webhook": hook, "webhook_delivery": delivered, "webhook_replay": replayed,
		"error_rules": badRules, "error_lead": invalid, "error_hidden_duplicate": hidden, "error_webhook_signature": badSignature}, "", "  ")
	out = append(anyID.ReplaceAll(out, []byte(`<id>`)), '\n')
	path := filepath.Join("testdata", "leads.golden.json")
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("brief, RACI, rules and lead JSON differs from %s; run go test ./internal/api -run Golden -update and review the diff", path)
	}
}
