package core_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// listByKey returns the fixture workspace's task list with key k.
func listByKey(t *testing.T, f *coretest.Fixture, k string) duet.TaskList {
	t.Helper()
	for _, l := range f.WS.TaskLists {
		if l.Key == k {
			return l
		}
	}
	t.Fatalf("no task list %q", k)
	return duet.TaskList{}
}

func newTask(t *testing.T, f *coretest.Fixture, who coretest.User, in duet.TaskCreate) duet.Task {
	t.Helper()
	if in.ListID == "" {
		in.ListID = listByKey(t, f, "asset-development").ID
	}
	if in.DRI == "" {
		in.DRI = "role:content-lead"
	}
	task, err := f.Svc.CreateTask(context.Background(), who.Actor, f.WS.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	return task
}

// wantInvalid fails unless err is EInvalid naming field.
func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	if duet.ErrorKind(err) != duet.EInvalid || duet.ErrorField(err) != field {
		t.Fatalf("err = %v, want invalid %s", err, field)
	}
}

func TestTaskDRIAndDueRules(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		task := newTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Due: "launch-7d", Checklist: []string{"Draft", "Review"}})
		if task.Number < 1 || task.DRI.Member == nil || task.DRI.Member.UserID != f.HostMember.ID || task.DueOn.String() != "2027-01-12" || task.Due.String() != "launch-7d" {
			t.Fatalf("task = %+v, DRI %+v", task, task.DRI)
		}
		otherMember := ""
		for _, m := range f.OtherWS.Members {
			otherMember = m.ID
		}
		list := listByKey(t, f, "asset-development").ID
		now, err := f.Svc.Workspace(ctx, f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		partnerMember := ""
		for _, m := range now.Members {
			if m.UserID == f.Partner.ID {
				partnerMember = m.ID
			}
		}
		for _, tc := range []struct {
			in    duet.TaskCreate
			field string
		}{
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "partner"}, "dri"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "team:partner"}, "dri"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "org:" + f.WS.PartnerOrgID}, "dri"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "role:nobody"}, "dri"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "member:" + otherMember}, "dri"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "role:partner-marketing-lead", Visibility: duet.VisHost}, "dri"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "role:content-lead", Due: "2026-11-01"}, "due"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "role:content-lead", Due: "next week"}, "due"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "role:content-lead", Due: "T-9999"}, "due"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "role:content-lead", Visibility: duet.VisPartner}, "visibility"},
			{duet.TaskCreate{ListID: list, Title: "x", DRI: "role:content-lead", Visibility: duet.VisHost, Collaborators: []string{partnerMember}}, "collaborators"},
			{duet.TaskCreate{ListID: "nope", Title: "x", DRI: "role:content-lead"}, "list"},
			{duet.TaskCreate{ListID: list, Title: " ", DRI: "role:content-lead"}, "title"},
		} {
			_, err := f.Svc.CreateTask(ctx, f.Admin.Actor, f.WS.ID, tc.in)
			wantInvalid(t, err, tc.field)
		}
		all, err := f.Svc.Tasks(ctx, f.Admin.Actor, f.WS.ID, duet.TaskFilter{ListID: list})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, x := range all {
			if x.Title == "x" {
				n++
			}
		}
		if n != 0 {
			t.Fatalf("a refused task was saved")
		}
		// Following another task: T-n+2d.
		next := newTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page design", Due: "T-" + strconv.Itoa(task.Number) + "+2d"})
		if next.DueOn.String() != "2027-01-14" || next.Due.TaskID != task.ID {
			t.Fatalf("following task due %s (%+v)", next.DueOn, next.Due)
		}
		// A guest cannot add tasks.
		_, err = f.Svc.CreateTask(ctx, f.Guest.Actor, f.WS.ID, duet.TaskCreate{ListID: list, Title: "y", DRI: "role:content-lead"})
		if duet.ErrorKind(err) != duet.EForbidden {
			t.Fatalf("guest: %v", err)
		}
		// Filter by DRI: "me" for Hal, who holds Content Lead.
		mine, err := f.Svc.Tasks(ctx, f.HostMember.Actor, f.WS.ID, duet.TaskFilter{DRI: "me"})
		if err != nil {
			t.Fatal(err)
		}
		if len(mine) == 0 {
			t.Fatal("no tasks for the Content Lead")
		}
		for _, x := range mine {
			if x.DRI.Member == nil || x.DRI.Member.UserID != f.HostMember.ID {
				t.Fatalf("task %s is not Hal's: %+v", x.Title, x.DRI)
			}
		}
	})
}

