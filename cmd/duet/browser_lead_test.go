package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// ruleID returns the id of a fieldset of the rule editor: the one the
// CSS selector picks among the rules in order.
func (p *person) ruleID(which string) string {
	p.t.Helper()
	id := p.js("find the rule", `(document.querySelector(`+jsString("#rule-list > .rl-item"+which+" fieldset[data-rule]")+`) || {}).id || ""`)
	if id == "" {
		p.t.Fatalf("%s: no rule %s in the editor", p.name, which)
	}
	return "#" + id
}

// shotNow saves a full-page screenshot of the page as it is, at a width.
func (p *person) shotNow(file string, width int64) {
	p.t.Helper()
	p.do("resize", chromedp.EmulateViewport(width, 900))
	png := get(p.t, p.ctx, "screenshot "+file, chromedp.FullScreenshot(100))
	p.do("reset viewport", chromedp.EmulateViewport(1280, 800))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// TestBrowserLeadRules: Dev (the host's Demand Generation Lead) adds a
// rule to the lead-share rules in the editor, moves it to the top and
// saves; a condition on the fallback is refused with what was typed
// kept; he tests sample leads against the draft; he proposes it, and the
// two signers of lead-share rules, Dev and Priya (the partner's Sales
// Lead), sign the decision: the version routes. The demo's own rules, if
// any, stay below.
func TestBrowserLeadRules(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	dev := signIn(t, root, base, "dev@lumen.example", pw["dev@lumen.example"])
	priya := signIn(t, root, base, "priya@brightwave.example", pw["priya@brightwave.example"])
	wsPath := dev.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)

	// From the workspace's tabs to the rules, and into the editor.
	dev.do("open the rules",
		chromedp.Navigate(base+wsPath),
		chromedp.Click(chromedp.CSS(`.tabs a[href="`+wsPath+`/leads"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.ld-tabs a[href="`+wsPath+`/rules"]`)),
		chromedp.Click(chromedp.CSS(`.ld-tabs a[href="`+wsPath+`/rules"]`)),
		chromedp.WaitVisible(chromedp.CSS("#rules-status")),
		chromedp.Click(chromedp.CSS(`a[href="`+wsPath+`/rules/edit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#rule-editor.js [data-add-rule]")),
	)

	// A rule for EU leads to the partner's Sales Lead, added above the
	// fallback, then moved to the top with its buttons.
	dev.do("add a rule", chromedp.Click(chromedp.CSS("[data-add-rule]")))
	r := dev.ruleID(":nth-last-child(2)")
	dev.do("fill in the rule",
		chromedp.SendKeys(chromedp.CSS(r+"-name"), "EU partner leads"),
		chromedp.SetValue(chromedp.CSS(r+"-c0-field"), "country"),
		chromedp.SetValue(chromedp.CSS(r+"-c0-op"), "in"),
		chromedp.SendKeys(chromedp.CSS(r+"-c0-values"), "DE, FR"),
		chromedp.SetValue(chromedp.CSS(r+"-route-side"), "partner"),
		chromedp.SetValue(chromedp.CSS(r+"-route-to"), "role"),
		chromedp.SetValue(chromedp.CSS(r+"-route-role"), "partner-sales-lead"),
		chromedp.SetValue(chromedp.CSS(r+"-sla-accept-hours"), "4"),
		chromedp.SetValue(chromedp.CSS(r+"-sla-contact-days"), "2"),
		chromedp.SetValue(chromedp.CSS(r+"-attribution-kind"), "sourced"),
		chromedp.SetValue(chromedp.CSS(r+"-attribution-side"), "partner"),
		chromedp.SetValue(chromedp.CSS(r+"-attribution-split"), "100"),
	)
	for i := 0; i < 20; i++ {
		up := r + ` [data-move="up"]`
		if get(t, dev.ctx, "is it first", chromedp.Evaluate[bool](`document.querySelector(`+jsString(up)+`).disabled`)) {
			break
		}
		dev.do("move it up", chromedp.Click(chromedp.CSS(up)))
	}
	if first := dev.ruleID(":first-child"); first != r {
		t.Fatalf("the new rule is not first: %s, not %s", first, r)
	}
	if *screenshots != "" {
		dev.shotNow(filepath.Join(*screenshots, "lead-rules-edit.png"), 1280)
		dev.shotNow(filepath.Join(*screenshots, "lead-rules-edit-phone.png"), 390)
	}
	dev.do("save", chromedp.SendKeys(chromedp.CSS("#rules-note"), "EU leads go to the partner"), submit("#rule-editor"),
		chromedp.WaitVisible(chromedp.Search(`//div[contains(@class, "alert-ok") and contains(., "Saved as version")]`)))
	saved := regexp.MustCompile(`saved=(\d+)`).FindStringSubmatch(get(t, dev.ctx, "location", chromedp.Location()))
	if saved == nil {
		t.Fatalf("after saving the browser is at %s", get(t, dev.ctx, "location", chromedp.Location()))
	}
	version := saved[1]
	if page := bodyText(t, dev.ctx); !strings.Contains(page, "Version "+version+" is a draft.") || !strings.Contains(page, "country is one of DE, FR") {
		t.Errorf("the rules page after saving reads:\n%.1500s", page)
	}

	// A condition on the last rule, the fallback: refused at its
	// conditions, with what was typed kept; nothing saved.
	dev.do("open the editor", chromedp.Click(chromedp.CSS(`a[href="`+wsPath+`/rules/edit"]`)), chromedp.WaitVisible(chromedp.CSS("#rule-editor.js")))
	fb := dev.ruleID(":last-child")
	dev.do("a condition on the fallback",
		chromedp.Click(chromedp.CSS(fb+" [data-add-cond]")),
		chromedp.WaitVisible(chromedp.CSS(fb+"-c0-field")),
		chromedp.SetValue(chromedp.CSS(fb+"-c0-field"), "company"),
		chromedp.SetValue(chromedp.CSS(fb+"-c0-op"), "equals"),
		chromedp.SendKeys(chromedp.CSS(fb+"-c0-values"), "Initech"),
		submit("#rule-editor"),
		chromedp.WaitVisible(chromedp.CSS(".rl-when-group .field-error")),
	)
	if msg := get(t, dev.ctx, "read the error", chromedp.Text(chromedp.CSS(".rl-when-group .field-error"))); !strings.Contains(msg, "The last rule must be the fallback") {
		t.Errorf("the error reads %q", msg)
	}
	if kept := dev.js("read the values", `[...document.querySelectorAll("#rule-editor textarea")].some(t => t.value.includes("Initech")) ? "kept" : ""`); kept != "kept" {
		t.Error("the condition typed was not kept")
	}
	dev.do("back to the rules", chromedp.Navigate(base+wsPath+"/rules"), chromedp.WaitVisible(chromedp.CSS("#rules-test")))
	if page := bodyText(t, dev.ctx); !strings.Contains(page, "Version "+version+" is a draft.") {
		t.Errorf("a refused save changed the rules:\n%.800s", page)
	}

	// Test a lead: a French one hits the new rule; an American one goes
	// on, and the box says why the EU rule did not take it.
	dev.do("test a French lead",
		chromedp.SendKeys(chromedp.CSS("#t-email"), "ana@acme.example"),
		chromedp.SendKeys(chromedp.CSS("#t-country"), "FR"),
		chromedp.SendKeys(chromedp.CSS("#t-employees"), "1200"),
		submit(".rl-test-form"),
		chromedp.WaitVisible(chromedp.CSS("#test-result .rl-try-draft")),
	)
	draft := get(t, dev.ctx, "read the draft's verdict", chromedp.Text(chromedp.CSS("#test-result .rl-try-draft")))
	if !strings.Contains(draft, "Rule 1 · EU partner leads") || !strings.Contains(draft, "Priya Natarajan") || !strings.Contains(draft, "Sourced by Brightwave") {
		t.Errorf("the draft's verdict on a French lead:\n%s", draft)
	}
	dev.do("test an American lead",
		chromedp.SetValue(chromedp.CSS("#t-country"), "US"),
		submit(".rl-test-form"),
		chromedp.WaitVisible(chromedp.Search(`//div[@id="test-result"]//*[contains(., "Country “US” is not one of DE, FR.")]`)),
	)
	draft = get(t, dev.ctx, "read the draft's verdict", chromedp.Text(chromedp.CSS("#test-result .rl-try-draft")))
	if strings.Contains(draft, "Rule 1 · EU partner leads") || !strings.Contains(draft, "1. EU partner leads") {
		t.Errorf("the draft's verdict on an American lead:\n%s", draft)
	}
	if *screenshots != "" {
		test := base + wsPath + "/rules/test?email=ana%40acme.example&country=FR&employees=1200&consent=1"
		dev.snapFull(test, filepath.Join(*screenshots, "lead-rules-test.png"), 1280, "#test-result")
		dev.snapFull(test, filepath.Join(*screenshots, "lead-rules-test-phone.png"), 390, "#test-result")
	}

	// Proposed, and signed by the two signers of lead-share rules.
	dev.do("propose",
		chromedp.Navigate(base+wsPath+"/rules"),
		chromedp.Click(chromedp.CSS(".rl-propose button")),
		chromedp.WaitVisible(chromedp.CSS(".rl-signoff")),
	)
	decision := dev.js("decision link", `document.querySelector(".rl-dec-link").getAttribute("href")`)
	if page := bodyText(t, dev.ctx); !strings.Contains(page, "Version "+version+" is proposed for approval") || !strings.Contains(page, "0 of 2 signed") {
		t.Errorf("after proposing:\n%.1200s", page)
	}
	dev.do("Dev signs", chromedp.Navigate(base+decision), chromedp.WaitVisible(chromedp.CSS(".dec-sign button")), submit(".dec-sign"),
		chromedp.WaitVisible(chromedp.Search(`//h2[contains(., "Sign-off")]//span[contains(., "1 of 2")]`)))
	// Dev keeps the rules open: Priya's signature reaches it live.
	dev.do("Dev opens the rules", chromedp.Navigate(base+wsPath+"/rules"), chromedp.WaitVisible(chromedp.CSS(".rl-signoff")))
	priya.do("Priya opens the rules", chromedp.Navigate(base+wsPath+"/rules"), chromedp.WaitVisible(chromedp.CSS(".rl-signoff")))
	if page := bodyText(t, priya.ctx); !strings.Contains(page, "1 of 2 signed") || !strings.Contains(page, "Open D-") {
		t.Errorf("Priya's rules page:\n%.1200s", page)
	}
	priya.do("Priya signs", chromedp.Click(chromedp.CSS(".rl-signoff a.btn")), chromedp.WaitVisible(chromedp.CSS(".dec-sign button")),
		submit(".dec-sign"), chromedp.WaitVisible(chromedp.CSS("#decision .status-approved")))

	dev.do("the version routes, live",
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "rl-status-head")]//strong[contains(., "Version `+version+` routes leads now.")]`)),
		chromedp.WaitVisible(chromedp.Search(`//h2[contains(., "approved, routes leads now")]`)),
		chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#rules-status")))
	if page := bodyText(t, dev.ctx); strings.Contains(page, "is a draft") || strings.Contains(page, "proposed for approval") ||
		!strings.Contains(page, "Approved by both sides in D-") {
		t.Errorf("after approval the rules page reads:\n%.1200s", page)
	}
	if *screenshots != "" {
		dev.snapFull(base+wsPath+"/rules", filepath.Join(*screenshots, "lead-rules.png"), 1280, "#rules-status")
		dev.snapFull(base+wsPath+"/rules", filepath.Join(*screenshots, "lead-rules-phone.png"), 390, "#rules-status")
	}
	dev.noErrors()
	priya.noErrors()
}

// words is text with its white space made single spaces.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// bulkLeads writes a CSV of n leads in which every fiftieth row, from
// the eighth, is bad: an email that is not one, an employee count of
// "lots", or a consent of "maybe" in turn. It returns the file and the
// lines of the bad rows (the header is line 1).
func bulkLeads(t *testing.T, n int) (string, []int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("email,name,company,country,employees,consent,utm_source\n")
	var bad []int
	for i := 0; i < n; i++ {
		email, employees, consent := fmt.Sprintf("lead%04d@bulk%d.example", i, i%40), strconv.Itoa(10+i), "yes"
		if i%50 == 7 {
			switch len(bad) % 3 {
			case 0:
				email = fmt.Sprintf("lead%04d-at-bulk.example", i)
			case 1:
				employees = "lots"
			case 2:
				consent = "maybe"
			}
			bad = append(bad, i+2)
		}
		fmt.Fprintf(&b, "%s,Bulk Lead %d,Bulk %d GmbH,%s,%s,%s,webinar\n", email, i, i%40, []string{"DE", "US", "FR", "GB"}[i%4], employees, consent)
	}
	path := filepath.Join(t.TempDir(), "leads.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, bad
}

// TestBrowserLeadImport: with rules approved (saved, proposed and signed
// through the pages' own forms), Dev imports a CSV of 1,000 leads of
// which 20 are bad. The preview lists the bad rows by line; the import
// creates the 980 others and lists the 20 again; the inbox shows them
// routed, and Priya sees those routed to the partner.
func TestBrowserLeadImport(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	dev := signIn(t, root, base, "dev@lumen.example", pw["dev@lumen.example"])
	priya := signIn(t, root, base, "priya@brightwave.example", pw["priya@brightwave.example"])
	wsPath := dev.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)

	// The rules: EU leads to the partner's Sales Lead, the rest to the
	// host's Demand Generation Lead. Approved by both signers.
	dev.do("open the editor", chromedp.Navigate(base+wsPath+"/rules/edit"), chromedp.WaitVisible(chromedp.CSS("#rule-editor")))
	base0 := dev.js("read the version", `document.querySelector('#rule-editor input[name="version"]').value`)
	rules := map[string]string{"version": base0, "note": "Bulk import test",
		"rules.0.name": "EU partner leads", "rules.0.when.0.field": "country", "rules.0.when.0.op": "in", "rules.0.when.0.values": "DE, FR",
		"rules.0.route.side": "partner", "rules.0.route.to": "role", "rules.0.route.role": "partner-sales-lead",
		"rules.0.sla.accept_hours": "4", "rules.0.sla.contact_days": "2",
		"rules.0.attribution.kind": "sourced", "rules.0.attribution.side": "partner", "rules.0.attribution.split": "100",
		"rules.1.name": "Everything else", "rules.1.route.side": "host", "rules.1.route.to": "role", "rules.1.route.role": "demand-gen-lead",
		"rules.1.sla.accept_hours": "8", "rules.1.sla.contact_days": "2",
		"rules.1.attribution.kind": "sourced", "rules.1.attribution.side": "host", "rules.1.attribution.split": "100"}
	status, res := dev.post(wsPath+"/rules", rules)
	saved := regexp.MustCompile(`saved=(\d+)`).FindStringSubmatch(res)
	if status != 200 || saved == nil {
		t.Fatalf("saving the rules: %d %.600s", status, res)
	}
	if status, res := dev.post(wsPath+"/rules/propose", map[string]string{"version": saved[1]}); status != 200 || !strings.Contains(res, "proposed="+saved[1]) {
		t.Fatalf("proposing: %d %.600s", status, res)
	}
	dev.do("open the rules", chromedp.Navigate(base+wsPath+"/rules"), chromedp.WaitVisible(chromedp.CSS(".rl-dec-link")))
	decision := dev.js("decision link", `document.querySelector(".rl-dec-link").getAttribute("href")`)
	for _, p := range []*person{dev, priya} {
		if status, res := p.post(decision+"/sign", map[string]string{"version": "1"}); status != 200 {
			t.Fatalf("%s signs: %d %.600s", p.name, status, res)
		}
	}
	dev.do("the rules route", chromedp.Navigate(base+wsPath+"/rules"),
		chromedp.WaitVisible(chromedp.Search(`//strong[contains(., "Version `+saved[1]+` routes leads now.")]`)))

	// The import: the preview lists the 20 bad rows by their lines.
	file, bad := bulkLeads(t, 1000)
	if len(bad) != 20 {
		t.Fatalf("%d bad rows", len(bad))
	}
	dev.do("upload the file",
		chromedp.Navigate(base+wsPath+"/leads"),
		chromedp.Click(chromedp.CSS(`.ld-tabs a[href="`+wsPath+`/leads/import"]`)),
		chromedp.WaitVisible(chromedp.CSS("#import-file")),
		chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{file}),
		submit(".ld-upload"),
		chromedp.WaitVisible(chromedp.CSS(".ld-confirm")),
	)
	preview := words(bodyText(t, dev.ctx))
	for _, want := range []string{"Check the import", "980 to import", "20 with errors, left out", "Import 980 leads", "EU partner leads", "Everything else",
		"is not an employee count", "is not yes or no"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview lacks %q:\n%.2000s", want, preview)
		}
	}
	lines := dev.js("read the lines", `[...document.querySelectorAll(".ld-errtable .ld-line")].map(td => td.textContent).join(",")`)
	want := make([]string, len(bad))
	for i, l := range bad {
		want[i] = strconv.Itoa(l)
	}
	if lines != strings.Join(want, ",") {
		t.Errorf("the bad rows' lines are %s, want %s", lines, strings.Join(want, ","))
	}
	if *screenshots != "" {
		dev.shotNow(filepath.Join(*screenshots, "lead-import-preview.png"), 1280)
		dev.shotNow(filepath.Join(*screenshots, "lead-import-preview-phone.png"), 390)
	}

	// Confirmed: 980 created, the 20 refused listed again.
	dev.do("import", chromedp.Click(chromedp.CSS(".ld-confirm button[type=submit]")),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Leads imported")]`)))
	done := words(bodyText(t, dev.ctx))
	if !strings.Contains(done, "980 created") || !strings.Contains(done, "20 refused") {
		t.Errorf("the summary reads:\n%.1500s", done)
	}
	if n := get(t, dev.ctx, "count refused rows", chromedp.Evaluate[int](`document.querySelectorAll(".ld-errtable tbody tr").length`)); n != 20 {
		t.Errorf("%d refused rows listed", n)
	}

	// The inbox: routed, to both sides.
	dev.do("open the inbox", chromedp.Click(chromedp.CSS(`a[href="`+wsPath+`/leads"].btn`)), chromedp.WaitVisible(chromedp.CSS(".ld-table")))
	inbox := bodyText(t, dev.ctx)
	if !strings.Contains(inbox, "The newest 200 leads") || !strings.Contains(inbox, "Bulk Lead 999") || !strings.Contains(inbox, "Assigned") ||
		!strings.Contains(inbox, "Everything else") || !strings.Contains(inbox, "EU partner leads") {
		t.Errorf("Dev's inbox reads:\n%.1500s", inbox)
	}
	dev.do("his own", chromedp.Click(chromedp.Search(`//nav[contains(@class, "ld-views")]//a[. = "Mine"]`)),
		chromedp.WaitVisible(chromedp.Search(`//a[@aria-current="page" and . = "Mine"]`)))
	if mine := bodyText(t, dev.ctx); !strings.Contains(mine, "Everything else") || strings.Contains(mine, "EU partner leads") {
		t.Errorf("Dev's own leads:\n%.1500s", mine)
	}
	priya.do("Priya's leads", chromedp.Navigate(base+wsPath+"/leads?view=mine&q=bulk"), chromedp.WaitVisible(chromedp.CSS(".ld-table")))
	if mine := bodyText(t, priya.ctx); !strings.Contains(mine, "EU partner leads") || strings.Contains(mine, "Everything else") {
		t.Errorf("Priya's own leads:\n%.1500s", mine)
	}
	lead := priya.js("first lead", `document.querySelector(".ld-table .ld-ref a").getAttribute("href")`)
	priya.do("open one", chromedp.Navigate(base+lead), chromedp.WaitVisible(chromedp.CSS("#lead-acts")))
	if page := bodyText(t, priya.ctx); !strings.Contains(page, "Accept the lead") || !strings.Contains(page, "Rule “EU partner leads”") {
		t.Errorf("Priya's lead page:\n%.1500s", page)
	}
	if *screenshots != "" {
		dev.snapFull(base+wsPath+"/leads", filepath.Join(*screenshots, "lead-inbox.png"), 1280, ".ld-table")
		dev.snapFull(base+wsPath+"/leads", filepath.Join(*screenshots, "lead-inbox-phone.png"), 390, ".ld-table")
		priya.snapFull(base+lead, filepath.Join(*screenshots, "lead-show.png"), 1280, "#lead-acts")
		priya.snapFull(base+lead, filepath.Join(*screenshots, "lead-show-phone.png"), 390, "#lead-acts")
		dev.snapFull(base+wsPath+"/leads/report", filepath.Join(*screenshots, "lead-report.png"), 1280, ".ld-rep-sides")
		dev.snapFull(base+wsPath+"/leads/report", filepath.Join(*screenshots, "lead-report-phone.png"), 390, ".ld-rep-sides")
	}
	dev.noErrors()
	priya.noErrors()
}
