package main

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// screenshots, when set, is a folder the browser test writes the README's
// screenshots into: go test ./cmd/duet -run Browser -screenshots docs
var screenshots = flag.String("screenshots", "", "write page screenshots into this folder")

// browser starts headless Chromium for one test. Without Chromium the
// test is skipped, except under CI=true where it must run.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but chromium is not installed: the browser tests must run in CI")
		}
		t.Skip("chromium not installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // runs as root in CI containers
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	// The first call starts the browser and must not carry the timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	return ctx
}

// do runs browser actions and fails the test with what was being done.
func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", what, loc, err)
	}
}

// get runs one browser action that returns a value.
func get[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// bodyText returns the visible text of the page.
func bodyText(t *testing.T, ctx context.Context) string {
	return get(t, ctx, "read page", chromedp.Text(chromedp.CSS("body")))
}

func submit(form string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(form + ` button[type="submit"]`))
}

// TestBrowserSetupWorkspaceInvitePartner clicks through the first hour of
// a campaign in a real browser against the real server: setup, a new
// workspace from the template, invites to both sides, and the partner's
// first sign-in, which must see that one workspace and nothing else.
func TestBrowserSetupWorkspaceInvitePartner(t *testing.T) {
	ctx := browser(t)
	base, out := boot(t, "--data", t.TempDir())
	setupURL := regexp.MustCompile(`http://\S+/setup\?token=\S+`).FindString(out)
	if setupURL == "" {
		t.Fatalf("no setup link printed:\n%s", out)
	}

	do(t, ctx, "setup",
		chromedp.Navigate(setupURL),
		chromedp.SendKeys(chromedp.CSS("#org"), "Lumen Analytics"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Maya Okafor"),
		chromedp.SendKeys(chromedp.CSS("#email"), "maya@lumen.example"),
		chromedp.SendKeys(chromedp.CSS("#password"), "a long admin passphrase"),
		submit(`form[action="/setup"]`),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/w/new"]`)),
	)

	newWorkspace := func(name, partner string) string {
		do(t, ctx, "new workspace "+name,
			chromedp.Navigate(base+"/w/new"),
			chromedp.Click(chromedp.CSS(`#tpl-partner-co-marketing`)),
			chromedp.SendKeys(chromedp.CSS("#name"), name),
			chromedp.SendKeys(chromedp.CSS("#partner_org"), partner),
			chromedp.SetValue(chromedp.CSS("#kickoff_on"), "2026-11-23"),
			chromedp.SetValue(chromedp.CSS("#launch_on"), "2027-01-26"),
			chromedp.SetValue(chromedp.CSS("#time_zone"), "Europe/Berlin"),
			submit(`form[action="/w"]`),
			chromedp.WaitVisible(chromedp.CSS(`a[href$="/members"]`)),
		)
		loc := get(t, ctx, "read location", chromedp.Location())
		id := strings.TrimPrefix(loc, base+"/w/")
		if id == loc || strings.Contains(id, "/") {
			t.Fatalf("after creating a workspace the browser is at %s", loc)
		}
		return id
	}
	ws := newWorkspace("Data Pipelines webinar", "Brightwave Cloud")
	page := bodyText(t, ctx)
	for _, want := range []string{"Data Pipelines webinar", "Brightwave Cloud", "kickoff", "day-to-day", "decisions", "retro",
		"Kickoff & Alignment", "Asset Development", "Launch Sequencing", "Post-Launch Review", "Partner Co-Marketing Campaign",
		"Campaign Brief and Goals", "RACI Matrix", "Lead-Share Rules", "Launch Calendar", "Asset Approval Folder",
		"Slack", "HubSpot", "Not configured", "Assets approved"} {
		if !strings.Contains(page, want) {
			t.Errorf("workspace overview lacks %q", want)
		}
	}
	other := newWorkspace("Ebook with Otherco", "Otherco")

	invite := func(email, side, role string) string {
		actions := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/w/" + ws + "/members"),
			chromedp.SendKeys(chromedp.CSS("#invite-email"), email),
			chromedp.Click(chromedp.CSS(`input[name="side"][value="` + side + `"]`)),
		}
		if role != "" {
			actions = append(actions, chromedp.Click(chromedp.CSS(`input[name="roles"][value="`+role+`"]`)))
		}
		actions = append(actions, submit(`form[action="/w/`+ws+`/invites#invite"]`),
			chromedp.WaitVisible(chromedp.CSS("#invite-url")))
		do(t, ctx, "invite "+email, actions...)
		return get(t, ctx, "read invite link", chromedp.Value(chromedp.CSS("#invite-url")))
	}
	invite("dev@lumen.example", "host", "project-manager")
	partnerURL := invite("jordan@brightwave.example", "partner", "partner-marketing-lead")

	do(t, ctx, "sign out", submit(`form[action="/logout"]`), chromedp.WaitVisible(chromedp.CSS("#email")))

	do(t, ctx, "partner accepts",
		chromedp.Navigate(partnerURL),
		chromedp.SendKeys(chromedp.CSS("#name"), "Jordan Reyes"),
		chromedp.SendKeys(chromedp.CSS("#password"), "a long partner passphrase"),
		submit("form"),
		chromedp.WaitVisible(chromedp.CSS(`a[href$="/members"]`)),
	)
	page = bodyText(t, ctx)
	if !strings.Contains(page, "Data Pipelines webinar") || !strings.Contains(page, "Jordan Reyes") {
		t.Errorf("the partner does not land on the workspace:\n%.400s", page)
	}
	if *screenshots != "" {
		shoot(t, ctx, base+"/w/"+ws, *screenshots+"/overview.png", 1366)
		shoot(t, ctx, base+"/w/"+ws, *screenshots+"/overview-phone.png", 390)
	}

	do(t, ctx, "workspace list", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(".ws-card")))
	cards := get(t, ctx, "count cards", chromedp.Evaluate[int](`document.querySelectorAll(".ws-card").length`))
	if cards != 1 {
		t.Errorf("the partner lists %d workspaces, want 1", cards)
	}
	do(t, ctx, "another workspace", chromedp.Navigate(base+"/w/"+other), chromedp.WaitVisible(chromedp.CSS(".error-code")))
	code := get(t, ctx, "read status", chromedp.Text(chromedp.CSS(".error-code")))
	if code != "404" {
		t.Errorf("the partner opening another workspace gets %q, want 404", code)
	}
	// The used invite link is gone.
	do(t, ctx, "reuse invite", chromedp.Navigate(partnerURL), chromedp.WaitVisible(chromedp.CSS(".error-code")))
}

// shoot saves a full-page screenshot at the given width.
func shoot(t *testing.T, ctx context.Context, url, file string, width int64) {
	do(t, ctx, "open "+url, chromedp.EmulateViewport(width, 900), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main")))
	png := get(t, ctx, "screenshot "+file, chromedp.FullScreenshot(100))
	do(t, ctx, "reset viewport", chromedp.EmulateViewport(1366, 900))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