func TestTaskStatusVersionAndHistory(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		task := newTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy", Checklist: []string{"Draft"}})
		blocked := duet.TaskBlocked
		_, err := f.Svc.UpdateTask(ctx, f.HostMember.Actor, f.WS.ID, task.ID, duet.TaskUpdate{Version: task.Version, Status: &blocked})
		wantInvalid(t, err, "blocked_reason")
		got, err := f.Svc.UpdateTask(ctx, f.HostMember.Actor, f.WS.ID, task.ID, duet.TaskUpdate{Version: task.Version, Status: &blocked, BlockedReason: "Waiting for logos"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != duet.TaskBlocked || got.Version != task.Version+1 {
			t.Fatalf("after block: %+v", got)
		}
		// The partner edits from the version they read before the block:
		// refused, with who changed what, and nothing saved.
		title := "Renamed"
		_, err = f.Svc.UpdateTask(ctx, f.Partner.Actor, f.WS.ID, task.ID, duet.TaskUpdate{Version: task.Version, Title: &title})
		if duet.ErrorKind(err) != duet.EConflict || !strings.Contains(duet.ErrorMessage(err), "marked it blocked") {
			t.Fatalf("stale edit: %v", err)
		}
		v, err := f.Svc.Task(ctx, f.Partner.Actor, f.WS.ID, task.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Task.Title != "Landing page copy" || v.Task.Status != duet.TaskBlocked || v.Task.BlockedReason != "Waiting for logos" {
			t.Fatalf("after refused edit: %+v", v.Task)
		}
		// Checklist and comments.
		if _, err := f.Svc.CheckItem(ctx, f.HostMember.Actor, f.WS.ID, task.ID, v.Task.Checklist[0].ID, true); err != nil {
			t.Fatal(err)
		}
		c, err := f.Svc.CommentOnTask(ctx, f.Guest.Actor, f.WS.ID, task.ID, "Asked @Partner Marketing Lead for the logos, see D-99 and T-"+strconv.Itoa(task.Number))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(c.HTML), "/tasks/"+task.ID) {
			t.Errorf("T-n not linked: %s", c.HTML)
		}
		if in, _ := f.Svc.Notifications(ctx, f.Partner.Actor); in.Unread == 0 || in.Notifications[0].Kind != duet.NoteTaskMention || in.Notifications[0].TaskNumber != task.Number {
			t.Errorf("mention not notified: %+v", in.Notifications)
		}
		v, err = f.Svc.Task(ctx, f.Admin.Actor, f.WS.ID, task.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.History) != 3 || !strings.Contains(v.History[0].Summary, "checked off") || v.History[0].Actor.Name == "" {
			t.Fatalf("history = %+v", v.History)
		}
		if !v.Task.Checklist[0].Done || v.Task.Checklist[0].DoneBy.MemberID == "" || len(v.Comments) != 1 {
			t.Fatalf("checklist %+v comments %d", v.Task.Checklist, len(v.Comments))
		}
		// Done from blocked; done clears the reason and stamps completion.
		done := duet.TaskDone
		got, err = f.Svc.UpdateTask(ctx, f.HostMember.Actor, f.WS.ID, task.ID, duet.TaskUpdate{Version: v.Task.Version, Status: &done})
		if err != nil {
			t.Fatal(err)
		}
		if got.Completed == nil || got.BlockedReason != "" {
			t.Fatalf("done: %+v", got)
		}
	})
}

