package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pageHas fails the test unless the person's page shows every text.
func (p *person) pageHas(what string, wants ...string) {
	p.t.Helper()
	page := bodyText(p.t, p.ctx)
	for _, w := range wants {
		if !strings.Contains(page, w) {
			p.t.Errorf("%s: %s lacks %q; it reads:\n%.1500s", p.name, what, w, page)
		}
	}
}

// versions counts the versions a document's page lists.
func (p *person) versions() int {
	p.t.Helper()
	n, err := strconv.Atoi(p.js("count versions", `String(document.querySelectorAll(".doc-versions .ver").length)`))
	if err != nil {
		p.t.Fatal(err)
	}
	return n
}

// TestBrowserBriefBothSidesSign has Dev (host) write the campaign brief in
// a browser: two goals, 600 webinar registrations entered by hand and 150
// MQLs counted from leads, and a budget line, one of them in a row the
// page's script adds. Dev signs for the host; Priya (partner) sees his
// signature and signs; both sides have signed. Dev then raises a target:
// the new version starts unsigned, and its comparison with the signed one
// shows the change.
func TestBrowserBriefBothSidesSign(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	dev := signIn(t, root, base, "dev@lumen.example", pw["dev@lumen.example"])
	priya := signIn(t, root, base, "priya@brightwave.example", pw["priya@brightwave.example"])
	wsPath := dev.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)
	briefPath := wsPath + "/brief"

	// From the workspace's tabs to the brief, then its form. The demo
	// may hold a brief already; this one replaces it as the next version.
	dev.do("open the brief",
		chromedp.Navigate(base+wsPath),
		chromedp.Click(chromedp.CSS(`.tabs a[href="`+briefPath+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(".brief-page")),
	)
	before := dev.versions()
	first := strconv.Itoa(before + 1)
	dev.do("open the form",
		chromedp.Click(chromedp.CSS(`.doc-head a[href="`+briefPath+`/edit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#goal-rows")),
	)
	dev.js("empty the form", `(() => {
		document.querySelectorAll('#goal-rows input[type="text"], #budget-rows input[type="text"], .doc-form textarea').forEach(i => { i.value = "" });
		return "";
	})()`)
	dev.do("write the goals",
		chromedp.SendKeys(chromedp.CSS("#goal-0-name"), "Webinar registrations"),
		chromedp.SendKeys(chromedp.CSS("#goal-0-target"), "600"),
		chromedp.SendKeys(chromedp.CSS("#goal-0-unit"), "registrations"),
		chromedp.SetValue(chromedp.CSS("#goal-0-side"), "host"),
		chromedp.SetValue(chromedp.CSS("#goal-0-measure"), ""),
		chromedp.SendKeys(chromedp.CSS("#goal-1-name"), "MQLs"),
		chromedp.SendKeys(chromedp.CSS("#goal-1-target"), "150"),
		chromedp.SendKeys(chromedp.CSS("#goal-1-unit"), "leads"),
		chromedp.SetValue(chromedp.CSS("#goal-1-side"), "partner"),
		chromedp.SetValue(chromedp.CSS("#goal-1-measure"), "leads"),
		chromedp.SendKeys(chromedp.CSS("#audience"), "Data platform leads at companies with 200+ employees."),
		chromedp.SendKeys(chromedp.CSS("#timeline"), "- 2 Dec: landing page live\n- 19 Jan: the webinar"),
		chromedp.SendKeys(chromedp.CSS("#currency"), "USD"),
	)
	// The budget line goes in a row the script adds after the blank ones.
	rows := dev.js("count budget rows", `String(document.querySelectorAll("#budget-rows tr").length)`)
	dev.do("add a budget line",
		chromedp.Click(chromedp.CSS(`button[data-add-row="budget-rows"]`)),
		chromedp.WaitVisible(chromedp.CSS("#budget-"+rows+"-item")),
	)
	if focused := dev.js("focus", `document.activeElement.id`); focused != "budget-"+rows+"-item" {
		t.Errorf("after adding a row the focus is on %q", focused)
	}
	dev.do("write the budget line",
		chromedp.SendKeys(chromedp.CSS("#budget-"+rows+"-item"), "Webinar platform"),
		chromedp.SendKeys(chromedp.CSS("#budget-"+rows+"-amount"), "2,000"),
		chromedp.SetValue(chromedp.CSS("#budget-"+rows+"-paid_by"), "host"),
		chromedp.SendKeys(chromedp.CSS("#note"), "First draft"),
	)
	dev.do("save the brief",
		submit("form.doc-form"),
		chromedp.WaitVisible(chromedp.CSS("#brief-signoff")),
	)
	dev.pageHas("the saved brief", "Version "+first+" of the brief is saved", "Webinar registrations", "600", "MQLs", "150",
		"Leads routed", "Webinar platform", "2,000", "Waiting for both sides", "Sign for Lumen")

	// Priya has the brief open when Dev signs: his signature arrives.
	priya.do("open the brief", chromedp.Navigate(base+briefPath), chromedp.WaitVisible(chromedp.CSS("#brief-signoff")))
	priya.pageHas("the unsigned brief", "Waiting for both sides", "Sign for Brightwave Cloud (version "+first+")")
	dev.do("sign for the host",
		chromedp.Click(chromedp.CSS("#brief-signoff button[type=submit]")),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "so-words") and contains(., "Waiting for the partner side")]`)),
	)
	dev.pageHas("the brief signed by the host", "Dev Raman signed version "+first, "You signed version "+first+".")
	priya.do("see the host's signature live",
		chromedp.WaitVisible(chromedp.Search(`//section[@id="brief-signoff"]//p[contains(., "Dev Raman") and contains(., "signed version `+first+`")]`)))
	priya.pageHas("the brief", "Waiting for the partner side", "Sign for Brightwave")
	priya.do("sign for the partner",
		chromedp.Click(chromedp.CSS("#brief-signoff button[type=submit]")),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "so-words") and contains(., "Signed by both sides")]`)),
	)
	priya.pageHas("the signed brief", "Priya Natarajan signed version "+first, "Dev Raman signed version "+first)
	if n := get(t, priya.ctx, "count sign buttons", chromedp.Evaluate[int](`document.querySelectorAll("#brief-signoff form").length`)); n != 0 {
		t.Errorf("a signed brief still offers %d sign forms", n)
	}

	// Dev raises the registrations target: a new version, unsigned.
	second := strconv.Itoa(before + 2)
	dev.do("edit the brief",
		chromedp.Navigate(base+briefPath+"/edit"),
		chromedp.WaitVisible(chromedp.CSS("#goal-0-target")),
		chromedp.SetValue(chromedp.CSS("#goal-0-target"), "700"),
		chromedp.SendKeys(chromedp.CSS("#note"), "More seats: the venue grew"),
		submit("form.doc-form"),
		chromedp.WaitVisible(chromedp.CSS("#brief-signoff")),
	)
	dev.pageHas("the edited brief", "Version "+second+" of the brief is saved", "Waiting for both sides",
		"Version "+first+" is the one both sides signed", "700", "More seats: the venue grew")
	if n := get(t, dev.ctx, "count signatures", chromedp.Evaluate[int](`document.querySelectorAll("#brief-signoff .so-slot.is-signed").length`)); n != 0 {
		t.Errorf("the new version shows %d signatures, want none", n)
	}
	dev.do("compare with the signed version",
		chromedp.Click(chromedp.CSS(`#brief-versions-`+second+` a[href*="/brief/compare"]`)),
		chromedp.WaitVisible(chromedp.CSS(".cmp-page .hunk")),
	)
	del := get(t, dev.ctx, "read removed line", chromedp.Text(chromedp.CSS(".dl-del .dl-text")))
	ins := get(t, dev.ctx, "read added line", chromedp.Text(chromedp.CSS(".dl-ins .dl-text")))
	if !strings.Contains(del, "Webinar registrations: 600 registrations") || !strings.Contains(ins, "Webinar registrations: 700 registrations") {
		t.Errorf("the comparison shows −%q +%q", del, ins)
	}
	if *screenshots != "" {
		dev.snapFull(base+dev.location(), filepath.Join(*screenshots, "brief-compare.png"), 1280, ".hunk")
		priya.snapFull(base+briefPath, filepath.Join(*screenshots, "brief.png"), 1280, "#brief-signoff")
		priya.snapFull(base+briefPath, filepath.Join(*screenshots, "brief-phone.png"), 390, "#brief-signoff")
		priya.snapFull(base+briefPath+"/edit", filepath.Join(*screenshots, "brief-edit.png"), 1280, "#goal-rows")
		priya.snapFull(base+briefPath+"/edit", filepath.Join(*screenshots, "brief-edit-phone.png"), 390, "#goal-rows")
	}
	dev.noErrors()
	priya.noErrors()
}

