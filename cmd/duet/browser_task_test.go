package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTasks has the host's admin plan a task in a real browser
// against the real server: she adds "Landing page copy" to Asset
// Development with the Content Lead role as DRI and a due date, works
// its checklist, blocks it (a reason is required) and finishes it, while
// the partner watches the task change live. The DRI picker offers only
// roles and people, and a forged DRI is refused at its field. The task
// is on My work for the Content Lead who holds the role.
func TestBrowserTasks(t *testing.T) {
	root := browser(t)
	base, out := boot(t, "--demo", "--data", t.TempDir())
	pw := demoPasswords(t, out)
	host := signIn(t, root, base, "maya@lumen.example", pw["maya@lumen.example"])
	partner := signIn(t, root, base, "priya@brightwave.example", pw["priya@brightwave.example"])
	lead := signIn(t, root, base, "ines@lumen.example", pw["ines@lumen.example"])

	wsPath := host.js("workspace link", `document.querySelector(".ws-card a").getAttribute("href")`)
	host.do("open the task lists from the workspace",
		chromedp.Navigate(base+wsPath),
		chromedp.Click(chromedp.CSS(`.tabs a[href="`+wsPath+`/lists"]`)),
		chromedp.WaitVisible(chromedp.CSS("#lists .tl-row")),
	)
	list := host.js("find Asset Development", `[...document.querySelectorAll("#lists .tl-row-title a")].find(a => a.textContent.trim() === "Asset Development").getAttribute("href")`)
	host.do("open Asset Development", chromedp.Navigate(base+list), chromedp.WaitVisible(chromedp.CSS("#task-new #new-task-title")))

	// The DRI picker: roles with whoever holds them, and people. Never a
	// team, a side or an organization.
	var choices [][3]string
	raw := host.js("read the DRI picker", `JSON.stringify([...document.querySelectorAll("#new-task-dri option")].map(o =>
		[o.parentElement.tagName === "OPTGROUP" ? o.parentElement.label : "", o.value, o.textContent]))`)
	if err := json.Unmarshal([]byte(raw), &choices); err != nil {
		t.Fatal(err)
	}
	var contentLead bool
	for _, c := range choices {
		group, value, label := c[0], c[1], c[2]
		switch {
		case value == "" && group == "":
		case group == "Roles" && strings.HasPrefix(value, "role:"):
			contentLead = contentLead || (value == "role:content-lead" && label == "Content Lead — Inès Laurent")
		case group == "People" && strings.HasPrefix(value, "member:"):
		default:
			t.Errorf("the DRI picker offers %q (%q) in group %q", value, label, group)
		}
		if l := strings.ToLower(label); strings.Contains(l, "team") || l == "lumen analytics" || l == "brightwave cloud" {
			t.Errorf("the DRI picker offers %q", label)
		}
	}
	if !contentLead || len(choices) < 10 {
		t.Errorf("the DRI picker lacks the Content Lead with its holder: %v", choices)
	}

	// A forged post naming a side as DRI is refused at the field.
	listID := strings.TrimPrefix(list, wsPath+"/lists/")
	status, body := host.post(wsPath+"/tasks", map[string]string{"list": listID, "title": "Forged", "dri": "partner", "visibility": "shared"})
	if status != 422 || !strings.Contains(body, `id="new-task-dri-error"`) || !strings.Contains(body, "cannot be a DRI") {
		t.Errorf("a forged DRI: %d\n%.600s", status, body)
	}
	if strings.Contains(host.html(), "Forged") {
		t.Error("the forged task was created")
	}

	host.do("add the task",
		chromedp.SendKeys(chromedp.CSS("#new-task-title"), "Landing page copy"),
		chromedp.SetValue(chromedp.CSS("#new-task-dri"), "role:content-lead"),
		chromedp.SendKeys(chromedp.CSS("#new-task-due"), "launch-7d"),
		submit("#task-new"),
		chromedp.WaitVisible(chromedp.Search(`//ol[@id="list-tasks"]//a[contains(., "Landing page copy")]`)),
	)
	if v := get(t, host.ctx, "read the title field", chromedp.Value(chromedp.CSS("#new-task-title"))); v != "" {
		t.Errorf("the add form keeps %q after adding", v)
	}
	row := host.js("read the new row", `[...document.querySelectorAll("#list-tasks .trow")].find(li => li.textContent.includes("Landing page copy")).innerText`)
	for _, want := range []string{"T-", "Inès Laurent", "Content Lead", "Open"} {
		if !strings.Contains(row, want) {
			t.Errorf("the new row lacks %q: %q", want, row)
		}
	}
	task := host.js("task link", `[...document.querySelectorAll("#list-tasks .trow-title a")].find(a => a.textContent === "Landing page copy").getAttribute("href")`)

	// The partner keeps the task open and sees every change arrive.
	partner.do("open the task", chromedp.Navigate(base+task), chromedp.WaitVisible(chromedp.CSS("#task-status")))
	host.do("open the task", chromedp.Click(chromedp.CSS(`#list-tasks a[href="`+task+`"]`)), chromedp.WaitVisible(chromedp.CSS("#task-status")))
	page := bodyText(t, host.ctx)
	for _, want := range []string{"Landing page copy", "Inès Laurent", "launch-7d", "7 days before launch", "Asset Development"} {
		if !strings.Contains(page, want) {
			t.Errorf("the task page lacks %q", want)
		}
	}

	host.do("add a checklist item",
		chromedp.SendKeys(chromedp.CSS("#checklist-text"), "Legal sign-off on claims"),
		submit(".cl-add"),
		chromedp.WaitVisible(chromedp.Search(`//*[@id="task-checklist"]//span[@class="cl-text" and text()="Legal sign-off on claims"]`)),
	)
	host.do("check it off",
		chromedp.Click(chromedp.CSS(`#task-checklist .cl-toggle[aria-checked="false"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#task-checklist .cl-toggle[aria-checked="true"]`)),
	)
	partner.do("see the item checked live", chromedp.WaitVisible(chromedp.CSS(`#task-checklist .cl-item.is-done`)))

	host.do("block it without a reason",
		chromedp.Click(chromedp.CSS(".status-blocked summary")),
		chromedp.WaitVisible(chromedp.CSS("#blocked_reason")),
		submit(".blocked-form"),
		chromedp.WaitVisible(chromedp.CSS("#blocked_reason-error")),
	)
	if msg := get(t, host.ctx, "read the error", chromedp.Text(chromedp.CSS("#blocked_reason-error"))); !strings.Contains(msg, "say what blocks the task") {
		t.Errorf("the empty reason error says %q", msg)
	}
	reason := "Waiting for Brightwave's product claims"
	host.do("block it with a reason",
		chromedp.SendKeys(chromedp.CSS("#blocked_reason"), reason),
		submit(".blocked-form"),
		chromedp.WaitVisible(chromedp.CSS("#task-status .tstatus-blocked")),
	)
	partner.do("see it blocked live", chromedp.WaitVisible(chromedp.Search(`//*[@id="task-status"]//p[contains(., "Waiting for Brightwave")]`)))

	// Inès holds the Content Lead role: the task is on her plate.
	lead.do("open My work from the header",
		chromedp.Click(chromedp.CSS(`.mainnav a[href="/my"]`)),
		chromedp.WaitVisible(chromedp.CSS(".mw-group")),
	)
	mine := bodyText(t, lead.ctx)
	for _, want := range []string{"Landing page copy", "DRI as Content Lead", "Blocked: " + reason} {
		if !strings.Contains(mine, want) {
			t.Errorf("My work lacks %q:\n%.800s", want, mine)
		}
	}
	if href := lead.js("the task's link", `[...document.querySelectorAll(".mw-title a")].find(a => a.textContent.includes("Landing page copy")).getAttribute("href")`); href != task {
		t.Errorf("My work links the task to %q, want %q", href, task)
	}
	host.do("finish it",
		chromedp.Click(chromedp.CSS(`#task-status button[name="status"][value="done"]`)),
		chromedp.WaitVisible(chromedp.CSS("#task-status .tstatus-done")),
	)
	partner.do("see it done live", chromedp.WaitVisible(chromedp.CSS("#task-status .tstatus-done")))
	history := get(t, host.ctx, "read the history", chromedp.Text(chromedp.CSS("#task-history")))
	for _, want := range []string{"created the task", "checked off", "marked it blocked", "marked it done"} {
		if !strings.Contains(history, want) {
			t.Errorf("the history lacks %q:\n%s", want, history)
		}
	}
	host.noErrors()
	partner.noErrors()
	lead.noErrors()

	if *screenshots != "" {
		for _, shot := range []struct {
			who        *person
			path, file string
			ready      string
		}{
			{host, wsPath + "/lists", "tasklists", "#lists"},
			{host, list, "tasklist", "#list-tasks"},
			{partner, task, "task", "#task-history"},
			{lead, "/my", "mywork", ".mw-group"},
		} {
			shot.who.snap(base+shot.path, filepath.Join(*screenshots, shot.file+".png"), 1280, 800, shot.ready)
			shot.who.snap(base+shot.path, filepath.Join(*screenshots, shot.file+"-phone.png"), 390, 844, shot.ready)
		}
		// The reschedule preview: the launch a week later.
		for _, size := range []struct {
			width, height int64
			file          string
		}{{1280, 800, "reschedule"}, {390, 844, "reschedule-phone"}} {
			host.do("open the reschedule form",
				chromedp.EmulateViewport(size.width, size.height),
				chromedp.Navigate(base+wsPath+"/reschedule"),
				chromedp.WaitVisible(chromedp.CSS("#launch_on")),
			)
			host.do("preview a launch a week later",
				chromedp.SetValue(chromedp.CSS("#launch_on"), laterLaunch(t, host)),
				submit(`form[action$="/reschedule/preview"]`),
				chromedp.WaitVisible(chromedp.CSS("#preview")),
			)
			png := get(t, host.ctx, "screenshot "+size.file, chromedp.CaptureScreenshot())
			if err := os.WriteFile(filepath.Join(*screenshots, size.file+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
			host.js("scroll to the confirmation", `document.querySelector(".resched-confirm").scrollIntoView({block: "end"}), ""`)
			png = get(t, host.ctx, "screenshot "+size.file+"-confirm", chromedp.CaptureScreenshot())
			if err := os.WriteFile(filepath.Join(*screenshots, size.file+"-confirm.png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		host.do("reset viewport", chromedp.EmulateViewport(1280, 800))
		shoot(t, host.ctx, base+task, filepath.Join(*screenshots, "task-full.png"), 1280)
		shoot(t, host.ctx, base+task, filepath.Join(*screenshots, "task-full-phone.png"), 390)
		shoot(t, host.ctx, base+wsPath, filepath.Join(*screenshots, "overview-tasks-full.png"), 1280)
		shoot(t, host.ctx, base+list, filepath.Join(*screenshots, "tasklist-full-phone.png"), 390)
	}
}

// laterLaunch is the launch date of the open reschedule form plus a week.
func laterLaunch(t *testing.T, p *person) string {
	t.Helper()
	return p.js("a later launch", `(() => {
		const d = new Date(document.querySelector("#launch_on").value + "T00:00:00Z");
		d.setUTCDate(d.getUTCDate() + 7);
		return d.toISOString().slice(0, 10);
	})()`)
}