func TestConcurrentEditsOfOneTask(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		task := newTask(t, f, f.Admin, duet.TaskCreate{Title: "Landing page copy"})
		statuses := []string{duet.TaskInProgress, duet.TaskDone, duet.TaskBlocked, duet.TaskInProgress, duet.TaskDone, duet.TaskInProgress}
		var wg sync.WaitGroup
		errs := make([]error, len(statuses))
		for i, st := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				who := []coretest.User{f.Admin, f.HostMember, f.Partner}[i%3]
				_, errs[i] = f.Svc.UpdateTask(ctx, who.Actor, f.WS.ID, task.ID, duet.TaskUpdate{Version: task.Version, Status: &st, BlockedReason: "held"})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch duet.ErrorKind(err) {
			case duet.EConflict:
			case duet.EInternal:
				if err != nil {
					t.Fatal(err)
				}
				ok++
			default:
				t.Fatal(err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d edits from the same version succeeded, want exactly 1", ok)
		}
		v, err := f.Svc.Task(ctx, f.Admin.Actor, f.WS.ID, task.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Task.Version != task.Version+1 || len(v.History) != 2 {
			t.Fatalf("version %d, %d history entries", v.Task.Version, len(v.History))
		}
	})
}

func TestDependencyCyclesAndStartRule(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		a := newTask(t, f, f.Admin, duet.TaskCreate{Title: "A"})
		b := newTask(t, f, f.Admin, duet.TaskCreate{Title: "B", DependsOn: []string{"T-" + strconv.Itoa(a.Number)}})
		c := newTask(t, f, f.Admin, duet.TaskCreate{Title: "C", DependsOn: []string{b.ID}})
		if len(c.DependsOn) != 1 || c.DependsOn[0].ID != b.ID {
			t.Fatalf("c depends on %+v", c.DependsOn)
		}
		deps := []string{"T-" + strconv.Itoa(c.Number)}
		_, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, a.ID, duet.TaskUpdate{Version: a.Version, DependsOn: &deps})
		wantInvalid(t, err, "depends_on")
		if !strings.Contains(duet.ErrorMessage(err), "T-"+strconv.Itoa(a.Number)+" → T-"+strconv.Itoa(b.Number)) && !strings.Contains(duet.ErrorMessage(err), "cycle") {
			t.Errorf("cycle message: %v", err)
		}
		self := []string{a.ID}
		_, err = f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, a.ID, duet.TaskUpdate{Version: a.Version, DependsOn: &self})
		wantInvalid(t, err, "depends_on")
		// B cannot start while A is open.
		start := duet.TaskInProgress
		_, err = f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, b.ID, duet.TaskUpdate{Version: b.Version, Status: &start})
		wantInvalid(t, err, "status")
		done := duet.TaskDone
		if _, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, a.ID, duet.TaskUpdate{Version: a.Version, Status: &done}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, b.ID, duet.TaskUpdate{Version: b.Version, Status: &start}); err != nil {
			t.Fatal(err)
		}
		// A shared task cannot depend on a task kept to one side.
		secret := newTask(t, f, f.Admin, duet.TaskCreate{Title: "Budget", Visibility: duet.VisHost, DRI: "role:partner-marketing-manager"})
		_, err = f.Svc.CreateTask(ctx, f.Admin.Actor, f.WS.ID, duet.TaskCreate{ListID: a.ListID, Title: "D", DRI: "role:content-lead", DependsOn: []string{secret.ID}})
		wantInvalid(t, err, "depends_on")
		// Due dates that follow each other cannot loop either.
		d1 := newTask(t, f, f.Admin, duet.TaskCreate{Title: "D1", Due: "launch-10d"})
		d2 := newTask(t, f, f.Admin, duet.TaskCreate{Title: "D2", Due: "T-" + strconv.Itoa(d1.Number) + "+1d"})
		loop := "T-" + strconv.Itoa(d2.Number) + "+1d"
		_, err = f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, d1.ID, duet.TaskUpdate{Version: d1.Version, Due: &loop})
		wantInvalid(t, err, "due")
	})
}

