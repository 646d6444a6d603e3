package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// checkInLink returns the path of the current meeting of the check-in
// titled title, from the workspace's check-in list.
func (p *person) checkInLink(wsPath, title string) string {
	p.t.Helper()
	p.do("open the check-ins", chromedp.Navigate(p.base+wsPath+"/check-ins"), chromedp.WaitVisible(chromedp.CSS(".ci-card")))
	href := p.js("find "+title, `(() => {
		const card = [...document.querySelectorAll(".ci-card")].find(c => c.querySelector(".ci-card-title a").textContent === `+jsString(title)+`);
		return card ? card.querySelector(".ci-now a.btn").getAttribute("href") : "";
	})()`)
	if !strings.HasPrefix(href, wsPath+"/occurrences/") {
		p.t.Fatalf("%s: the current meeting of %s links %q", p.name, title, href)
	}
	return href
}

// answered reads the meeting page's "n of m answered".
func (p *person) answered() string {
	p.t.Helper()
	return get(p.t, p.ctx, p.name+": read the count", chromedp.Text(chromedp.CSS("#occ-answers .occ-count")))
}

// notAnswered lists the names under "Not answered yet".
func (p *person) notAnswered() string {
	p.t.Helper()
	return p.js("read who has not answered", `[...document.querySelectorAll("#occ-answers .na-name")].map(n => n.textContent.replace(/\s+you$/, "")).join(", ")`)
}

// answerText waits until the answers to question show text.
func answerText(question, text string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.Search(`//div[@id="q-` + question + `"]//div[contains(@class, "prose")][contains(., ` + jsString(text) + `)]`))
}

// snapFull saves a screenshot of the whole page at the given width.
func (p *person) snapFull(url, file string, width int64, ready string) {
	p.t.Helper()
	p.do("open "+url, chromedp.EmulateViewport(width, 900), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(ready)))
	png := get(p.t, p.ctx, "screenshot "+file, chromedp.FullScreenshot(100))
	p.do("reset viewport", chromedp.EmulateViewport(1280, 800))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// TestBrowserCheckInMeeting has host and partner answer the Monday
