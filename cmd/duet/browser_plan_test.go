package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// held keeps the left button down while the mouse moves: a drag.
func held(p *input.DispatchMouseEventParams) {
	p.Button = input.MouseButtonLeft
	p.Buttons = 1
}

// dotCentre returns where a hill dot is on the screen.
func (p *person) dotCentre(title string) (x, y float64, id string) {
	p.t.Helper()
	raw := p.js("find the dot "+title, `(() => {
		const dot = [...document.querySelectorAll("#hill-board g.hill-dot[role=slider]")].find(g => g.getAttribute("aria-label") === `+jsString(title)+`);
		dot.scrollIntoView({block: "center"});
		const r = dot.querySelector(".hill-disc").getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2, dot.getAttribute("data-scope")].join(" ");
	})()`)
	f := strings.Fields(raw)
	if len(f) != 3 {
		p.t.Fatalf("dot %s: %q", title, raw)
	}
	x, _ = strconv.ParseFloat(f[0], 64)
	y, _ = strconv.ParseFloat(f[1], 64)
	return x, y, f[2]
}

// TestBrowserHillChartLive has the host drag a dot on the hill chart with
// the mouse and save it with a note; the partner, already on the page,
// sees the save in the history without reloading and moves another dot
// with the keyboard.
func TestBrowserHillChartLive(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	host := signIn(t, root, base, "maya@lumen.example", pw["maya@lumen.example"])
	partner := signIn(t, root, base, "priya@brightwave.example", pw["priya@brightwave.example"])
	wsPath := partner.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)
	hill := base + wsPath + "/hill"

	partner.do("open the hill chart", chromedp.Navigate(hill), chromedp.WaitVisible(chromedp.CSS(`#hill-board g.hill-dot[role=slider]`)))
	host.do("open the hill chart", chromedp.Navigate(hill), chromedp.WaitVisible(chromedp.CSS(`#hill-board g.hill-dot[role=slider]`)))

	// Maya drags Launch Sequencing (at 28 in the demo) to the right, over
	// the top of the hill.
	x, y, launchID := host.dotCentre("Launch Sequencing")
	host.do("drag the dot",
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, x+40, y-10, held),
		chromedp.MouseEvent(chromedp.MouseMoved, x+120, y-20, held),
		chromedp.MouseEvent(chromedp.MouseMoved, x+200, y, held),
		chromedp.MouseEvent(chromedp.MouseReleased, x+200, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
	pos := host.js("read the dragged dot", `document.querySelector('g.hill-dot[data-scope="`+launchID+`"]').getAttribute("aria-valuenow")`)
	field := get(t, host.ctx, "read its field", chromedp.Value(chromedp.CSS("#pos-"+launchID)))
	if n, _ := strconv.Atoi(pos); n <= 50 || field != pos {
		t.Fatalf("after the drag the dot is at %q and its field says %q; want past 50 and equal", pos, field)
	}
	if hold := host.js("read the hold", `String(document.getElementById("hill-board").hasAttribute("data-hold"))`); hold != "true" {
		t.Errorf("a moved, unsaved chart is not held against live updates")
	}
	note := "Landing page copy approved; building the launch sequence now."
	host.do("save with a note",
		chromedp.SendKeys(chromedp.CSS("#hill-note"), note),
		chromedp.Click(chromedp.CSS("#hill-save")),
		chromedp.WaitVisible(chromedp.Search(`//ol[contains(@class, "snaps")]/li[1][contains(., `+jsString(note)+`)]`)),
	)
	if page := bodyText(t, host.ctx); !strings.Contains(page, "Launch Sequencing: 28 → "+pos) {
		t.Errorf("the host's history lacks the move 28 → %s", pos)
	}

	// Priya's page shows the save without reloading, and the dot where
	// Maya put it.
	partner.do("see the save live", chromedp.WaitVisible(chromedp.Search(`//section[@id="hill-history"]//li[1][contains(., `+jsString(note)+`)]`)))
	partner.do("see the dot moved live", chromedp.WaitVisible(chromedp.CSS(`g.hill-dot[data-scope="`+launchID+`"][aria-valuenow="`+pos+`"]`)))

	// Priya moves Post-Launch Review (at 0) with the keyboard: three
	// steps right, then ten more with Page Up.
	_, _, reviewID := partner.dotCentre("Post-Launch Review")
	dot := `g.hill-dot[data-scope="` + reviewID + `"]`
	partner.do("move a dot with the keyboard",
		chromedp.Focus(chromedp.CSS(dot)),
		chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight),
		chromedp.KeyEvent(kb.PageUp),
		chromedp.WaitVisible(chromedp.CSS(dot+`[aria-valuenow="13"]`)),
	)
	if v := get(t, partner.ctx, "read its field", chromedp.Value(chromedp.CSS("#pos-"+reviewID))); v != "13" {
		t.Errorf("the keyboard-moved dot's field says %q, want 13", v)
	}
	partnerNote := "Retro agenda drafted with our sales team."
	partner.do("save with a note",
		chromedp.SendKeys(chromedp.CSS("#hill-note"), partnerNote),
		chromedp.Click(chromedp.CSS("#hill-save")),
		chromedp.WaitVisible(chromedp.Search(`//ol[contains(@class, "snaps")]/li[1][contains(., `+jsString(partnerNote)+`)]`)),
	)
	if page := bodyText(t, partner.ctx); !strings.Contains(page, "Post-Launch Review: 0 → 13") || strings.Contains(page, "Launch Sequencing: "+pos+" →") {
		t.Errorf("the partner's save is not just the keyboard move:\n%.800s", page)
	}
	host.do("see the partner's save live", chromedp.WaitVisible(chromedp.Search(`//section[@id="hill-history"]//li[1][contains(., `+jsString(partnerNote)+`)]`)))

	// A week later, compared: ghost dots and words for the change.
	host.do("compare", chromedp.Navigate(hill+"?compare=7d"), chromedp.WaitVisible(chromedp.CSS(".hill-banner")))
	host.noErrors()
	partner.noErrors()

	if *screenshots != "" {
		for _, shot := range []struct {
			path, file, ready string
		}{
			{"/hill", "hill", "#hill-board"},
			{"/hill?compare=7d", "hill-compare", "#hill-board"},
		} {
			host.snap(base+wsPath+shot.path, filepath.Join(*screenshots, shot.file+".png"), 1280, 800, shot.ready)
			host.snap(base+wsPath+shot.path, filepath.Join(*screenshots, shot.file+"-phone.png"), 390, 844, shot.ready)
		}
	}
}