func TestOneSideTasksStayOnTheirSide(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		secret := newTask(t, f, f.Partner, duet.TaskCreate{Title: "Partner budget", Visibility: duet.VisPartner, DRI: "role:partner-marketing-lead"})
		if _, err := f.Svc.Task(ctx, f.Admin.Actor, f.WS.ID, secret.ID); duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("host reads partner task: %v", err)
		}
		title := "x"
		if _, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, secret.ID, duet.TaskUpdate{Version: 1, Title: &title}); duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("host edits partner task: %v", err)
		}
		if _, err := f.Svc.CommentOnTask(ctx, f.Admin.Actor, f.WS.ID, secret.ID, "hi"); duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("host comments on partner task: %v", err)
		}
		if _, err := f.Svc.Task(ctx, f.Stranger.Actor, f.WS.ID, secret.ID); duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("stranger: %v", err)
		}
		tasks, err := f.Svc.Tasks(ctx, f.Admin.Actor, f.WS.ID, duet.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range tasks {
			if x.ID == secret.ID {
				t.Fatal("host lists the partner's task")
			}
		}
		// A reference to it renders as plain text for the host.
		c := newTask(t, f, f.Admin, duet.TaskCreate{Title: "Shared", Notes: "see T-" + strconv.Itoa(secret.Number)})
		v, err := f.Svc.Task(ctx, f.Admin.Actor, f.WS.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(v.Task.NotesHTML), secret.ID) || strings.Contains(string(v.Task.NotesHTML), "Partner budget") {
			t.Fatalf("notes leak the partner task: %s", v.Task.NotesHTML)
		}
	})
}

func TestRescheduleShiftsRelativeDates(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		rel := newTask(t, f, f.Admin, duet.TaskCreate{Title: "Relative", Due: "launch-7d"})
		follow := newTask(t, f, f.Admin, duet.TaskCreate{Title: "Follows", Due: "T-" + strconv.Itoa(rel.Number) + "+2d"})
		fixed := newTask(t, f, f.Admin, duet.TaskCreate{Title: "Fixed", Due: "2026-12-01"})
		secret := newTask(t, f, f.Partner, duet.TaskCreate{Title: "Partner only", Visibility: duet.VisPartner, DRI: "role:partner-marketing-lead", Due: "launch-1d"})
		in := duet.Reschedule{KickoffOn: "2026-11-09", LaunchOn: "2027-01-26", FromKickoff: "2026-11-09", FromLaunch: "2027-01-19"}
		moves, err := f.Svc.PreviewReschedule(ctx, f.Admin.Actor, f.WS.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, mv := range moves {
			got[mv.ID] = mv.From.String() + "→" + mv.To.String()
		}
		if got[rel.ID] != "2027-01-12→2027-01-19" || got[follow.ID] != "2027-01-14→2027-01-21" {
			t.Fatalf("moves = %v", got)
		}
		if _, ok := got[fixed.ID]; ok {
			t.Error("a fixed date moved")
		}
		if _, ok := got[secret.ID]; ok {
			t.Error("the host's preview shows a partner-only task")
		}
		// Nothing moved yet.
		if v, _ := f.Svc.Task(ctx, f.Admin.Actor, f.WS.ID, rel.ID); v.Task.DueOn.String() != "2027-01-12" {
			t.Fatalf("preview changed a date: %s", v.Task.DueOn)
		}
		if _, err := f.Svc.Reschedule(ctx, f.HostMember.Actor, f.WS.ID, in); duet.ErrorKind(err) != duet.EForbidden {
			t.Fatalf("member reschedules: %v", err)
		}
		stale := in
		stale.FromLaunch = "2027-01-01"
		if _, err := f.Svc.Reschedule(ctx, f.Admin.Actor, f.WS.ID, stale); duet.ErrorKind(err) != duet.EConflict {
			t.Fatalf("stale preview: %v", err)
		}
		if _, err := f.Svc.Reschedule(ctx, f.Admin.Actor, f.WS.ID, in); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string]string{rel.ID: "2027-01-19", follow.ID: "2027-01-21", fixed.ID: "2026-12-01"} {
			v, err := f.Svc.Task(ctx, f.Admin.Actor, f.WS.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			if v.Task.DueOn.String() != want {
				t.Errorf("%s due %s, want %s", v.Task.Title, v.Task.DueOn, want)
			}
		}
		if v, _ := f.Svc.Task(ctx, f.Partner.Actor, f.WS.ID, secret.ID); v.Task.DueOn.String() != "2027-01-25" {
			t.Errorf("partner task due %s", v.Task.DueOn)
		}
		d, err := f.Svc.Workspace(ctx, f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.LaunchOn.String() != "2027-01-26" {
			t.Fatalf("launch %s", d.LaunchOn)
		}
		for _, m := range d.Milestones {
			if m.Key == "launch-go-live" && m.DueOn.String() != "2027-01-26" {
				t.Errorf("launch milestone due %s", m.DueOn)
			}
		}
		// A kickoff after a fixed task's date is refused.
		_, err = f.Svc.PreviewReschedule(ctx, f.Admin.Actor, f.WS.ID, duet.Reschedule{KickoffOn: "2026-12-15", LaunchOn: "2027-02-01"})
		if duet.ErrorKind(err) != duet.EInvalid {
			t.Fatalf("kickoff after a fixed date: %v", err)
		}
		// Moving a task moves the one following it.
		due := "2027-01-10"
		v, _ := f.Svc.Task(ctx, f.Admin.Actor, f.WS.ID, rel.ID)
		if _, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, rel.ID, duet.TaskUpdate{Version: v.Task.Version, Due: &due}); err != nil {
			t.Fatal(err)
		}
		if v, _ := f.Svc.Task(ctx, f.Admin.Actor, f.WS.ID, follow.ID); v.Task.DueOn.String() != "2027-01-12" {
			t.Errorf("follower due %s after its task moved", v.Task.DueOn)
		}
	})
}