// check-in in browsers of their own and see each other's answers arrive,
// then vote on the Thursday launch readiness: Maya (host) go, Jordan
// (partner) no-go, refused first without a reason. Both see the launch
// call recorded as a decision.
func TestBrowserCheckInMeeting(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	maya := signIn(t, root, base, "maya@lumen.example", pw["maya@lumen.example"])
	priya := signIn(t, root, base, "priya@brightwave.example", pw["priya@brightwave.example"])
	wsPath := maya.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)

	// The Monday check-in: its first meeting is open, Dev and Jordan have
	// answered early.
	monday := maya.checkInLink(wsPath, "Weekly campaign check-in")
	if got := priya.checkInLink(wsPath, "Weekly campaign check-in"); got != monday {
		t.Fatalf("the two sides' current Monday meetings differ: %s and %s", monday, got)
	}
	maya.do("open the meeting", chromedp.Navigate(base+monday), chromedp.WaitVisible(chromedp.CSS("#ans-progress-body")))
	priya.do("open the meeting", chromedp.Navigate(base+monday), chromedp.WaitVisible(chromedp.CSS("#ans-blockers-body")))
	if got := maya.answered(); got != "2 of 6 answered" {
		t.Errorf("before anyone answers here the count is %q", got)
	}
	before := priya.notAnswered()
	for _, who := range []string{"Maya Okafor", "Priya Natarajan"} {
		if !strings.Contains(before, who) {
			t.Errorf("%s is not listed as not answered: %q", who, before)
		}
	}

	// Maya answers; the form says so and Priya's page shows it live.
	mayaSays := "Speaker deck v2 is approved on our side; the registration page went live on Friday."
	maya.do("answer progress",
		chromedp.SendKeys(chromedp.CSS("#ans-progress-body"), mayaSays),
		chromedp.Click(chromedp.CSS(`#ans-progress button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#ans-progress .ans-saved[role="status"]`)),
		answerText("progress", mayaSays),
	)
	priya.do("see Maya's answer live", answerText("progress", mayaSays))
	priya.do("see the count go up", chromedp.WaitVisible(chromedp.Search(`//p[@class="occ-count"][. = "3 of 6 answered"]`)))

	// Priya answers the blockers question; it is on the agenda too.
	priyaSays := "Our legal team still has to clear the co-branded logo lockup. ETA Wednesday."
	priya.do("answer blockers",
		chromedp.SendKeys(chromedp.CSS("#ans-blockers-body"), priyaSays),
		chromedp.Click(chromedp.CSS(`#ans-blockers button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#ans-blockers .ans-saved[role="status"]`)),
	)
	maya.do("see Priya's answer live", answerText("blockers", priyaSays))
	maya.do("see it on the agenda", chromedp.WaitVisible(chromedp.Search(`//section[@id="occ-agenda"]//ol[contains(@class, "ag-answers")][contains(., `+jsString(priyaSays)+`)]`)))
	for _, p := range []*person{maya, priya} {
		p.do("see the count", chromedp.WaitVisible(chromedp.Search(`//p[@class="occ-count"][. = "4 of 6 answered"]`)))
		left := p.notAnswered()
		if strings.Contains(left, "Maya Okafor") || strings.Contains(left, "Priya Natarajan") || !strings.Contains(left, "Inès Laurent") {
			t.Errorf("%s: not answered after both answered: %q", p.name, left)
		}
		// Section titles are upper case on screen: compare in lower case.
		page := strings.ToLower(bodyText(t, p.ctx))
		for _, want := range []string{mayaSays, priyaSays, "Newsletter slot booked for launch week", "Blockers", "Waiting for sign-off"} {
			if !strings.Contains(page, strings.ToLower(want)) {
				t.Errorf("%s: the meeting page lacks %q", p.name, want)
			}
		}
	}

	if *screenshots != "" {
		maya.snapFull(base+monday, filepath.Join(*screenshots, "checkin-monday.png"), 1280, "#occ-answers")
		maya.snapFull(base+monday, filepath.Join(*screenshots, "checkin-monday-phone.png"), 390, "#occ-answers")
		priya.snapFull(base+monday, filepath.Join(*screenshots, "checkin-monday-partner.png"), 1280, "#occ-answers")
		priya.snapFull(base+monday, filepath.Join(*screenshots, "checkin-monday-partner-phone.png"), 390, "#occ-answers")
	}

	// The Thursday launch readiness: Maya votes go, Jordan no-go.
	jordan := signIn(t, root, base, "jordan@brightwave.example", pw["jordan@brightwave.example"])
	thursday := maya.checkInLink(wsPath, "Thursday launch readiness")
	maya.do("open the readiness meeting", chromedp.Navigate(base+thursday), chromedp.WaitVisible(chromedp.CSS("#go-no-go .vote-form")))
	settings := maya.js("the check-in's page", `document.querySelector(".back a").getAttribute("href")`)
	jordan.do("open the readiness meeting", chromedp.Navigate(base+thursday), chromedp.WaitVisible(chromedp.CSS("#go-no-go .vote-form")))
	if page := strings.ToLower(bodyText(t, jordan.ctx)); !strings.Contains(page, "open gates") || !strings.Contains(page, "next 14 days") || !strings.Contains(page, "your vote for brightwave cloud") {
		t.Errorf("the readiness page lacks its summary or vote form:\n%.1200s", page)
	}

	// A no-go without a reason is refused at the reason.
	jordan.do("vote no-go without a reason",
		chromedp.Click(chromedp.CSS(`#go-no-go input[name="vote"][value="no_go"]`)),
		chromedp.Click(chromedp.CSS(`#go-no-go .vote-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#reason-error")),
	)
	if msg := get(t, jordan.ctx, "read the error", chromedp.Text(chromedp.CSS("#reason-error"))); !strings.Contains(msg, "A no-go needs a reason") {
		t.Errorf("the reason error says %q", msg)
	}
	if checked := jordan.js("read the choice", `String(document.querySelector('#go-no-go input[value="no_go"]').checked)`); checked != "true" {
		t.Error("the refused no-go is no longer chosen")
	}
	if *screenshots != "" {
		jordan.do("phone width", chromedp.EmulateViewport(390, 844))
		jordan.js("scroll to the vote", `document.getElementById("go-no-go").scrollIntoView(), ""`)
		png := get(t, jordan.ctx, "screenshot the refused vote", chromedp.CaptureScreenshot())
		jordan.do("laptop width", chromedp.EmulateViewport(1280, 800))
		if err := os.WriteFile(filepath.Join(*screenshots, "checkin-vote-error-phone.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	maya.do("vote go",
		chromedp.Click(chromedp.CSS(`#go-no-go input[name="vote"][value="go"]`)),
		chromedp.Click(chromedp.CSS(`#go-no-go .vote-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#go-no-go .vote.side-host.is-go")),
	)
	jordan.do("see Maya's vote live", chromedp.WaitVisible(chromedp.CSS("#go-no-go .vote.side-host.is-go")))
	reason := "The webinar platform's registration sync to HubSpot fails for EU leads; we need a fix before we go."
	jordan.do("vote no-go with a reason",
		chromedp.SendKeys(chromedp.CSS("#vote-reason"), reason),
		chromedp.Click(chromedp.CSS(`#go-no-go .vote-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#go-no-go .call.is-nogo")),
	)
	maya.do("see the launch call live", chromedp.WaitVisible(chromedp.CSS("#go-no-go .call.is-nogo")))
	for _, p := range []*person{maya, jordan} {
		call := get(t, p.ctx, p.name+": read the call", chromedp.Text(chromedp.CSS("#go-no-go .call")))
		if !strings.Contains(call, "Launch call: No-go") || !strings.Contains(call, "Recorded in #decisions as D-") {
			t.Errorf("%s: the launch call reads %q", p.name, call)
		}
		if page := bodyText(t, p.ctx); !strings.Contains(page, reason) {
			t.Errorf("%s: the page lacks Jordan's reason", p.name)
		}
	}
	decision := maya.js("launch call link", `document.querySelector("#go-no-go .call a").getAttribute("href")`)
	if !strings.HasPrefix(decision, wsPath+"/decisions/") {
		t.Fatalf("the launch call links %q", decision)
	}
	jordan.do("open the launch call", chromedp.Navigate(base+decision), chromedp.WaitVisible(chromedp.CSS("#decision .status-approved")))
	if page := bodyText(t, jordan.ctx); !strings.Contains(page, "Launch call: No-go") || !strings.Contains(page, reason) {
		t.Errorf("the launch call decision reads:\n%.800s", page)
	}

	if *screenshots != "" {
		maya.snapFull(base+thursday, filepath.Join(*screenshots, "checkin-readiness.png"), 1280, "#go-no-go")
		maya.snapFull(base+thursday, filepath.Join(*screenshots, "checkin-readiness-phone.png"), 390, "#go-no-go")
		jordan.snapFull(base+thursday, filepath.Join(*screenshots, "checkin-readiness-partner.png"), 1280, "#go-no-go")
		jordan.snapFull(base+thursday, filepath.Join(*screenshots, "checkin-readiness-partner-phone.png"), 390, "#go-no-go")
		maya.snapFull(base+wsPath+"/check-ins", filepath.Join(*screenshots, "checkins.png"), 1280, ".ci-card")
		maya.snapFull(base+wsPath+"/check-ins", filepath.Join(*screenshots, "checkins-phone.png"), 390, ".ci-card")
		maya.snapFull(base+settings, filepath.Join(*screenshots, "checkin-settings.png"), 1280, ".ci-head")
	}
	maya.noErrors()
	priya.noErrors()
	jordan.noErrors()
}
