package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// taskViews builds the task list, task, My work and reschedule pages from
// a real plan.
func taskViews(t *testing.T, f *coretest.Fixture, s *server) map[string]viewCase {
	ctx := context.Background()
	a := f.Admin.Actor
	d, err := f.Svc.Workspace(ctx, a, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, a)
	v := &viewer{d: d, o: orgsOf(d), me: me, now: f.Svc.Now()}
	first := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Due: "launch-7d", Notes: "Draft in **Docs**.",
		Checklist: []string{"Outline", "First draft"}})
	addTask(t, f, f.Admin, duet.TaskCreate{Title: "Margin sheet", DRI: "member:" + me.ID, Visibility: duet.VisHost,
		DependsOn: []string{taskRef(first.Number)}})
	td, err := f.Svc.Task(ctx, a, f.WS.ID, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.CheckItem(ctx, a, f.WS.ID, first.ID, td.Task.Checklist[0].ID, true); err != nil {
		t.Fatal(err)
	}
	reason := "Waiting for the partner's quotes"
	if _, err := f.Svc.UpdateTask(ctx, a, f.WS.ID, first.ID, duet.TaskUpdate{Version: td.Task.Version, Status: ptr(duet.TaskBlocked), BlockedReason: reason}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.CommentOnTask(ctx, f.Partner.Actor, f.WS.ID, first.ID, "Quotes come **Friday**."); err != nil {
		t.Fatal(err)
	}
	if td, err = f.Svc.Task(ctx, a, f.WS.ID, first.ID); err != nil {
		t.Fatal(err)
	}
	infos, err := f.Svc.TaskLists(ctx, a, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	list := taskListID(t, f, "asset-development")
	tasks, err := f.Svc.Tasks(ctx, a, f.WS.ID, duet.TaskFilter{ListID: list})
	if err != nil {
		t.Fatal(err)
	}
	info, _ := listInfo(infos, list)
	nav := navOf(d, "tasks")
	base := func(title string) Base { return Base{Title: title, Nav: nav, Bell: &BellView{Count: 1}} }

	lists := &TaskListsPage{Base: base("Task lists"), WS: d.ID, CanEdit: true,
		New: v.listForm("", TaskListForm{Title: "Paid social", DRI: "partner"}, FormError{Field: "dri", Msg: "DRI must be one person or one role."})}
	lists.Lists, lists.Archived = v.listCards(infos)
	lists.Lists[0].Manage = true
	lists.Archived = append(lists.Archived, TaskListCard{WS: d.ID, ID: "old", URL: taskListURL(d.ID, "old"), Title: "Old stage", Archived: true, Manage: true, Up: -1, Down: -1})

	listPage := &TaskListPage{Base: base(info.Title), L: v.listCard(info), CanEdit: true, EditOpen: true,
		Tasks:    TaskRowsView{WS: d.ID, ListID: list, Rows: v.taskRows(tasks, true)},
		Statuses: []FilterLink{{Label: "All", URL: taskListURL(d.ID, list), Current: true}}, Mine: FilterLink{Label: "Only mine", URL: "?mine=1"},
		New:  v.taskNewForm(info, TaskForm{Title: "Hero image", DRI: "role:designer", Due: "soon"}, FormError{Field: "due", Msg: "Due is not a date."}),
		Edit: v.listForm(list, TaskListForm{Title: info.Title, DRI: info.DRI.Ref()}, FormError{}), Alert: "T-1 changed since you opened it."}

	taskPage := v.taskPage(td)
	taskPage.Base = base(taskPage.T.Ref)
	taskPage.Edit = v.taskEditForm(td, TaskForm{Title: "Landing page copy v2", DRI: "role:content-lead", Due: "launch-7d", List: list,
		Version: td.Task.Version}, FormError{Msg: "T-1 changed since you opened it."})
	taskPage.Edit.Conflict = true
	taskPage.Status.Err = FormError{Field: "blocked_reason", Msg: "Reason is required."}

	mw, err := f.Svc.MyWork(ctx, f.HostMember.Actor)
	if err != nil {
		t.Fatal(err)
	}
	work := myWorkPage(mw, map[string]duet.Date{f.WS.ID: today(f.Svc.Now(), d.TimeZone)})
	work.Base = Base{Title: "My work"}

	moves, err := f.Svc.PreviewReschedule(ctx, a, f.WS.ID, duet.Reschedule{KickoffOn: "2026-11-16", LaunchOn: "2027-01-26"})
	if err != nil {
		t.Fatal(err)
	}
	resched := &ReschedulePage{Base: base("Reschedule"), WS: d.ID, Kickoff: formatDate(d.KickoffOn), Launch: formatDate(d.LaunchOn),
		Form:      v.rescheduleForm(RescheduleForm{KickoffOn: "2026-11-16", LaunchOn: "2027-01-26"}),
		Previewed: true, Moves: v.dateMoves(moves), Count: plural(len(moves), "date", "dates"), NewKickoff: "Mon 16 Nov 2026", NewLaunch: "Tue 26 Jan 2027"}

	return map[string]viewCase{
		"tasklist_list": {lists, []string{"Task lists", "Asset Development", "No DRI — Project Manager unfilled", "</strong>/7 done", "1 blocked",
			`value="Paid social"`, `id="new-list-dri-error"`, "Move Kickoff &amp; Alignment down", "Old stage", "Restore", `data-live="tasklist task"`}},
		"tasklist_show": {listPage, []string{"Asset Development", taskRef(first.Number), "Landing page copy", "Waiting for the partner&#39;s quotes", "1/2",
			"Waiting on 1 task", `<span class="badge badge-host">Hostco only</span>`, "Ada Admin", `id="list-tasks"`, `data-live="task tasklist workspace"`,
			`value="Hero image"`, `value="soon"`, `id="new-task-due-error"`, `<option value="role:designer" selected>`, "Content Lead — hal@host.test",
			"Designer — nobody yet", `<optgroup label="People">`, "Move " + taskRef(first.Number) + " down", "T-1 changed since you opened it.", "Only mine", "List settings"}},
		"task_show": {taskPage, []string{taskRef(first.Number), "Landing page copy", "<strong>Docs</strong>", "launch-7d", "7 days before launch", "Blocked:",
			"Waiting for the partner&#39;s quotes", `role="checkbox" aria-checked="true"`, "Outline", "First draft", "<strong>Friday</strong>", "Partnerco", "marked it blocked",
			"Waiting on it", "Margin sheet", `id="blocked_reason-error"`, "Reason is required.", "T-1 changed since you opened it.",
			"Your changes are kept below", `value="Landing page copy v2"`, `name="version" value="` + strconv.Itoa(td.Task.Version) + `"`,
			`id="task-status"`, `id="task-checklist"`, `id="task-comments"`, `id="task-history"`, `aria-pressed="false"`}},
		"mywork_show": {work, []string{"My work", "Overdue", "This week", "Later", "Landing page copy", "Webinar with Partnerco", "DRI as Content Lead",
			"/w/" + d.ID + "/tasks/" + first.ID}},
		"reschedule_show": {resched, []string{"Reschedule the campaign", `value="2027-01-26"`, `name="from_launch" value="2027-01-19"`,
			"Landing page copy", "launch-7d", "Tue 12 Jan 2027", "Tue 19 Jan 2027", "(&#43;7 days)", "would move", "Confirm: kickoff Mon 16 Nov 2026, launch Tue 26 Jan 2027"}},
	}
}

func ptr[T any](v T) *T { return &v }

// TestRenderTaskFragments renders each task piece that htmx or a live
// update swaps in on its own.
func TestRenderTaskFragments(t *testing.T) {
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	s := newServer(f.Svc, Options{}, staticFiles())
	d, err := f.Svc.Workspace(ctx, f.Guest.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, f.Guest.Actor)
	v := &viewer{d: d, o: orgsOf(d), me: me, now: f.Svc.Now()}
	task := addTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Checklist: []string{"Outline"}})
	td, err := f.Svc.Task(ctx, f.Guest.Actor, f.WS.ID, task.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := v.taskPage(td)
	infos, err := f.Svc.TaskLists(ctx, f.Guest.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := listInfo(infos, task.ListID)
	rows := TaskRowsView{WS: d.ID, ListID: task.ListID, Rows: v.taskRows([]duet.Task{task}, false), OOB: true}
	for name, c := range map[string]struct {
		data  any
		wants []string
	}{
		// A guest sees the task and may comment, but has no buttons.
		"task-status":    {p.Status, []string{`id="task-status"`, "Open", "Guests can comment but not change the task."}},
		"task-checklist": {p.Checklist, []string{`id="task-checklist"`, "Outline", "(not done)"}},
		"task-comments":  {CommentsPanel{T: p.T, Body: "half", Err: FormError{Field: "body", Msg: "The text is empty."}}, []string{`id="task-comments"`, "half</textarea>", `id="body-error"`}},
		"task-new":       {v.taskNewForm(info, TaskForm{}, FormError{Msg: "Asset Development is archived."}), []string{`id="task-new"`, "Asset Development is archived."}},
		"task-created":   {TaskCreated{New: v.taskNewForm(info, TaskForm{}, FormError{}), Tasks: rows}, []string{`id="task-new"`, `id="list-tasks"`, `hx-swap-oob="true"`, "T-"}},
		"list-tasks":     {TaskRowsView{WS: d.ID, ListID: task.ListID, Filtered: true}, []string{"No task matches."}},
	} {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.fragment(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, name, c.data)
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d:\n%s", rec.Code, body)
			}
			for _, w := range c.wants {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %q:\n%s", w, body)
				}
			}
			for _, bad := range []string{"ZgotmplZ", "<no value>", " style=", "<script", " onclick=", "<html"} {
				if strings.Contains(body, bad) {
					t.Errorf("contains %q", bad)
				}
			}
			if strings.Contains(body, `role="checkbox"`) || strings.Contains(body, "/status\"") {
				t.Error("a guest is offered a change")
			}
		})
	}
}