func milestoneByKey(t *testing.T, ms []duet.Milestone, k string) duet.Milestone {
	t.Helper()
	for _, m := range ms {
		if m.Key == k {
			return m
		}
	}
	t.Fatalf("no milestone %q", k)
	return duet.Milestone{}
}

func TestMilestoneGateAndOverride(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		ms, err := f.Svc.Milestones(ctx, f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		assets := milestoneByKey(t, ms, "assets-approved")
		if assets.Status != duet.MilestonePending {
			t.Fatalf("status %s", assets.Status)
		}
		var tasksDone, manual duet.Criterion
		for _, c := range assets.Criteria {
			switch {
			case c.Check == duet.CheckTasksDone:
				tasksDone = c
			case c.Check == duet.CheckManual && manual.ID == "":
				manual = c
			}
		}
		if tasksDone.Met || !tasksDone.Computed || !strings.Contains(tasksDone.Why, "of") {
			t.Fatalf("tasks_done: %+v", tasksDone)
		}
		if _, err := f.Svc.CheckCriterion(ctx, f.Admin.Actor, f.WS.ID, assets.ID, tasksDone.ID, true); duet.ErrorKind(err) != duet.EConflict {
			t.Fatalf("checking a computed criterion: %v", err)
		}
		got, err := f.Svc.CheckCriterion(ctx, f.Partner.Actor, f.WS.ID, assets.ID, manual.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range got.Criteria {
			if c.ID == manual.ID && (!c.Met || c.CheckedBy == nil) {
				t.Fatalf("manual check: %+v", c)
			}
		}
		// Without an override, completion is refused and says why.
		_, err = f.Svc.CompleteMilestone(ctx, f.Admin.Actor, f.WS.ID, assets.ID, duet.MilestoneCompletion{Version: got.Version})
		wantInvalid(t, err, "override_reason")
		if !strings.Contains(duet.ErrorMessage(err), "tasks of Asset Development are done") {
			t.Errorf("refusal does not name the criterion: %v", err)
		}
		_, err = f.Svc.CompleteMilestone(ctx, f.Admin.Actor, f.WS.ID, assets.ID, duet.MilestoneCompletion{Version: got.Version, OverrideReason: "x", OverrideKind: "copy"})
		wantInvalid(t, err, "override_kind")
		if _, err := f.Svc.CompleteMilestone(ctx, f.Guest.Actor, f.WS.ID, assets.ID, duet.MilestoneCompletion{Version: got.Version}); duet.ErrorKind(err) != duet.EForbidden {
			t.Fatalf("guest completes: %v", err)
		}
		pending, err := f.Svc.CompleteMilestone(ctx, f.Admin.Actor, f.WS.ID, assets.ID, duet.MilestoneCompletion{Version: got.Version,
			OverrideKind: duet.KindLaunchCall, OverrideReason: "Legal review continues in parallel; launch cannot wait."})
		if err != nil {
			t.Fatal(err)
		}
		if pending.Completed != nil || pending.Override == nil || pending.Override.Status != duet.StatusProposed {
			t.Fatalf("after override request: %+v", pending)
		}
		dec, err := f.Svc.Decision(ctx, f.Partner.Actor, f.WS.ID, pending.Override.ID)
		if err != nil {
			t.Fatal(err)
		}
		if dec.Kind != duet.KindLaunchCall || !strings.Contains(dec.Body, "Asset Development") || !strings.Contains(dec.Rationale, "Legal review") {
			t.Fatalf("override decision: %+v", dec)
		}
		// A second request while one waits is refused.
		if _, err := f.Svc.CompleteMilestone(ctx, f.Admin.Actor, f.WS.ID, assets.ID, duet.MilestoneCompletion{Version: pending.Version, OverrideKind: duet.KindLaunchCall, OverrideReason: "again"}); duet.ErrorKind(err) != duet.EConflict {
			t.Fatalf("second override: %v", err)
		}
		for _, u := range []coretest.User{f.Admin, f.Partner} {
			if dec, err = f.Svc.SignDecision(ctx, u.Actor, f.WS.ID, dec.ID, dec.Version); err != nil {
				t.Fatal(err)
			}
		}
		done, _, err := f.Svc.Milestone(ctx, f.Partner.Actor, f.WS.ID, assets.ID)
		if err != nil {
			t.Fatal(err)
		}
		if done.Status != duet.MilestoneComplete || done.Override == nil || done.Override.Status != duet.StatusApproved {
			t.Fatalf("after sign-off: %+v", done)
		}
		// Reopen is for admins.
		if _, err := f.Svc.ReopenMilestone(ctx, f.Partner.Actor, f.WS.ID, assets.ID, done.Version); duet.ErrorKind(err) != duet.EForbidden {
			t.Fatalf("member reopens: %v", err)
		}
		if m, err := f.Svc.ReopenMilestone(ctx, f.Admin.Actor, f.WS.ID, assets.ID, done.Version); err != nil || m.Status == duet.MilestoneComplete {
			t.Fatalf("reopen: %v %+v", err, m)
		}
	})
}

