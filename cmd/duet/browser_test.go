package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
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
	ctx, cancel3 := context.WithTimeout(ctx, 3*time.Minute)
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

// demoPasswords reads the demo logins `serve --demo` prints: email → password.
func demoPasswords(t *testing.T, out string) map[string]string {
	t.Helper()
	pw := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 2 && strings.Contains(f[0], "@") {
			pw[f[0]] = f[1]
		}
	}
	if len(pw) == 0 {
		t.Fatalf("no demo logins printed:\n%s", out)
	}
	return pw
}

// person is one signed-in user in a browser context of their own, with
// cookies apart from everyone else's.
type person struct {
	t    *testing.T
	name string
	ctx  context.Context
	base string

	mu     sync.Mutex
	errors []string // script exceptions and console errors of the tab
}

// signIn opens a new browser context (a separate cookie jar) and signs in.
func signIn(t *testing.T, root context.Context, base, email, password string) *person {
	t.Helper()
	p := &person{t: t, name: email, base: base}
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext(), chromedp.WithListener(p.listen))
	t.Cleanup(cancel)
	p.ctx = ctx
	p.do("sign in",
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		submit(`form[action="/login"]`),
		chromedp.WaitVisible(chromedp.CSS(".ws-card")),
	)
	return p
}

// listen records the tab's script errors: the pages must run clean.
func (p *person) listen(ev any) {
	var msg string
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type != runtime.ConsoleAPICalledTypeError {
			return
		}
		for _, a := range e.Args {
			msg += " " + string(a.Value) + a.Description
		}
	default:
		return
	}
	p.mu.Lock()
	p.errors = append(p.errors, msg)
	p.mu.Unlock()
}

// noErrors fails the test if the tab reported script errors.
func (p *person) noErrors() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.errors {
		p.t.Errorf("%s: script error: %s", p.name, e)
	}
}

func (p *person) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	do(p.t, p.ctx, p.name+": "+what, actions...)
}

// js evaluates an expression (awaiting a promise) in the person's tab.
func (p *person) js(what, expr string) string {
	p.t.Helper()
	return get(p.t, p.ctx, p.name+": "+what, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
}

// post sends a form from the person's page, as a form of this site would,
// and returns the status and the final URL or body.
func (p *person) post(path string, form map[string]string) (int, string) {
	p.t.Helper()
	b, _ := json.Marshal(form)
	res := p.js("POST "+path, `fetch(`+jsString(path)+`, {method: "POST", body: new URLSearchParams(`+string(b)+`)})
		.then(r => r.text().then(t => JSON.stringify({status: r.status, url: r.url, body: t})))`)
	var out struct {
		Status    int
		URL, Body string
	}
	if err := json.Unmarshal([]byte(res), &out); err != nil {
		p.t.Fatal(err)
	}
	return out.Status, out.URL + "\n" + out.Body
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// channels returns the sidebar's channels: name → path.
func (p *person) channels() map[string]string {
	p.t.Helper()
	raw := p.js("read the sidebar", `JSON.stringify(Object.fromEntries([...document.querySelectorAll("#channel-nav a.chan")]
		.map(a => [a.querySelector(".chan-name").textContent, a.getAttribute("href")])))`)
	m := map[string]string{}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		p.t.Fatal(err)
	}
	return m
}

// html returns the page's whole HTML.
func (p *person) html() string {
	return get(p.t, p.ctx, p.name+": read the page", chromedp.OuterHTML(chromedp.CSS("html")))
}

// messageText waits until a message with the text is shown.
func messageText(text string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.Search(`//li[contains(@class, "msg")]//*[contains(text(), ` + jsString(text) + `)]`))
}

// say types a message into the open channel's composer and sends it with
// Ctrl+Enter, and waits until it is shown.
func (p *person) say(text string) {
	p.t.Helper()
	p.do("say "+text,
		chromedp.WaitVisible(chromedp.CSS("#composer-body")),
		chromedp.SendKeys(chromedp.CSS("#composer-body"), text),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		messageText(text),
	)
}

