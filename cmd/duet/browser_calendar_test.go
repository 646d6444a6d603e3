package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// centre returns where the element matching css is on the screen, after
// scrolling it into view.
func (p *person) centre(css string) (x, y float64) {
	p.t.Helper()
	raw := p.js("find "+css, `(() => {
		const el = document.querySelector(`+jsString(css)+`);
		if (!el) return "";
		el.scrollIntoView({block: "center"});
		const r = el.getBoundingClientRect();
		return (r.left + r.width / 2) + " " + (r.top + Math.min(r.height / 2, 20));
	})()`)
	f := strings.Fields(raw)
	if len(f) != 2 {
		p.t.Fatalf("%s: no %s on the page", p.name, css)
	}
	x, _ = strconv.ParseFloat(f[0], 64)
	y, _ = strconv.ParseFloat(f[1], 64)
	return x, y
}

// TestBrowserLaunchCalendar has the Partner Marketing Lead, Jordan,
// schedule the partner newsletter by email for tomorrow, shipping the
// ebook that is still in review: it is flagged red with the reason on its
// page, in the month view and on the Thursday readiness agenda. Jordan
// then drags it to another day; Maya (host), watching the same month,
// sees it move without reloading, and its page shows the new day at the
// same time of day.
func TestBrowserLaunchCalendar(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	jordan := signIn(t, root, base, "jordan@brightwave.example", pw["jordan@brightwave.example"])
	maya := signIn(t, root, base, "maya@lumen.example", pw["maya@lumen.example"])
	wsPath := jordan.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)

	// The form names the workspace's zone; tomorrow 09:00 there is at
	// most two business days out, so the ebook's approval is already late.
	jordan.do("open the new-entry form", chromedp.Navigate(base+wsPath+"/calendar/new"), chromedp.WaitVisible(chromedp.CSS("#new-title")))
	zone := strings.Trim(jordan.js("read the zone", `document.querySelector('label[for="new-publish"] .muted').textContent`), "()")
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatalf("the form's zone %q: %v", zone, err)
	}
	day := time.Now().In(loc).AddDate(0, 0, 1)
	ebook := jordan.js("find the ebook", `(() => {
		const box = [...document.querySelectorAll('input[name="assets"]')].find(i => i.closest("label").textContent.includes("Data pipelines at scale"));
		return box ? box.id || (box.id = "ebook-box") : "";
	})()`)
	if ebook == "" {
		t.Fatal("the form does not offer the ebook")
	}
	if state := jordan.js("ebook state", `document.getElementById("ebook-box").closest("label").querySelector(".astate").textContent`); state != "In review" {
		t.Fatalf("the ebook is %q, want In review", state)
	}
	jordan.js("choose email and tomorrow 09:00", `document.getElementById("new-channel").value = "email";
		document.getElementById("new-publish").value = `+jsString(day.Format("2006-01-02")+"T09:00")+`; ""`)
	jordan.do("schedule the newsletter",
		chromedp.SendKeys(chromedp.CSS("#new-title"), "Partner newsletter feature"),
		chromedp.Click(chromedp.CSS("#ebook-box")),
		submit("form.entry-form"),
		chromedp.WaitVisible(chromedp.CSS("#entry-head, .field-error, .alert-error")),
	)
	if errs := jordan.js("read errors", `[...document.querySelectorAll(".field-error, .alert-error")].map(e => e.textContent).join("; ")`); errs != "" {
		t.Fatalf("scheduling was refused: %s", errs)
	}
	entry := strings.TrimPrefix(get(t, jordan.ctx, "entry URL", chromedp.Location()), base)
	id := entry[strings.LastIndex(entry, "/")+1:]
	if !strings.HasPrefix(entry, wsPath+"/calendar/") {
		t.Fatalf("after scheduling the browser is at %s", entry)
	}
	head := get(t, jordan.ctx, "read the head", chromedp.Text(chromedp.CSS("#entry-head")))
	for _, want := range []string{"Partner newsletter feature", "Email", "Partner Marketing Lead", "Its timing slips",
		"Data pipelines at scale — ebook is still in review", day.Format("Mon 2 Jan 2006") + ", 09:00"} {
		if !strings.Contains(head, want) {
			t.Errorf("the entry's head lacks %q:\n%s", want, head)
		}
	}
	jordan.do("the head is red", chromedp.WaitVisible(chromedp.CSS("#entry-head.is-slipping")))

	// The month view flags it: red, "!", the reason as its tooltip and in
	// words for screen readers, and in the banner of every slip.
	month := wsPath + "/calendar?view=month&date=" + day.Format("2006-01-02")
	chip := "#chip-" + id
	for _, p := range []*person{jordan, maya} {
		p.do("open the month", chromedp.Navigate(base+month), chromedp.WaitVisible(chromedp.CSS(chip+".is-slipping .cal-flag")))
	}
	tip := jordan.js("read the tooltip", `document.querySelector("`+chip+`").getAttribute("title")`)
	spoken := jordan.js("read the hidden words", `document.querySelector("`+chip+` .cal-chip-link .visually-hidden").textContent`)
	for _, s := range []string{tip, spoken} {
		if !strings.Contains(s, "Data pipelines at scale — ebook is still in review") {
			t.Errorf("the chip does not say why it slips: %q", s)
		}
	}
	if n := jordan.js("banner link", `String(document.querySelectorAll('.cal-slips a[href="`+entry+`"]').length)`); n != "1" {
		t.Errorf("the slips banner links the entry %s times", n)
	}

	// Thursday's readiness meeting lists it under Launch timing.
	thursday := jordan.checkInLink(wsPath, "Thursday launch readiness")
	jordan.do("open the readiness meeting", chromedp.Navigate(base+thursday), chromedp.WaitVisible(chromedp.CSS("#occ-readiness")))
	if ready := get(t, jordan.ctx, "read readiness", chromedp.Text(chromedp.CSS("#occ-readiness"))); !strings.Contains(ready, "Launch timing") ||
		!strings.Contains(ready, "Partner newsletter feature") || !strings.Contains(ready, "still in review") {
		t.Errorf("the readiness meeting lacks the slip:\n%s", ready)
	}

	// Jordan drags the chip to the next day (the day before when the
	// next is past the grid); Maya's month follows.
	jordan.do("back to the month", chromedp.Navigate(base+month), chromedp.WaitVisible(chromedp.CSS(chip)))
	to := day.AddDate(0, 0, 1)
	if jordan.js("is the next day shown", `String(!!document.querySelector('[data-drop-date="`+to.Format("2006-01-02")+`"]'))`) != "true" {
		to = day.AddDate(0, 0, -1)
	}
	target := `[data-drop-date="` + to.Format("2006-01-02") + `"]`
	x, y := jordan.centre(chip)
	tx, ty := jordan.centre(target)
	jordan.do("drag the chip",
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, x+4, y+4, held),
		chromedp.MouseEvent(chromedp.MouseMoved, (x+tx)/2, (y+ty)/2, held),
		chromedp.MouseEvent(chromedp.MouseMoved, tx, ty, held),
		chromedp.MouseEvent(chromedp.MouseMoved, tx+2, ty+2, held),
		chromedp.MouseEvent(chromedp.MouseReleased, tx+2, ty+2, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
	moved := target + " " + chip
	jordan.do("see it moved", chromedp.WaitVisible(chromedp.CSS(moved)), chromedp.WaitVisible(chromedp.CSS("#cal-region .alert-ok")))
	if note := get(t, jordan.ctx, "read the note", chromedp.Text(chromedp.CSS("#cal-region .alert-ok"))); !strings.Contains(note, to.Format("Mon 2 Jan 2006")+", 09:00") {
		t.Errorf("after the drop the calendar says %q", note)
	}
	maya.do("see it move live", chromedp.WaitVisible(chromedp.CSS(moved)))

	jordan.do("open the entry", chromedp.Navigate(base+entry), chromedp.WaitVisible(chromedp.CSS("#entry-when")))
	if when := get(t, jordan.ctx, "read when", chromedp.Text(chromedp.CSS("#entry-when"))); !strings.HasPrefix(when, to.Format("Mon 2 Jan 2006")+", 09:00") {
		t.Errorf("the entry publishes %q, want %s at 09:00", when, to.Format("Mon 2 Jan 2006"))
	}
	if hist := get(t, jordan.ctx, "read history", chromedp.Text(chromedp.CSS("#entry-history"))); !strings.Contains(hist, "moved it to "+to.Format("Mon 2 Jan 2006")+" 09:00") {
		t.Errorf("the history lacks the move:\n%s", hist)
	}

	if *screenshots != "" {
		list := wsPath + "/calendar?view=list&date=" + to.Format("2006-01-02")
		for _, shot := range []struct{ path, file, ready string }{
			{month, "calendar-month", ".cal-grid"},
			{list, "calendar-list", ".cal-list"},
			{entry, "calendar-entry", "#entry-head"},
		} {
			jordan.snapFull(base+shot.path, filepath.Join(*screenshots, shot.file+".png"), 1280, shot.ready)
			jordan.snapFull(base+shot.path, filepath.Join(*screenshots, shot.file+"-phone.png"), 390, shot.ready)
		}
	}
	jordan.noErrors()
	maya.noErrors()
}
