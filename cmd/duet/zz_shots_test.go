package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestZZShotsEmpty(t *testing.T) {
	if *screenshots == "" {
		t.Skip()
	}
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	maya := signIn(t, root, base, "maya@lumen.example", pw["maya@lumen.example"])
	maya.do("new workspace",
		chromedp.Navigate(base+"/w/new"),
		chromedp.Click(chromedp.CSS(`#tpl-partner-co-marketing`)),
		chromedp.SendKeys(chromedp.CSS("#name"), "Empty campaign"),
		chromedp.SendKeys(chromedp.CSS("#partner_org"), "Brightwave Cloud"),
		chromedp.SetValue(chromedp.CSS("#kickoff_on"), "2026-11-23"),
		chromedp.SetValue(chromedp.CSS("#launch_on"), "2027-01-26"),
		chromedp.SetValue(chromedp.CSS("#time_zone"), "Europe/Berlin"),
		submit(`form[action="/w"]`),
		chromedp.WaitVisible(chromedp.CSS(`a[href$="/members"]`)),
	)
	ws := strings.TrimPrefix(maya.location(), "")
	maya.snapFull(base+ws+"/brief", filepath.Join(*screenshots, "empty-brief.png"), 1280, ".brief-page")
	maya.snapFull(base+ws+"/brief", filepath.Join(*screenshots, "empty-brief-phone.png"), 390, ".brief-page")
	maya.snapFull(base+ws+"/raci", filepath.Join(*screenshots, "empty-raci.png"), 1280, ".raci-page")
	maya.snapFull(base+ws+"/brief/edit", filepath.Join(*screenshots, "empty-brief-edit.png"), 1280, ".brief-edit")
	// a refused brief form
	maya.do("bad target", chromedp.SetValue(chromedp.CSS("#goal-1-target"), "lots"), submit("form.doc-form"), chromedp.WaitVisible(chromedp.CSS("#goal-1-target-error")))
	png := get(t, maya.ctx, "shot", chromedp.FullScreenshot(100))
	writeFile(t, filepath.Join(*screenshots, "brief-edit-error.png"), png)
	maya.noErrors()
}

func writeFile(t *testing.T, name string, b []byte) {
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