// TestBrowserMilestoneOverride has the host try to complete "Assets
// approved" while checks are unmet, which the page refuses and explains,
// then complete it with an override decision that both sides sign; the
// partner watching the milestones sees it complete without reloading.
func TestBrowserMilestoneOverride(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	host := signIn(t, root, base, "maya@lumen.example", pw["maya@lumen.example"])
	partner := signIn(t, root, base, "priya@brightwave.example", pw["priya@brightwave.example"])
	wsPath := host.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)
	milestones := base + wsPath + "/milestones"

	host.do("open the milestones", chromedp.Navigate(milestones), chromedp.WaitVisible(chromedp.CSS(".ms-card")))
	id := host.js("find Assets approved", `[...document.querySelectorAll(".ms-card")].find(li => li.querySelector(".ms-title").textContent === "Assets approved").id.slice(2)`)
	card := "#m-" + id
	partner.do("watch the milestones", chromedp.Navigate(milestones), chromedp.WaitVisible(chromedp.CSS(card)))

	// Without an override the completion is refused, naming what is unmet.
	host.do("try to complete",
		chromedp.Click(chromedp.CSS(card+" .ms-override-form summary")),
		chromedp.Click(chromedp.CSS(card+` .ms-override-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#"+id+"-override_reason-error")),
	)
	refusal := get(t, host.ctx, "read the refusal", chromedp.Text(chromedp.CSS("#"+id+"-override_reason-error")))
	if !strings.Contains(refusal, "Assets approved cannot complete") || !strings.Contains(refusal, "unmet") {
		t.Errorf("the refusal says %q", refusal)
	}
	unmet := get(t, host.ctx, "read the unmet checks", chromedp.Text(chromedp.CSS(card+" .ms-unmet")))
	if !strings.Contains(unmet, "Not met yet") || strings.Count(unmet, "\n") < 2 {
		t.Errorf("the form lists as unmet: %q", unmet)
	}

	// With a launch call and a reason it becomes a decision to sign.
	host.do("complete with an override",
		chromedp.Click(chromedp.CSS(card+` input[name="override_kind"][value="launch_call"]`)),
		chromedp.SendKeys(chromedp.CSS("#"+id+"-reason"), "Legal cleared the claims by email; the asset folder is not in Duet yet. We launch on time."),
		chromedp.Click(chromedp.CSS(card+` .ms-override-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(card+" .ms-override")),
	)
	waiting := get(t, host.ctx, "read the override", chromedp.Text(chromedp.CSS(card+" .ms-override")))
	if !strings.Contains(waiting, "waiting for sign-off") || !strings.HasPrefix(waiting, "Override D-") {
		t.Errorf("the card says %q", waiting)
	}
	decision := host.js("override link", `document.querySelector("`+card+` .ms-override a").getAttribute("href")`)
	partner.do("see the override live", chromedp.WaitVisible(chromedp.CSS(card+" .ms-override")))

	if *screenshots != "" {
		host.snap(milestones+"#m-"+id, filepath.Join(*screenshots, "milestones-override.png"), 1280, 800, card)
	}

	// The launch call is signed by the Partner Marketing Manager (Maya) and
	// the Partner Marketing Lead: in the demo that is Jordan, the partner
	// admin; Priya holds neither role and is not asked to sign.
	host.do("host signs", chromedp.Navigate(base+decision), chromedp.WaitVisible(chromedp.CSS(".dec-sign button")),
		submit(".dec-sign"), chromedp.WaitVisible(chromedp.Search(`//h2[contains(., "Sign-off")]//span[contains(., "1 of 2")]`)))
	partner.do("partner reads the decision", chromedp.Navigate(base+decision), chromedp.WaitVisible(chromedp.CSS("#decision .status-proposed")))
	if n := get(t, partner.ctx, "count sign buttons", chromedp.Evaluate[int](`document.querySelectorAll(".dec-sign button").length`)); n != 0 {
		t.Errorf("Priya, who holds no launch-call role, is offered to sign")
	}
	partner.do("back to the milestones", chromedp.Navigate(milestones), chromedp.WaitVisible(chromedp.CSS(card+" .ms-override")))
	jordan := signIn(t, root, base, "jordan@brightwave.example", pw["jordan@brightwave.example"])
	jordan.do("partner lead signs", chromedp.Navigate(base+decision), chromedp.WaitVisible(chromedp.CSS(".dec-sign button")),
		submit(".dec-sign"), chromedp.WaitVisible(chromedp.CSS("#decision .status-approved")))

	// Approved: the milestone is complete, live on Priya's page too.
	partner.do("see it complete live", chromedp.WaitVisible(chromedp.CSS(card+".is-complete .ms-done")))
	host.do("see it complete", chromedp.Navigate(milestones), chromedp.WaitVisible(chromedp.CSS(card+".is-complete")))
	done := get(t, host.ctx, "read completion", chromedp.Text(chromedp.CSS(card+" .ms-done")))
	if !strings.Contains(done, "by override D-") || !strings.Contains(done, "signed by both sides") {
		t.Errorf("the completed card says %q", done)
	}
	host.noErrors()
	partner.noErrors()
	jordan.noErrors()

	if *screenshots != "" {
		host.snap(milestones, filepath.Join(*screenshots, "milestones.png"), 1280, 800, ".ms-card")
		host.snap(milestones, filepath.Join(*screenshots, "milestones-phone.png"), 390, 844, ".ms-card")
	}
}
