package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// positions scrolls the element matching from into view and returns where
// it and the element matching to are on the screen.
func (p *person) positions(from, to string) (x, y, tx, ty float64) {
	p.t.Helper()
	raw := p.js("find "+from+" and "+to, `(() => {
		const a = document.querySelector(`+jsString(from)+`), b = document.querySelector(`+jsString(to)+`);
		if (!a || !b) return "";
		a.scrollIntoView({block: "center"});
		const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + Math.min(r.height / 2, 12), s.left + s.width / 2, s.top + s.height / 2].join(" ");
	})()`)
	f := strings.Fields(raw)
	if len(f) != 4 {
		p.t.Fatalf("%s: %s or %s is not on the page", p.name, from, to)
	}
	n := make([]float64, 4)
	for i := range f {
		n[i], _ = strconv.ParseFloat(f[i], 64)
	}
	return n[0], n[1], n[2], n[3]
}

// dragTo drags the element matching from onto the one matching to with
// HTML5 drag and drop. Headless Chromium starts no drag of its own from
// synthetic mouse events, so the test has it hand the drag over
// (Input.setInterceptDrags) and then drops it the way the browser would:
// dragenter, dragover and drop on the target, with the page's own data.
func (p *person) dragTo(from, to string) {
	p.t.Helper()
	x, y, tx, ty := p.positions(from, to)
	drags := make(chan *input.DragData, 1)
	ctx, stop := context.WithCancel(p.ctx)
	defer stop()
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*input.EventDragIntercepted); ok {
			select {
			case drags <- e.Data:
			default:
			}
		}
	}); err != nil {
		p.t.Fatal(err)
	}
	intercept := func(on bool) {
		if _, err := chromedp.Call(p.ctx, input.SetInterceptDrags, input.SetInterceptDragsParams{Enabled: on}); err != nil {
			p.t.Fatalf("%s: intercept drags: %v", p.name, err)
		}
	}
	intercept(true)
	defer intercept(false)
	p.do("pick up "+from,
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, x+8, y+8, held),
		chromedp.MouseEvent(chromedp.MouseMoved, tx, ty, held),
	)
	var data *input.DragData
	select {
	case data = <-drags:
	case <-time.After(5 * time.Second):
		p.t.Fatalf("%s: dragging %s started no drag", p.name, from)
	}
	for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
		if _, err := chromedp.Call(p.ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: tx, Y: ty, Data: data}); err != nil {
			p.t.Fatalf("%s: %s on %s: %v", p.name, typ, to, err)
		}
	}
	p.do("let go", chromedp.MouseEvent(chromedp.MouseReleased, tx, ty, chromedp.ButtonLeft, chromedp.ClickCount(1)))
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
	jordan.do("open the new-entry form", chromedp.Navigate(base+wsPath+"/calendar/new"), chromedp.WaitVisible(chromedp.CSS("#entry-new-title")))
	zone := strings.Trim(jordan.js("read the zone", `document.querySelector('label[for="entry-new-publish"] .muted').textContent`), "()")
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
	jordan.js("choose email and tomorrow 09:00", `document.getElementById("entry-new-channel").value = "email";
		document.getElementById("entry-new-publish").value = `+jsString(day.Format("2006-01-02")+"T09:00")+`; ""`)
	jordan.do("schedule the newsletter",
		chromedp.SendKeys(chromedp.CSS("#entry-new-title"), "Partner newsletter feature"),
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
	// Section titles are upper case on screen: compare in lower case.
	if ready := strings.ToLower(get(t, jordan.ctx, "read readiness", chromedp.Text(chromedp.CSS("#occ-readiness")))); !strings.Contains(ready, "launch timing") ||
		!strings.Contains(ready, "partner newsletter feature") || !strings.Contains(ready, "still in review") {
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
	jordan.dragTo(chip, target)
	moved := target + " " + chip
	jordan.do("see it moved", chromedp.WaitVisible(chromedp.CSS(moved)), chromedp.WaitVisible(chromedp.CSS("#cal-status")))
	if note := get(t, jordan.ctx, "read the note", chromedp.Text(chromedp.CSS("#cal-status"))); !strings.Contains(note, to.Format("Mon 2 Jan 2006")+", 09:00") {
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
