package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pdfUpload writes a small PDF to upload from the browser.
func pdfUpload(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	body := "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// stepState waits until the asset page shows the review step in state:
// approved, changes_requested or pending.
func stepState(name, state string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.Search(`//section[@id="asset-review"]//div[contains(@class, "rstep") and contains(@class, "is-` + state +
		`")]//strong[. = ` + jsString(name) + `]`))
}

// reviewStep gives the person's verdict on their open step, from its
// form on the asset page.
func (p *person) reviewStep(step, verdict, comment string) {
	p.t.Helper()
	form := "#review-" + step
	actions := []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS(form))}
	if comment != "" {
		actions = append(actions, chromedp.SendKeys(chromedp.CSS(form+" textarea"), comment))
	}
	actions = append(actions, chromedp.Click(chromedp.CSS(form+` button[value="`+verdict+`"]`)))
	p.do(verdict+" "+step, actions...)
}

// ships reads the version the asset page pins as the one that ships.
func (p *person) ships() string {
	p.t.Helper()
	return get(p.t, p.ctx, p.name+": read what ships", chromedp.Text(chromedp.CSS("#asset-ships .ships-n")))
}

// TestBrowserAssetApproval has the Content Lead (host) add an ebook with
// a PDF and request review; copy, design, legal and the partner's
// sign-off are given by the people who hold those roles, each in a
// browser of their own: Inès (copy and design), Sam (the host's legal
// reviewer, a guest) and Jordan (partner). Design asks for changes first;
// Inès uploads v2, which everyone approves; v2 is the version that ships
// on every page, and a v3 draft uploaded afterwards does not replace it.
func TestBrowserAssetApproval(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	ines := signIn(t, root, base, "ines@lumen.example", pw["ines@lumen.example"])
	sam := signIn(t, root, base, "sam@lumen.example", pw["sam@lumen.example"])
	jordan := signIn(t, root, base, "jordan@brightwave.example", pw["jordan@brightwave.example"])
	wsPath := ines.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)

	// The folder from the workspace's tabs; the demo's three assets.
	ines.do("open the folder",
		chromedp.Navigate(base+wsPath),
		chromedp.Click(chromedp.CSS(`.tabs a[href="`+wsPath+`/assets"]`)),
		chromedp.WaitVisible(chromedp.CSS("#asset-folder .af-card")),
	)
	if page := bodyText(t, ines.ctx); !strings.Contains(page, "Joint webinar landing page") || !strings.Contains(page, "3 assets") {
		t.Errorf("the demo folder reads:\n%.800s", page)
	}

	// A new ebook with its PDF, sent to review at once.
	v1 := pdfUpload(t, "pipelines-ebook.pdf", "first draft")
	ines.do("add the ebook",
		chromedp.Click(chromedp.CSS(`.af-page .page-head a[href="`+wsPath+`/assets/new"]`)),
		chromedp.WaitVisible(chromedp.CSS("#asset-title")),
		chromedp.SendKeys(chromedp.CSS("#asset-title"), "Scaling data pipelines — the joint ebook"),
		chromedp.SetValue(chromedp.CSS("#asset-kind"), "ebook"),
		chromedp.SetValue(chromedp.CSS("#asset-dri"), "role:content-lead"),
		chromedp.SetValue(chromedp.CSS("#asset-due"), "2030-01-15"),
		chromedp.SendKeys(chromedp.CSS("#asset-tags"), "ebook, launch"),
		chromedp.SendKeys(chromedp.CSS("#asset-note"), "First full draft, all chapters."),
		chromedp.Click(chromedp.CSS(`input[name="request_review"]`)),
		chromedp.SetUploadFiles(chromedp.CSS("#asset-file"), []string{v1}),
		submit(`form[action="`+wsPath+`/assets"]`),
		chromedp.WaitVisible(chromedp.CSS("#asset-head")),
	)
	asset := strings.TrimPrefix(get(t, ines.ctx, "asset URL", chromedp.Location()), base)
	if !strings.HasPrefix(asset, wsPath+"/assets/") {
		t.Fatalf("after adding the asset the browser is at %s", asset)
	}
	if page := bodyText(t, ines.ctx); !strings.Contains(page, "pipelines-ebook.pdf") || !strings.Contains(page, "In review") ||
		!strings.Contains(page, "Nothing ships yet") {
		t.Errorf("the new asset's page reads:\n%.1200s", page)
	}

	// The others open it and keep it open: they see it move live.
	sam.do("open the asset", chromedp.Navigate(base+asset), chromedp.WaitVisible(chromedp.CSS("#asset-review")))
	jordan.do("open the asset", chromedp.Navigate(base+asset), chromedp.WaitVisible(chromedp.CSS("#asset-review")))
	for _, p := range []*person{sam, jordan} {
		if n := get(t, p.ctx, "count review forms", chromedp.Evaluate[int](`document.querySelectorAll(".review-form").length`)); n != 0 {
			t.Errorf("%s has %d review forms before their step opens", p.name, n)
		}
	}

	// Copy: Inès approves. Design: she asks for changes, first without
	// saying what, which is refused at the comment.
	ines.reviewStep("copy", "approve", "Reads well.")
	ines.do("see copy approved", stepState("Copy review", "approved"))
	// The click is made in the page, where finding the button and
	// clicking it is one step: the live refresh that follows her own
	// approval may replace the section between the two otherwise.
	ines.do("see the design step open", chromedp.WaitVisible(chromedp.CSS("#review-design")))
	ines.js("ask for changes without a comment", `(document.querySelector('#review-design button[value="request_changes"]').click(), "")`)
	ines.do("see the comment refused", chromedp.WaitVisible(chromedp.CSS("#review-design #comment-error")))
	if msg := get(t, ines.ctx, "read the error", chromedp.Text(chromedp.CSS("#comment-error"))); msg != "Comment is required: say what must change." {
		t.Errorf("the comment error says %q", msg)
	}
	ines.reviewStep("design", "request_changes", "The partner logo on the cover is the old one.")
	ines.do("see design ask for changes", stepState("Design review", "changes_requested"))
	jordan.do("see the changes asked for live", chromedp.WaitVisible(chromedp.Search(`//section[@id="asset-review"]//p[contains(., "The partner logo on the cover is the old one.")]`)))

	// v2 goes straight back to review, from design on.
	v2 := pdfUpload(t, "pipelines-ebook-v2.pdf", "new partner logo")
	ines.do("upload v2",
		chromedp.WaitVisible(chromedp.CSS("#upload-file")),
		chromedp.SendKeys(chromedp.CSS("#upload-note"), "New Brightwave logo on the cover."),
		chromedp.SetUploadFiles(chromedp.CSS("#upload-file"), []string{v2}),
		submit(".upload-form"),
		chromedp.WaitVisible(chromedp.CSS("#asset-versions #v2")),
	)
	ines.do("see copy kept and design open", stepState("Copy review", "approved"), stepState("Design review", "pending"))
	ines.reviewStep("design", "approve", "")
	ines.do("see design approved", stepState("Design review", "approved"))

	// Legal: Sam, a guest holding the host's legal role, in his browser.
	sam.reviewStep("legal", "approve", "Claims and trademarks are fine.")
	sam.do("see legal approved", stepState("Legal review", "approved"))

	// The partner's sign-off: Jordan was asked in the inbox.
	jordan.do("open the inbox", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(chromedp.CSS(".notes")))
	if page := bodyText(t, jordan.ctx); !strings.Contains(page, "asks for your review of") || !strings.Contains(page, "Scaling data pipelines") {
		t.Errorf("Jordan's inbox reads:\n%.800s", page)
	}
	jordan.do("follow the note", chromedp.Click(chromedp.Search(`//a[contains(., "Scaling data pipelines")]`)), chromedp.WaitVisible(chromedp.CSS("#review-partner-signoff")))
	if *screenshots != "" {
		jordan.snapFull(base+asset, filepath.Join(*screenshots, "asset-signoff.png"), 1280, "#review-partner-signoff")
		jordan.snapFull(base+asset, filepath.Join(*screenshots, "asset-signoff-phone.png"), 390, "#review-partner-signoff")
	}
	jordan.reviewStep("partner-signoff", "approve", "")
	jordan.do("see it approved", chromedp.WaitVisible(chromedp.CSS("#asset-head .astatus-approved")))

	// Everyone sees v2 ship; Inès's open page changed live.
	ines.do("see it ship live", chromedp.WaitVisible(chromedp.CSS("#asset-ships.is-set")))
	for _, p := range []*person{ines, sam, jordan} {
		if got := p.ships(); got != "v2" {
			t.Errorf("%s: the version that ships reads %q", p.name, got)
		}
	}

	// A v3 draft afterwards does not replace it.
	v3 := pdfUpload(t, "pipelines-ebook-v3.pdf", "typo fixed")
	ines.do("upload a v3 draft",
		chromedp.Navigate(base+asset),
		chromedp.WaitVisible(chromedp.CSS("#upload-file")),
		chromedp.SendKeys(chromedp.CSS("#upload-note"), "Typo on page 12."),
		chromedp.SetUploadFiles(chromedp.CSS("#upload-file"), []string{v3}),
		submit(".upload-form"),
		chromedp.WaitVisible(chromedp.CSS("#asset-versions #v3")),
	)
	jordan.do("see v3 arrive live", chromedp.WaitVisible(chromedp.CSS("#asset-versions #v3")))
	for _, p := range []*person{ines, jordan} {
		if got := p.ships(); got != "v2" {
			t.Errorf("%s: after v3 the version that ships reads %q", p.name, got)
		}
		if page := bodyText(t, p.ctx); !strings.Contains(page, "v3 came later and is a draft") {
			t.Errorf("%s: the page does not say v3 does not ship:\n%.1500s", p.name, page)
		}
	}
	jordan.do("open the folder", chromedp.Navigate(base+wsPath+"/assets"), chromedp.WaitVisible(chromedp.CSS("#asset-folder .af-card")))
	card := jordan.js("read the ebook's card", `[...document.querySelectorAll(".af-card")].find(c => c.textContent.includes("Scaling data pipelines")).innerText`)
	if !strings.Contains(card, "SHIPS") && !strings.Contains(card, "Ships") || !strings.Contains(card, "v2") || !strings.Contains(card, "v3 · draft") {
		t.Errorf("the folder's card reads:\n%s", card)
	}
	// The shipping file is v2's, whatever came after.
	shipped := jordan.js("fetch what ships", `fetch(`+jsString(asset+"/ships")+`).then(r => r.text())`)
	if !strings.Contains(shipped, "new partner logo") {
		t.Errorf("the file that ships is %q", shipped)
	}

	if *screenshots != "" {
		ines.snapFull(base+wsPath+"/assets", filepath.Join(*screenshots, "assets.png"), 1280, "#asset-folder")
		ines.snapFull(base+wsPath+"/assets", filepath.Join(*screenshots, "assets-phone.png"), 390, "#asset-folder")
		ines.snapFull(base+asset, filepath.Join(*screenshots, "asset.png"), 1280, "#asset-ships")
		ines.snapFull(base+asset, filepath.Join(*screenshots, "asset-phone.png"), 390, "#asset-ships")
		jordan.snapFull(base+asset, filepath.Join(*screenshots, "asset-partner.png"), 1280, "#asset-ships")
		ines.snapFull(base+wsPath+"/assets/new", filepath.Join(*screenshots, "asset-new.png"), 1280, "#asset-title")
	}
	ines.noErrors()
	sam.noErrors()
	jordan.noErrors()
}