// location is the path of the person's page.
func (p *person) location() string {
	p.t.Helper()
	return strings.TrimPrefix(get(p.t, p.ctx, p.name+": read location", chromedp.Location()), p.base)
}

// TestBrowserRACIRefusesTwoAccountables has Dev draft the RACI from the
// task lists in its editor, make two roles Accountable for the first
// workstream and save: the error names the row and both roles, what he
// chose is kept, and nothing is saved. With one Accountable it saves, and
// both sides sign it.
func TestBrowserRACIRefusesTwoAccountables(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	dev := signIn(t, root, base, "dev@lumen.example", pw["dev@lumen.example"])
	priya := signIn(t, root, base, "priya@brightwave.example", pw["priya@brightwave.example"])
	wsPath := dev.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)
	raciPath := wsPath + "/raci"

	// From the brief to the RACI by the documents' own switch.
	dev.do("open the RACI",
		chromedp.Navigate(base+wsPath+"/brief"),
		chromedp.Click(chromedp.CSS(`.doc-tabs a[href="`+raciPath+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(".raci-page")),
	)
	before := dev.versions()
	if *screenshots != "" {
		dev.snapFull(base+raciPath, filepath.Join(*screenshots, "raci-draft.png"), 1280, ".raci-page")
	}
	dev.do("draft from the tasks",
		chromedp.Navigate(base+raciPath+"/edit"),
		chromedp.WaitVisible(chromedp.CSS("#raci-rows")),
		chromedp.Click(chromedp.Search(`//a[. = "Draft from tasks"]`)),
		chromedp.WaitVisible(chromedp.CSS("#raci-drafted")),
	)
	workstream := get(t, dev.ctx, "read the first workstream", chromedp.Value(chromedp.CSS("#raci-0-workstream")))
	if workstream == "" {
		t.Fatal("the draft has no first workstream")
	}
	dev.js("clear the first row", `(() => { document.querySelectorAll('#raci-rows tr:first-child select').forEach(s => { s.value = "" }); return "" })()`)
	dev.do("make two roles accountable",
		chromedp.SetValue(chromedp.CSS("#raci-0-designer"), "A"),
		chromedp.SetValue(chromedp.CSS("#raci-0-partner-content-lead"), "A"),
		chromedp.SetValue(chromedp.CSS("#raci-0-content-lead"), "R"),
		submit("form.doc-form"),
		chromedp.WaitVisible(chromedp.CSS("#raci-error")),
	)
	msg := get(t, dev.ctx, "read the error", chromedp.Text(chromedp.CSS("#raci-0-error")))
	if want := `"` + workstream + `" has 2 Accountables (Designer and Partner Content Lead)`; !strings.Contains(msg, want) {
		t.Errorf("the row's error says %q, want %q", msg, want)
	}
	if got := get(t, dev.ctx, "read the kept choice", chromedp.Value(chromedp.CSS("#raci-0-partner-content-lead"))); got != "A" {
		t.Errorf("the partner content lead's cell is %q after the refusal, want the A chosen", got)
	}
	if *screenshots != "" {
		png := get(t, dev.ctx, "screenshot", chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(*screenshots, "raci-edit-error.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dev.do("reopen the RACI", chromedp.Navigate(base+raciPath), chromedp.WaitVisible(chromedp.CSS(".raci-page")))
	if n := dev.versions(); n != before {
		t.Fatalf("the refused RACI was saved: %d versions, were %d", n, before)
	}

	// One Accountable: saved.
	version := strconv.Itoa(before + 1)
	dev.do("fix the row",
		chromedp.Navigate(base+raciPath+"/edit?draft=1"),
		chromedp.WaitVisible(chromedp.CSS("#raci-rows")),
	)
	dev.js("clear the first row", `(() => { document.querySelectorAll('#raci-rows tr:first-child select').forEach(s => { s.value = "" }); return "" })()`)
	dev.do("one accountable",
		chromedp.SetValue(chromedp.CSS("#raci-0-designer"), "A"),
		chromedp.SetValue(chromedp.CSS("#raci-0-partner-content-lead"), "C"),
		chromedp.SetValue(chromedp.CSS("#raci-0-content-lead"), "R"),
		chromedp.SendKeys(chromedp.CSS("#note"), "Design owns kickoff"),
		submit("form.doc-form"),
		chromedp.WaitVisible(chromedp.CSS("#raci-signoff")),
	)
	dev.pageHas("the saved RACI", "Version "+version+" of the RACI is saved", workstream, "Waiting for both sides", "Export CSV")
	dev.do("sign for the host",
		chromedp.Click(chromedp.CSS("#raci-signoff button[type=submit]")),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "so-words") and contains(., "Waiting for the partner side")]`)),
	)
	priya.do("open the RACI", chromedp.Navigate(base+raciPath), chromedp.WaitVisible(chromedp.CSS("#raci-signoff")))
	priya.pageHas("the RACI", "Dev Raman signed version "+version)
	priya.do("sign for the partner",
		chromedp.Click(chromedp.CSS("#raci-signoff button[type=submit]")),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "so-words") and contains(., "Signed by both sides")]`)),
	)
	if *screenshots != "" {
		priya.snapFull(base+raciPath, filepath.Join(*screenshots, "raci.png"), 1280, "#raci-signoff")
		priya.snapFull(base+raciPath, filepath.Join(*screenshots, "raci-phone.png"), 390, "#raci-signoff")
		priya.snapFull(base+raciPath+"/edit", filepath.Join(*screenshots, "raci-edit.png"), 1280, "#raci-rows")
		priya.snapFull(base+raciPath+"/edit", filepath.Join(*screenshots, "raci-edit-phone.png"), 390, "#raci-rows")
	}
	dev.noErrors()
	priya.noErrors()
}