func TestRejectedOverrideLeavesMilestoneOpen(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		ms, _ := f.Svc.Milestones(ctx, f.Admin.Actor, f.WS.ID)
		kick := milestoneByKey(t, ms, "kickoff-complete")
		m, err := f.Svc.CompleteMilestone(ctx, f.Admin.Actor, f.WS.ID, kick.ID, duet.MilestoneCompletion{Version: kick.Version, OverrideKind: duet.KindScopeChange, OverrideReason: "Brief signed on paper."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.RejectDecision(ctx, f.Partner.Actor, f.WS.ID, m.Override.ID, "Not without the brief."); err != nil {
			t.Fatal(err)
		}
		m, hs, err := f.Svc.Milestone(ctx, f.Admin.Actor, f.WS.ID, kick.ID)
		if err != nil {
			t.Fatal(err)
		}
		if m.Completed != nil || m.Override != nil || !strings.Contains(hs[0].Summary, "not approved") {
			t.Fatalf("after rejection: %+v, history %+v", m, hs)
		}
	})
}

func TestHillChartMovesAndStaleDots(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		h, err := f.Svc.HillChart(ctx, f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Scopes) != 4 {
			t.Fatalf("%d dots", len(h.Scopes))
		}
		first, second := h.Scopes[0], h.Scopes[1]
		_, err = f.Svc.MoveHill(ctx, f.Partner.Actor, f.WS.ID, h.ID, duet.HillUpdate{Positions: map[string]int{first.ID: 250}})
		wantInvalid(t, err, "position")
		_, err = f.Svc.MoveHill(ctx, f.Partner.Actor, f.WS.ID, h.ID, duet.HillUpdate{Positions: map[string]int{"nope": 20}})
		wantInvalid(t, err, "positions")
		if _, err := f.Svc.MoveHill(ctx, f.Guest.Actor, f.WS.ID, h.ID, duet.HillUpdate{Positions: map[string]int{first.ID: 20}}); duet.ErrorKind(err) != duet.EForbidden {
			t.Fatalf("guest moves: %v", err)
		}
		if _, err := f.Svc.MoveHill(ctx, f.Stranger.Actor, f.WS.ID, h.ID, duet.HillUpdate{Positions: map[string]int{first.ID: 20}}); duet.ErrorKind(err) != duet.ENotFound {
			t.Fatalf("stranger moves: %v", err)
		}
		snap, err := f.Svc.MoveHill(ctx, f.Partner.Actor, f.WS.ID, h.ID, duet.HillUpdate{Positions: map[string]int{first.ID: 40}, Note: "Brief agreed"})
		if err != nil {
			t.Fatal(err)
		}
		if len(snap.Moves) != 1 || snap.Moves[0].To != 40 || snap.Positions[second.ID] != second.Position || snap.Actor.Side != duet.SidePartner {
			t.Fatalf("snapshot = %+v", snap)
		}
		f.Clock.Advance(time.Hour)
		if _, err := f.Svc.MoveHill(ctx, f.Admin.Actor, f.WS.ID, h.ID, duet.HillUpdate{Positions: map[string]int{second.ID: 70}}); err != nil {
			t.Fatal(err)
		}
		snaps, err := f.Svc.HillSnapshots(ctx, f.Partner.Actor, f.WS.ID, h.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(snaps) != 2 || snaps[0].Positions[first.ID] != 40 || snaps[0].Positions[second.ID] != 70 || snaps[1].Note != "Brief agreed" {
			t.Fatalf("snapshots = %+v", snaps)
		}
		// Eight days on, a task of the first dot's list changes while the
		// dot stays: the dot is stale; the second dot has no task change.
		f.Clock.Advance(8 * 24 * time.Hour)
		tasks, _ := f.Svc.Tasks(ctx, f.Admin.Actor, f.WS.ID, duet.TaskFilter{ListID: first.TaskListID})
		title := "Renamed"
		if _, err := f.Svc.UpdateTask(ctx, f.Admin.Actor, f.WS.ID, tasks[0].ID, duet.TaskUpdate{Version: tasks[0].Version, Title: &title}); err != nil {
			t.Fatal(err)
		}
		h, _ = f.Svc.HillChart(ctx, f.Partner.Actor, f.WS.ID)
		if !h.Scopes[0].Stale || h.Scopes[1].Stale {
			t.Fatalf("stale = %v, %v", h.Scopes[0].Stale, h.Scopes[1].Stale)
		}
	})
}