// TestBrowserChannelsDecisionsLive has a host and a partner user, each in
// a browser context of their own, talk in a channel, see each other's
// messages and unread counts live, record a message as a decision and
// sign it from both sides; and checks that a host-only channel never
// reaches the partner by any path.
func TestBrowserChannelsDecisionsLive(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	host := signIn(t, root, base, "maya@lumen.example", pw["maya@lumen.example"])
	partner := signIn(t, root, base, "priya@brightwave.example", pw["priya@brightwave.example"])

	wsPath := partner.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)
	ws := strings.TrimPrefix(wsPath, "/w/")
	host.do("open workspace", chromedp.Navigate(base+wsPath), chromedp.WaitVisible(chromedp.CSS("#channel-nav")))
	partner.do("open workspace", chromedp.Navigate(base+wsPath), chromedp.WaitVisible(chromedp.CSS("#channel-nav")))
	chans := host.channels()
	dayToDay, kickoff := chans["day-to-day"], chans["kickoff"]
	if dayToDay == "" || kickoff == "" || chans["decisions"] != wsPath+"/decisions" {
		t.Fatalf("sidebar channels: %v", chans)
	}

	// A conversation, so that the pages look like a campaign in progress.
	for _, m := range []struct {
		who  *person
		body string
	}{
		{host, "Morning! The landing page draft is up in Drive — **hero section** still open."},
		{partner, "Thanks @Maya Okafor. Our brand team prefers the blue variant; the orange one clashes with our logo."},
		{host, "Makes sense. Checking with design, I'll come back today."},
	} {
		if status, body := m.who.post(dayToDay+"/messages", map[string]string{"body": m.body}); status != 200 {
			t.Fatalf("seed message: %d %s", status, body)
		}
	}

	// The partner watches #day-to-day; the host's message arrives live.
	partner.do("open #day-to-day", chromedp.Navigate(base+dayToDay), messageText("Checking with design"))
	host.do("open #day-to-day", chromedp.Navigate(base+dayToDay), messageText("Checking with design"))
	decided := "ok, we agreed to go with the blue hero image"
	host.do("send an empty message",
		chromedp.Focus(chromedp.CSS("#composer-body")),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.WaitVisible(chromedp.CSS("#composer #body-error")),
	)
	host.say(decided)
	partner.do("see the message live", messageText(decided))

	// A message in another channel raises the partner's unread badge.
	host.do("open #kickoff", chromedp.Navigate(base+kickoff), chromedp.WaitVisible(chromedp.CSS("#composer-body")))
	host.say("Kickoff notes are in the brief, please add your goals.")
	badge := `#channel-nav a[href="` + kickoff + `"] .unread`
	partner.do("see the unread badge", chromedp.WaitVisible(chromedp.CSS(badge)))
	if n := get(t, partner.ctx, "read badge", chromedp.Text(chromedp.CSS(badge))); !strings.HasPrefix(n, "1") {
		t.Errorf("partner's #kickoff badge = %q, want 1", n)
	}
	// The sidebar's links swap the page in place (htmx); opening #kickoff
	// reads it, and back in #day-to-day its badge is gone for good.
	partner.do("open #kickoff from the sidebar",
		chromedp.Click(chromedp.CSS(`#channel-nav a[href="`+kickoff+`"]`)),
		messageText("Kickoff notes are in the brief"),
		chromedp.WaitVisible(chromedp.CSS(`.page-shell.is-full #messages[data-read]`)),
	)
	partner.do("back to #day-to-day from the sidebar",
		chromedp.Click(chromedp.CSS(`#channel-nav a[href="`+dayToDay+`"]`)),
		messageText(decided),
		chromedp.WaitNotPresent(chromedp.CSS(badge)),
	)

	// A host-only channel: its name and messages never reach the partner.
	secret := "margin floor is 18 percent"
	host.do("create a host-only channel",
		chromedp.Click(chromedp.CSS(".new-channel-btn")),
		chromedp.SendKeys(chromedp.CSS("#channel-name"), "lumen-internal"),
		chromedp.SendKeys(chromedp.CSS("#channel-purpose"), "Our own pricing and margin talk"),
		chromedp.Click(chromedp.CSS(`.channel-form input[name="visibility"][value="host"]`)),
		submit(".channel-form"),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "lumen-internal")]`)),
		chromedp.WaitVisible(chromedp.CSS(".vis-badge.vis-host")),
	)
	internal := host.channels()["lumen-internal"]
	if internal == "" {
		t.Fatal("the new channel is not in the host's sidebar")
	}
	host.say(secret)
	secretID := host.js("secret id", `document.querySelector("#messages li.msg:last-child").id.slice(2)`)
	host.do("back to #day-to-day", chromedp.Navigate(base+dayToDay), messageText(decided))
	after := "Design confirmed: blue it is, files follow."
	host.say(after)
	partner.do("see the shared message after the host-only one", messageText(after))
	internalID := strings.TrimPrefix(internal, wsPath+"/c/")
	for _, leak := range []string{"lumen-internal", secret, internalID, secretID, "Our own pricing"} {
		if strings.Contains(partner.html(), leak) {
			t.Errorf("the partner's page contains %q", leak)
		}
	}
	partner.do("search for the secret", chromedp.Navigate(base+wsPath+"/search?q=margin+floor"), chromedp.WaitVisible(chromedp.CSS(".results-count")))
	if page := partner.html(); strings.Contains(page, secret) || !strings.Contains(page, "0 results") {
		t.Errorf("the partner's search shows the host-only message:\n%.600s", bodyText(t, partner.ctx))
	}
	host.do("search for the secret", chromedp.Navigate(base+wsPath+"/search?q=margin+floor"), chromedp.WaitVisible(chromedp.CSS(".hit mark")))
	// The partner's event stream, replayed from the first event, carries
	// the shared channel's messages and nothing of the host-only channel.
	stream := partner.js("read the event stream", `(async () => {
		const res = await fetch("/w/`+ws+`/events", {headers: {"Last-Event-ID": "1"}});
		const reader = res.body.getReader(), dec = new TextDecoder();
		let text = "";
		const end = Date.now() + 5000;
		while (Date.now() < end && text.split("event: message.posted").length <= 6) {
			const next = await Promise.race([reader.read(), new Promise(r => setTimeout(() => r({timeout: true}), 1000))]);
			if (next.done) break;
			if (next.value) text += dec.decode(next.value);
		}
		reader.cancel();
		return text;
	})()`)
	if strings.Count(stream, "event: message.posted") < 5 {
		t.Errorf("the partner's stream lacks the shared messages:\n%s", stream)
	}
	for _, leak := range []string{internalID, secretID} {
		if strings.Contains(stream, leak) {
			t.Errorf("the partner's event stream carries %q:\n%s", leak, stream)
		}
	}

	// Record the message as a decision, sign it on both sides.
	host.do("back to #day-to-day", chromedp.Navigate(base+dayToDay), messageText(decided))
	msgID := host.js("find the message", `[...document.querySelectorAll("#messages li.msg")].find(li => li.textContent.includes(`+jsString(decided)+`)).id`)
	// The composer stays at the bottom of the window; bring the message
	// above it, as a person would scroll to it.
	host.js("scroll to the message", `document.getElementById("`+msgID+`").scrollIntoView({block: "center"}), ""`)
	host.do("record as decision",
		chromedp.Click(chromedp.CSS("#"+msgID+" .cand-record")),
		chromedp.WaitVisible(chromedp.CSS("#kind")),
		chromedp.SetValue(chromedp.CSS("#kind"), "creative"),
	)
	if body := get(t, host.ctx, "read body", chromedp.Value(chromedp.CSS("#body"))); !strings.Contains(body, decided) {
		t.Errorf("the decision form's text is %q", body)
	}
	host.do("rationale and propose",
		chromedp.SendKeys(chromedp.CSS("#rationale"), "Blue matches both brands' palettes; the orange variant clashed with the partner logo."),
		submit(`form[action="`+wsPath+`/decisions"]`),
		chromedp.WaitVisible(chromedp.CSS("#decision .status-proposed")),
	)
	decision := strings.TrimPrefix(get(t, host.ctx, "decision URL", chromedp.Location()), base)
	// A creative decision is signed by the Designer (Inès) and the
	// Partner Content Lead (Priya).
	designer := signIn(t, root, base, "ines@lumen.example", pw["ines@lumen.example"])
	designer.do("designer opens it", chromedp.Navigate(base+decision), chromedp.WaitVisible(chromedp.CSS(".dec-sign button")))
	designer.do("host signs", submit(".dec-sign"), chromedp.WaitVisible(chromedp.Search(`//h2[contains(., "Sign-off")]//span[contains(., "1 of 2")]`)))
	partner.do("partner opens it", chromedp.Navigate(base+decision), chromedp.WaitVisible(chromedp.CSS(".dec-sign button")))
	partner.do("partner signs", submit(".dec-sign"), chromedp.WaitVisible(chromedp.CSS("#decision .status-approved")))
	host.do("host sees it approved live", chromedp.WaitVisible(chromedp.CSS("#decision .status-approved")))
	if edit := get(t, partner.ctx, "count edit links", chromedp.Evaluate[int](`document.querySelectorAll('#decision a[href$="/edit"]').length`)); edit != 0 {
		t.Errorf("an approved decision offers %d edit links", edit)
	}
	status, body := partner.post(decision+"/edit", map[string]string{"version": "1", "title": "Orange after all", "body": "Orange hero."})
	if status != 409 || !strings.Contains(body, "approved and locked") {
		t.Errorf("editing an approved decision: %d\n%.400s", status, body)
	}
	status, body = designer.post(decision+"/sign", map[string]string{"version": "1"})
	if status != 409 {
		t.Errorf("signing an approved decision again: %d\n%.300s", status, body)
	}
	partner.do("the message links the decision", chromedp.Navigate(base+dayToDay), chromedp.WaitVisible(chromedp.CSS("#"+msgID+" .decision-tag")))
	host.noErrors()
	designer.noErrors()
	partner.noErrors()

	if *screenshots != "" {
		host.do("react", chromedp.Navigate(base+dayToDay), messageText(after))
		for _, e := range []string{"👍", "🎉"} {
			partner.post("/w/"+ws+"/m/"+msgID[2:]+"/react", map[string]string{"emoji": e})
		}
		host.post("/w/"+ws+"/m/"+msgID[2:]+"/react", map[string]string{"emoji": "👍"})
		// More of a campaign: a reply, a decision made in chat and not
		// recorded, and decisions waiting for sign-off.
		for _, seed := range []struct {
			who  *person
			path string
			form map[string]string
		}{
			{partner, dayToDay + "/messages", map[string]string{"body": "Uploaded the partner logo lockups to the folder.", "parent_id": msgID[2:]}},
			{partner, dayToDay + "/messages", map[string]string{"body": "Great, recorded and signed as D-1. I'll brief our designer."}},
			{host, wsPath + "/decisions", map[string]string{"kind": "lead_share_rules", "title": "Webinar registrations route by company HQ region",
				"body": "EMEA and APAC registrants go to Brightwave sales, Americas to Lumen. Follow-up within 2 business days."}},
			{partner, wsPath + "/decisions", map[string]string{"kind": "launch_sequencing", "title": "Partner announcement goes out 24 h after the Lumen blog post",
				"body": "Lumen publishes Tuesday 9:00 ET; Brightwave posts Wednesday 9:00 ET and links back."}},
			{partner, dayToDay + "/messages", map[string]string{"body": "Let's go with Tuesday 10am ET for the live session, so both teams' regions are covered."}},
		} {
			if status, body := seed.who.post(seed.path, seed.form); status != 200 {
				t.Fatalf("seed %s: %d %.300s", seed.path, status, body)
			}
		}
		for _, shot := range []struct {
			who        *person
			path, file string
			ready      string
		}{
			{host, dayToDay, "channel", "#composer-body"},
			{partner, decision, "decision", "#decision"},
			{host, wsPath + "/decisions", "decisions", "#unrecorded .card-head"},
			{partner, wsPath, "workspace", "#channel-nav"},
			{partner, "/inbox", "inbox", ".notes"},
			{host, wsPath + "/search?q=blue", "search", ".hits"},
			{partner, "/w/" + ws + "/m/" + msgID[2:], "thread", "#replies"},
			{host, wsPath + "/decisions/new?from=" + msgID[2:], "decision-new", "#kind"},
		} {
			shot.who.snap(base+shot.path, filepath.Join(*screenshots, shot.file+".png"), 1280, 800, shot.ready)
			shot.who.snap(base+shot.path, filepath.Join(*screenshots, shot.file+"-phone.png"), 390, 844, shot.ready)
		}
	}
}

// snap saves a screenshot of the viewport at the given size.
func (p *person) snap(url, file string, width, height int64, ready string) {
	p.t.Helper()
	p.do(fmt.Sprintf("open %s at %dpx", url, width), chromedp.EmulateViewport(width, height), chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(ready)))
	png := get(p.t, p.ctx, "screenshot "+file, chromedp.CaptureScreenshot())
	p.do("reset viewport", chromedp.EmulateViewport(1280, 800))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}