func TestMyWork(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		newTask(t, f, f.Admin, duet.TaskCreate{Title: "Overdue copy", Due: "2026-11-12"})
		newTask(t, f, f.Admin, duet.TaskCreate{Title: "This week copy", Due: "2026-11-20"})
		newTask(t, f, f.Admin, duet.TaskCreate{Title: "Later copy", Due: "2026-12-20"})
		newTask(t, f, f.Admin, duet.TaskCreate{Title: "Someone else's", Due: "2026-11-12", DRI: "role:designer"})
		if _, err := f.Svc.ProposeDecision(ctx, f.Partner.Actor, f.WS.ID, duet.DecisionCreate{Kind: duet.KindCopy, Title: "Final headline", Body: "Grow together"}); err != nil {
			t.Fatal(err)
		}
		w, err := f.Svc.MyWork(ctx, f.HostMember.Actor)
		if err != nil {
			t.Fatal(err)
		}
		in := func(items []core.WorkItem, title string) bool {
			for _, it := range items {
				if it.Title == title {
					return true
				}
			}
			return false
		}
		if !in(w.Overdue, "Overdue copy") || !in(w.ThisWeek, "This week copy") || !in(w.Later, "Later copy") {
			t.Fatalf("my work = %+v", w)
		}
		all := append(append(w.Overdue, w.ThisWeek...), w.Later...)
		if in(all, "Someone else's") {
			t.Fatal("another role's task is on my list")
		}
		for _, it := range all {
			if it.WorkspaceName != f.WS.Name || (it.Kind == "task" && it.Why != "DRI as Content Lead") || (it.Kind == "decision" && it.Why != "Signer as Content Lead") {
				t.Fatalf("item %+v", it)
			}
		}
		// The Content Lead signs copy decisions for the host: it waits
		// this week.
		if !in(w.ThisWeek, "Final headline") {
			t.Fatalf("sign-off missing: %+v", w.ThisWeek)
		}
	})
}

func TestTaskListsAndMilestoneEdits(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		l, err := f.Svc.CreateTaskList(ctx, f.Partner.Actor, f.WS.ID, duet.TaskListCreate{Title: "Partner enablement", DRI: "role:partner-marketing-lead"})
		if err != nil {
			t.Fatal(err)
		}
		if l.Key != "partner-enablement" || l.Position != 4 || l.DRI.Member == nil {
			t.Fatalf("list = %+v", l)
		}
		_, err = f.Svc.CreateTaskList(ctx, f.Partner.Actor, f.WS.ID, duet.TaskListCreate{Title: "Both", DRI: "partner"})
		wantInvalid(t, err, "dri")
		first, title := 0, "Enablement"
		if _, err := f.Svc.UpdateTaskList(ctx, f.Admin.Actor, f.WS.ID, l.ID, duet.TaskListUpdate{Title: &title, Position: &first}); err != nil {
			t.Fatal(err)
		}
		lists, err := f.Svc.TaskLists(ctx, f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if lists[0].ID != l.ID || lists[0].Title != "Enablement" || lists[1].Key != "kickoff-alignment" {
			t.Fatalf("order = %s, %s", lists[0].Title, lists[1].Title)
		}
		archived := true
		if _, err := f.Svc.UpdateTaskList(ctx, f.Admin.Actor, f.WS.ID, l.ID, duet.TaskListUpdate{Archived: &archived}); err != nil {
			t.Fatal(err)
		}
		_, err = f.Svc.CreateTask(ctx, f.Admin.Actor, f.WS.ID, duet.TaskCreate{ListID: l.ID, Title: "x", DRI: "role:content-lead"})
		if duet.ErrorKind(err) != duet.EConflict {
			t.Fatalf("task in an archived list: %v", err)
		}

		ms, _ := f.Svc.Milestones(ctx, f.Admin.Actor, f.WS.ID)
		m := milestoneByKey(t, ms, "launch-go-live")
		got, err := f.Svc.AddCriterion(ctx, f.Partner.Actor, f.WS.ID, m.ID, duet.CriterionCreate{Text: "Partner newsletter scheduled", DRI: "role:partner-marketing-lead"})
		if err != nil {
			t.Fatal(err)
		}
		last := got.Criteria[len(got.Criteria)-1]
		if last.Text != "Partner newsletter scheduled" || last.Computed || last.Met || last.DRI.Member == nil {
			t.Fatalf("added criterion %+v", last)
		}
		_, err = f.Svc.AddCriterion(ctx, f.Partner.Actor, f.WS.ID, m.ID, duet.CriterionCreate{Text: "x", DRI: "side:partner"})
		wantInvalid(t, err, "dri")
		due := "launch+1d"
		got, err = f.Svc.UpdateMilestone(ctx, f.Admin.Actor, f.WS.ID, m.ID, duet.MilestoneUpdate{Version: got.Version, Due: &due})
		if err != nil {
			t.Fatal(err)
		}
		if got.DueOn.String() != "2027-01-20" || got.Due.String() != "launch+1d" {
			t.Fatalf("due %s (%s)", got.DueOn, got.Due)
		}
		if _, err := f.Svc.UpdateMilestone(ctx, f.Admin.Actor, f.WS.ID, m.ID, duet.MilestoneUpdate{Version: 1, Due: &due}); duet.ErrorKind(err) != duet.EConflict {
			t.Fatalf("stale milestone edit: %v", err)
		}
		h, _ := f.Svc.HillChart(ctx, f.Admin.Actor, f.WS.ID)
		h, err = f.Svc.AddHillScope(ctx, f.Partner.Actor, f.WS.ID, h.ID, duet.HillScopeCreate{Title: "Partner enablement", TaskListID: l.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Scopes) != 5 || h.Scopes[4].Title != "Partner enablement" {
			t.Fatalf("scopes = %+v", h.Scopes)
		}
	})
}
